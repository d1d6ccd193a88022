package profile

import (
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// parse reads one JSON value, as encoding/json would, in a single pass: strings
// without escapes are slices of one copy of data, and each object or list
// costs one allocation.
func parse(data []byte) (value, error) {
	p := parser{data: data, s: string(data), pending: make([]entry, 0, 64)}
	v, err := p.value(0)
	if err == nil {
		p.space()
		if p.i < len(p.s) {
			err = p.fail("after the top-level value")
		}
	}
	return v, err
}

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

var errTooDeep = errors.New("JSON nested too deeply")

type parser struct {
	data []byte
	s    string // data, once copied: strings are slices of it
	i    int
	// pending holds the entries of the objects and lists being read, innermost last.
	pending []entry
}

func (p *parser) fail(where string) error {
	if p.i >= len(p.s) {
		return errors.New("JSON ends too early")
	}
	return errors.New("invalid JSON at byte " + strconv.Itoa(p.i) + " " + where)
}

func (p *parser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (value, error) {
	p.space()
	if p.i >= len(p.s) {
		return value{}, p.fail("")
	}
	switch c := p.s[p.i]; {
	case c == '{' || c == '[':
		if depth >= maxDepth {
			return value{}, errTooDeep
		}
		return p.container(depth + 1)
	case c == '"':
		s, err := p.str()
		return value{kind: stringValue, text: s}, err
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	}
	for _, lit := range literals {
		if strings.HasPrefix(p.s[p.i:], lit.written) {
			p.i += len(lit.written)
			return lit.value, nil
		}
	}
	return value{}, p.fail("where a value should start")
}

var literals = [...]struct {
	written string
	value   value
}{{"true", value{kind: boolValue, text: "true"}}, {"false", value{kind: boolValue, text: "false"}}, {"null", value{}}}

// container reads an object or a list; p.i is at its opening bracket.
func (p *parser) container(depth int) (value, error) {
	v := value{kind: list}
	closing := byte(']')
	if p.s[p.i] == '{' {
		v.kind, closing = object, '}'
	}
	p.i++
	start := len(p.pending)
	defer func() { p.pending = p.pending[:start] }()
	p.space()
	if p.i < len(p.s) && p.s[p.i] == closing {
		p.i++
		return v, nil
	}
	for {
		var e entry
		if v.kind == object {
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != '"' {
				return value{}, p.fail("where a member name should start")
			}
			key, err := p.str()
			if err != nil {
				return value{}, err
			}
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return value{}, p.fail("where a colon should be")
			}
			p.i++
			e.key = key
		}
		item, err := p.value(depth)
		if err != nil {
			return value{}, err
		}
		e.value = item
		p.pending = append(p.pending, e)
		p.space()
		if p.i >= len(p.s) {
			return value{}, p.fail("")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			continue
		case closing:
			p.i++
			v.entries = append([]entry(nil), p.pending[start:]...)
			return v, nil
		}
		return value{}, p.fail("where a comma or closing bracket should be")
	}
}

// str reads a string; p.i is at its opening quote.
func (p *parser) str() (string, error) {
	start := p.i + 1
	end := strings.IndexByte(p.s[start:], '"')
	if end < 0 {
		p.i = len(p.s)
		return "", p.fail("")
	}
	end += start
	if s := p.s[start:end]; isPlain(p.data[start:end]) && strings.IndexByte(s, '\\') < 0 {
		p.i = end + 1
		return s, nil
	}
	return p.unquote()
}

// isPlain reports whether b is all printable ASCII, eight bytes at a time.
func isPlain(b []byte) bool {
	const high, space = 0x8080808080808080, 0x2020202020202020
	for ; len(b) >= 8; b = b[8:] {
		// A byte at or above 0x80, or below 0x20, sets its high bit here.
		if w := binary.LittleEndian.Uint64(b); (w|(w-space))&high != 0 {
			break
		}
	}
	for _, c := range b {
		if c < 0x20 || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// unquote reads a string with escapes or non-ASCII text; invalid UTF-8 becomes U+FFFD.
func (p *parser) unquote() (string, error) {
	var b strings.Builder
	p.i++
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String(), nil
		case c < 0x20:
			return "", p.fail("inside a string")
		case c == '\\':
			if err := p.escape(&b); err != nil {
				return "", err
			}
		default:
			r, size := utf8.DecodeRuneInString(p.s[p.i:])
			b.WriteRune(r) // RuneError for an invalid byte
			p.i += size
		}
	}
	return "", p.fail("")
}

var escapes = map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// escape reads one escape sequence; p.i is at its backslash.
func (p *parser) escape(b *strings.Builder) error {
	p.i++
	if p.i >= len(p.s) {
		return p.fail("")
	}
	if c, ok := escapes[p.s[p.i]]; ok {
		b.WriteByte(c)
		p.i++
		return nil
	}
	if p.s[p.i] != 'u' {
		return p.fail("in an escape sequence")
	}
	r, ok := p.hex4(p.i + 1)
	if !ok {
		return p.fail("in a \\u escape")
	}
	p.i += 5
	if utf16.IsSurrogate(r) {
		// A pair makes one rune; a lone half is U+FFFD.
		if p.i+1 < len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
			if low, ok := p.hex4(p.i + 2); ok {
				if pair := utf16.DecodeRune(r, low); pair != utf8.RuneError {
					p.i += 6
					r = pair
				}
			}
		}
		if utf16.IsSurrogate(r) {
			r = utf8.RuneError
		}
	}
	b.WriteRune(r)
	return nil
}

func (p *parser) hex4(at int) (rune, bool) {
	if at+4 > len(p.s) {
		return 0, false
	}
	n, err := strconv.ParseUint(p.s[at:at+4], 16, 16)
	return rune(n), err == nil
}

// number reads a number as JSON writes it: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
func (p *parser) number() (value, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	if p.i < len(p.s) && p.s[p.i] == '0' {
		p.i++
	} else if !p.digits() {
		return value{}, p.fail("in a number")
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if !p.digits() {
			return value{}, p.fail("in a number")
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if !p.digits() {
			return value{}, p.fail("in a number")
		}
	}
	return value{kind: numberValue, text: p.s[start:p.i]}, nil
}

// digits skips one or more decimal digits.
func (p *parser) digits() bool {
	start := p.i
	for p.i < len(p.s) && '0' <= p.s[p.i] && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}
