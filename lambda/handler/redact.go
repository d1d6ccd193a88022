package handler

import (
	"bytes"
	"encoding/base64"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// Credentials reach no Reason and no log line in any form a service may quote
// them in. redact masks, in text that may quote a request:
//   - every run of minFragment or more bytes of a secret: a prefix a service
//     quotes, a secret inside another, a longer one first;
//   - a shorter secret (of minCredential bytes or more), and a credential that
//     only names something (a secret's ARN, a redirect URI), where it appears whole;
//   - each as written, as JSON escapes it (whatever the writer escapes,
//     \uXXXX included), URL-encoded, and base64-encoded at any alignment.
const (
	minFragment   = 8
	minCredential = 3 // one or two characters would mask ordinary text
)

const masked = "****"

// redactFor masks the credentials of p, which may be nil.
func redactFor(text string, p *profile.Properties) string {
	secrets, identifiers := p.Credentials()
	return redact(text, secrets, identifiers)
}

func redact(text string, secrets, identifiers []string) string {
	fragments, whole := credentialForms(secrets), credentialForms(identifiers)
	if text == "" || len(fragments)+len(whole) == 0 {
		return text
	}
	marks := make([]bool, len(text))
	raw := rawView(text)
	json := raw.unescapeJSON()
	for _, v := range []view{raw, json, raw.unescapeURL(), json.unescapeURL(), json.unescapeJSON()} {
		v.markFragments(fragments, marks)
		v.markWhole(whole, marks)
	}
	return mask(text, marks)
}

// credentialForms are the credentials and their base64 encodings.
func credentialForms(credentials []string) []string {
	var forms []string
	for _, c := range credentials {
		if len(c) < minCredential {
			continue
		}
		forms = append(forms, c)
		for shift := range 3 {
			for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
				if core := base64Core(enc, c, shift); len(core) >= minFragment {
					forms = append(forms, core)
				}
			}
		}
	}
	return forms
}

// base64Core is the part of c's encoding that does not depend on what comes
// before or after c, when shift bytes precede it in the encoded data.
func base64Core(enc *base64.Encoding, c string, shift int) string {
	all := enc.EncodeToString(append(make([]byte, shift), c...))
	from, to := (8*shift+5)/6, 8*(shift+len(c))/6
	return all[from:to]
}

// view is text decoded one way, each byte knowing the bytes of text it came from.
type view struct {
	text     []byte
	from, to []int // text[i] came from the original's [from[i], to[i])
}

func rawView(s string) view {
	v := view{text: []byte(s), from: make([]int, len(s)), to: make([]int, len(s))}
	for i := range s {
		v.from[i], v.to[i] = i, i+1
	}
	return v
}

// emit appends b, decoded from v's bytes [i, j).
func (v view) emit(out *view, b []byte, i, j int) {
	for _, c := range b {
		out.text = append(out.text, c)
		out.from = append(out.from, v.from[i])
		out.to = append(out.to, v.to[j-1])
	}
}

var jsonEscapes = map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// unescapeJSON decodes JSON string escapes wherever they appear.
func (v view) unescapeJSON() view {
	var out view
	t := v.text
	for i := 0; i < len(t); {
		if t[i] == '\\' && i+1 < len(t) {
			if c, ok := jsonEscapes[t[i+1]]; ok {
				v.emit(&out, []byte{c}, i, i+2)
				i += 2
				continue
			}
			if r, n := unicodeEscape(t[i:]); n > 0 {
				v.emit(&out, utf8.AppendRune(nil, r), i, i+n)
				i += n
				continue
			}
		}
		v.emit(&out, t[i:i+1], i, i+1)
		i++
	}
	return out
}

// unicodeEscape reads \uXXXX, or a surrogate pair of them, at the start of t.
func unicodeEscape(t []byte) (rune, int) {
	hex := func(at int) (rune, bool) {
		if len(t) < at+6 || t[at] != '\\' || t[at+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(t[at+2:at+6]), 16, 16)
		return rune(n), err == nil
	}
	r, ok := hex(0)
	if !ok {
		return 0, 0
	}
	if utf16.IsSurrogate(r) {
		if low, ok := hex(6); ok {
			if pair := utf16.DecodeRune(r, low); pair != utf8.RuneError {
				return pair, 12
			}
		}
	}
	return r, 6
}

// unescapeURL decodes %XX escapes, and + as a space.
func (v view) unescapeURL() view {
	var out view
	t := v.text
	for i := 0; i < len(t); {
		switch {
		case t[i] == '%' && i+2 < len(t):
			if n, err := strconv.ParseUint(string(t[i+1:i+3]), 16, 8); err == nil {
				v.emit(&out, []byte{byte(n)}, i, i+3)
				i += 3
				continue
			}
		case t[i] == '+':
			v.emit(&out, []byte{' '}, i, i+1)
			i++
			continue
		}
		v.emit(&out, t[i:i+1], i, i+1)
		i++
	}
	return out
}

// markFragments sets marks over every run of minFragment bytes of a form in
// v, and over a shorter form where it appears whole.
func (v view) markFragments(forms []string, marks []bool) {
	fragments := map[string]bool{}
	var short []string
	for _, f := range forms {
		if len(f) < minFragment {
			short = append(short, f)
			continue
		}
		for i := 0; i+minFragment <= len(f); i++ {
			fragments[f[i:i+minFragment]] = true
		}
	}
	v.markWhole(short, marks)
	if len(fragments) == 0 {
		return
	}
	for i := 0; i+minFragment <= len(v.text); i++ {
		if fragments[string(v.text[i:i+minFragment])] {
			v.markSpan(i, i+minFragment, marks)
		}
	}
}

// markWhole sets marks over every whole occurrence of a form in v.
func (v view) markWhole(forms []string, marks []bool) {
	for _, f := range forms {
		for at := 0; ; {
			i := bytes.Index(v.text[at:], []byte(f))
			if i < 0 {
				break
			}
			v.markSpan(at+i, at+i+len(f), marks)
			at += i + 1
		}
	}
}

func (v view) markSpan(i, j int, marks []bool) {
	for k := v.from[i]; k < v.to[j-1]; k++ {
		marks[k] = true
	}
}

// mask replaces each marked run of text, widened to whole runes, with asterisks.
func mask(text string, marks []bool) string {
	for i := 1; i < len(text); i++ { // a rune's later bytes follow its first
		if marks[i-1] && !utf8.RuneStart(text[i]) {
			marks[i] = true
		}
	}
	for i := len(text) - 2; i >= 0; i-- { // and its first bytes precede its later ones
		if marks[i+1] && !utf8.RuneStart(text[i+1]) {
			marks[i] = true
		}
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if !marks[i] {
			b.WriteByte(text[i])
			continue
		}
		b.WriteString(masked)
		for i+1 < len(text) && marks[i+1] {
			i++
		}
	}
	return b.String()
}
