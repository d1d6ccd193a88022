package template

import (
	"encoding/json"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// parse reads a template in YAML or JSON (JSON is YAML) into a node tree with
// the short-form tags rewritten to the long form.
func parse(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, fmt.Errorf("the template is empty")
	}
	root := doc.Content[0]
	if err := longForm(root); err != nil {
		return nil, err
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("the template must be an object")
	}
	return root, nil
}

// lineError is a problem with the template at a line.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return e.msg }

// shortForms are the YAML tags for intrinsic functions, by tag.
var shortForms = map[string]string{"!Ref": "Ref", "!Condition": "Condition"}

func init() {
	for _, fn := range []string{
		"Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split",
		"Sub", "Transform", "If", "Equals", "And", "Or", "Not", "ToJsonString", "Length",
	} {
		shortForms["!"+fn] = "Fn::" + fn
	}
}

// longForm rewrites `!Fn arg` as `{Fn::Fn: arg}` throughout n, in place, so
// that lines stay with their nodes.
func longForm(n *yaml.Node) error {
	if n.Kind == yaml.AliasNode {
		return nil
	}
	for _, c := range n.Content {
		if err := longForm(c); err != nil {
			return err
		}
	}
	if !strings.HasPrefix(n.Tag, "!") || strings.HasPrefix(n.Tag, "!!") {
		return nil
	}
	fn, ok := shortForms[n.Tag]
	if !ok {
		return &lineError{n.Line, "unknown tag " + n.Tag + "; use an intrinsic function's tag such as !Ref or !GetAtt"}
	}
	arg := *n
	arg.Tag = ""
	switch arg.Kind {
	case yaml.ScalarNode:
		arg.Tag = "!!str"
		if fn == "Fn::GetAtt" { // !GetAtt Resource.Attribute.Name
			if res, attr, found := strings.Cut(arg.Value, "."); found {
				arg = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: n.Line, Column: n.Column, Content: []*yaml.Node{
					{Kind: yaml.ScalarNode, Tag: "!!str", Value: res, Line: n.Line, Column: n.Column},
					{Kind: yaml.ScalarNode, Tag: "!!str", Value: attr, Line: n.Line, Column: n.Column},
				}}
			}
		}
	case yaml.SequenceNode:
		arg.Tag = "!!seq"
	case yaml.MappingNode:
		arg.Tag = "!!map"
	}
	*n = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: n.Line, Column: n.Column, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: fn, Line: n.Line, Column: n.Column},
		&arg,
	}}
	return nil
}

// value turns a node into the plain values the decoder reads: objects,
// lists, strings, json.Number, bools and nil.
func value(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			return value(n.Content[0])
		}
		return nil
	case yaml.AliasNode:
		return value(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = value(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, len(n.Content))
		for i, c := range n.Content {
			l[i] = value(c)
		}
		return l
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int", "!!float":
		return json.Number(n.Value)
	}
	return n.Value
}

// lookup is the value node of key in the mapping n, and its key node.
func lookup(n *yaml.Node, key string) (k, v *yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}
