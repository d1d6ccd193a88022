package template

import "fmt"

// Decode reads a template, YAML with short-form tags or JSON, into the plain
// values that Check reads: objects, lists, strings, json.Number, bools and
// nil, every intrinsic function in its long form ({"Fn::Sub": ...}).
func Decode(data []byte) (map[string]any, error) {
	root, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("read template: %w", err)
	}
	return value(root).(map[string]any), nil
}
