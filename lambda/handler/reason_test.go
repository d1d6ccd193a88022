package handler

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestRedactEveryForm(t *testing.T) {
	const (
		token    = "canaryTok3n-9f8e7d6c5b4a39281706"
		password = `p@ss w&rd/"<é>+%`
		short    = "k9x"
	)
	inner, outer := "Abcdefgh12345678", "Abcdefgh12345678-and-more-secret"
	goJSON, _ := json.Marshal(password)
	uEscaped := ""
	for _, r := range password {
		uEscaped += fmt.Sprintf(`\u%04x`, r)
	}
	tests := []struct {
		name, text string
		leaks      []string // none may remain
	}{
		{"as written", "token " + token + " refused", []string{token}},
		{"a 20-character prefix", "token " + token[:20] + "... is expired", []string{token[:8], token[12:20]}},
		{"Go's JSON escapes", `input {"password":` + string(goJSON) + `}`, []string{`p@ss`, `w\u0026rd`}},
		{"Jackson's escapes (\\\" with a raw &)", `input {"password":"p@ss w&rd/\"<é>+%"}`, []string{`p@ss`, `w&rd`}},
		{"every character \\u-escaped", `input {"password":"` + uEscaped + `"}`, []string{`\u0070\u0040`}},
		{"URL-encoded", "POST body password=" + url.QueryEscape(password) + "&user=x", []string{"p%40ss", "w%26rd"}},
		{"base64", "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("user:"+token)), []string{
			base64.StdEncoding.EncodeToString([]byte("user:" + token))[8:24]}},
		{"URL-safe base64 at another alignment", "jwt " + base64.RawURLEncoding.EncodeToString([]byte("ab"+token+"yz")), []string{
			base64.RawURLEncoding.EncodeToString([]byte("ab" + token))[4:20]}},
		{"a credential inside another", "bad " + outer + " and " + inner, []string{"Abcdefgh", "and-more", "secret"}},
		{"a short credential whole", "key " + short + " refused", []string{short}},
	}
	credentials := []string{token, password, short, inner, outer, "ok"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := redact(tt.text, credentials, nil)
			for _, leak := range tt.leaks {
				if strings.Contains(got, leak) {
					t.Errorf("redact(%q) = %q: %q remains", tt.text, got, leak)
				}
			}
			if !strings.Contains(got, masked) {
				t.Errorf("redact(%q) = %q masks nothing", tt.text, got)
			}
			if first := strings.Fields(tt.text)[0]; !strings.HasPrefix(got, first) {
				t.Errorf("redact(%q) = %q lost the text around the credential", tt.text, got)
			}
		})
	}
}

func TestRedactKeepsOrdinaryText(t *testing.T) {
	text := `could not create the connector profile: AppFlow said ValidationException: ok, the instanceUrl is wrong`
	if got := redact(text, []string{"ok", "zz", "unrelated-secret-value"}, nil); got != text {
		t.Errorf("redact changed text that quotes no credential:\n got %q\nwant %q", got, text)
	}
}

// A credential that names something is masked where it appears whole, not
// wherever a piece of it does.
func TestRedactIdentifiersWhole(t *testing.T) {
	redirect := "https://login.salesforce.com/services/oauth2/success"
	text := "could not reach https://example.my.salesforce.com/ for " + redirect
	want := "could not reach https://example.my.salesforce.com/ for " + masked
	if got := redact(text, nil, []string{redirect}); got != want {
		t.Errorf("redact = %q, want %q", got, want)
	}
}
