package profile

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sdkTypes lets cmp look inside the SDK's types, whose only unexported field
// is an empty serialisation marker.
var sdkTypes = cmp.Exporter(func(reflect.Type) bool { return true })

// readEvent reads the resource properties in testdata/connectors/<name>.json.
func readEvent(tb testing.TB, name string) []byte {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "connectors", name+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	return raw
}

// mustDecode decodes raw and fails the test on any problem.
func mustDecode(tb testing.TB, raw []byte) *Properties {
	tb.Helper()
	p, err := Decode(raw)
	if err != nil {
		tb.Fatalf("Decode: %v", err)
	}
	return p
}

// absent, as an edit's value, removes the member.
var absent = &struct{ absent bool }{}

// edit returns the properties of testdata/connectors/<name>.json with the
// members at the given dotted paths replaced (or removed, for absent).
func edit(tb testing.TB, name string, edits map[string]any) []byte {
	tb.Helper()
	var props map[string]any
	dec := json.NewDecoder(bytes.NewReader(readEvent(tb, name)))
	dec.UseNumber()
	if err := dec.Decode(&props); err != nil {
		tb.Fatal(err)
	}
	for path, value := range edits {
		keys := strings.Split(path, ".")
		obj := props
		for _, k := range keys[:len(keys)-1] {
			next, ok := obj[k].(map[string]any)
			if !ok {
				next = map[string]any{}
				obj[k] = next
			}
			obj = next
		}
		if value == absent {
			delete(obj, keys[len(keys)-1])
		} else {
			obj[keys[len(keys)-1]] = value
		}
	}
	raw, err := json.Marshal(props)
	if err != nil {
		tb.Fatal(err)
	}
	return raw
}

// problemLines is what Decode reported, one "path: message" per problem.
func problemLines(tb testing.TB, err error) []string {
	tb.Helper()
	if err == nil {
		return nil
	}
	ps, ok := err.(Problems)
	if !ok {
		tb.Fatalf("error is %T, want Problems: %v", err, err)
	}
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return lines
}

// allCredentials lists every credential value of p, secrets and identifiers.
func allCredentials(p *Properties) []string {
	secrets, identifiers := p.Credentials()
	return append(secrets, identifiers...)
}
