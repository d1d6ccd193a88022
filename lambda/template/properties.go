package template

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// issue is one problem with a resource's properties, at a property path spelled
// as the template spells it (the decoder's paths).
type issue struct {
	path, message string
	// when lists the Fn::If branches the problem appears under.
	when []choice
}

// choice picks branch (1: condition true, 2: false) of the Fn::If at path.
type choice struct {
	path, condition string
	branch          int
}

func (c choice) String() string {
	return fmt.Sprintf("%s is %t", c.condition, c.branch == 1)
}

// names is what the template declares that a property may refer to; nil
// when the properties are checked on their own.
type names struct {
	parameters, resources map[string]string // name: Type
	conditions            map[string]bool
	// transformed templates may refer to resources a transform adds.
	transformed bool
}

const noValue = "AWS::NoValue"

// checkProperties finds every problem with the properties of one profile:
// the decoder's, with values only known at deploy time accepted where their
// kind fits, each Fn::If branch decoded in turn, plus what only CloudFormation
// cares about (ServiceToken, ServiceTimeout, null values, references).
func checkProperties(props map[string]any, ns *names) []issue {
	w := &walker{names: ns}
	w.object("", []any{}, props, profile.PropertiesShape(), true)
	issues := w.issues
	issues = append(issues, serviceToken(props, ns)...)
	issues = append(issues, ssmSecure("", props)...)

	clean := dropNoValue(props).(map[string]any)
	base := decode(clean)
	issues = append(issues, base...)
	seen := map[string]bool{}
	for _, is := range base {
		seen[is.path+"\x00"+is.message] = true
	}
	for _, c := range w.conditionals {
		for _, alt := range expand(c.path, c.arg) {
			variant := substitute(clean, c.route, alt.value).(map[string]any)
			for _, is := range decode(variant) {
				if !under(is.path, c.path) || seen[is.path+"\x00"+is.message] {
					continue
				}
				seen[is.path+"\x00"+is.message] = true
				is.when = alt.when
				issues = append(issues, is)
			}
		}
	}
	return issues
}

// ssmSecure finds {{resolve:ssm-secure:...}} anywhere under v, also inside
// intrinsic functions: CloudFormation resolves it for a fixed list of AWS
// resource properties only, so a custom resource would get the reference's text.
func ssmSecure(path string, v any) []issue {
	if _, arg, ok := intrinsic(v); ok {
		return ssmSecure(path, arg)
	}
	var out []issue
	switch x := v.(type) {
	case string:
		if strings.Contains(x, profile.SSMSecureStringReference) {
			out = append(out, issue{path: path, message: "CloudFormation does not resolve " + profile.SSMSecureStringReference +
				"...}} in a custom resource, so the reference itself would be sent; use " + profile.SecretsManagerReference + "...}} instead"})
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			out = append(out, ssmSecure(join(path, k), x[k])...)
		}
	case []any:
		for i, e := range x {
			out = append(out, ssmSecure(fmt.Sprintf("%s[%d]", path, i), e)...)
		}
	}
	return out
}

func decode(props map[string]any) []issue {
	_, err := profile.DecodeMap(props, profile.Options{Unresolved: Unresolved})
	ps, _ := err.(profile.Problems)
	out := make([]issue, len(ps))
	for i, p := range ps {
		out[i] = issue{path: p.Path, message: p.Message}
	}
	return out
}

// under reports whether path is prefix or inside it, ignoring letter case (the
// decoder names a missing required member by its API spelling).
func under(path, prefix string) bool {
	path, prefix = strings.ToLower(path), strings.ToLower(prefix)
	return path == prefix || strings.HasPrefix(path, prefix+".") || strings.HasPrefix(path, prefix+"[")
}

// conditional is an Fn::If found in the properties.
type conditional struct {
	path  string
	route []any // keys and indexes from the properties to it
	arg   []any
}

type alternative struct {
	value any
	when  []choice
}

// expand lists the values an Fn::If can take, following nested Fn::If branches.
func expand(path string, arg []any) []alternative {
	cond, _ := arg[0].(string)
	var out []alternative
	for branch := 1; branch <= 2; branch++ {
		c := choice{path: path, condition: cond, branch: branch}
		v := arg[branch]
		if fn, inner, ok := intrinsic(v); ok && fn == "Fn::If" && validIf(inner) {
			for _, alt := range expand(path, inner.([]any)) {
				out = append(out, alternative{alt.value, append([]choice{c}, alt.when...)})
			}
			continue
		}
		out = append(out, alternative{v, []choice{c}})
	}
	return out
}

