package profile

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
)

// SchemaID names the properties schema; TemplateSchemaID the template schema.
const (
	SchemaID         = "https://github.com/appflow-iac/connectorprofile/lambda/validate/schema.json"
	TemplateSchemaID = "https://github.com/appflow-iac/connectorprofile/lambda/validate/template.schema.json"
)

// Schema is a JSON Schema (draft-07) of the properties of a
// Custom::AppFlowConnectorProfile, generated from the SDK types and the rules
// the decoder applies: keys in any letter case, scalars also as strings,
// intrinsic functions and dynamic references where a value of their kind fits.
func Schema() map[string]any {
	g := &schemaGen{defs: map[string]any{}}
	root := g.properties()
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["$id"] = SchemaID
	root["title"] = "Custom::AppFlowConnectorProfile properties"
	root["definitions"] = g.defs
	return root
}

// TemplateSchema is a JSON Schema (draft-07) for CloudFormation templates: it
// checks the Properties of every Custom::AppFlowConnectorProfile resource with
// Schema and leaves everything else alone, so it can sit beside a full
// CloudFormation schema in an editor.
func TemplateSchema() map[string]any {
	g := &schemaGen{defs: map[string]any{}}
	g.defs["ConnectorProfileResourceProperties"] = g.properties()
	return map[string]any{
		"$schema":     "http://json-schema.org/draft-07/schema#",
		"$id":         TemplateSchemaID,
		"title":       "CloudFormation template: Custom::AppFlowConnectorProfile resources",
		"type":        "object",
		"definitions": g.defs,
		"properties": map[string]any{
			"Resources": map[string]any{
				"type": "object",
				"additionalProperties": map[string]any{
					"if": map[string]any{
						"type":       "object",
						"required":   []string{"Type"},
						"properties": map[string]any{"Type": map[string]any{"const": "Custom::AppFlowConnectorProfile"}},
					},
					"then": map[string]any{
						"required":   []string{"Properties"},
						"properties": map[string]any{"Properties": ref("ConnectorProfileResourceProperties")},
					},
				},
			},
		},
	}
}

// MarshalSchema renders a schema as indented JSON ending in a newline.
func MarshalSchema(schema map[string]any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(schema); err != nil {
		return nil, fmt.Errorf("encode schema: %w", err)
	}
	return buf.Bytes(), nil
}

