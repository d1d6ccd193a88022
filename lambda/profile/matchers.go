package profile

import "strings"

// matchers do what a rule's pattern does without a regular expression, for
// the patterns every profile meets; a test holds each to its pattern.
var matchers = map[string]func(string) bool{
	`.*`:                                 func(string) bool { return true },
	`^\S+$`:                              isNonBlank,
	`^[\w]+$`:                            oneOrMore(word),
	`^[\w/!@#+=.-]+$`:                    oneOrMore(word + "/!@#+=.-"),
	`^[a-zA-Z0-9][\w!@#.-]+$`:            label,
	`^arn:aws:kms:.*:[0-9]+:`:            arn("kms"),
	`^arn:aws:iam:.*:[0-9]+:`:            arn("iam"),
	`^arn:aws:secretsmanager:.*:[0-9]+:`: arn("secretsmanager"),
	`^(https?)://[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]$`: isHTTPURL,
}

const (
	alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	word  = alnum + "_" // \w
)

// byteSet holds ASCII bytes; a byte of a multi-byte rune is never in it.
type byteSet [256]bool

func setOf(chars string) *byteSet {
	var set byteSet
	for i := range len(chars) {
		set[chars[i]] = true
	}
	return &set
}

func (set *byteSet) holdsAll(s string) bool {
	for i := range len(s) {
		if !set[s[i]] {
			return false
		}
	}
	return true
}

// oneOrMore matches ^[chars]+$.
func oneOrMore(chars string) func(string) bool {
	set := setOf(chars)
	return func(s string) bool { return s != "" && set.holdsAll(s) }
}

// isNonBlank matches ^\S+$ as RE2 reads it: \s is ASCII whitespace only.
func isNonBlank(s string) bool {
	for i := range len(s) {
		if c := s[i]; c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
			return false
		}
	}
	return s != ""
}

var alnums, labelChars = setOf(alnum), setOf(word + "!@#.-")

func label(s string) bool {
	return len(s) >= 2 && alnums[s[0]] && labelChars.holdsAll(s[1:])
}

// arn matches ^arn:aws:<service>:.*:[0-9]+: where . is anything but a newline.
func arn(service string) func(string) bool {
	prefix := "arn:aws:" + service + ":"
	return func(s string) bool {
		rest, ok := strings.CutPrefix(s, prefix)
		if line := strings.IndexByte(rest, '\n'); line >= 0 {
			rest = rest[:line]
		}
		for i := 0; ok && i < len(rest); i++ {
			if rest[i] != ':' {
				continue
			}
			j := i + 1
			for j < len(rest) && '0' <= rest[j] && rest[j] <= '9' {
				j++
			}
			if j > i+1 && j < len(rest) && rest[j] == ':' {
				return true
			}
		}
		return false
	}
}

var urlChars, urlEnd = setOf(alnum + "-+&@#/%?=~_|!:,.;"), setOf(alnum + "-+&@#/%=~_|")

func isHTTPURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(s, "http://")
	}
	return ok && rest != "" && urlChars.holdsAll(rest) && urlEnd[rest[len(rest)-1]]
}
