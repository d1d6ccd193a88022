package profile

import (
	"regexp"
	"strings"
)

// The API model's patterns are Java regular expressions, whose classes are not
// Go's: Java's \s also holds U+000B, and its . refuses every line terminator,
// not just \n. javaRegexp spells the classes out so that Go reads a pattern as
// Java does.
const (
	javaSpace   = `\t\n\v\f\r `
	javaWord    = `0-9A-Za-z_`
	javaDigit   = `0-9`
	javaNewline = `\n\r\x{85}\x{2028}\x{2029}` // what . does not match
)

var (
	javaOutside = map[byte]string{'s': `[` + javaSpace + `]`, 'S': `[^` + javaSpace + `]`, 'w': `[` + javaWord + `]`, 'd': `[` + javaDigit + `]`}
	javaInside  = map[byte]string{'s': javaSpace, 'w': javaWord, 'd': javaDigit}
)

// javaRegexp compiles a Java pattern (of the model's kind: no \W, \D or \S
// inside brackets) to a Go one that matches the same strings.
func javaRegexp(pattern string) *regexp.Regexp {
	return regexp.MustCompile(goPattern(pattern))
}

// goPattern rewrites a Java pattern's classes \s \S \w \d and . into
// bracket expressions that Go, and ECMAScript once \x{…} is written \u…, read
// the same way.
func goPattern(pattern string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\' && i+1 < len(pattern):
			i++
			table := javaOutside
			if inClass {
				table = javaInside
			}
			if rep, ok := table[pattern[i]]; ok {
				b.WriteString(rep)
			} else {
				b.WriteByte(c)
				b.WriteByte(pattern[i])
			}
			continue
		case c == '.' && !inClass:
			b.WriteString(`[^` + javaNewline + `]`)
			continue
		case c == '[' && !inClass:
			inClass = true
		case c == ']' && inClass:
			inClass = false
		}
		b.WriteByte(c)
	}
	return b.String()
}
