package template

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/appflow/types"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// The editor schemas, by file name: one for a resource's properties, and one
// for whole templates that refers to it. Both files sit side by side.
const (
	SchemaFile         = "schema.json"
	TemplateSchemaFile = "template.schema.json"
)

// schemaBase is where the schemas are published; their $ids name them there.
const schemaBase = "https://github.com/appflow-iac/connectorprofile/lambda/checktemplate/"

// Schemas renders the editor schemas, by file name, as indented JSON.
func Schemas() (map[string][]byte, error) {
	out := map[string][]byte{}
	for name, schema := range map[string]map[string]any{SchemaFile: propertiesSchema(), TemplateSchemaFile: templateSchema()} {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		if err := enc.Encode(schema); err != nil {
			return nil, fmt.Errorf("encode %s: %w", name, err)
		}
		out[name] = buf.Bytes()
	}
	return out, nil
}

// propertiesSchema is a JSON Schema (draft-07) of the properties of a
// Custom::AppFlowConnectorProfile, generated from the SDK types and the rules
// the decoder applies: keys in any letter case, scalars also as strings,
// intrinsic functions and dynamic references where a value of their kind fits.
func propertiesSchema() map[string]any {
	g := &schemaGen{defs: map[string]any{}}
	root := g.properties()
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["$id"] = schemaBase + SchemaFile
	root["title"] = profile.ResourceType + " properties"
	root["definitions"] = g.defs
	return root
}

// templateSchema is a JSON Schema (draft-07) for CloudFormation templates: it
// checks the Properties of every Custom::AppFlowConnectorProfile resource with
// the properties schema beside it and leaves everything else alone, so it can
// sit beside a full CloudFormation schema in an editor.
func templateSchema() map[string]any {
	return map[string]any{
		"$schema": "http://json-schema.org/draft-07/schema#",
		"$id":     schemaBase + TemplateSchemaFile,
		"title":   "CloudFormation template: " + profile.ResourceType + " resources",
		"type":    "object",
		"properties": map[string]any{
			"Resources": map[string]any{
				"type": "object",
				"additionalProperties": map[string]any{
					"if": map[string]any{
						"type":       "object",
						"required":   []string{"Type"},
						"properties": map[string]any{"Type": map[string]any{"const": profile.ResourceType}},
					},
					"then": map[string]any{
						"required":   []string{"Properties"},
						"properties": map[string]any{"Properties": map[string]any{"$ref": SchemaFile}},
					},
				},
			},
		},
	}
}

