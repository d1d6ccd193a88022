package handler

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	secret := `abc"def<ghi`
	escaped, _ := json.Marshal(secret)
	tests := []struct {
		name, text string
	}{
		{"as written", "token " + secret + " refused"},
		{"as JSON escapes it", `input {"accessToken":` + string(escaped) + `} refused`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := redact(tt.text, []string{secret, "ok"})
			if strings.Contains(got, "abc") || strings.Contains(got, "ghi") {
				t.Errorf("redact left the secret in %q", got)
			}
			if !strings.Contains(got, "****") || !strings.Contains(got, "refused") {
				t.Errorf("redact = %q, want the secret masked and the rest kept", got)
			}
		})
	}
}
