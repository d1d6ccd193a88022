package appflowfake

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
)

// TestModelMatchesSDKShapes checks the wire table against the member names
// of the SDK's generated types (the same Smithy model), so a typo in the
// table cannot make the stand-in reject what AppFlow accepts.
func TestModelMatchesSDKShapes(t *testing.T) {
	cfg := inputs[opCreate].members["connectorProfileConfig"].shape
	for part, typ := range map[string]reflect.Type{
		"connectorProfileProperties":  reflect.TypeOf(types.ConnectorProfileProperties{}),
		"connectorProfileCredentials": reflect.TypeOf(types.ConnectorProfileCredentials{}),
	} {
		compare(t, part, cfg.members[part].shape, typ, true)
	}
}

func compare(t *testing.T, path string, s *shape, typ reflect.Type, keys bool) {
	t.Helper()
	want := map[string]reflect.Type{}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if !keys {
			name = strings.ToLower(name[:1]) + name[1:]
		}
		want[name] = f.Type
	}
	var got, exp []string
	for k := range s.members {
		got = append(got, k)
	}
	for k := range want {
		exp = append(exp, k)
	}
	sort.Strings(got)
	sort.Strings(exp)
	if strings.Join(got, ",") != strings.Join(exp, ",") {
		t.Errorf("%s: model has %v, SDK has %v", path, got, exp)
		return
	}
	for name, ft := range want {
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			if m := s.members[name].shape; m.kind != kStruct {
				t.Errorf("%s.%s: model kind %v, SDK struct", path, name, m.kind)
			} else {
				compare(t, path+"."+name, m, ft, false)
			}
		}
	}
}