type schemaGen struct {
	defs map[string]any
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/definitions/" + name} }

// properties is the schema of the whole properties object.
func (g *schemaGen) properties() map[string]any {
	top := profile.PropertiesShape()
	s := g.object(top)
	props := s["properties"].(map[string]any)
	props["ServiceToken"] = g.define("ServiceToken", map[string]any{
		"description": "The ARN of the connector profile provider's Lambda function.",
		"anyOf": []any{
			map[string]any{"type": "string", "pattern": ecmaPattern(serviceTokenPattern.String())},
			g.dynamicReference(),
			g.intrinsic(profile.KindString),
		},
	})
	props["ServiceTimeout"] = g.define("ServiceTimeout", map[string]any{
		"description": fmt.Sprintf("Seconds CloudFormation waits for the provider, %d..%d.", serviceTimeoutMin, serviceTimeoutMax),
		"anyOf": append(integerSchemas(serviceTimeoutMin, serviceTimeoutMax),
			g.dynamicReference(), g.intrinsic(profile.KindInteger)),
	})
	s["required"] = []string{"ServiceToken"}
	allOf, _ := s["allOf"].([]any)
	s["allOf"] = append(allOf, g.connectorRules(top)...)
	return s
}

// define stores a schema under name and refers to it.
func (g *schemaGen) define(name string, s map[string]any) map[string]any {
	g.defs[name] = s
	return ref(name)
}

// object is the schema of an SDK struct: its members in either spelling (or
// any letter case), nothing else, the required ones present, none twice.
func (g *schemaGen) object(s *profile.Shape) map[string]any {
	props := map[string]any{}
	patterns := map[string]any{}
	allOf := []any{}
	for _, m := range s.Members {
		member := g.member(s, m)
		for _, name := range m.Names() {
			props[name] = member
		}
		ci := caseInsensitive(append([]string{m.Field}, m.Aliases...)...)
		patterns[ci] = member
		if m.Required {
			allOf = append(allOf, exists(ci))
		}
		if names := m.Names(); len(names) > 1 {
			for i := range names {
				for _, other := range names[i+1:] {
					allOf = append(allOf, map[string]any{"not": map[string]any{"required": []string{names[i], other}}})
				}
			}
		}
	}
	out := map[string]any{
		"type":                 "object",
		"properties":           props,
		"patternProperties":    patterns,
		"additionalProperties": false,
	}
	if len(allOf) > 0 {
		out["allOf"] = allOf
	}
	return out
}

// member is the schema of one member's value, defined once per SDK field.
func (g *schemaGen) member(parent *profile.Shape, m *profile.Member) map[string]any {
	name := parent.TypeName + "." + m.Field
	if _, ok := g.defs[name]; ok {
		return ref(name)
	}
	g.defs[name] = nil // reserve: members may recur through Fn::If
	alts := g.value(m.Shape)
	alts = append(alts, g.conditional(ref(name), !m.Required))
	s := map[string]any{"anyOf": alts}
	if d := describe(m); d != "" {
		s["description"] = d
	}
	g.defs[name] = s
	return ref(name)
}

// value lists what a value of shape s may be: a literal, an intrinsic function
// that can yield it, a dynamic reference where a string fits.
func (g *schemaGen) value(s *profile.Shape) []any {
	var alts []any
	switch s.Kind {
	case profile.KindObject:
		if _, ok := g.defs[s.TypeName]; !ok {
			g.defs[s.TypeName] = nil
			g.defs[s.TypeName] = g.object(s)
		}
		alts = append(alts, ref(s.TypeName))
	case profile.KindString:
		alts = append(alts, stringSchemas(s.Constraint)...)
	case profile.KindInteger:
		alts = append(alts, integerSchemas(s.Constraint.Min, s.Constraint.Max)...)
	case profile.KindBoolean:
		alts = append(alts, map[string]any{"type": "boolean"},
			map[string]any{"type": "string", "enum": []string{"true", "false"}})
	case profile.KindEnum:
		alts = append(alts, map[string]any{"type": "string", "enum": s.Enum})
	case profile.KindStringMap:
		item := s.TypeName + "." + s.Field + ".value"
		g.item(item, s.Constraint)
		alts = append(alts, map[string]any{
			"type":          "object",
			"maxProperties": s.MaxEntries,
			"propertyNames": map[string]any{
				"minLength": s.KeyConstraint.MinLen, "maxLength": s.KeyConstraint.MaxLen,
				"pattern": ecmaPattern(s.KeyConstraint.Pattern),
			},
			"additionalProperties": ref(item),
		})
	case profile.KindStringList:
		item := s.TypeName + "." + s.Field + ".item"
		g.item(item, s.Constraint)
		alts = append(alts, map[string]any{"type": "array", "items": ref(item)})
	}
	if s.Kind != profile.KindObject && s.Kind != profile.KindStringMap && s.Kind != profile.KindStringList {
		alts = append(alts, g.dynamicReference())
	}
	return append(alts, g.intrinsic(s.Kind))
}

// item defines the schema of a string map value or list item.
func (g *schemaGen) item(name string, c profile.Constraint) {
	alts := append(stringSchemas(c), g.dynamicReference(), g.intrinsic(profile.KindString))
	g.defs[name] = nil
	alts = append(alts, g.conditional(ref(name), true))
	g.defs[name] = map[string]any{"anyOf": alts}
}

func (g *schemaGen) dynamicReference() map[string]any {
	return g.define("DynamicReference", map[string]any{
		"description": "A dynamic reference, resolved at deploy time.",
		"type":        "string",
		"pattern":     regexp.QuoteMeta(profile.DynamicReference),
	})
}

// intrinsic accepts the intrinsic functions (other than Fn::If) that can yield kind k.
func (g *schemaGen) intrinsic(k profile.Kind) map[string]any {
	var fns []string
	for fn, y := range intrinsicYields {
		if fn != "Fn::If" && y.accepts(k) {
			fns = append(fns, regexp.QuoteMeta(fn))
		}
	}
	sort.Strings(fns)
	name := map[bool]string{true: "IntrinsicObject"}[k == profile.KindObject || k == profile.KindStringMap]
	if name == "" {
		name = map[bool]string{true: "IntrinsicList", false: "IntrinsicScalar"}[k == profile.KindStringList]
	}
	return g.define(name, map[string]any{
		"description":   "An intrinsic function, resolved at deploy time.",
		"type":          "object",
		"minProperties": 1,
		"maxProperties": 1,
		"propertyNames": map[string]any{"pattern": "^(" + strings.Join(fns, "|") + ")$"},
	})
}

// conditional is Fn::If [condition, a, b] with both branches of schema self,
// or AWS::NoValue where the member may be absent.
func (g *schemaGen) conditional(self map[string]any, optional bool) map[string]any {
	branch := self
	if optional {
		branch = map[string]any{"anyOf": []any{self, g.define("NoValue", map[string]any{
			"type":                 "object",
			"required":             []string{"Ref"},
			"properties":           map[string]any{"Ref": map[string]any{"const": "AWS::NoValue"}},
			"additionalProperties": false,
		})}}
	}
	return map[string]any{
		"type":                 "object",
		"required":             []string{"Fn::If"},
		"additionalProperties": false,
		"properties": map[string]any{"Fn::If": map[string]any{
			"type":     "array",
			"minItems": 3, "maxItems": 3,
			"items": []any{map[string]any{"type": "string"}, branch, branch},
		}},
	}
}

// connectorRules mirror crossCheck: per connector type, only its own key under
// the properties and credentials (and that key where its members are required),
// a label for CustomConnector, and the member its authenticationType needs.
func (g *schemaGen) connectorRules(top *profile.Shape) []any {
	config := top.Member("ConnectorProfileConfig").Shape
	propsShape := config.Member("ConnectorProfileProperties").Shape
	var rules []any
	for _, t := range top.Member("ConnectorType").Shape.Enum {
		key := profile.ConnectorKey(types.ConnectorType(t))
		var others []string
		for _, m := range propsShape.Members {
			if m.Field != key {
				others = append(others, m.Field)
			}
		}
		// The decoder takes another connector's key as unset when its value is
		// an intrinsic function; so does the schema.
		foreign := g.define("OnlyConnector."+key, map[string]any{
			"patternProperties": map[string]any{caseInsensitive(others...): g.intrinsic(profile.KindObject)},
		})
		properties := foreign
		if m := propsShape.Member(key); hasRequired(m.Shape) {
			properties = map[string]any{"allOf": []any{properties, exists(caseInsensitive(key))}}
		}
		credentials := foreign
		if t == string(types.ConnectorTypeCustomconnector) {
			credentials = map[string]any{"allOf": []any{credentials, map[string]any{
				"patternProperties": map[string]any{caseInsensitive(key): g.customAuth()},
			}}}
		}
		then := []any{map[string]any{"patternProperties": map[string]any{
			caseInsensitive("ConnectorProfileConfig"): map[string]any{"anyOf": []any{
				g.intrinsic(profile.KindObject),
				map[string]any{"patternProperties": map[string]any{
					caseInsensitive("ConnectorProfileProperties"):  map[string]any{"anyOf": []any{g.intrinsic(profile.KindObject), properties}},
					caseInsensitive("ConnectorProfileCredentials"): map[string]any{"anyOf": []any{g.intrinsic(profile.KindObject), credentials}},
				}},
			}},
		}}}
		if t == string(types.ConnectorTypeCustomconnector) {
			then = append(then, exists(caseInsensitive("ConnectorLabel")))
		}
		rules = append(rules, map[string]any{
			"if":   has(caseInsensitive("ConnectorType"), map[string]any{"const": t}),
			"then": map[string]any{"allOf": then},
		})
	}
	return rules
}

func (g *schemaGen) customAuth() map[string]any {
	var rules []any
	for _, a := range types.AuthenticationType("").Values() {
		rules = append(rules, map[string]any{
			"if":   has(caseInsensitive("AuthenticationType"), map[string]any{"const": string(a)}),
			"then": exists(caseInsensitive(profile.AuthenticationMember(a))),
		})
	}
	return map[string]any{"anyOf": []any{g.intrinsic(profile.KindObject), map[string]any{"allOf": rules}}}
}

func hasRequired(s *profile.Shape) bool {
	for _, m := range s.Members {
		if m.Required {
			return true
		}
	}
	return false
}

// exists holds when some key matches pattern.
func exists(pattern string) map[string]any {
	return map[string]any{"not": map[string]any{"propertyNames": map[string]any{"not": map[string]any{"pattern": pattern}}}}
}

// has holds when some key matches pattern and every such key's value matches s.
func has(pattern string, s map[string]any) map[string]any {
	return map[string]any{"allOf": []any{exists(pattern), map[string]any{"patternProperties": map[string]any{pattern: s}}}}
}

// caseInsensitive matches any of names in any letter case.
func caseInsensitive(names ...string) string {
	alts := make([]string, len(names))
	for i, n := range names {
		alts[i] = ciLetters(n)
	}
	return "^(" + strings.Join(alts, "|") + ")$"
}

func ciLetters(s string) string {
	var b strings.Builder
	for _, r := range s {
		lower, upper := strings.ToLower(string(r)), strings.ToUpper(string(r))
		if lower != upper {
			b.WriteString("[" + lower + upper + "]")
		} else {
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	return b.String()
}

// stringSchemas accept what the decoder accepts under c: strings, and
// numbers whose written form c allows.
func stringSchemas(c profile.Constraint) []any {
	s := map[string]any{"type": "string"}
	if c.MaxLen > 0 {
		s["minLength"], s["maxLength"] = c.MinLen, c.MaxLen
	}
	allows := func(string) bool { return true }
	if c.Pattern != "" {
		s["pattern"] = ecmaPattern(c.Pattern)
		allows = regexp.MustCompile(c.Pattern).MatchString
	}
	if c.Allowed != "" {
		s["description"] = c.Allowed
	}
	out := []any{s}
	switch {
	case allows("-1.5e+30") && (c.MaxLen == 0 || c.MaxLen >= 32):
		out = append(out, map[string]any{"type": "number"})
	case allows("123") && !allows("-1") && c.MaxLen > 0 && c.MaxLen < 16:
		lo := 0
		if c.MinLen > 1 {
			lo = int(math.Pow10(c.MinLen - 1))
		}
		out = append(out, map[string]any{"type": "integer", "minimum": lo, "maximum": int(math.Pow10(c.MaxLen)) - 1})
	}
	return out
}

// integerSchemas accept what decoder.integer accepts in lo..hi (lo >= 1):
// integral numbers, and decimal strings as strconv.ParseInt reads them.
func integerSchemas(lo, hi int) []any {
	return []any{
		map[string]any{"type": "integer", "minimum": lo, "maximum": hi},
		map[string]any{"type": "string", "pattern": `^\+?0*(` + strings.Join(rangeAlts(lo, hi), "|") + `)$`},
	}
}

// rangeAlts are regular expressions that together match the decimal numbers
// lo..hi written without leading zeros.
func rangeAlts(lo, hi int) []string {
	if lo > hi {
		return nil
	}
	slo, shi := strconv.Itoa(lo), strconv.Itoa(hi)
	if len(slo) < len(shi) {
		top := int(math.Pow10(len(slo))) - 1
		return append(rangeAlts(lo, top), rangeAlts(top+1, hi)...)
	}
	return sameLength(slo, shi)
}

func sameLength(a, b string) []string {
	n := len(a)
	switch {
	case a == b:
		return []string{a}
	case strings.Trim(a, "0") == "" && strings.Trim(b, "9") == "":
		if n == 1 {
			return []string{"[0-9]"}
		}
		return []string{fmt.Sprintf("[0-9]{%d}", n)}
	case n == 1:
		return []string{fmt.Sprintf("[%c-%c]", a[0], b[0])}
	case a[0] == b[0]:
		return []string{a[:1] + group(sameLength(a[1:], b[1:]))}
	}
	out := []string{a[:1] + group(sameLength(a[1:], strings.Repeat("9", n-1)))}
	if a[0]+1 <= b[0]-1 {
		out = append(out, fmt.Sprintf("[%c-%c]", a[0]+1, b[0]-1)+sameLength(strings.Repeat("0", n-1), strings.Repeat("9", n-1))[0])
	}
	return append(out, b[:1]+group(sameLength(strings.Repeat("0", n-1), b[1:])))
}

func group(alts []string) string {
	if len(alts) == 1 {
		return alts[0]
	}
	return "(" + strings.Join(alts, "|") + ")"
}

// ecmaPattern rewrites one of the decoder's patterns (Go syntax, with its
// classes spelled out) for an editor's ECMAScript engine: \x{…} becomes \u….
func ecmaPattern(re string) string {
	return goHexEscape.ReplaceAllStringFunc(re, func(m string) string {
		return fmt.Sprintf(`\u%04s`, m[3:len(m)-1])
	})
}

var goHexEscape = regexp.MustCompile(`\\x\{[0-9a-fA-F]{1,4}\}`)

func describe(m *profile.Member) string {
	var parts []string
	c := m.Shape.Constraint
	if m.Required {
		parts = append(parts, "Required.")
	}
	if m.Shape.Secret && m.Shape.Kind == profile.KindString && profile.HoldsSecret(m.Field) {
		parts = append(parts, "A credential: prefer a "+profile.SecretsManagerReference+"...}} dynamic reference.")
	}
	if c.Allowed != "" {
		parts = append(parts, "Allowed: "+c.Allowed+".")
	}
	if m.Shape.Kind == profile.KindInteger {
		parts = append(parts, fmt.Sprintf("An integer %d..%d.", c.Min, c.Max))
	}
	return strings.Join(parts, " ")
}
