package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
)

// Options adjust decoding.
type Options struct {
	// Unresolved reports whether a raw value stands for one only known at deploy
	// time (an intrinsic function, a dynamic reference); such values are taken as valid.
	Unresolved func(raw any) bool
}

// Decode reads resource properties as CloudFormation sends them and checks them.
// The error, if any, is Problems.
func Decode(raw json.RawMessage) (*Properties, error) {
	props, problem := parseObject(raw)
	if problem != "" {
		return nil, Problems{{Message: problem}}
	}
	return DecodeMap(props, Options{})
}

// parseObject reads a JSON object as encoding/json does, numbers as written,
// or says what is wrong with it.
func parseObject(raw []byte) (map[string]any, string) {
	const notObject = "ResourceProperties must be a JSON object"
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	var syntax *json.SyntaxError
	switch err := dec.Decode(&v); {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return nil, notObject + ": JSON ends too early"
	case errors.As(err, &syntax):
		return nil, fmt.Sprintf("%s: %v at byte %d", notObject, err, syntax.Offset)
	case err != nil:
		return nil, notObject + ": " + err.Error()
	}
	if end := dec.InputOffset(); !atEOF(dec) {
		return nil, fmt.Sprintf("%s: invalid JSON after the top-level value at byte %d", notObject, end)
	}
	props, ok := v.(map[string]any)
	if !ok {
		return nil, notObject
	}
	return props, ""
}

func atEOF(dec *json.Decoder) bool {
	_, err := dec.Token()
	return err == io.EOF
}

// DecodeMap checks properties already parsed from JSON or YAML: maps, lists,
// strings, json.Number, float64, int, bools and nil, as encoding/json and YAML give them.
func DecodeMap(props map[string]any, opts Options) (*Properties, error) {
	return newDecoder(opts).decode(props)
}

func newDecoder(opts Options) *decoder {
	return &decoder{spelled: map[string]string{}, unusable: map[string]bool{}, unresolved: opts.Unresolved}
}

func (d *decoder) decode(props map[string]any) (*Properties, error) {
	p := &Properties{}
	d.top(props, p)
	d.crossCheck(p)
	if d.found > 0 {
		return nil, d.result()
	}
	return p, nil
}

// decoder walks raw properties into the SDK's types, collecting problems as it goes.
type decoder struct {
	problems Problems
	// found counts every problem, also those past maxProblems that are not kept.
	found int
	// spelled maps a canonical path (wire names) to the path as the user wrote
	// it, where the two differ.
	spelled map[string]string
	// unusable holds canonical paths whose value the cross-member checks cannot
	// use: known only at deploy time, or refused with a problem of its own.
	unusable   map[string]bool
	unresolved func(any) bool
	// credentialsElsewhere: a CredentialsSecret holds credentials not yet
	// merged in, so none is required inline. secretMerged: they are.
	credentialsElsewhere, secretMerged bool
}

// at names a member: its canonical and user-spelled paths.
type at struct{ canonical, spelled string }

func (a at) child(wire, key string) at {
	wire, key = shortKey(wire), shortKey(key)
	if a.canonical == "" {
		return at{wire, key}
	}
	canonical := a.canonical + "." + wire
	if wire == key && a.spelled == a.canonical {
		return at{canonical, canonical}
	}
	return at{canonical, a.spelled + "." + key}
}

// shortKey keeps a path short when a key is long: keys are the user's and
// may be anything.
func shortKey(key string) string { return shorten(key, 256) }

func (d *decoder) isUnresolved(raw any) bool { return d.unresolved != nil && d.unresolved(raw) }

// ignoredKeys belong to CloudFormation, not to the profile.
var ignoredKeys = map[string]bool{"servicetoken": true, "servicetimeout": true}

