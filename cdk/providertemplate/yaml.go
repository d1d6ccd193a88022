package main

import "go.yaml.in/yaml/v3"

// mapping is a YAML mapping that keeps its keys in the order given.
type mapping []field

type field struct {
	key   string
	value any
}

func (m mapping) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, f := range m {
		var v yaml.Node
		if err := v.Encode(f.value); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: f.key}, &v)
	}
	return n, nil
}

// fn is an intrinsic function in its short form, such as !Sub.
type fn struct {
	name string // Sub, Ref, GetAtt, If, ...
	arg  any
}

func (f fn) MarshalYAML() (any, error) {
	var n yaml.Node
	if err := n.Encode(f.arg); err != nil {
		return nil, err
	}
	n.Tag = "!" + f.name
	return &n, nil
}

func ref(name string) fn { return fn{"Ref", name} }

var noValue = ref("AWS::NoValue")

// flow writes a value on one line: [a, b] or {k: v}.
type flow struct{ value any }

func (f flow) MarshalYAML() (any, error) {
	var n yaml.Node
	if err := n.Encode(f.value); err != nil {
		return nil, err
	}
	setFlow(&n)
	return &n, nil
}

func setFlow(n *yaml.Node) {
	n.Style |= yaml.FlowStyle
	for _, c := range n.Content {
		setFlow(c)
	}
}
