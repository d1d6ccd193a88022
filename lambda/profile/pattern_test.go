package profile

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// modelShape is one shape of the AppFlow API model as botocore ships it.
type modelShape struct {
	Type     string
	Members  map[string]struct{ Shape string }
	Key      struct{ Shape string }
	Value    struct{ Shape string }
	Member   struct{ Shape string }
	Pattern  string
	Min, Max *int
	Enum     []string
}

// appflowModel reads botocore's copy of the AppFlow API model, a second
// source beside the Go SDK (which keeps no patterns), once.
func appflowModel(t *testing.T) map[string]modelShape {
	t.Helper()
	model, skip := loadModel()
	if skip != "" {
		t.Skip(skip)
	}
	return model
}

var loadModel = sync.OnceValues(func() (map[string]modelShape, string) {
	out, err := exec.Command("python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))").Output()
	if err != nil {
		return nil, fmt.Sprintf("the AppFlow model comes with Python's botocore, which is not installed here: %v", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(out)), "data", "appflow", "2020-08-23", "service-2.json.gz"))
	if err != nil {
		return nil, fmt.Sprintf("botocore has no AppFlow model: %v", err)
	}
	defer f.Close()
	var model struct{ Shapes map[string]modelShape }
	z, err := gzip.NewReader(f)
	if err == nil {
		err = json.NewDecoder(z).Decode(&model)
	}
	if err != nil {
		panic(fmt.Sprintf("botocore's AppFlow model: %v", err))
	}
	return model.Shapes, ""
})

// modelString is one string the request takes: a member, a map's keys or
// values, or a list's items.
type modelString struct {
	path  string
	shape modelShape
	ours  rule
}

// modelStrings walks the model's CreateConnectorProfileRequest beside our
// shapes and rules.
func modelStrings(t *testing.T, shapes map[string]modelShape) []modelString {
	var out []modelString
	var walk func(path, name string, ours *Shape)
	walk = func(path, name string, ours *Shape) {
		s := shapes[name]
		switch {
		case s.Type == "structure":
			for member, ref := range s.Members {
				if member == "clientToken" { // the event's RequestId
					continue
				}
				m := ours.Member(member)
				if m == nil {
					t.Errorf("%s.%s: the model has it, the decoder does not", path, member)
					continue
				}
				walk(path+"."+member, ref.Shape, m.Shape)
			}
		case s.Type == "map":
			out = append(out, modelString{path + ".<key>", shapes[s.Key.Shape], mapRule.key},
				modelString{path + ".<value>", shapes[s.Value.Shape], mapRule.value})
		case s.Type == "list":
			r, _ := ruleFor(ours.TypeName, ours.Field)
			out = append(out, modelString{path + "[]", shapes[s.Member.Shape], r})
		case s.Type == "string" && s.Enum == nil:
			r, ok := ruleFor(ours.TypeName, ours.Field)
			if !ok {
				t.Errorf("%s: no rule for %s.%s", path, ours.TypeName, ours.Field)
			}
			out = append(out, modelString{path, s, r})
		}
	}
	walk("", "CreateConnectorProfileRequest", PropertiesShape())
	if len(out) < 100 {
		t.Fatalf("found %d strings in the model; the walk is broken", len(out))
	}
	return out
}

// anchored is how a value must match the model's pattern: in full, but for a
// trailing .* (the rest of an ARN, or any text) which is left open.
func anchored(pattern string) string {
	switch {
	case pattern == anything:
		return pattern
	case strings.HasSuffix(pattern, anything):
		return "^" + strings.TrimSuffix(pattern, anything)
	case alternates(pattern):
		return "^(" + pattern + ")$"
	}
	return "^" + strings.TrimPrefix(strings.TrimSuffix(pattern, "$"), "^") + "$"
}

// alternates reports whether pattern is an alternation at its top level.
func alternates(pattern string) bool {
	depth, inClass := 0, false
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			return true
		}
	}
	return false
}

// TestRulesFollowTheModel: every string's pattern and length limits are the model's.
func TestRulesFollowTheModel(t *testing.T) {
	for _, s := range modelStrings(t, appflowModel(t)) {
		if want := anchored(s.shape.Pattern); s.ours.model != want {
			t.Errorf("%s: pattern %q, the model's is %q (anchored %q)", s.path, s.ours.model, s.shape.Pattern, want)
		}
		if s.shape.Max != nil && *s.shape.Max != s.ours.MaxLen {
			t.Errorf("%s: at most %d characters, the model says %d", s.path, s.ours.MaxLen, *s.shape.Max)
		}
		if s.shape.Min != nil && *s.shape.Min != s.ours.MinLen {
			t.Errorf("%s: at least %d characters, the model says %d", s.path, s.ours.MinLen, *s.shape.Min)
		}
	}
}

