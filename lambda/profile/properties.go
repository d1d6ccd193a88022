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
	// CredentialsSecret names the Secrets Manager secret that holds (some of)
	// the connector's credentials; DecodeWithSecret merges them in.
	CredentialsSecret string
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

// Credentials lists the credential values, so callers can scrub them from any
// text, apart: secrets (tokens, keys,
// passwords) and identifiers (a secret's ARN, a redirect URI, see HoldsSecret).
func (p *Properties) Credentials() (secrets, identifiers []string) {
	if p == nil || p.Input.ConnectorProfileConfig == nil {
		return nil, nil
	}
	var c credentialValues
	c.collect(reflect.ValueOf(p.Input.ConnectorProfileConfig.ConnectorProfileCredentials), true)
	return c.secrets, c.identifiers
}

type credentialValues struct{ secrets, identifiers []string }

var plainString = reflect.TypeFor[string]()

// collect adds the strings in v; secret says whether the member holding v holds a secret.
func (c *credentialValues) collect(v reflect.Value, secret bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			c.collect(v.Elem(), secret)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				c.collect(v.Field(i), HoldsSecret(f.Name))
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			c.collect(v.MapIndex(k), secret)
		}
	case reflect.Slice:
		for i := range v.Len() {
			c.collect(v.Index(i), secret)
		}
	case reflect.String:
		switch s := v.String(); {
		case s == "" || v.Type() != plainString:
		case secret:
			c.secrets = append(c.secrets, s)
		default:
			c.identifiers = append(c.identifiers, s)
		}
	}
}
