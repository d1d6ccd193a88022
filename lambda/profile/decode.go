package profile

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
)

var errNotObject = errors.New("must be a JSON object")

// decoder walks raw properties into the SDK's types, collecting problems as it goes.
type decoder struct {
	problems Problems
	// spelled maps a canonical path (wire names) to the path as the user wrote
	// it, where the two differ.
	spelled map[string]string
	// unusable holds canonical paths whose value the cross-member checks cannot
	// use: known only at deploy time, or refused with a problem of its own.
	unusable map[string]bool
}

func newDecoder() *decoder {
	return &decoder{spelled: map[string]string{}, unusable: map[string]bool{}}
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
	canonical := a.canonical + "." + wire
	if wire == key && a.spelled == a.canonical {
		return at{canonical, canonical}
	}
	return at{canonical, a.spelled + "." + key}
}

// ignoredKeys belong to CloudFormation, not to the profile.
var ignoredKeys = map[string]bool{"servicetoken": true, "servicetimeout": true}

func (d *decoder) top(props value, p *Properties) {
	forceDeleteKey := ""
	d.object(at{}, props, reflect.ValueOf(&p.Input).Elem(), false, func(key string, raw value) bool {
		switch strings.ToLower(key) { // as fields.lookup matches
		case "forcedelete":
			if forceDeleteKey != "" {
				d.problem(key, "given twice (also as %q)", forceDeleteKey)
				return true
			}
			forceDeleteKey = key
			if raw.kind == null || raw.kind == unresolved {
				return true
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

// object decodes obj into the struct v; null members count as absent. extra
// claims keys that are not fields, such as CloudFormation's own.
func (d *decoder) object(a at, obj value, v reflect.Value, secret bool, extra func(key string, raw value) bool) {
	fs := fieldsOf(v.Type())
	var seen, given uint64   // sets of fields
	var firstKeys [64]string // by field pos: the key that gave it first
	for _, e := range obj.entries {
		if extra != nil && extra(e.key, e.value) {
			continue
		}
		f, ok := fs.lookup(e.key)
		if !ok {
			d.unknown(a.child(e.key, e.key).spelled, e.key, fs)
			continue
		}
		bit := uint64(1) << f.pos
		if seen&bit != 0 {
			d.problem(a.child(e.key, e.key).spelled, "given twice (also as %q)", firstKeys[f.pos])
			continue
		}
		seen |= bit
		firstKeys[f.pos] = e.key
		if e.value.kind == null {
			continue
		}
		given |= bit
		child := a.child(f.wire, e.key)
		if child.spelled != child.canonical {
			d.spelled[child.canonical] = child.spelled
		}
		d.member(child, e.value, v.FieldByIndex(f.Index), f.rule, secret || f.Name == "ConnectorProfileCredentials")
	}
	for _, f := range fs.required {
		if given&(1<<f.pos) == 0 {
			d.problem(a.child(f.wire, f.wire).spelled, "is required")
		}
	}
}

// member decodes raw into the field v, whose values r constrains.
func (d *decoder) member(a at, raw value, v reflect.Value, r rule, secret bool) {
	if raw.kind == unresolved {
		d.unusable[a.canonical] = true
		return
	}
	before := len(d.problems)
	defer func() {
		// An object is known even when members inside it are not.
		if len(d.problems) > before && (raw.kind != object || v.Kind() == reflect.Map) {
			d.unusable[a.canonical] = true
		}
	}()
	switch v.Kind() {
	case reflect.Pointer:
		switch v.Type().Elem().Kind() {
		case reflect.Struct:
			if raw.kind != object {
				d.problem(a.spelled, "must be an object")
				return
			}
			v.Set(reflect.New(v.Type().Elem()))
			d.object(a, raw, v.Elem(), secret, nil)
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

func (d *decoder) stringMap(a at, raw value, v reflect.Value, secret bool) {
	if raw.kind != object {
		d.problem(a.spelled, "must be an object of strings")
		return
	}
	if len(raw.entries) > mapRule.maxEntries {
		d.problem(a.spelled, "has %d entries; at most %d allowed", len(raw.entries), mapRule.maxEntries)
	}
	m := make(map[string]string, len(raw.entries))
	for _, e := range raw.entries {
		if msg := textProblem(e.key, mapRule.key, false); msg != "" {
			d.problem(a.child(e.key, e.key).spelled, "%s", msg)
			continue
		}
		if e.value.kind == unresolved {
			continue
		}
		// The common case, a valid string, is checked without building the entry's path.
		str, ok := e.value.text, e.value.kind == stringValue && textProblem(e.value.text, mapRule.value, secret) == ""
		if !ok {
			str, ok = d.text(a.child(e.key, e.key), e.value, mapRule.value, secret)
		}
		if !ok {
			continue
		}
		before := len(m)
		if m[e.key] = str; len(m) == before {
			d.problem(a.child(e.key, e.key).spelled, "given twice")
		}
	}
	v.Set(reflect.ValueOf(m))
}

func (d *decoder) stringList(a at, raw value, v reflect.Value, r rule, secret bool) {
	if raw.kind != list {
		d.problem(a.spelled, "must be a list of strings")
		return
	}
	items := make([]string, 0, len(raw.entries))
	for i, e := range raw.entries {
		if e.value.kind == unresolved {
			continue
		}
		if s, ok := d.text(at{a.canonical, fmt.Sprintf("%s[%d]", a.spelled, i)}, e.value, r, secret); ok {
			items = append(items, s)
		}
	}
	v.Set(reflect.ValueOf(items))
}