func validIf(arg any) bool {
	l, ok := arg.([]any)
	if !ok || len(l) != 3 {
		return false
	}
	_, ok = l[0].(string)
	return ok
}

func isNoValue(v any) bool {
	fn, arg, ok := intrinsic(v)
	return ok && fn == "Ref" && arg == noValue
}

// dropNoValue removes members and items that are Ref AWS::NoValue, as
// CloudFormation does; intrinsic functions' arguments are left alone.
func dropNoValue(v any) any {
	if _, _, ok := intrinsic(v); ok {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if !isNoValue(e) {
				out[k] = dropNoValue(e)
			}
		}
		return out
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			if !isNoValue(e) {
				out = append(out, dropNoValue(e))
			}
		}
		return out
	}
	return v
}

// substitute copies root with the value at route replaced (or removed, for AWS::NoValue).
func substitute(root any, route []any, v any) any {
	if len(route) == 0 {
		return dropNoValue(v)
	}
	switch x := root.(type) {
	case map[string]any:
		key := route[0].(string)
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = e
		}
		if len(route) == 1 && isNoValue(v) {
			delete(out, key)
		} else {
			out[key] = substitute(x[key], route[1:], v)
		}
		return out
	case []any:
		i := route[0].(int)
		out := append([]any(nil), x...)
		if len(route) == 1 && isNoValue(v) {
			return append(out[:i], out[i+1:]...)
		}
		out[i] = substitute(x[i], route[1:], v)
		return out
	}
	return root
}

// walker checks what the decoder takes on trust: null values, and intrinsic
// functions and dynamic references against the kind of value expected.
type walker struct {
	names        *names
	issues       []issue
	conditionals []conditional
}

