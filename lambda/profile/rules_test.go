package profile

import "testing"

// The fast matchers must agree with the patterns they stand for.
func TestFastMatchersAgreeWithTheirPatterns(t *testing.T) {
	inputs := []string{"", "a", "abc_123", "a b", "a\tb", "a\nb", "a\vb", "a\u00a0b", "é", "a-b", "_", " ", "x\r", "ÿ", "日本"}
	for _, r := range []rule{nonBlank(10), mapRule.key, anyText(10)} {
		for _, in := range inputs {
			if got, want := r.match(in), r.pattern.MatchString(in); got != want {
				t.Errorf("%s: match(%q) = %v, pattern says %v", r.pattern, in, got, want)
			}
		}
	}
}
