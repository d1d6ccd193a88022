package profile

import (
	"encoding/json"
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
func (d *decoder) text(a at, raw any, r rule, secret bool) (string, bool) {
	s, msg := checkText(raw, r, secret)
	if msg != "" {
		d.problem(a.spelled, "%s", msg)
	}
	return s, msg == ""
}

// checkText reads raw as text and says what is wrong with it under r, or "".
func checkText(raw any, r rule, secret bool) (string, string) {
	s, ok := textOf(raw)
	if !ok {
		return "", "must be a string"
	}
	return s, textProblem(s, r, secret)
}

// textOf is a string, or the digits of a number as written.
func textOf(raw any) (string, bool) {
	switch x := raw.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case int:
		return strconv.Itoa(x), true
	}
	return "", false
}

// textProblem says what is wrong with s under r, or "" if nothing is.
func textProblem(s string, r rule, secret bool) string {
	// Bytes bound runes from above, and four times the runes from below:
	// count them only when the bytes cannot settle the length.
	n := len(s)
	if r.MaxLen > 0 && (n > r.MaxLen || n < 4*r.MinLen) {
		n = utf8.RuneCountInString(s)
	}
	switch {
	case secret && strings.Contains(s, DynamicReference):
		// Only ssm-secure stays unresolved in a custom resource's properties.
		return "is a dynamic reference CloudFormation did not resolve: it resolves {{resolve:ssm-secure:...}} only in " +
			"some AWS resource types, never in a custom resource. Keep the credential in Secrets Manager and use " +
			"{{resolve:secretsmanager:...}}"
	case r.MaxLen > 0 && (n < r.MinLen || n > r.MaxLen):
		return fmt.Sprintf("%s is %s long; it must be %s", shown(s, secret), characters(n), lengths(r.Constraint))
	case !r.match(s):
		return fmt.Sprintf("%s is not allowed; use %s", shown(s, secret), r.Allowed)
	}
	return ""
}

func lengths(c Constraint) string {
	switch {
	case c.MinLen == c.MaxLen:
		return "exactly " + characters(c.MinLen)
	case c.MinLen == 0:
		return "at most " + characters(c.MaxLen)
	}
	return fmt.Sprintf("%d to %s", c.MinLen, characters(c.MaxLen))
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
	return strconv.Quote(shorten(s, 64))
}

// shorten cuts s to max characters at most, ending in "..." if cut.
func shorten(s string, max int) string {
	if len(s) <= max || utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max-3 {
			return s[:i] + "..."
		}
		n++
	}
	return s
}

// display shows a raw value in a message: quoted if a string, unless it is a credential.
func display(raw any, secret bool) string {
	switch x := raw.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case bool:
		if !secret {
			return strconv.FormatBool(x)
		}
	case string:
		return shown(x, secret)
	default:
		if s, ok := textOf(raw); ok && !secret {
			return s
		}
	}
	return "the value"
}

func (d *decoder) integer(a at, raw any, r rule) (int, bool) {
	text, ok := textOf(raw)
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || !ok {
		d.problem(a.spelled, "%s is not an integer", display(raw, false))
		return 0, false
	}
	if n < int64(r.Min) || n > int64(r.Max) {
		d.problem(a.spelled, "%s is out of range %d..%d", display(raw, false), r.Min, r.Max)
		return 0, false
	}
	return int(n), true
}

func (d *decoder) boolean(a at, raw any, secret bool) (bool, bool) {
	switch raw {
	case true, "true":
		return true, true
	case false, "false":
		return false, true
	}
	d.problem(a.spelled, "%s is not a boolean; use true or false", display(raw, secret))
	return false, false
}

// enum checks raw against the values the SDK's enum type t lists.
func (d *decoder) enum(a at, raw any, t reflect.Type, secret bool) (string, bool) {
	allowed := enumValues(t)
	if s, ok := raw.(string); ok {
		for _, v := range allowed {
			if v == s {
				return v, true
			}
		}
		for _, v := range allowed {
			if strings.EqualFold(v, s) && !secret {
				d.problem(a.spelled, "%s is not allowed; did you mean %q?", shown(s, false), v)
				return "", false
			}
		}
	}
	d.problem(a.spelled, "%s is not allowed; use one of %s", display(raw, secret), strings.Join(allowed, ", "))
	return "", false
}

// enumValueLists caches each enum type's Values().
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
