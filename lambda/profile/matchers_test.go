package profile

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// matcherInputs mixes the characters the patterns care about, near-misses of
// their prefixes, and random strings over a small alphabet.
func matcherInputs() []string {
	inputs := []string{
		"", "a", "ab", "abc_123", "a b", "a\tb", "a\nb", "a\vb", "a\u00a0b", "é", "a-b", "_", " ", "x\r", "ÿ", "日本", "\xff", "a\xffb",
		"p1", "-p", "p/!@#+=.-", "acme-crm", "1a", "a!", "_ab",
		"arn:aws:kms:us-east-1:111122223333:key/1", "arn:aws:kms::1:", "arn:aws:kms:::", "arn:aws:kms:\n:1:", "arn:aws:kms:x\n:1:", "arn:aws:kms:a:1:\n",
		"arn:aws:kms:a:1", "arn:aws:kms:a:12:", "arn:aws:kms::x:1:", "arn:aws:kms:a::1:", "arn:aws:iam::111122223333:role/r", "arn:aws:secretsmanager:r:1:s",
		"http://a", "https://a.b/c?d=e", "https://", "https://a.", "https://a/", "ftp://a", "https://a b", "HTTPS://a", "http://a;", "https://é",
	}
	const alphabet = "a1_:.-/?;!@#+=%~|,& \n\téhtpsarnwkmiaecg"
	runes := []rune(alphabet)
	rng := rand.New(rand.NewPCG(1, 2))
	prefixes := []string{"", "arn:aws:kms:", "arn:aws:iam:", "arn:aws:secretsmanager:", "http://", "https://", "a"}
	for range 20000 {
		b := []rune(prefixes[rng.IntN(len(prefixes))])
		for range rng.IntN(12) {
			b = append(b, runes[rng.IntN(len(runes))])
		}
		inputs = append(inputs, string(b))
	}
	return inputs
}

// Each fast matcher must agree with the pattern it stands for.
func TestMatchersAgreeWithTheirPatterns(t *testing.T) {
	inputs := matcherInputs()
	for pattern, match := range matchers {
		re := regexp.MustCompile(pattern)
		for _, in := range inputs {
			if got, want := match(in), re.MatchString(in); got != want {
				t.Errorf("%s: match(%q) = %v, the pattern says %v", pattern, in, got, want)
			}
		}
	}
}

// FuzzMatchers looks for a string on which a fast matcher and its pattern differ.
//
//	go test -run='^$' -fuzz='^FuzzMatchers$' -fuzztime=30s ./lambda/profile
func FuzzMatchers(f *testing.F) {
	for _, in := range matcherInputs()[:60] {
		f.Add(in)
	}
	patterns := map[string]*regexp.Regexp{}
	for pattern := range matchers {
		patterns[pattern] = regexp.MustCompile(pattern)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for pattern, match := range matchers {
			if got, want := match(in), patterns[pattern].MatchString(in); got != want {
				t.Errorf("%s: match(%q) = %v, the pattern says %v", pattern, in, got, want)
			}
		}
	})
}
