package fault

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"unicode/utf16"
)

// Quote is what an Error's message quotes of the request, and in which form.
type Quote struct {
	// Member names the JSON member whose string values are quoted, at any
	// depth; "" quotes the whole body.
	Member string
	// Prefix, if above 0, quotes only the first Prefix bytes of each value.
	Prefix int
	Form   Form
}

// Form is how a quoted value is written.
type Form int

const (
	Verbatim       Form = iota
	Base64              // standard base64
	URLEncoded          // as in a query string
	JacksonEscaped      // as Jackson writes a JSON string by default: \" and \\, but & < > and non-ASCII raw
	UnicodeEscaped      // every character as \uXXXX
)

// Of is what q quotes of body.
func (q *Quote) Of(body []byte) string {
	if q.Member == "" {
		return q.write(string(body))
	}
	var v any
	if json.Unmarshal(body, &v) != nil {
		return ""
	}
	var quoted []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(x)) {
				if s, ok := x[k].(string); ok && k == q.Member {
					quoted = append(quoted, q.Member+": "+q.write(s))
				}
				walk(x[k])
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return strings.Join(quoted, "; ")
}

func (q *Quote) write(s string) string {
	if q.Prefix > 0 && q.Prefix < len(s) {
		s = s[:q.Prefix]
	}
	switch q.Form {
	case Base64:
		return base64.StdEncoding.EncodeToString([]byte(s))
	case URLEncoded:
		return url.QueryEscape(s)
	case JacksonEscaped:
		return jacksonEscape(s)
	case UnicodeEscaped:
		var b strings.Builder
		for _, u := range utf16.Encode([]rune(s)) {
			fmt.Fprintf(&b, `\u%04x`, u)
		}
		return b.String()
	}
	return s
}

// jacksonEscape escapes s as Jackson's JsonGenerator does by default.
func jacksonEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