func (w *walker) add(path, format string, args ...any) {
	w.issues = append(w.issues, issue{path: path, message: fmt.Sprintf(format, args...)})
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func extend(route []any, step any) []any {
	if route == nil {
		return nil // inside an Fn::If branch: not substituted
	}
	return append(append([]any{}, route...), step)
}

var (
	stringShape     = &profile.Shape{Kind: profile.KindString}
	cfnMemberShapes = map[string]*profile.Shape{
		"ServiceToken":   stringShape,
		"ServiceTimeout": {Kind: profile.KindInteger},
	}
)

func (w *walker) object(path string, route []any, obj map[string]any, s *profile.Shape, top bool) {
	for _, key := range slices.Sorted(maps.Keys(obj)) {
		var shape *profile.Shape
		if m := s.Member(key); m != nil {
			shape = m.Shape
		} else if top {
			shape = cfnMemberShapes[key]
		}
		if shape != nil || obj[key] == nil {
			w.value(join(path, key), extend(route, key), obj[key], shape)
		}
	}
}

// value checks v where a value of shape s is expected.
func (w *walker) value(path string, route []any, v any, s *profile.Shape) {
	if v == nil {
		w.add(path, "is null; CloudFormation does not accept null values")
		return
	}
	if s == nil {
		return
	}
	if fn, arg, ok := intrinsic(v); ok {
		w.intrinsic(path, route, fn, arg, s)
		return
	}
	if str, ok := v.(string); ok && strings.Contains(str, profile.DynamicReference) {
		if !(yield{Scalar: true}).accepts(s.Kind) {
			w.add(path, "is a dynamic reference, which resolves to a string; expected %s", kindWords[s.Kind])
		}
		return
	}
	switch x := v.(type) {
	case map[string]any:
		switch s.Kind {
		case profile.KindObject:
			w.object(path, route, x, s, false)
		case profile.KindStringMap:
			for _, k := range slices.Sorted(maps.Keys(x)) {
				w.value(join(path, k), extend(route, k), x[k], stringShape)
			}
		}
	case []any:
		if s.Kind == profile.KindStringList {
			for i, item := range x {
				w.value(fmt.Sprintf("%s[%d]", path, i), extend(route, i), item, stringShape)
			}
		}
	}
}

var kindWords = map[profile.Kind]string{
	profile.KindObject:     "an object",
	profile.KindString:     "a string",
	profile.KindInteger:    "an integer",
	profile.KindBoolean:    "a boolean",
	profile.KindEnum:       "a string",
	profile.KindStringMap:  "an object of strings",
	profile.KindStringList: "a list of strings",
}

var conditionFunctions = map[string]bool{"Fn::Equals": true, "Fn::And": true, "Fn::Or": true, "Fn::Not": true, "Condition": true}

func (w *walker) intrinsic(path string, route []any, fn string, arg any, s *profile.Shape) {
	y, known := intrinsicYields[fn]
	switch {
	case conditionFunctions[fn]:
		w.add(path, "%s belongs in Conditions; in a property use Fn::If with a condition's name", fn)
		return
	case !known:
		w.add(path, "%s is not an intrinsic function", fn)
		return
	case fn == "Fn::If":
		if !validIf(arg) {
			w.add(path, "Fn::If takes [condition name, value if true, value if false]")
			return
		}
		l := arg.([]any)
		w.condition(path, l[0].(string))
		if route != nil {
			w.conditionals = append(w.conditionals, conditional{path: path, route: route, arg: l})
		}
		for _, branch := range l[1:] {
			if !isNoValue(branch) {
				w.value(path, nil, branch, s)
			}
		}
		return
	case fn == "Ref":
		y = w.ref(path, arg)
	}
	w.references(path, fn, arg)
	if !y.accepts(s.Kind) {
		w.add(path, "%s yields %s; expected %s", fn, yieldWords(y), kindWords[s.Kind])
	}
}

func yieldWords(y yield) string {
	var words []string
	if y.Scalar {
		words = append(words, "a string")
	}
	if y.List {
		words = append(words, "a list")
	}
	if y.Object {
		words = append(words, "an object")
	}
	return strings.Join(words, " or ")
}

// pseudoParameters are the AWS:: names Ref accepts; all but two yield strings.
var pseudoParameters = map[string]yield{
	"AWS::AccountId": {Scalar: true}, "AWS::NotificationARNs": {List: true}, noValue: {Scalar: true},
	"AWS::Partition": {Scalar: true}, "AWS::Region": {Scalar: true}, "AWS::StackId": {Scalar: true},
	"AWS::StackName": {Scalar: true}, "AWS::URLSuffix": {Scalar: true},
}

// ref is what Ref name yields, as far as the template tells.
func (w *walker) ref(path string, arg any) yield {
	name, ok := arg.(string)
	if !ok {
		w.add(path, "Ref takes the name of a parameter or resource")
		return intrinsicYields["Ref"]
	}
	if y, ok := pseudoParameters[name]; ok {
		return y
	}
	if w.names == nil {
		return intrinsicYields["Ref"]
	}
	if t, ok := w.names.parameters[name]; ok {
		if strings.Contains(t, "List<") || t == "CommaDelimitedList" {
			return yield{List: true}
		}
		return yield{Scalar: true}
	}
	if _, ok := w.names.resources[name]; !ok && !w.names.transformed {
		w.add(path, "Ref %s names no parameter or resource in the template", name)
	}
	return yield{Scalar: true}
}

var subReference = regexp.MustCompile(`\$\{([^!}][^}]*)\}`)

// references checks the names used inside an intrinsic function's argument.
func (w *walker) references(path, fn string, arg any) {
	if w.names == nil || w.names.transformed {
		return
	}
	switch fn {
	case "Ref":
		return // checked by ref
	case "Fn::GetAtt":
		var res string
		switch x := arg.(type) {
		case []any:
			if len(x) == 2 {
				res, _ = x[0].(string)
			}
		case string:
			res, _, _ = strings.Cut(x, ".")
		}
		if res == "" {
			w.add(path, "Fn::GetAtt takes [resource, attribute]")
		} else if _, ok := w.names.resources[res]; !ok {
			w.add(path, "Fn::GetAtt %s names no resource in the template", res)
		}
		return
	case "Fn::Sub":
		text, vars := arg, map[string]any{}
		if l, ok := arg.([]any); ok && len(l) == 2 {
			text = l[0]
			vars, _ = l[1].(map[string]any)
		}
		if s, ok := text.(string); ok {
			for _, m := range subReference.FindAllStringSubmatch(s, -1) {
				name, _, _ := strings.Cut(strings.TrimSpace(m[1]), ".")
				if _, isVar := vars[m[1]]; isVar {
					continue
				}
				if !w.known(name) {
					w.add(path, "Fn::Sub ${%s} names no parameter or resource in the template", m[1])
				}
			}
		}
	}
	w.nested(path, arg)
}

// nested checks intrinsic functions inside another's argument.
func (w *walker) nested(path string, arg any) {
	if fn, inner, ok := intrinsic(arg); ok {
		switch fn {
		case "Ref":
			w.ref(path, inner)
		case "Fn::If":
			if validIf(inner) {
				w.condition(path, inner.([]any)[0].(string))
			}
		}
		w.references(path, fn, inner)
		return
	}
	switch x := arg.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			w.nested(path, x[k])
		}
	case []any:
		for _, e := range x {
			w.nested(path, e)
		}
	}
}

