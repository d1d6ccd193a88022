package template

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

func TestIntegerPatternMatchesParseIntInRange(t *testing.T) {
	for _, r := range [][2]int{{1, 65535}, {1, 3600}, {7, 12}, {100, 999}} {
		s := integerSchemas(r[0], r[1])[1].(map[string]any)
		re := regexp.MustCompile(s["pattern"].(string))
		for n := 0; n <= r[1]*2+10; n++ {
			for _, text := range []string{strconv.Itoa(n), "+" + strconv.Itoa(n), "0" + strconv.Itoa(n), fmt.Sprintf("%d.0", n)} {
				i, err := strconv.ParseInt(text, 10, 64)
				want := err == nil && int(i) >= r[0] && int(i) <= r[1]
				if got := re.MatchString(text); got != want {
					t.Fatalf("range %v: pattern matches %q = %t, want %t", r, text, got, want)
				}
			}
		}
	}
}

// TestECMAPatternMeansTheSame: a pattern reads the same in Go and, after
// ecmaPattern, in ECMAScript, which has no \x{…} escape.
func TestECMAPatternMeansTheSame(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`^[^\t\n\v\f\r ]+$`, `^[^\t\n\v\f\r ]+$`},
		{`^arn:aws:kms:[^\n\r\x{85}\x{2028}\x{2029}]*:`, `^arn:aws:kms:[^\n\r\u0085\u2028\u2029]*:`},
		{`a\.b`, `a\.b`},
	} {
		if got := ecmaPattern(tc.in); got != tc.want {
			t.Errorf("ecmaPattern(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
