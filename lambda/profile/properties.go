package profile

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
)

// Properties are the decoded, checked resource properties of one profile.
type Properties struct {
	// Input is the CreateConnectorProfile request without its clientToken.
	Input       appflow.CreateConnectorProfileInput
	ForceDelete bool
}

// Options adjust decoding.
type Options struct {
	// Unresolved reports whether a raw value stands for one only known at deploy
	// time (an intrinsic function, a dynamic reference); such values are taken as valid.
	Unresolved func(raw any) bool
}

// Decode reads resource properties as CloudFormation sends them and checks them.
// The error, if any, is Problems.
func Decode(raw json.RawMessage) (*Properties, error) {
	props, err := parseObject(raw)
	if err != nil {
		return nil, Problems{{Message: "ResourceProperties " + err.Error()}}
	}
	return decode(props)
}

// DecodeMap checks properties already parsed from JSON or YAML.
func DecodeMap(props map[string]any, opts Options) (*Properties, error) {
	return decode(objectOf(props, opts.Unresolved))
}

func decode(props value) (*Properties, error) {
	d := newDecoder()
	p := &Properties{}
	d.top(props, p)
	d.crossCheck(p)
	if len(d.problems) > 0 {
		return nil, d.problems.sorted()
	}
	return p, nil
}

// CreateInput is the CreateConnectorProfile request, made idempotent by clientToken.
func (p *Properties) CreateInput(clientToken string) *appflow.CreateConnectorProfileInput {
	in := p.Input
	in.ClientToken = aws.String(clientToken)
	return &in
}

// UpdateInput is the UpdateConnectorProfile request for the members that can change in place.
func (p *Properties) UpdateInput(clientToken string) *appflow.UpdateConnectorProfileInput {
	return &appflow.UpdateConnectorProfileInput{
		ConnectorProfileName:   p.Input.ConnectorProfileName,
		ConnectionMode:         p.Input.ConnectionMode,
		ConnectorProfileConfig: p.Input.ConnectorProfileConfig,
		ClientToken:            aws.String(clientToken),
	}
}

// Secrets lists every credential value, so callers can scrub them from any text.
func (p *Properties) Secrets() []string {
	if p == nil || p.Input.ConnectorProfileConfig == nil {
		return nil
	}
	var out []string
	collectStrings(reflect.ValueOf(p.Input.ConnectorProfileConfig.ConnectorProfileCredentials), &out)
	return out
}

var plainString = reflect.TypeFor[string]()

func collectStrings(v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectStrings(v.Elem(), out)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				collectStrings(v.Field(i), out)
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			collectStrings(v.MapIndex(k), out)
		}
	case reflect.Slice:
		for i := range v.Len() {
			collectStrings(v.Index(i), out)
		}
	case reflect.String:
		if s := v.String(); s != "" && v.Type() == plainString {
			*out = append(*out, s)
		}
	}
}

// parseObject parses a JSON object, keeping numbers as written.
func parseObject(raw json.RawMessage) (value, error) {
	props, err := parse(raw)
	switch {
	case err != nil:
		return value{}, fmt.Errorf("%w: %w", errNotObject, err)
	case props.kind != object:
		return value{}, errNotObject
	}
	return props, nil
}