type schemaGen struct {
	defs map[string]any
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/definitions/" + name} }

// properties is the schema of the whole properties object.
func (g *schemaGen) properties() map[string]any {
	top := PropertiesShape()
	s := g.object(top)
	props := s["properties"].(map[string]any)
	props["ServiceToken"] = g.define("ServiceToken", map[string]any{
		"description": "The ARN of the connector profile provider's Lambda function.",
		"anyOf": []any{
			map[string]any{"type": "string", "pattern": ecmaPattern(ServiceTokenPattern.String())},
			g.dynamicReference(),
			g.intrinsic(KindString),
		},
	})
	props["ServiceTimeout"] = g.define("ServiceTimeout", map[string]any{
		"description": fmt.Sprintf("Seconds CloudFormation waits for the provider, %d..%d.", ServiceTimeoutMin, ServiceTimeoutMax),
		"anyOf": append(integerSchemas(ServiceTimeoutMin, ServiceTimeoutMax),
			g.dynamicReference(), g.intrinsic(KindInteger)),
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
func (g *schemaGen) object(s *Shape) map[string]any {
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
func (g *schemaGen) member(parent *Shape, m *Member) map[string]any {
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
func (g *schemaGen) value(s *Shape) []any {
	var alts []any
	switch s.Kind {
	case KindObject:
		if _, ok := g.defs[s.TypeName]; !ok {
			g.defs[s.TypeName] = nil
			g.defs[s.TypeName] = g.object(s)
		}
		alts = append(alts, ref(s.TypeName))
	case KindString:
		alts = append(alts, stringSchemas(s.rule)...)
	case KindInteger:
		alts = append(alts, integerSchemas(s.rule.min, s.rule.max)...)
	case KindBoolean:
		alts = append(alts, map[string]any{"type": "boolean"},
			map[string]any{"type": "string", "enum": []string{"true", "false"}})
	case KindEnum:
		alts = append(alts, map[string]any{"type": "string", "enum": s.Enum})
	case KindStringMap:
		item := s.TypeName + "." + s.Field + ".value"
		g.item(item, mapRule.value)
		alts = append(alts, map[string]any{
			"type":          "object",
			"maxProperties": mapRule.maxEntries,
			"propertyNames": map[string]any{
				"minLength": mapRule.key.minLen, "maxLength": mapRule.key.maxLen,
				"pattern": ecmaPattern(mapRule.key.pattern.String()),
			},
			"additionalProperties": ref(item),
		})
	case KindStringList:
		item := s.TypeName + "." + s.Field + ".item"
		g.item(item, s.rule)
		alts = append(alts, map[string]any{"type": "array", "items": ref(item)})
	}
	if s.Kind != KindObject && s.Kind != KindStringMap && s.Kind != KindStringList {
		alts = append(alts, g.dynamicReference())
	}
	return append(alts, g.intrinsic(s.Kind))
}

// item defines the schema of a string map value or list item.
func (g *schemaGen) item(name string, r rule) {
	alts := append(stringSchemas(r), g.dynamicReference(), g.intrinsic(KindString))
	g.defs[name] = nil
	alts = append(alts, g.conditional(ref(name), true))
	g.defs[name] = map[string]any{"anyOf": alts}
}

func (g *schemaGen) dynamicReference() map[string]any {
	return g.define("DynamicReference", map[string]any{
		"description": "A dynamic reference, resolved at deploy time.",
		"type":        "string",
		"pattern":     regexp.QuoteMeta(DynamicReference),
	})
}

// intrinsic accepts the intrinsic functions (other than Fn::If) that can yield kind k.
func (g *schemaGen) intrinsic(k Kind) map[string]any {
	var fns []string
	for fn, y := range IntrinsicYields {
		if fn != "Fn::If" && y.Accepts(k) {
			fns = append(fns, regexp.QuoteMeta(fn))
		}
	}
	sort.Strings(fns)
	name := map[bool]string{true: "IntrinsicObject"}[k == KindObject || k == KindStringMap]
	if name == "" {
		name = map[bool]string{true: "IntrinsicList", false: "IntrinsicScalar"}[k == KindStringList]
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
func (g *schemaGen) connectorRules(top *Shape) []any {
	config := top.Member("ConnectorProfileConfig").Shape
	propsShape := config.Member("ConnectorProfileProperties").Shape
	var rules []any
	for _, t := range typesWithProfiles() {
		key := ConnectorKey(types.ConnectorType(t))
		var others []string
		for _, m := range propsShape.Members {
			if m.Field != key {
				others = append(others, m.Field)
			}
		}
		// The decoder takes another connector's key as unset when its value is
		// an intrinsic function; so does the schema.
		foreign := g.define("OnlyConnector."+key, map[string]any{
			"patternProperties": map[string]any{caseInsensitive(others...): g.intrinsic(KindObject)},
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
				g.intrinsic(KindObject),
				map[string]any{"patternProperties": map[string]any{
					caseInsensitive("ConnectorProfileProperties"):  map[string]any{"anyOf": []any{g.intrinsic(KindObject), properties}},
					caseInsensitive("ConnectorProfileCredentials"): map[string]any{"anyOf": []any{g.intrinsic(KindObject), credentials}},
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
	auths := make([]string, 0, len(authMembers))
	for a := range authMembers {
		auths = append(auths, string(a))
	}
	sort.Strings(auths)
	for _, a := range auths {
		rules = append(rules, map[string]any{
			"if":   has(caseInsensitive("AuthenticationType"), map[string]any{"const": a}),
			"then": exists(caseInsensitive(authMembers[types.AuthenticationType(a)])),
		})
	}
	return map[string]any{"anyOf": []any{g.intrinsic(KindObject), map[string]any{"allOf": rules}}}
}

func hasRequired(s *Shape) bool {
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

// stringSchemas accept what decoder.text accepts under rule r: strings, and
// numbers whose written form the rule allows.
func stringSchemas(r rule) []any {
	s := map[string]any{"type": "string"}
	if r.maxLen > 0 {
		s["minLength"], s["maxLength"] = r.minLen, r.maxLen
	}
	if r.pattern != nil && r.pattern.String() != ".*" {
		s["pattern"] = ecmaPattern(r.pattern.String())
	}
	if r.allowed != "" {
		s["description"] = r.allowed
	}
	out := []any{s}
	switch {
	case r.pattern == nil || (r.pattern.MatchString("-1.5e+30") && (r.maxLen == 0 || r.maxLen >= 32)):
		out = append(out, map[string]any{"type": "number"})
	case r.pattern.MatchString("123") && !r.pattern.MatchString("-1") && r.maxLen > 0 && r.maxLen < 16:
		lo := 0
		if r.minLen > 1 {
			lo = int(math.Pow10(r.minLen - 1))
		}
		out = append(out, map[string]any{"type": "integer", "minimum": lo, "maximum": int(math.Pow10(r.maxLen)) - 1})
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

// ecmaPattern rewrites a Go regular expression so that it means the same to
// Go and to an editor's ECMAScript engine: the Perl classes \s \S \w \d, which
// are ASCII-only in Go, are spelled out.
func ecmaPattern(re string) string {
	outside := map[byte]string{'s': `[\t\n\f\r ]`, 'S': `[^\t\n\f\r ]`, 'w': `[0-9A-Za-z_]`, 'd': `[0-9]`}
	inside := map[byte]string{'s': `\t\n\f\r `, 'w': `0-9A-Za-z_`, 'd': `0-9`}
	var b strings.Builder
	inClass := false
	for i := 0; i < len(re); i++ {
		c := re[i]
		switch {
		case c == '\\' && i+1 < len(re):
			next := re[i+1]
			i++
			table := outside
			if inClass {
				table = inside
			}
			if rep, ok := table[next]; ok {
				b.WriteString(rep)
			} else {
				b.WriteByte(c)
				b.WriteByte(next)
			}
			continue
		case c == '[' && !inClass:
			inClass = true
		case c == ']' && inClass:
			inClass = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

func describe(m *Member) string {
	var parts []string
	if m.Required {
		parts = append(parts, "Required.")
	}
	if m.Shape.Secret && m.Shape.Kind != KindObject {
		parts = append(parts, "A credential: prefer a {{resolve:secretsmanager:...}} dynamic reference.")
	}
	if m.Shape.rule.allowed != "" {
		parts = append(parts, "Allowed: "+m.Shape.rule.allowed+".")
	}
	if m.Shape.Kind == KindInteger {
		parts = append(parts, fmt.Sprintf("An integer %d..%d.", m.Shape.rule.min, m.Shape.rule.max))
	}
	return strings.Join(parts, " ")
}
