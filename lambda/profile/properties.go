package profile

import (
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
