package harness_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

func TestEventHelpers(t *testing.T) {
	ev, err := harness.LoadEvent(filepath.Join("..", "..", "events", "create-googleanalytics.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got := ev.ProfileName(); got != "appflow-demo-googleanalytics" {
		t.Errorf("ProfileName = %q", got)
	}
	secrets := ev.Secrets()
	// Every value under connectorProfileCredentials counts, redirectUri too.
	if len(secrets) != 6 { // clientId, clientSecret, accessToken, refreshToken, authCode, redirectUri
		t.Errorf("Secrets = %q", secrets)
	}
	if got := harness.FindSecret("x "+secrets[1]+" y", secrets); got != secrets[1] {
		t.Errorf("FindSecret = %q", got)
	}
	fresh := ev.Fresh()
	if fresh.RequestID == ev.RequestID || !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(fresh.RequestID) {
		t.Errorf("Fresh RequestId %q", fresh.RequestID)
	}
	fresh.ResourceProperties["connectorProfileName"] = "changed"
	if ev.ProfileName() == "changed" {
		t.Error("Fresh shares properties with the original")
	}
}

func TestFunctionLines(t *testing.T) {
	out := "START RequestId: 1 Version: $LATEST\n" +
		"27 Nov 2026 23:43:46,715 [INFO] (rapid) INVOKE START(requestId: 1)\n" +
		`{"level":"INFO","msg":"response delivered"}` + "\n" +
		"END RequestId: 1\nREPORT RequestId: 1\tDuration: 1.29 ms\n\n"
	if got := harness.FunctionLines(out); len(got) != 1 || !strings.HasPrefix(got[0], `{"level"`) {
		t.Errorf("FunctionLines = %q", got)
	}
}

func TestCanaries(t *testing.T) {
	ev, err := harness.LoadEvent(filepath.Join("..", "..", "events", "create-salesforce.json"))
	if err != nil {
		t.Fatal(err)
	}
	c := harness.WithCanaries(ev)
	canaries := harness.Canaries(c)
	// accessToken, refreshToken, authCode, redirectUri; oAuth2GrantType only chooses a mode
	if len(canaries) != 4 || slices.Contains(c.Secrets(), "AUTHORIZATION_CODE") {
		t.Fatalf("canaries %q, secrets %q", canaries, c.Secrets())
	}
	if len(harness.Canaries(ev)) != 0 || harness.FindSecret(ev.Secrets()[0], c.Secrets()) != "" {
		t.Errorf("WithCanaries changed the original")
	}
	for _, part := range []string{canaries[0], canaries[0][4:16], canaries[0][12:]} {
		if harness.FindSecret("quoted: "+part+".", c.Secrets()) == "" {
			t.Errorf("%q (a part of canary %q) not found", part, canaries[0])
		}
	}
	if got := harness.FindSecret(canaries[0][4:15], c.Secrets()); got != "" {
		t.Errorf("11 hex digits count as a leak of %q", got)
	}
}

// A secret is found in every form a service or a log may quote it in.
func TestFindSecretForms(t *testing.T) {
	c := harness.NewCanary()
	plain := `pass word&"/x` // no canary: found whole only
	secrets := []string{"unrelated-secret", c, plain}
	unicode := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		return b.String()
	}
	jsonOf := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	for name, text := range map[string]string{
		"a prefix of 16":            c[:16],
		"base64, aligned":           base64.StdEncoding.EncodeToString([]byte(c)),
		"base64, shifted by one":    base64.StdEncoding.EncodeToString([]byte("x" + c)),
		"base64url, shifted by two": base64.URLEncoding.EncodeToString([]byte("xy" + c)),
		"URL-encoded":               url.QueryEscape(plain),
		"URL-encoded in JSON":       jsonOf(url.QueryEscape(plain)),
		"Jackson-escaped":           strings.ReplaceAll(plain, `"`, `\"`),
		"escaped by Go":             jsonOf(plain),
		"\\u-escaped":               unicode(c),
		"\\u-escaped in JSON":       jsonOf(unicode(plain)),
	} {
		if got := harness.FindSecret("quoted: "+text+".", secrets); got == "" || got == "unrelated-secret" {
			t.Errorf("%s: %q not found in %q", name, secrets[1:], text)
		}
	}
	for name, text := range map[string]string{
		"11 hex digits":           c[4:15],
		"base64 of 11 hex digits": base64.StdEncoding.EncodeToString([]byte(c[4:15])),
		"plain, cut short":        url.QueryEscape(plain[:len(plain)-1]),
	} {
		if got := harness.FindSecret(text, secrets); got != "" {
			t.Errorf("%s: %q counts as a leak of %q", name, text, got)
		}
	}
}