// javaClasses are the Java regular expression classes the model uses, as
// java.util.regex.Pattern defines them, written out for Go: \s is
// [ \t\n\x0B\f\r], \w is [a-zA-Z_0-9], and . is any character but the line
// terminators \n, \r, U+0085, U+2028 and U+2029.
var javaClasses = strings.NewReplacer(
	`\S`, `[^ \t\n\x0B\f\r]`, `\s`, `[ \t\n\x0B\f\r]`, `\w`, `[a-zA-Z_0-9]`, `\d`, `[0-9]`,
	`.*`, `[^\n\r\x{0085}\x{2028}\x{2029}]*`, `.`, `[^\n\r\x{0085}\x{2028}\x{2029}]`, `\.`, `\.`,
)

// javaInClass rewrites the model's classes inside brackets, where . is a dot.
var javaInClass = strings.NewReplacer(`\s`, ` \t\n\x0B\f\r`, `\w`, `a-zA-Z_0-9`)

// javaPattern is the model's pattern, anchored, as a Go regular expression
// that reads it as Java does.
func javaPattern(pattern string) *regexp.Regexp {
	p := anchored(pattern)
	var b strings.Builder
	for len(p) > 0 {
		open := strings.IndexByte(p, '[')
		if open < 0 {
			b.WriteString(javaClasses.Replace(p))
			break
		}
		end := open + 1 + strings.IndexByte(p[open+1:], ']')
		b.WriteString(javaClasses.Replace(p[:open]))
		b.WriteString(javaInClass.Replace(p[open : end+1]))
		p = p[end+1:]
	}
	return regexp.MustCompile(b.String())
}

// edgeCharacters are where regular expression dialects part: every ASCII
// character, U+000B among the controls, the Unicode line terminators and
// spaces, and characters beyond U+FFFF.
func edgeCharacters() []string {
	var out []string
	for c := rune(0); c < 0x80; c++ {
		out = append(out, string(c))
	}
	for _, c := range []rune{0x85, 0xA0, 0x1680, 0x2000, 0x200B, 0x2028, 0x2029, 0x202F, 0x3000, 0xFEFF, 0x10000, 0x1F600, 0x10FFFF} {
		out = append(out, string(c))
	}
	return out
}

// TestPatternEdgeCharacters holds every pattern the model gives to what Java
// makes of it, over the edge characters put around, inside and instead of
// values that pass: the testdata's own and the model's examples.
func TestPatternEdgeCharacters(t *testing.T) {
	samples := map[string][]string{} // by model pattern
	rules := map[string]rule{}
	for _, s := range modelStrings(t, appflowModel(t)) {
		rules[s.shape.Pattern] = s.ours
	}
	for _, v := range fixtureStrings(t) {
		for pattern := range rules {
			if javaPattern(pattern).MatchString(v) && len(samples[pattern]) < 4 {
				samples[pattern] = append(samples[pattern], v)
			}
		}
	}
	for pattern, ours := range rules {
		java, values := javaPattern(pattern), samples[pattern]
		if len(values) == 0 {
			t.Errorf("%s: no value in testdata passes it", pattern)
		}
		for _, c := range edgeCharacters() {
			tries := []string{c, c + c + c}
			for _, v := range values {
				for _, at := range []int{0, min(1, len(v)), len(v) / 2, max(0, len(v)-1), len(v)} {
					tries = append(tries, v[:at]+c+v[at:], v[:at]+c+c+v[at:])
				}
				for i := range len(v) { // inside each part of an ARN, and in place of a dot
					switch v[i] {
					case ':':
						tries = append(tries, v[:i+1]+c+v[i+1:])
					case '.':
						tries = append(tries, v[:i]+c+v[i+1:])
					}
				}
			}
			for _, v := range tries {
				if got, want := ours.match(v), java.MatchString(v); got != want {
					t.Errorf("%s: %q matches %t, in Java %t", pattern, v, got, want)
				}
			}
		}
	}
}

// fixtureStrings are the string values in testdata/connectors.
func fixtureStrings(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "connectors", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/connectors: %v", err)
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				out = append(out, k)
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			out = append(out, x)
		}
	}
	for _, f := range files {
		var v any
		if err := json.Unmarshal(readEvent(t, strings.TrimSuffix(filepath.Base(f), ".json")), &v); err != nil {
			t.Fatal(err)
		}
		walk(v)
	}
	return append(out, "", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "100")
}