func (d *decoder) top(props map[string]any, p *Properties) {
	forceDeleteKey := ""
	for key, raw := range props {
		if strings.EqualFold(key, "credentialsSecret") && raw != nil && !d.secretMerged {
			d.credentialsElsewhere = true
		}
	}
	d.object(at{}, props, reflect.ValueOf(&p.Input).Elem(), false, func(key string, raw any) bool {
		switch strings.ToLower(key) { // as fields.lookup matches
		case "credentialssecret":
			if raw != nil && !d.isUnresolved(raw) {
				p.CredentialsSecret, _ = d.text(at{"credentialsSecret", key}, raw, secretIDRule, false)
			}
			return true
		case "forcedelete":
			if forceDeleteKey != "" {
				d.problem(shortKey(key), "given twice (also as %q)", forceDeleteKey)
				return true
			}
			forceDeleteKey = shortKey(key)
			if raw == nil || d.isUnresolved(raw) {
				return true
			}
			if b, ok := d.boolean(at{"forceDelete", key}, raw, false); ok {
				p.ForceDelete = b
			}
			return true
		case "clienttoken":
			d.problem(shortKey(key), "is set from the event's RequestId; remove it")
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

// sortedKeys are an object's keys in a fixed order, so that problems and
// "given twice" come out the same on every run.
func sortedKeys(obj map[string]any) []string { return slices.Sorted(maps.Keys(obj)) }

// object decodes obj into the struct v; null members count as absent. extra
// claims keys that are not fields, such as CloudFormation's own.
func (d *decoder) object(a at, obj map[string]any, v reflect.Value, secret bool, extra func(key string, raw any) bool) {
	fs := fieldsOf(v.Type())
	var seen, given uint64   // sets of fields, by position
	var firstKeys [64]string // by field position: the key that gave it first
	for _, key := range sortedKeys(obj) {
		raw := obj[key]
		if extra != nil && extra(key, raw) {
			continue
		}
		f, ok := fs.lookup(key)
		if !ok {
			d.unknown(a, key, fs)
			continue
		}
		bit := uint64(1) << f.pos
		if seen&bit != 0 {
			d.problem(a.child(key, key).spelled, "given twice (also as %q)", firstKeys[f.pos])
			continue
		}
		seen |= bit
		firstKeys[f.pos] = key
		if raw == nil {
			continue
		}
		given |= bit
		child := a.child(f.wire, key)
		if child.spelled != child.canonical {
			d.spelled[child.canonical] = child.spelled
		}
		d.member(child, raw, v.FieldByIndex(f.Index), f.rule, secret || f.Name == "ConnectorProfileCredentials")
	}
	if d.credentialsElsewhere && strings.HasPrefix(a.canonical, credentialsPath) {
		return // the rest may be in the secret
	}
	for _, f := range fs.required {
		if given&(1<<f.pos) == 0 {
			d.problem(a.child(f.wire, f.wire).spelled, "is required")
		}
	}
}

// member decodes raw into the field v, whose values r constrains. secret
// marks a credential, whose value is never quoted.
func (d *decoder) member(a at, raw any, v reflect.Value, r rule, secret bool) {
	if d.isUnresolved(raw) {
		d.unusable[a.canonical] = true
		return
	}
	before := d.found
	_, isObject := raw.(map[string]any)
	defer func() {
		// An object is known even when members inside it are not.
		if d.found > before && (!isObject || v.Kind() == reflect.Map) {
			d.unusable[a.canonical] = true
		}
	}()
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
		if s, ok := d.enum(a, raw, v.Type(), secret); ok {
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
	m := make(map[string]string, min(len(obj), mapRule.maxEntries))
	for _, key := range sortedKeys(obj) {
		if msg := textProblem(key, mapRule.key, false); msg != "" {
			d.lazyProblem(func() at { return a.child(key, key) }, msg)
			continue
		}
		if d.isUnresolved(obj[key]) {
			continue
		}
		if str, ok := d.item(func() at { return a.child(key, key) }, obj[key], mapRule.value, secret); ok {
			m[key] = str
		}
	}
	v.Set(reflect.ValueOf(m))
}

func (d *decoder) stringList(a at, raw any, v reflect.Value, r rule, secret bool) {
	list, ok := raw.([]any)
	if !ok {
		d.problem(a.spelled, "must be a list of strings")
		return
	}
	items := make([]string, 0, len(list))
	for i, item := range list {
		if d.isUnresolved(item) {
			continue
		}
		if str, ok := d.item(func() at { return at{a.canonical, fmt.Sprintf("%s[%d]", a.spelled, i)} }, item, r, secret); ok {
			items = append(items, str)
		}
	}
	v.Set(reflect.ValueOf(items))
}

// item reads a map value or list item; its path is worked out only for a
// problem that is kept, as there may be a great many.
func (d *decoder) item(path func() at, raw any, r rule, secret bool) (string, bool) {
	s, msg := checkText(raw, r, secret)
	if msg != "" {
		d.lazyProblem(path, msg)
	}
	return s, msg == ""
}
