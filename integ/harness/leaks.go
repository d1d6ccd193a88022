package harness

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// canary matches the fake credentials WithCanaries hands out.
var canary = regexp.MustCompile(`cnry[0-9a-f]{20}`)

// NewCanary is a fake credential FindSecret finds again, also in part:
// "cnry" and 20 random hex digits.
func NewCanary() string {
	b := make([]byte, 10)
	rand.Read(b)
	return "cnry" + hex.EncodeToString(b)
}

// modeLike values (OAUTH2, AUTHORIZATION_CODE) choose a mode; they are no secret.
var modeLike = regexp.MustCompile(`^[A-Z0-9_]+$`)

// WithCanaries returns a copy of ev whose credentials are canaries, each
// unique and in the shape of the value it replaces.
func WithCanaries(ev Event) Event {
	out := ev.Clone()
	out.eachCredential(func(v string) string {
		switch {
		case v == "" || v == "true" || v == "false" || modeLike.MatchString(v):
			return v
		case strings.HasPrefix(v, "arn:"):
			return v[:strings.LastIndex(v, ":")+1] + NewCanary()
		case strings.HasPrefix(v, "http://"), strings.HasPrefix(v, "https://"):
			return "https://" + NewCanary() + ".example.com/callback"
		case strings.Count(v, ".") == 2 && !strings.ContainsAny(v, " /"):
			return NewCanary() + "." + NewCanary() + "." + NewCanary()
		case strings.Contains(v, " "):
			return NewCanary() + " " + NewCanary()
		}
		return NewCanary()
	})
	return out
}

// Canaries lists the canaries in ev.
func Canaries(ev Event) []string {
	var out []string
	for _, s := range ev.Secrets() {
		out = append(out, canary.FindAllString(s, -1)...)
	}
	return out
}

// FindSecret returns the first of secrets that occurs in text, or "". A
// canary is found by 12 of its hex digits in a row at its start or its end
// too, so a part of one counts. Each is found as written, JSON-escaped by
// any writer (\uXXXX included, once or twice over), URL-encoded, and
// base64-encoded at any alignment.
func FindSecret(text string, secrets []string) string {
	return newFinder(secrets).find(text)
}

// finder looks for secrets in every form FindSecret names.
type finder struct {
	secrets []string
	forms   [][]string // forms[i]: what betrays secrets[i]
}

func newFinder(secrets []string) finder {
	f := finder{secrets: secrets, forms: make([][]string, len(secrets))}
	for i, s := range secrets {
		parts := []string{s}
		for _, c := range canary.FindAllString(s, -1) {
			parts = append(parts, c[4:16], c[12:])
		}
		for _, p := range parts {
			f.forms[i] = append(f.forms[i], p)
			f.forms[i] = append(f.forms[i], base64Cores(p)...)
		}
	}
	return f
}

func (f finder) find(text string) string {
	json := unescapeJSON(text)
	views := []string{text, json, unescapeJSON(json), unescapeURL(text), unescapeURL(json)}
	for i, forms := range f.forms {
		for _, form := range forms {
			for _, v := range views {
				if strings.Contains(v, form) {
					return f.secrets[i]
				}
			}
		}
	}
	return ""
}

// base64Cores are the parts of s's base64 encodings (standard and URL)
// that do not depend on the bytes around s, for each alignment of s.
func base64Cores(s string) []string {
	var cores []string
	for shift := range 3 {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			all := enc.EncodeToString(append(make([]byte, shift), s...))
			cores = append(cores, all[(8*shift+5)/6:8*(shift+len(s))/6])
		}
	}
	return cores
}

var jsonEscapes = map[byte]string{'"': `"`, '\\': `\`, '/': "/", 'b': "\b", 'f': "\f", 'n': "\n", 'r': "\r", 't': "\t"}

// unescapeJSON decodes JSON string escapes wherever they appear.
func unescapeJSON(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			if e, ok := jsonEscapes[s[i+1]]; ok {
				b.WriteString(e)
				i++
				continue
			}
			if s[i+1] == 'u' && i+6 <= len(s) {
				if n, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
					b.WriteRune(rune(n))
					i += 5
					continue
				}
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unescapeURL decodes %XX escapes, and + as a space, wherever they appear.
func unescapeURL(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '%' && i+2 < len(s):
			if n, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(n))
				i += 2
				continue
			}
		case s[i] == '+':
			b.WriteByte(' ')
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Secrets lists what the function must keep to itself: the fake AWS secret
// key and session token, the credentials of every event delivered and every
// value the Secrets Manager stand-in has held.
func (s *Stack) Secrets() []string {
	secrets := []string{FakeSecretAccessKey, FakeSessionToken}
	for _, d := range s.Deliveries() {
		secrets = append(secrets, d.Event.Secrets()...)
	}
	if s.SecretsManager != nil {
		secrets = append(secrets, SecretValues(s.SecretsManager.Values())...)
	}
	return secrets
}

// SecretValues lists the credentials in the values of secrets, each a JSON
// object of credential members or a credential of its own, that are long
// enough to find again.
func SecretValues(values []string) []string {
	var out []string
	keep := func(v string) string {
		if findable(v) {
			out = append(out, v)
		}
		return v
	}
	for _, value := range values {
		var v any
		if json.Unmarshal([]byte(value), &v) != nil {
			keep(value)
			continue
		}
		eachCredential(v, true, keep)
	}
	return out
}

// Leaks says where a secret shows up: in a line the emulator or the function
// wrote, in what the function returned to the runtime, in a response to
// CloudFormation, in an AppFlow or Secrets Manager answer that no fault made
// up (but for the GetSecretValue answers, which carry the secrets by design),
// or in a file under the function's TempDir. Read it after Close, when the
// output is whole.
func (s *Stack) Leaks() []string {
	secrets := newFinder(s.Secrets())
	var leaks []string
	look := func(where, text string) {
		if found := secrets.find(text); found != "" {
			leaks = append(leaks, fmt.Sprintf("secret %s %s: %.300s", found, where, text))
		}
	}
	if s.Lambda != nil {
		for _, line := range strings.Split(s.Lambda.Output(), "\n") {
			look("in a log line", line)
		}
	}
	for _, d := range s.Deliveries() {
		look("in what the function returned", string(d.Invoke.Body))
	}
	for _, p := range s.CloudFormation.Puts() {
		look("in a response to CloudFormation", string(p.Body))
	}
	if s.AppFlow != nil {
		for _, c := range s.AppFlow.Calls() {
			if c.Fault == "" {
				look("in AppFlow's answer to "+c.Op, string(c.Response))
			}
		}
	}
	if s.SecretsManager != nil {
		for _, c := range s.SecretsManager.Calls() {
			if c.Fault == "" && !(c.Op == "GetSecretValue" && c.Status == http.StatusOK) {
				look("in Secrets Manager's answer to "+c.Op, string(c.Response))
			}
		}
	}
	if s.TempDir != "" {
		filepath.WalkDir(s.TempDir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if b, err := os.ReadFile(path); err == nil {
					look("in a file the function wrote, "+path, string(b))
				}
			}
			return nil
		})
	}
	return leaks
}
