package profile

import (
	"reflect"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/appflow"
)

// fields is what the decoder needs of one SDK struct type, worked out once.
type fields struct {
	typeName string
	// byKey finds a field by lower-case name, and by wire spelling so that
	// the usual key is found without lowering it. ConnectorOAuthRequest is
	// CloudFormation's name for oAuthRequest.
	byKey    map[string]*field
	ordered  []*field
	required []*field
}

type field struct {
	reflect.StructField
	wire string
	rule rule
	// pos is the field's place among the struct's fields, below 64: sets of
	// fields are bit masks.
	pos int
}

func (fs *fields) lookup(key string) (*field, bool) {
	if f, ok := fs.byKey[key]; ok {
		return f, true
	}
	f, ok := fs.byKey[strings.ToLower(key)]
	return f, ok
}

// names are the fields' wire names.
func (fs *fields) names() []string {
	out := make([]string, len(fs.ordered))
	for i, f := range fs.ordered {
		out[i] = f.wire
	}
	return out
}

// fieldsByType caches fieldsOf; what it holds is never written again.
var fieldsByType sync.Map

func fieldsOf(t reflect.Type) *fields {
	if cached, ok := fieldsByType.Load(t); ok {
		return cached.(*fields)
	}
	fs := indexFields(t)
	fieldsByType.Store(t, fs)
	return fs
}

func indexFields(t reflect.Type) *fields {
	fs := &fields{typeName: t.Name(), byKey: map[string]*field{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() || (t == inputType && sf.Name == "ClientToken") {
			continue
		}
		r, _ := ruleFor(t.Name(), sf.Name)
		f := &field{StructField: sf, wire: wireNameIn(t, sf.Name), rule: r, pos: len(fs.ordered)}
		fs.ordered = append(fs.ordered, f)
		fs.byKey[strings.ToLower(sf.Name)] = f
		fs.byKey[f.wire] = f
		if sf.Name == "OAuthRequest" {
			fs.byKey["connectoroauthrequest"] = f
		}
	}
	if len(fs.ordered) > 64 {
		panic("profile: " + t.Name() + " has more fields than a set of them holds")
	}
	for _, name := range required[t.Name()] {
		fs.required = append(fs.required, fs.byKey[strings.ToLower(name)])
	}
	return fs
}

var inputType = reflect.TypeFor[appflow.CreateConnectorProfileInput]()

// connectorKeyTypes hold one member per connector, named in PascalCase on the wire.
var connectorKeyTypes = map[string]bool{"ConnectorProfileProperties": true, "ConnectorProfileCredentials": true}

func wireNameIn(t reflect.Type, field string) string {
	if connectorKeyTypes[t.Name()] {
		return field
	}
	return wireName(field)
}