func (w *walker) known(name string) bool {
	if _, ok := pseudoParameters[name]; ok {
		return true
	}
	_, isParam := w.names.parameters[name]
	_, isRes := w.names.resources[name]
	return isParam || isRes
}

func (w *walker) condition(path, name string) {
	if w.names != nil && !w.names.conditions[name] {
		w.add(path, "Fn::If condition %s is not in Conditions", name)
	}
}

// serviceToken checks how the properties name their provider: a Lambda
// function's ARN, and a ServiceTimeout CloudFormation accepts.
func serviceToken(props map[string]any, ns *names) []issue {
	var out []issue
	add := func(path, format string, args ...any) {
		out = append(out, issue{path: path, message: fmt.Sprintf(format, args...)})
	}
	found := false
	for _, key := range slices.Sorted(maps.Keys(props)) {
		switch {
		case key == "ServiceToken":
			found = true
		case key == "ServiceTimeout":
			timeout(props[key], add)
		case strings.EqualFold(key, "ServiceToken"), strings.EqualFold(key, "ServiceTimeout"):
			add(key, "CloudFormation reads this only when spelled %s", map[bool]string{true: "ServiceToken", false: "ServiceTimeout"}[strings.EqualFold(key, "ServiceToken")])
		}
	}
	if !found {
		add("ServiceToken", "is required: the ARN of the connector profile provider's Lambda function")
		return out
	}
	const path = "ServiceToken"
	switch v := props[path].(type) {
	case string:
		if !strings.Contains(v, profile.DynamicReference) && !serviceTokenPattern.MatchString(v) {
			add(path, "%s is not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)", strconv.Quote(v))
		}
	case map[string]any:
		fn, arg, ok := intrinsic(v)
		if !ok {
			add(path, "must be a string: the provider function's ARN")
		}
		if ns == nil {
			break
		}
		switch fn {
		case "Ref":
			name, _ := arg.(string)
			switch t, isRes := ns.resources[name]; {
			case !isRes:
			case t == "AWS::Lambda::Function":
				add(path, "Ref %s yields the function's name; use !GetAtt %s.Arn", name, name)
			case t != "AWS::Lambda::Alias" && t != "AWS::Lambda::Version":
				add(path, "Ref %s is a resource of type %s, not a Lambda function", name, t)
			}
		case "Fn::GetAtt":
			var name, attr string
			switch x := arg.(type) {
			case []any:
				if len(x) == 2 {
					name, _ = x[0].(string)
					attr, _ = x[1].(string)
				}
			case string:
				name, attr, _ = strings.Cut(x, ".")
			}
			switch t, isRes := ns.resources[name]; {
			case !isRes, t == "AWS::CloudFormation::Stack", t == "AWS::Serverless::Function" && attr == "Arn":
			case t == "AWS::Lambda::Function":
				if attr != "Arn" {
					add(path, "Fn::GetAtt %s.%s is not the function's ARN; use %s.Arn", name, attr, name)
				}
			default:
				add(path, "Fn::GetAtt %s is a resource of type %s, not a Lambda function", name, t)
			}
		}
	case nil: // the walker reports null
	default:
		add(path, "must be a string: the provider function's ARN")
	}
	return out
}

func timeout(v any, add func(path, format string, args ...any)) {
	const path = "ServiceTimeout"
	var n float64
	var err error
	switch x := v.(type) {
	case string:
		if strings.Contains(x, profile.DynamicReference) {
			return
		}
		var i int64
		i, err = strconv.ParseInt(x, 10, 64)
		n = float64(i)
	case json.Number:
		n, err = x.Float64()
	case map[string]any:
		if _, _, ok := intrinsic(x); ok {
			return // the walker checks what it yields
		}
		err = errNotNumber
	case nil:
		return // the walker reports null
	default:
		err = errNotNumber
	}
	switch {
	case err != nil || n != math.Trunc(n):
		add(path, "must be a whole number of seconds")
	case n < serviceTimeoutMin || n > serviceTimeoutMax:
		add(path, "%v is out of range %d..%d seconds", v, serviceTimeoutMin, serviceTimeoutMax)
	}
}

var errNotNumber = errors.New("not a number")
