package harness

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// canary matches the fake credentials WithCanaries hands out.
var canary = regexp.MustCompile(`cnry[0-9a-f]{20}`)

func newCanary() string {
	b := make([]byte, 10)
	rand.Read(b)
	return "cnry" + hex.EncodeToString(b)
}

// modeLike values (OAUTH2, AUTHORIZATION_CODE) choose a mode; they are no secret.
var modeLike = regexp.MustCompile(`^[A-Z0-9_]+$`)

// WithCanaries returns a copy of ev whose credentials are canaries, each
// unique and in the shape of the value it replaces: "cnry" and 20 random hex
// digits, a part of which is enough for FindSecret to find it again.
func WithCanaries(ev Event) Event {
	out := ev.Clone()
	out.eachCredential(func(v string) string {
		switch {
		case v == "" || v == "true" || v == "false" || modeLike.MatchString(v):
			return v
		case strings.HasPrefix(v, "arn:"):
			return v[:strings.LastIndex(v, ":")+1] + newCanary()
		case strings.HasPrefix(v, "http://"), strings.HasPrefix(v, "https://"):
			return "https://" + newCanary() + ".example.com/callback"
		case strings.Count(v, ".") == 2 && !strings.ContainsAny(v, " /"):
			return newCanary() + "." + newCanary() + "." + newCanary()
		case strings.Contains(v, " "):
			return newCanary() + " " + newCanary()
		}
		return newCanary()
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
// too, so a part of one counts.
func FindSecret(text string, secrets []string) string {
	for _, s := range secrets {
		if strings.Contains(text, s) {
			return s
		}
		for _, c := range canary.FindAllString(s, -1) {
			if strings.Contains(text, c[4:16]) || strings.Contains(text, c[12:]) {
				return s
			}
		}
	}
	return ""
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
	secrets := s.Secrets()
	var leaks []string
	look := func(where, text string) {
		if found := FindSecret(text, secrets); found != "" {
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
