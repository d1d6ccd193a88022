// Package cfnresolve resolves a CloudFormation template as the service does
// when it deploys a stack: parameters (given or default), pseudo parameters,
// conditions, Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If, Fn::Select,
// Fn::Split, Fn::FindInMap, Fn::ImportValue and the condition functions, and
// {{resolve:...}} dynamic references. It reads templates in the long form
// that template.Decode gives. What it cannot resolve is an error, never a
// guess.
package cfnresolve

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Stack is what a template is resolved against.
type Stack struct {
	Partition, Region, AccountID, StackName, StackID string
	// Parameters are the values given; the others take their defaults.
	Parameters map[string]string
	// Exports are the account's exports, for Fn::ImportValue.
	Exports map[string]string
	// Resources are the resources already created, by logical id.
	Resources map[string]Resource
	// DynamicReference answers {{resolve:...}} (the text between the
	// braces); nil leaves dynamic references as they are.
	DynamicReference func(ref string) (string, error)
}

// Resource is a created resource: its physical id (Ref) and attributes
// (Fn::GetAtt).
type Resource struct {
	Ref        string
	Attributes map[string]string
}

// Template is a template bound to a stack, with its parameters and
// conditions evaluated.
type Template struct {
	stack      Stack
	tmpl       map[string]any
	params     map[string]any // string, or []string for list types
	conditions map[string]bool
}

