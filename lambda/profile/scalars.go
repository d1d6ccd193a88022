package profile

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Scalars arrive as strings from CloudFormation ("true", "443") and as JSON's own
// types from other callers; each reader accepts both, then checks the rule.

// text reads a string member; a number stands for its digits.
func (d *decoder) text(a at, raw any, r rule, secret bool) (string, bool) {
	var s string
	switch x := raw.(type) {
	case string:
		s = x
	case json.Number:
		s = x.String()
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		s = strconv.Itoa(x)
	default:
		d.problem(a.spelled, "must be a string")
		return "", false
	}
	return s, d.checkText(a.spelled, s, r, secret)
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

func (d *decoder) integer(a at, raw any, r rule) (int, bool) {
	var n float64
	var err error
	switch x := raw.(type) {
	case string, json.Number:
		var i int64
		i, err = strconv.ParseInt(fmt.Sprint(x), 10, 64)
		n = float64(i)
	case float64: // from YAML
		n = x
	case int:
		n = float64(x)
	default:
		err = errNotObject
	}
	if err != nil || n != math.Trunc(n) {
		d.problem(a.spelled, "%s is not an integer", display(raw))
		return 0, false
	}
	if n < float64(r.min) || n > float64(r.max) {
		d.problem(a.spelled, "%s is out of range %d..%d", display(raw), r.min, r.max)
		return 0, false
	}
	return int(n), true
}

func (d *decoder) boolean(a at, raw any, secret bool) (bool, bool) {
	switch x := raw.(type) {
	case bool:
		return x, true
	case string:
		switch x {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	value := display(raw)
	if secret {
		value = "the value"
	}
	d.problem(a.spelled, "%s is not a boolean; use true or false", value)
	return false, false
}

// enum checks raw against the values the SDK's enum type t lists.
func (d *decoder) enum(a at, raw any, t reflect.Type) (string, bool) {
	s, ok := raw.(string)
	allowed := enumValues(t)
	if ok {
		for _, v := range allowed {
			if v == s {
				return s, true
			}
		}
		for _, v := range allowed {
			if strings.EqualFold(v, s) {
				d.problem(a.spelled, "%q is not allowed; did you mean %q?", s, v)
				return "", false
			}
		}
	}
	d.problem(a.spelled, "%s is not allowed; use one of %s", display(raw), strings.Join(allowed, ", "))
	return "", false
}

func enumValues(t reflect.Type) []string {
	vals := reflect.Zero(t).MethodByName("Values").Call(nil)[0]
	out := make([]string, vals.Len())
	for i := range out {
		out[i] = vals.Index(i).String()
	}
	return out
}

// display shows a non-credential raw value in a message.
func display(raw any) string {
	switch x := raw.(type) {
	case string:
		return shown(x, false)
	case json.Number, float64, int, bool:
		return fmt.Sprint(x)
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	return "the value"
}
