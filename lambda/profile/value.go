package profile

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
)

// value is one node of resource properties: what the decoder reads, whether the
// properties came as JSON text (parse) or already parsed (fromAny).
type value struct {
	kind kind
	// text is a string's contents, a number as written, or a boolean's "true" or "false".
	text string
	// entries are an object's members in order, or a list's items (without keys).
	entries []entry
}

type entry struct {
	key   string
	value value
}

type kind uint8

const (
	null kind = iota
	stringValue
	numberValue
	boolValue
	object
	list
	unresolved  // known only at deploy time: an intrinsic function, a dynamic reference
	unknownType // a Go value no JSON reads to, handed to DecodeMap
)

// fromAny converts values parsed from JSON or YAML: maps, lists, strings,
// json.Number, float64, int, bools and nil.
func fromAny(raw any, isUnresolved func(any) bool) value {
	if isUnresolved != nil && isUnresolved(raw) {
		return value{kind: unresolved}
	}
	switch x := raw.(type) {
	case nil:
		return value{}
	case string:
		return value{kind: stringValue, text: x}
	case json.Number:
		return value{kind: numberValue, text: x.String()}
	case float64:
		return value{kind: numberValue, text: strconv.FormatFloat(x, 'f', -1, 64)}
	case int:
		return value{kind: numberValue, text: strconv.Itoa(x)}
	case bool:
		return value{kind: boolValue, text: strconv.FormatBool(x)}
	case map[string]any:
		return objectOf(x, isUnresolved)
	case []any:
		v := value{kind: list, entries: make([]entry, len(x))}
		for i, item := range x {
			v.entries[i].value = fromAny(item, isUnresolved)
		}
		return v
	}
	return value{kind: unknownType}
}

// objectOf converts a map, taking its members in key order.
func objectOf(m map[string]any, isUnresolved func(any) bool) value {
	v := value{kind: object, entries: make([]entry, 0, len(m))}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v.entries = append(v.entries, entry{k, fromAny(m[k], isUnresolved)})
	}
	return v
}

// display shows a non-credential value in a message.
func (v value) display() string {
	switch v.kind {
	case stringValue:
		return shown(v.text, false)
	case numberValue, boolValue:
		return v.text
	case object:
		return "an object"
	case list:
		return "a list"
	}
	return "the value"
}
