package profile

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
)

var errNotObject = errors.New("must be a JSON object")

// decoder walks raw properties into the SDK's types, collecting problems as it goes.
type decoder struct {
	opts     Options
	problems Problems
	// spelled maps a canonical path (wire names) to the path as the user wrote it.
	spelled map[string]string
	// unusable holds canonical paths whose value the cross-member checks cannot
	// use: known only at deploy time, or refused with a problem of its own.
	unusable map[string]bool
}

func newDecoder(opts Options) *decoder {
	return &decoder{opts: opts, spelled: map[string]string{}, unusable: map[string]bool{}}
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
	if config := p.Input.ConnectorProfileConfig; config != nil && config.ConnectorProfileProperties == nil && !d.unusable[propertiesPath] {
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
		d.unusable[a.canonical] = true
		return
	}
	before := len(d.problems)
	defer func() {
		// An object is known even when members inside it are not.
		if _, ok := raw.(map[string]any); len(d.problems) > before && (!ok || v.Kind() == reflect.Map) {
			d.unusable[a.canonical] = true
		}
	}()
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