// New binds tmpl (long form, see template.Decode) to stack.
func New(tmpl map[string]any, stack Stack) (*Template, error) {
	t := &Template{stack: stack, tmpl: tmpl, params: map[string]any{}, conditions: map[string]bool{}}
	decls, _ := tmpl["Parameters"].(map[string]any)
	for name := range stack.Parameters {
		if _, ok := decls[name]; !ok {
			return nil, fmt.Errorf("parameter %s is not declared", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(decls)) {
		decl, _ := decls[name].(map[string]any)
		v, given := stack.Parameters[name]
		if !given {
			d, ok := decl["Default"]
			if !ok {
				return nil, fmt.Errorf("parameter %s has no value and no default", name)
			}
			v = scalar(d)
		}
		if allowed, ok := decl["AllowedValues"].([]any); ok && !slices.ContainsFunc(allowed, func(a any) bool { return scalar(a) == v }) {
			return nil, fmt.Errorf("parameter %s: %q is not among the allowed values", name, v)
		}
		typ, _ := decl["Type"].(string)
		if typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<") {
			t.params[name] = strings.Split(v, ",")
		} else {
			t.params[name] = v
		}
	}
	conds, _ := tmpl["Conditions"].(map[string]any)
	for _, name := range slices.Sorted(maps.Keys(conds)) {
		if _, err := t.condition(name, nil); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// Condition is the value of a named condition.
func (t *Template) Condition(name string) (bool, error) { return t.condition(name, nil) }

func (t *Template) condition(name string, seen []string) (bool, error) {
	if v, ok := t.conditions[name]; ok {
		return v, nil
	}
	if slices.Contains(seen, name) {
		return false, fmt.Errorf("condition %s refers to itself", name)
	}
	conds, _ := t.tmpl["Conditions"].(map[string]any)
	expr, ok := conds[name]
	if !ok {
		return false, fmt.Errorf("condition %s is not declared", name)
	}
	v, err := t.boolean(expr, append(seen, name))
	if err != nil {
		return false, fmt.Errorf("condition %s: %w", name, err)
	}
	t.conditions[name] = v
	return v, nil
}

func (t *Template) boolean(expr any, seen []string) (bool, error) {
	fn, arg, ok := intrinsic(expr)
	if !ok {
		return false, fmt.Errorf("%v is no condition function", expr)
	}
	args, _ := arg.([]any)
	switch fn {
	case "Condition":
		name, _ := arg.(string)
		return t.condition(name, seen)
	case "Fn::Equals":
		if len(args) != 2 {
			return false, fmt.Errorf("Fn::Equals takes two values")
		}
		a, err := t.Resolve(args[0])
		if err != nil {
			return false, err
		}
		b, err := t.Resolve(args[1])
		if err != nil {
			return false, err
		}
		return scalar(a) == scalar(b), nil
	case "Fn::Not", "Fn::And", "Fn::Or":
		var vals []bool
		for _, a := range args {
			v, err := t.boolean(a, seen)
			if err != nil {
				return false, err
			}
			vals = append(vals, v)
		}
		switch {
		case fn == "Fn::Not" && len(vals) == 1:
			return !vals[0], nil
		case fn == "Fn::And":
			return !slices.Contains(vals, false), nil
		case fn == "Fn::Or":
			return slices.Contains(vals, true), nil
		}
	}
	return false, fmt.Errorf("%s: not a condition function, or wrong arguments", fn)
}

// noValue stands for AWS::NoValue until its container drops it.
type noValue struct{}

// Resolve evaluates every intrinsic function and dynamic reference in v.
// AWS::NoValue removes an object's key or a list's item.
func (t *Template) Resolve(v any) (any, error) {
	out, err := t.resolve(v)
	if _, ok := out.(noValue); ok {
		return nil, err
	}
	return out, err
}

func (t *Template) resolve(v any) (any, error) {
	switch v := v.(type) {
	case string:
		return t.dynamic(v)
	case []any:
		out := []any{}
		for _, x := range v {
			r, err := t.resolve(x)
			if err != nil {
				return nil, err
			}
			if _, skip := r.(noValue); !skip {
				out = append(out, r)
			}
		}
		return out, nil
	case map[string]any:
		if fn, arg, ok := intrinsic(v); ok {
			r, err := t.call(fn, arg)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", fn, err)
			}
			return r, nil
		}
		out := map[string]any{}
		for k, x := range v {
			r, err := t.resolve(x)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			if _, skip := r.(noValue); !skip {
				out[k] = r
			}
		}
		return out, nil
	}
	return v, nil
}

var dynamicReference = regexp.MustCompile(`\{\{resolve:([^}]*)\}\}`)

func (t *Template) dynamic(s string) (any, error) {
	if t.stack.DynamicReference == nil || !strings.Contains(s, "{{resolve:") {
		return s, nil
	}
	var err error
	out := dynamicReference.ReplaceAllStringFunc(s, func(m string) string {
		v, e := t.stack.DynamicReference(m[len("{{") : len(m)-len("}}")])
		if e != nil && err == nil {
			err = e
		}
		return v
	})
	return out, err
}

func (t *Template) call(fn string, arg any) (any, error) {
	if fn == "Fn::If" {
		args, _ := arg.([]any)
		name, _ := args[0].(string)
		if len(args) != 3 || name == "" {
			return nil, fmt.Errorf("takes a condition name and two values")
		}
		c, err := t.condition(name, nil)
		if err != nil {
			return nil, err
		}
		if c {
			return t.resolve(args[1])
		}
		return t.resolve(args[2])
	}
	if fn == "Ref" {
		name, _ := arg.(string)
		return t.ref(name)
	}
	if fn == "Fn::Sub" {
		return t.sub(arg)
	}
	if fn == "Fn::GetAtt" {
		var res, attr string
		switch a := arg.(type) {
		case []any:
			if len(a) == 2 {
				res, _ = a[0].(string)
				attr, _ = a[1].(string)
			}
		case string:
			res, attr, _ = strings.Cut(a, ".")
		}
		return t.getAtt(res, attr)
	}
	r, err := t.resolve(arg)
	if err != nil {
		return nil, err
	}
	args, _ := r.([]any)
	switch fn {
	case "Fn::Join":
		if len(args) != 2 {
			return nil, fmt.Errorf("takes a delimiter and a list")
		}
		list, _ := args[1].([]any)
		parts := make([]string, len(list))
		for i, p := range list {
			parts[i] = scalar(p)
		}
		return strings.Join(parts, scalar(args[0])), nil
	case "Fn::Select":
		if len(args) != 2 {
			return nil, fmt.Errorf("takes an index and a list")
		}
		i, err := strconv.Atoi(scalar(args[0]))
		list, _ := args[1].([]any)
		if err != nil || i < 0 || i >= len(list) {
			return nil, fmt.Errorf("index %v is not in the list", args[0])
		}
		return list[i], nil
	case "Fn::Split":
		if len(args) != 2 {
			return nil, fmt.Errorf("takes a delimiter and a string")
		}
		var out []any
		for _, p := range strings.Split(scalar(args[1]), scalar(args[0])) {
			out = append(out, p)
		}
		return out, nil
	case "Fn::FindInMap":
		if len(args) != 3 {
			return nil, fmt.Errorf("takes a map, a key and a second key")
		}
		maps, _ := t.tmpl["Mappings"].(map[string]any)
		m, _ := maps[scalar(args[0])].(map[string]any)
		top, _ := m[scalar(args[1])].(map[string]any)
		v, ok := top[scalar(args[2])]
		if !ok {
			return nil, fmt.Errorf("%v has no value", args)
		}
		return v, nil
	case "Fn::ImportValue":
		v, ok := t.stack.Exports[scalar(r)]
		if !ok {
			return nil, fmt.Errorf("no export is named %v", r)
		}
		return v, nil
	}
	return nil, fmt.Errorf("not supported")
}

func (t *Template) ref(name string) (any, error) {
	switch name {
	case "AWS::Partition":
		return t.stack.Partition, nil
	case "AWS::Region":
		return t.stack.Region, nil
	case "AWS::AccountId":
		return t.stack.AccountID, nil
	case "AWS::StackName":
		return t.stack.StackName, nil
	case "AWS::StackId":
		return t.stack.StackID, nil
	case "AWS::URLSuffix":
		return "amazonaws.com", nil
	case "AWS::NoValue":
		return noValue{}, nil
	}
	if v, ok := t.params[name]; ok {
		if l, ok := v.([]string); ok {
			out := make([]any, len(l))
			for i, s := range l {
				out[i] = s
			}
			return out, nil
		}
		return v, nil
	}
	if r, ok := t.stack.Resources[name]; ok {
		return r.Ref, nil
	}
	return nil, fmt.Errorf("%s is no parameter and no resource created yet", name)
}

func (t *Template) getAtt(res, attr string) (any, error) {
	r, ok := t.stack.Resources[res]
	if !ok {
		return nil, fmt.Errorf("%s is no resource created yet", res)
	}
	v, ok := r.Attributes[attr]
	if !ok {
		return nil, fmt.Errorf("%s has no attribute %s", res, attr)
	}
	return v, nil
}

var subVariable = regexp.MustCompile(`\$\{([^}]*)\}`)

func (t *Template) sub(arg any) (any, error) {
	pattern, isString := arg.(string)
	vars := map[string]any{}
	if !isString {
		args, _ := arg.([]any)
		if len(args) != 2 {
			return nil, fmt.Errorf("takes a string, or a string and variables")
		}
		pattern, _ = args[0].(string)
		given, _ := args[1].(map[string]any)
		for k, v := range given {
			r, err := t.resolve(v)
			if err != nil {
				return nil, err
			}
			vars[k] = r
		}
	}
	var err error
	out := subVariable.ReplaceAllStringFunc(pattern, func(m string) string {
		name := m[2 : len(m)-1]
		if strings.HasPrefix(name, "!") {
			return "${" + name[1:] + "}"
		}
		v, ok := vars[name]
		if !ok {
			var e error
			if res, attr, dotted := strings.Cut(name, "."); dotted && !strings.HasPrefix(name, "AWS::") {
				v, e = t.getAtt(res, attr)
			} else {
				v, e = t.ref(name)
			}
			if e != nil && err == nil {
				err = e
			}
		}
		if _, isList := v.([]any); isList && err == nil {
			err = fmt.Errorf("${%s} is a list", name)
		}
		return scalar(v)
	})
	if err != nil {
		return nil, err
	}
	return t.dynamic(out)
}

// intrinsic reports the function of a one-key object such as {"Ref": ...}.
func intrinsic(v any) (fn string, arg any, ok bool) {
	m, isMap := v.(map[string]any)
	if !isMap || len(m) != 1 {
		return "", nil, false
	}
	for k, a := range m {
		if k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::") {
			return k, a, true
		}
	}
	return "", nil, false
}

// scalar is a value as the string CloudFormation passes on.
func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}
