package profile

import (
	"reflect"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/appflow"
)

// fieldIndexes caches fieldsOf by type; its maps are never written after they are stored.
var fieldIndexes sync.Map

// fieldsOf indexes the exported fields of an SDK struct by lower-case name,
// with ConnectorOAuthRequest as CloudFormation's name for oAuthRequest.
func fieldsOf(t reflect.Type) map[string]reflect.StructField {
	if cached, ok := fieldIndexes.Load(t); ok {
		return cached.(map[string]reflect.StructField)
	}
	fields := indexFields(t)
	fieldIndexes.Store(t, fields)
	return fields
}

func indexFields(t reflect.Type) map[string]reflect.StructField {
	fields := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || (t == inputType && f.Name == "ClientToken") {
			continue
		}
		fields[strings.ToLower(f.Name)] = f
		if f.Name == "OAuthRequest" {
			fields["connectoroauthrequest"] = f
		}
	}
	return fields
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
