package profile

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// parseCases are JSON texts where a parser is easily wrong.
var parseCases = []string{
	`{}`, `[]`, `""`, `0`, `-0`, `1.5e+10`, `-12.0E-3`, `true`, `false`, `null`, ` {"a" : [1, "b", null, true, {}]} `,
	`"\"\\\/\b\f\n\r\t"`, `"\u00e9\u65e5"`, `"\ud83d\ude00"`, `"\ud83d"`, `"\ude00x"`, `"\ud83d\u0041"`, `"é日本"`, "\"\xff\"", "\"a\xc3\"",
	`{"a": 1, "a": 2}`, `{"A": 1, "a": 2}`,
	// Not JSON:
	``, ` `, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[1 2]`, `01`, `1.`, `.5`, `-`, `1e`, `+1`, `tru`, `nul`, `"abc`, "\"a\nb\"", "\"a\x01\"",
	`"\x"`, `"\u12"`, `"\u12g4"`, `{} {}`, `{}x`, `'a'`, `{a:1}`, `NaN`,
}

func TestParseAgreesWithEncodingJSON(t *testing.T) {
	for _, in := range parseCases {
		checkParse(t, []byte(in))
	}
	deep := strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth)
	checkParse(t, []byte(deep))
	checkParse(t, []byte("["+deep+"]"))
}

// FuzzParse holds parse to encoding/json on arbitrary input.
//
//	go test -run='^$' -fuzz='^FuzzParse$' -fuzztime=30s ./lambda/profile
func FuzzParse(f *testing.F) {
	for _, in := range parseCases {
		f.Add([]byte(in))
	}
	f.Add([]byte(typicalCustomConnector))
	f.Fuzz(checkParse)
}

// checkParse compares parse with encoding/json: both accept the same texts and
// read them to the same values (duplicate keys: the last one counts).
func checkParse(t *testing.T, in []byte) {
	got, err := parse(in)
	if ok := json.Valid(in); (err == nil) != ok {
		t.Fatalf("parse(%q): error %v, but json.Valid says %v", in, err, ok)
	}
	if err != nil {
		return
	}
	var want any
	dec := json.NewDecoder(bytes.NewReader(in))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("encoding/json cannot read %q: %v", in, err)
	}
	if got := got.toAny(); !reflect.DeepEqual(want, got) { // cmp is slow on deep nesting
		t.Errorf("parse(%q) differs from encoding/json (-want +got):\n%s", in, cmp.Diff(want, got))
	}
}

// toAny is v as encoding/json reads JSON with UseNumber.
func (v value) toAny() any {
	switch v.kind {
	case stringValue:
		return v.text
	case numberValue:
		return json.Number(v.text)
	case boolValue:
		return v.text == "true"
	case object:
		m := map[string]any{}
		for _, e := range v.entries {
			m[e.key] = e.value.toAny()
		}
		return m
	case list:
		items := make([]any, len(v.entries))
		for i, e := range v.entries {
			items[i] = e.value.toAny()
		}
		return items
	}
	return nil
}
