package connectorprofile

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
)

var (
	secretValueType = reflect.TypeOf((*awscdk.SecretValue)(nil)).Elem()
	secretType      = reflect.TypeOf((*awssecretsmanager.ISecret)(nil)).Elem()
)

// render turns one of the config structs into the custom resource's
// property value: a map keyed by the AppFlow wire names from the json tags,
// without unset members. Strings stay *string (they may be tokens), secret
// values stay awscdk.SecretValue, so CloudFormation resolves them, and a
// Secrets Manager secret becomes its ARN.
func render(v interface{}) map[string]interface{} {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	return renderStruct(rv)
}

func renderStruct(rv reflect.Value) map[string]interface{} {
	out := map[string]interface{}{}
	t := rv.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || !f.IsExported() {
			continue
		}
		if val, ok := renderValue(rv.Field(i)); ok {
			out[name] = val
		}
	}
	return out
}

func renderValue(v reflect.Value) (interface{}, bool) {
	switch {
	case v.Type() == secretValueType:
		if v.IsNil() {
			return nil, false
		}
		return v.Interface(), true
	case v.Type() == secretType:
		if v.IsNil() {
			return nil, false
		}
		return v.Interface().(awssecretsmanager.ISecret).SecretArn(), true
	case v.Kind() == reflect.String: // SDK enums
		if v.Len() == 0 {
			return nil, false
		}
		return v.String(), true
	case v.Kind() != reflect.Pointer:
		panic(fmt.Sprintf("connectorprofile: cannot render %s", v.Type()))
	case v.IsNil():
		return nil, false
	}
	e := v.Elem()
	switch e.Kind() {
	case reflect.Struct:
		return renderStruct(e), true
	case reflect.String, reflect.Bool, reflect.Float64:
		return v.Interface(), true
	case reflect.Slice:
		out := make([]interface{}, 0, e.Len())
		for i := 0; i < e.Len(); i++ {
			if !e.Index(i).IsNil() {
				out = append(out, e.Index(i).Interface())
			}
		}
		return out, true
	case reflect.Map:
		out := make(map[string]interface{}, e.Len())
		iter := e.MapRange()
		for iter.Next() {
			if !iter.Value().IsNil() {
				out[iter.Key().String()] = iter.Value().Interface()
			}
		}
		return out, true
	}
	panic(fmt.Sprintf("connectorprofile: cannot render %s", v.Type()))
}

// connectorKey names the single connector set in the properties (or
// credentials) struct, "" if none; more than one is an error.
func connectorKey(v interface{}) (string, error) {
	rv := reflect.ValueOf(v)
	if rv.IsNil() {
		return "", nil
	}
	rv = rv.Elem()
	var keys []string
	for i := 0; i < rv.NumField(); i++ {
		if !rv.Field(i).IsNil() {
			keys = append(keys, rv.Type().Field(i).Name)
		}
	}
	if len(keys) > 1 {
		return "", fmt.Errorf("set exactly one connector, got %s", strings.Join(keys, ", "))
	}
	if len(keys) == 0 {
		return "", nil
	}
	return keys[0], nil
}
