package profile

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Scalars arrive as strings from CloudFormation ("true", "443") and as JSON's own
// types from other callers; each reader accepts both, then checks the rule.

// text reads a string member; a number stands for its digits.
func (d *decoder) text(a at, raw value, r rule, secret bool) (string, bool) {
	if raw.kind != stringValue && raw.kind != numberValue {
		d.problem(a.spelled, "must be a string")
		return "", false
	}
	return raw.text, d.checkText(a.spelled, raw.text, r, secret)
}

func (d *decoder) checkText(path, s string, r rule, secret bool) bool {
	msg := textProblem(s, r, secret)
	if msg != "" {
		d.problem(path, "%s", msg)
	}
	return msg == ""
}

// textProblem says what is wrong with s under r, or "" if nothing is.
func textProblem(s string, r rule, secret bool) string {
	// Bytes bound runes from above, and four times the runes from below:
	// count them only when the bytes cannot settle the length.
	n := len(s)
	if r.maxLen > 0 && (n > r.maxLen || n < 4*r.minLen) {
		n = utf8.RuneCountInString(s)
	}
	switch {
	case r.maxLen > 0 && (n < r.minLen || n > r.maxLen):
		return fmt.Sprintf("%s is %s long; it must be %s", shown(s, secret), characters(n), lengths(r))
	case r.match != nil && !r.match(s):
		return fmt.Sprintf("%s is not allowed; use %s", shown(s, secret), r.allowed)
	}
	return ""
}

func lengths(r rule) string {
	switch {
	case r.minLen == r.maxLen:
		return "exactly " + characters(r.minLen)
	case r.minLen == 0:
		return "at most " + characters(r.maxLen)
	}
	return fmt.Sprintf("%d to %s", r.minLen, characters(r.maxLen))
}

func characters(n int) string {
	if n == 1 {
		return "1 character"
	}
	return strconv.Itoa(n) + " characters"
}

// shown quotes a value for a message, unless it is a credential.
func shown(s string, secret bool) string {
	if secret {
		return "the value"
	}
	if utf8.RuneCountInString(s) > 64 {
		s = string([]rune(s)[:61]) + "..."
	}
	return strconv.Quote(s)
}

func (d *decoder) integer(a at, raw value, r rule) (int, bool) {
	n, err := strconv.ParseInt(raw.text, 10, 64)
	if err != nil || raw.kind != stringValue && raw.kind != numberValue {
		d.problem(a.spelled, "%s is not an integer", raw.display())
		return 0, false
	}
	if n < int64(r.min) || n > int64(r.max) {
		d.problem(a.spelled, "%s is out of range %d..%d", raw.display(), r.min, r.max)
		return 0, false
	}
	return int(n), true
}

func (d *decoder) boolean(a at, raw value, secret bool) (bool, bool) {
	if raw.kind == boolValue || raw.kind == stringValue && (raw.text == "true" || raw.text == "false") {
		return raw.text == "true", true
	}
	shown := raw.display()
	if secret {
		shown = "the value"
	}
	d.problem(a.spelled, "%s is not a boolean; use true or false", shown)
	return false, false
}

// enum checks raw against the values the SDK's enum type t lists.
func (d *decoder) enum(a at, raw value, t reflect.Type) (string, bool) {
	allowed := enumValues(t)
	if raw.kind == stringValue {
		for _, v := range allowed {
			if v == raw.text {
				return v, true
			}
		}
		for _, v := range allowed {
			if strings.EqualFold(v, raw.text) {
				d.problem(a.spelled, "%q is not allowed; did you mean %q?", raw.text, v)
				return "", false
			}
		}
	}
	d.problem(a.spelled, "%s is not allowed; use one of %s", raw.display(), strings.Join(allowed, ", "))
	return "", false
}

// enumValues caches each enum type's Values().
var enumValueLists sync.Map

func enumValues(t reflect.Type) []string {
	if cached, ok := enumValueLists.Load(t); ok {
		return cached.([]string)
	}
	vals := reflect.Zero(t).MethodByName("Values").Call(nil)[0]
	out := make([]string, vals.Len())
	for i := range out {
		out[i] = vals.Index(i).String()
	}
	enumValueLists.Store(t, out)
	return out
}
