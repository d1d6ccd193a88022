package profile

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
)

var errNotObject = errors.New("must be a JSON object")

// decoder walks raw properties into the SDK's types, collecting problems as it goes.
type decoder struct {
	opts     Options
	problems Problems
	// spelled maps a canonical path (wire names) to the path as the user wrote it.
	spelled map[string]string
	// unresolved holds canonical paths whose value is only known at deploy time.
	unresolved map[string]bool
}

func newDecoder(opts Options) *decoder {
	return &decoder{opts: opts, spelled: map[string]string{}, unresolved: map[string]bool{}}
}

func (d *decoder) problem(path, format string, args ...any) {
	d.problems = append(d.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// at names a member: its canonical and user-spelled paths.
type at struct{ canonical, spelled string }

func (a at) child(wire, key string) at {
	if a.canonical == "" {
		return at{wire, key}
	}
	return at{a.canonical + "." + wire, a.spelled + "." + key}
}

// ignoredKeys belong to CloudFormation, not to the profile.
var ignoredKeys = map[string]bool{"servicetoken": true, "servicetimeout": true}

func (d *decoder) top(props map[string]any, p *Properties) {
	forceDeleteKey := ""
	d.object(at{}, props, reflect.ValueOf(&p.Input).Elem(), false, func(key string, raw any) bool {
		switch strings.ToLower(key) {
		case "forcedelete":
			if forceDeleteKey != "" {
				d.problem(key, "given twice (also as %q)", forceDeleteKey)
				return true
			}
			forceDeleteKey = key
			if raw == nil {
				return true // null is absence
			}
			if b, ok := d.boolean(at{"forceDelete", key}, raw, false); ok {
				p.ForceDelete = b
			}
			return true
		case "clienttoken":
			d.problem(key, "is set from the event's RequestId; remove it")
			return true
		}
		return ignoredKeys[strings.ToLower(key)]
	})
	// The API needs connectorProfileProperties even when a connector has none
	// (Amplitude, Singular, ...); CloudFormation calls it "not needed" there.
	if config := p.Input.ConnectorProfileConfig; config != nil && config.ConnectorProfileProperties == nil && !d.unresolved[propertiesPath] {
		config.ConnectorProfileProperties = &types.ConnectorProfileProperties{}
	}
}

// object decodes obj into the struct v. extra claims keys that are not fields.
func (d *decoder) object(a at, obj map[string]any, v reflect.Value, secret bool, extra func(key string, raw any) bool) {
	t := v.Type()
	fields := fieldsOf(t)
	seen := map[string]string{}
	for _, key := range slices.Sorted(maps.Keys(obj)) {
		raw := obj[key]
		if extra != nil && extra(key, raw) {
			continue
		}
		f, ok := fields[strings.ToLower(key)]
		if !ok {
			d.unknown(a.child(key, key).spelled, key, t, fields)
			continue
		}
		if other, dup := seen[f.Name]; dup {
			d.problem(a.child(key, key).spelled, "given twice (also as %q)", other)
			continue
		}
		seen[f.Name] = key
		if raw == nil {
			continue // null is absence
		}
		child := a.child(wireNameIn(t, f.Name), key)
		d.spelled[child.canonical] = child.spelled
		d.member(child, raw, v.FieldByIndex(f.Index), t.Name(), f.Name, secret || f.Name == "ConnectorProfileCredentials")
	}
	for _, name := range required[t.Name()] {
		if key, ok := seen[name]; !ok || obj[key] == nil {
			d.problem(a.child(wireNameIn(t, name), wireNameIn(t, name)).spelled, "is required")
		}
	}
}

// member decodes raw into the field v of the SDK struct typeName.
func (d *decoder) member(a at, raw any, v reflect.Value, typeName, field string, secret bool) {
	if d.opts.Unresolved != nil && d.opts.Unresolved(raw) {
		d.unresolved[a.canonical] = true
		return
	}
	r, _ := ruleFor(typeName, field)
	switch v.Kind() {
	case reflect.Pointer:
		switch v.Type().Elem().Kind() {
		case reflect.Struct:
			obj, ok := raw.(map[string]any)
			if !ok {
				d.problem(a.spelled, "must be an object")
				return
			}
			v.Set(reflect.New(v.Type().Elem()))
			d.object(a, obj, v.Elem(), secret, nil)
		case reflect.String:
			if s, ok := d.text(a, raw, r, secret); ok {
				v.Set(reflect.ValueOf(&s))
			}
		case reflect.Int32:
			if n, ok := d.integer(a, raw, r); ok {
				n32 := int32(n)
				v.Set(reflect.ValueOf(&n32))
			}
		}
	case reflect.String:
		if s, ok := d.enum(a, raw, v.Type()); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		if b, ok := d.boolean(a, raw, secret); ok {
			v.SetBool(b)
		}
	case reflect.Map:
		d.stringMap(a, raw, v, secret)
	case reflect.Slice:
		d.stringList(a, raw, v, r, secret)
	}
}

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

func (d *decoder) stringMap(a at, raw any, v reflect.Value, secret bool) {
	obj, ok := raw.(map[string]any)
	if !ok {
		d.problem(a.spelled, "must be an object of strings")
		return
	}
	if len(obj) > mapRule.maxEntries {
		d.problem(a.spelled, "has %d entries; at most %d allowed", len(obj), mapRule.maxEntries)
	}
	m := make(map[string]string, len(obj))
	for k, raw := range obj { // problems are sorted at the end
		if msg := textProblem(k, mapRule.key, false); msg != "" {
			d.problem(a.child(k, k).spelled, "%s", msg)
			continue
		}
		if d.opts.Unresolved != nil && d.opts.Unresolved(raw) {
			continue
		}
		if str, ok := raw.(string); ok && textProblem(str, mapRule.value, secret) == "" {
			m[k] = str // the common case, without building the entry's path
			continue
		}
		if str, ok := d.text(a.child(k, k), raw, mapRule.value, secret); ok {
			m[k] = str
		}
	}
	v.Set(reflect.ValueOf(m))
}

func (d *decoder) stringList(a at, raw any, v reflect.Value, r rule, secret bool) {
	items, ok := raw.([]any)
	if !ok {
		d.problem(a.spelled, "must be a list of strings")
		return
	}
	list := make([]string, 0, len(items))
	for i, item := range items {
		if d.opts.Unresolved != nil && d.opts.Unresolved(item) {
			continue
		}
		if s, ok := d.text(at{a.canonical, fmt.Sprintf("%s[%d]", a.spelled, i)}, item, r, secret); ok {
			list = append(list, s)
		}
	}
	v.Set(reflect.ValueOf(list))
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

// fieldIndexes caches fieldsOf by type; its maps are never written after they are stored.
var fieldIndexes sync.Map

// fieldsOf indexes the exported fields of an SDK struct by lower-case name,
// with ConnectorOAuthRequest as CloudFormation's name for oAuthRequest.
func fieldsOf(t reflect.Type) map[string]reflect.StructField {
	if cached, ok := fieldIndexes.Load(t); ok {
		return cached.(map[string]reflect.StructField)
	}
	fields := indexFields(t)
	fieldIndexes.Store(t, fields)
	return fields
}

func indexFields(t reflect.Type) map[string]reflect.StructField {
	fields := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || (t == inputType && f.Name == "ClientToken") {
			continue
		}
		fields[strings.ToLower(f.Name)] = f
		if f.Name == "OAuthRequest" {
			fields["connectoroauthrequest"] = f
		}
	}
	return fields
}

var inputType = reflect.TypeFor[appflow.CreateConnectorProfileInput]()

// connectorKeyTypes hold one member per connector, named in PascalCase on the wire.
var connectorKeyTypes = map[string]bool{"ConnectorProfileProperties": true, "ConnectorProfileCredentials": true}

func wireNameIn(t reflect.Type, field string) string {
	if connectorKeyTypes[t.Name()] {
		return field
	}
	return wireName(field)
}
