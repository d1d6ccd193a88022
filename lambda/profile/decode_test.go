package profile

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/google/go-cmp/cmp"
)

// singular is a small valid profile: Singular takes no properties and one credential.
func singular(mod func(*Properties)) *Properties {
	p := &Properties{Input: appflow.CreateConnectorProfileInput{
		ConnectorProfileName: aws.String("p1"),
		ConnectorType:        types.ConnectorTypeSingular,
		ConnectionMode:       types.ConnectionModePublic,
		ConnectorProfileConfig: &types.ConnectorProfileConfig{
			ConnectorProfileProperties:  &types.ConnectorProfileProperties{Singular: &types.SingularConnectorProfileProperties{}},
			ConnectorProfileCredentials: &types.ConnectorProfileCredentials{Singular: &types.SingularConnectorProfileCredentials{ApiKey: aws.String("fake-singular-key")}},
		},
	}}
	if mod != nil {
		mod(p)
	}
	return p
}

// TestDecodeKeys: keys match the API member names in any case, CloudFormation's
// spellings and own keys are understood, and null is the same as leaving a key out.
func TestDecodeKeys(t *testing.T) {
	const config = `"connectorProfileConfig": {"connectorProfileProperties": {"Singular": {}}, "connectorProfileCredentials": {"Singular": {"apiKey": "fake-singular-key"}}}`
	zendeskCreds := func(oauth string) string {
		return `{"connectorProfileName": "p1", "connectorType": "Zendesk", "connectionMode": "Public", "connectorProfileConfig": {
			"connectorProfileProperties": {"Zendesk": {"instanceUrl": "https://acme.zendesk.com"}},
			"connectorProfileCredentials": {"Zendesk": {"clientId": "fake-id", "clientSecret": "fake-secret", ` + oauth + `}}}}`
	}
	tests := []struct {
		name    string
		in      string
		want    *Properties
		wantErr []string
	}{
		{
			name: "the API's camelCase",
			in:   `{"connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", ` + config + `}`,
			want: singular(nil),
		},
		{
			name: "CloudFormation's PascalCase",
			in: `{"ConnectorProfileName": "p1", "ConnectorType": "Singular", "ConnectionMode": "Public", "ConnectorProfileConfig": {
				"ConnectorProfileProperties": {"Singular": {}}, "ConnectorProfileCredentials": {"Singular": {"ApiKey": "fake-singular-key"}}}}`,
			want: singular(nil),
		},
		{
			name: "any case, connector keys included",
			in: `{"CONNECTORPROFILENAME": "p1", "connectortype": "Singular", "connectionMODE": "Public", "connectorProfileConfig": {
				"connectorprofileproperties": {"SINGULAR": {}}, "connectorProfileCredentials": {"singular": {"APIKEY": "fake-singular-key"}}}}`,
			want: singular(nil),
		},
		{
			name: "KMSArn and ConnectorLabel as CloudFormation spells them",
			in:   `{"connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", "KMSArn": "arn:aws:kms:us-east-1:111122223333:key/k1", "ConnectorLabel": "label1", ` + config + `}`,
			want: singular(func(p *Properties) {
				p.Input.KmsArn = aws.String("arn:aws:kms:us-east-1:111122223333:key/k1")
				p.Input.ConnectorLabel = aws.String("label1")
			}),
		},
		{
			name: "ServiceToken and ServiceTimeout are CloudFormation's and ignored",
			in:   `{"ServiceToken": "arn:aws:lambda:us-east-1:111122223333:function:f", "ServiceTimeout": "300", "connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", ` + config + `}`,
			want: singular(nil),
		},
		{
			name: "forceDelete true",
			in:   `{"forceDelete": true, "connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", ` + config + `}`,
			want: singular(func(p *Properties) { p.ForceDelete = true }),
		},
		{
			name: "ForceDelete as CloudFormation sends it",
			in:   `{"ForceDelete": "true", "connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", ` + config + `}`,
			want: singular(func(p *Properties) { p.ForceDelete = true }),
		},
		{
			name: "forceDelete as CloudFormation sends it",
			in:   `{"forceDelete": "true", "connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", ` + config + `}`,
			want: singular(func(p *Properties) { p.ForceDelete = true }),
		},
		{
			name: "forceDelete false",
			in:   `{"forceDelete": "false", "connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", ` + config + `}`,
			want: singular(nil),
		},
		{
			name:    "forceDelete that is not a boolean",
			in:      `{"forceDelete": "yes", "connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", ` + config + `}`,
			wantErr: []string{`forceDelete: "yes" is not a boolean; use true or false`},
		},
		{
			name:    "clientToken is the event's RequestId, not a property",
			in:      `{"ClientToken": "t1", "connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", ` + config + `}`,
			wantErr: []string{`ClientToken: is set from the event's RequestId; remove it`},
		},
		{
			name: "ConnectorOAuthRequest is oAuthRequest",
			in:   zendeskCreds(`"ConnectorOAuthRequest": {"AuthCode": "fake-code", "RedirectUri": "https://example.com/cb"}`),
			want: &Properties{Input: appflow.CreateConnectorProfileInput{
				ConnectorProfileName: aws.String("p1"),
				ConnectorType:        types.ConnectorTypeZendesk,
				ConnectionMode:       types.ConnectionModePublic,
				ConnectorProfileConfig: &types.ConnectorProfileConfig{
					ConnectorProfileProperties: &types.ConnectorProfileProperties{Zendesk: &types.ZendeskConnectorProfileProperties{InstanceUrl: aws.String("https://acme.zendesk.com")}},
					ConnectorProfileCredentials: &types.ConnectorProfileCredentials{Zendesk: &types.ZendeskConnectorProfileCredentials{
						ClientId:     aws.String("fake-id"),
						ClientSecret: aws.String("fake-secret"),
						OAuthRequest: &types.ConnectorOAuthRequest{AuthCode: aws.String("fake-code"), RedirectUri: aws.String("https://example.com/cb")},
					}},
				},
			}},
		},
		{
			name:    "oAuthRequest and ConnectorOAuthRequest together",
			in:      zendeskCreds(`"oAuthRequest": {}, "ConnectorOAuthRequest": {}`),
			wantErr: []string{`connectorProfileConfig.connectorProfileCredentials.Zendesk.oAuthRequest: given twice (also as "ConnectorOAuthRequest")`},
		},
		{
			name:    "forceDelete given twice in different cases",
			in:      `{"forceDelete": true, "ForceDelete": false, "connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", ` + config + `}`,
			wantErr: []string{`forceDelete: given twice (also as "ForceDelete")`},
		},
		{
			// CloudFormation cannot send one, and encoding/json keeps the last.
			name: "a key given twice in the same case",
			in:   `{"connectorProfileName": "p0", "connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", ` + config + `}`,
			want: singular(nil),
		},
		{
			name:    "a key given twice in different cases",
			in:      `{"ConnectorProfileName": "p1", "connectorProfileName": "p2", "connectorType": "Singular", "connectionMode": "Public", ` + config + `}`,
			wantErr: []string{`connectorProfileName: given twice (also as "ConnectorProfileName")`},
		},
		{
			name: "null optional members are absent",
			in: `{"connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", "kmsArn": null, "connectorLabel": null, "forceDelete": null,
				"connectorProfileConfig": {"connectorProfileProperties": {"Singular": {}}, "connectorProfileCredentials": null}}`,
			want: singular(func(p *Properties) { p.Input.ConnectorProfileConfig.ConnectorProfileCredentials = nil }),
		},
		{
			name:    "a null required member is missing",
			in:      `{"connectorProfileName": null, "connectorType": "Singular", "connectionMode": "Public", ` + config + `}`,
			wantErr: []string{`connectorProfileName: is required`},
		},
		{
			name: "connectorProfileProperties may be left out where the connector has none",
			in:   `{"connectorProfileName": "p1", "connectorType": "Singular", "connectionMode": "Public", "connectorProfileConfig": {"connectorProfileProperties": null}}`,
			want: singular(func(p *Properties) {
				p.Input.ConnectorProfileConfig = &types.ConnectorProfileConfig{ConnectorProfileProperties: &types.ConnectorProfileProperties{}}
			}),
		},
		{
			name:    "connectorProfileProperties may not be left out where the connector needs some",
			in:      `{"connectorProfileName": "p1", "connectorType": "Datadog", "connectionMode": "Public", "connectorProfileConfig": {}}`,
			wantErr: []string{`connectorProfileConfig.connectorProfileProperties.Datadog: is required for connectorType "Datadog"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(json.RawMessage(tt.in))
			if diff := cmp.Diff(tt.wantErr, problemLines(t, err)); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, got, sdkTypes); diff != "" {
				t.Errorf("properties mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDecodeCoercion: CloudFormation sends every scalar as a string.
func TestDecodeCoercion(t *testing.T) {
	const (
		sandbox = propertiesPath + ".Salesforce.isSandboxEnvironment"
		port    = propertiesPath + ".SAPOData.portNumber"
		client  = propertiesPath + ".SAPOData.clientNumber"
	)
	salesforce := func(p *Properties) *types.SalesforceConnectorProfileProperties {
		return p.Input.ConnectorProfileConfig.ConnectorProfileProperties.Salesforce
	}
	sapodata := func(p *Properties) *types.SAPODataConnectorProfileProperties {
		return p.Input.ConnectorProfileConfig.ConnectorProfileProperties.SAPOData
	}
	tests := []struct {
		name    string
		file    string
		path    string
		value   any
		get     func(*Properties) any
		want    any
		wantErr string
	}{
		{name: "boolean true", file: "Salesforce", path: sandbox, value: true, get: func(p *Properties) any { return salesforce(p).IsSandboxEnvironment }, want: true},
		{name: "boolean false", file: "Salesforce", path: sandbox, value: false, get: func(p *Properties) any { return salesforce(p).IsSandboxEnvironment }, want: false},
		{name: `boolean "true"`, file: "Salesforce", path: sandbox, value: "true", get: func(p *Properties) any { return salesforce(p).IsSandboxEnvironment }, want: true},
		{name: `boolean "false"`, file: "Salesforce", path: sandbox, value: "false", get: func(p *Properties) any { return salesforce(p).IsSandboxEnvironment }, want: false},
		{name: "boolean null", file: "Salesforce", path: sandbox, value: nil, get: func(p *Properties) any { return salesforce(p).IsSandboxEnvironment }, want: false},
		{name: `boolean "yes"`, file: "Salesforce", path: sandbox, value: "yes", wantErr: sandbox + `: "yes" is not a boolean; use true or false`},
		{name: "boolean 1", file: "Salesforce", path: sandbox, value: 1, wantErr: sandbox + `: 1 is not a boolean; use true or false`},
		{name: `boolean "1"`, file: "Salesforce", path: sandbox, value: "1", wantErr: sandbox + `: "1" is not a boolean; use true or false`},
		{name: "boolean object", file: "Salesforce", path: sandbox, value: map[string]any{}, wantErr: sandbox + `: an object is not a boolean; use true or false`},

		{name: "integer 443", file: "SAPOData", path: port, value: 443, get: func(p *Properties) any { return *sapodata(p).PortNumber }, want: int32(443)},
		{name: `integer "443"`, file: "SAPOData", path: port, value: "443", get: func(p *Properties) any { return *sapodata(p).PortNumber }, want: int32(443)},
		{name: "integer 1, the least", file: "SAPOData", path: port, value: "1", get: func(p *Properties) any { return *sapodata(p).PortNumber }, want: int32(1)},
		{name: "integer 65535, the most", file: "SAPOData", path: port, value: 65535, get: func(p *Properties) any { return *sapodata(p).PortNumber }, want: int32(65535)},
		{name: `integer "44.5"`, file: "SAPOData", path: port, value: "44.5", wantErr: port + `: "44.5" is not an integer`},
		{name: "integer 44.5", file: "SAPOData", path: port, value: json.Number("44.5"), wantErr: port + `: 44.5 is not an integer`},
		{name: `integer "abc"`, file: "SAPOData", path: port, value: "abc", wantErr: port + `: "abc" is not an integer`},
		{name: `integer ""`, file: "SAPOData", path: port, value: "", wantErr: port + `: "" is not an integer`},
		{name: "integer true", file: "SAPOData", path: port, value: true, wantErr: port + `: true is not an integer`},
		{name: "integer 70000", file: "SAPOData", path: port, value: 70000, wantErr: port + `: 70000 is out of range 1..65535`},
		{name: `integer "70000"`, file: "SAPOData", path: port, value: "70000", wantErr: port + `: "70000" is out of range 1..65535`},
		{name: "integer 0", file: "SAPOData", path: port, value: 0, wantErr: port + `: 0 is out of range 1..65535`},
		{name: `integer "-443"`, file: "SAPOData", path: port, value: "-443", wantErr: port + `: "-443" is out of range 1..65535`},
		{name: "integer beyond int64", file: "SAPOData", path: port, value: json.Number("1e30"), wantErr: port + `: 1e30 is not an integer`},
		{name: "integer written as a decimal", file: "SAPOData", path: port, value: json.Number("443.0"), wantErr: port + `: 443.0 is not an integer`},
		{name: "boolean in another case", file: "Salesforce", path: propertiesPath + ".Salesforce.isSandboxEnvironment", value: "True",
			wantErr: propertiesPath + `.Salesforce.isSandboxEnvironment: "True" is not a boolean; use true or false`},

		{name: "number for a string", file: "SAPOData", path: client, value: 100, get: func(p *Properties) any { return *sapodata(p).ClientNumber }, want: "100"},
		{name: "number for a credential string", file: "Snowflake", path: credentialsPath + ".Snowflake.password", value: 12345,
			get: func(p *Properties) any {
				return *p.Input.ConnectorProfileConfig.ConnectorProfileCredentials.Snowflake.Password
			}, want: "12345"},
		{name: "boolean for a string", file: "SAPOData", path: client, value: true, wantErr: client + `: must be a string`},
		{name: "object for a string", file: "SAPOData", path: client, value: map[string]any{"a": "b"}, wantErr: client + `: must be a string`},
		{name: "string for an object", file: "SAPOData", path: propertiesPath + ".SAPOData.oAuthProperties", value: "x", wantErr: propertiesPath + `.SAPOData.oAuthProperties: must be an object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(edit(t, tt.file, map[string]any{tt.path: tt.value}))
			var wantErr []string
			if tt.wantErr != "" {
				wantErr = []string{tt.wantErr}
			}
			if diff := cmp.Diff(wantErr, problemLines(t, err)); diff != "" {
				t.Fatalf("problems mismatch (-want +got):\n%s", diff)
			}
			if tt.get != nil {
				if diff := cmp.Diff(tt.want, tt.get(got)); diff != "" {
					t.Errorf("decoded value mismatch (-want +got):\n%s", diff)
				}
			}
		})
	}
}

var (
	// withProfiles are the connector types that have a connector key, in the SDK's order.
	withProfiles = "Salesforce, Singular, Slack, Redshift, Marketo, Googleanalytics, Zendesk, Servicenow, Datadog, Trendmicro, Snowflake, Dynatrace, Infornexus, Amplitude, Veeva, Honeycode, SAPOData, CustomConnector, Pardot"
	allTypes     = "Salesforce, Singular, Slack, Redshift, S3, Marketo, Googleanalytics, Zendesk, Servicenow, Datadog, Trendmicro, Snowflake, Dynatrace, Infornexus, Amplitude, Veeva, EventBridge, LookoutMetrics, Upsolver, Honeycode, CustomerProfiles, SAPOData, CustomConnector, Pardot"
	topMembers   = "connectionMode, connectorLabel, connectorProfileConfig, connectorProfileName, connectorType, credentialsSecret, forceDelete, kmsArn"
)

// TestDecodeProblems: every kind of problem, named by its full property path.
func TestDecodeProblems(t *testing.T) {
	const (
		sap    = propertiesPath + ".SAPOData"
		custom = propertiesPath + ".CustomConnector"
	)
	long := func(c string, n int) string { return strings.Repeat(c, n) }
	scopes := func(s ...any) []any { return append([]any{}, s...) }
	entries := func(n int) map[string]any {
		m := map[string]any{}
		for i := range n {
			m["key_"+strings.Repeat("x", i)] = "v"
		}
		return m
	}
	tests := []struct {
		name  string
		file  string
		edits map[string]any
		want  []string
	}{
		// Cross-member problems are reported with the others, so one round shows them all.
		{"a wrong connector key beside a bad value", "Slack", map[string]any{
			propertiesPath + ".Slack.instanceUrl": "has space", propertiesPath + ".Zendesk": map[string]any{"instanceUrl": "https://x.zendesk.com"},
		}, []string{
			propertiesPath + `.Slack.instanceUrl: "has space" is not allowed; use a non-empty value without whitespace`,
			propertiesPath + `.Zendesk: does not belong to connectorType "Slack"; use Slack`,
		}},
		{"a refused value is not also missing", "CustomConnector", map[string]any{"connectorLabel": "x"},
			[]string{`connectorLabel: "x" is 1 character long; it must be 2 to 256 characters`}},
		{"a refused connectorType raises nothing about the connector", "Slack", map[string]any{"connectorType": "Slak"},
			[]string{`connectorType: "Slak" is not allowed; use one of ` + strings.Join(connectorTypeNames(), ", ")}},

		// A dynamic reference CloudFormation left unresolved is refused, never quoted.
		{"an ssm-secure reference as a credential", "Singular", map[string]any{
			credentialsPath + ".Singular.apiKey": "{{resolve:ssm-secure:/appflow/singular:1}}",
		}, []string{
			credentialsPath + ".Singular.apiKey: is a dynamic reference CloudFormation did not resolve: it resolves " +
				"{{resolve:ssm-secure:...}} only in some AWS resource types, never in a custom resource. " +
				"Keep the credential in Secrets Manager and use {{resolve:secretsmanager:...}}",
		}},

		// Unknown keys.
		{"unknown top-level key, a typo", "Singular", map[string]any{"connectorProfileNmae": "p"},
			[]string{`connectorProfileNmae: is not a known property; did you mean "connectorProfileName"?`}},
		{"unknown top-level key in PascalCase", "Singular", map[string]any{"ConectionMode": "Public"},
			[]string{`ConectionMode: is not a known property; did you mean "connectionMode"?`}},
		{"unknown top-level key near forceDelete", "Singular", map[string]any{"forceDelet": true},
			[]string{`forceDelet: is not a known property; did you mean "forceDelete"?`}},
		{"unknown top-level key, nothing near", "Singular", map[string]any{"Tags": []any{}},
			[]string{`Tags: is not a known property; allowed: ` + topMembers}},
		{"unknown connector key", "Salesforce", map[string]any{propertiesPath + ".Salesfroce": map[string]any{}},
			[]string{propertiesPath + `.Salesfroce: is not a known property; did you mean "Salesforce"?`}},
		{"unknown connector member", "Zendesk", map[string]any{propertiesPath + ".Zendesk.instanceUri": "https://x"},
			[]string{propertiesPath + `.Zendesk.instanceUri: is not a known property; did you mean "instanceUrl"?`}},
		{"unknown credentials member", "Zendesk", map[string]any{credentialsPath + ".Zendesk.clientSecert": "x"},
			[]string{credentialsPath + `.Zendesk.clientSecert: is not a known property; did you mean "clientSecret"?`}},
		{"unknown member of an empty object", "Amplitude", map[string]any{propertiesPath + ".Amplitude.instanceUrl": "https://x"},
			[]string{propertiesPath + `.Amplitude.instanceUrl: is not a known property; this object takes none`}},
		{"unknown member, nothing near", "Veeva", map[string]any{credentialsPath + ".Veeva.token": "x"},
			[]string{credentialsPath + `.Veeva.token: is not a known property; allowed: password, username`}},

		// Missing required members.
		{"missing top-level members", "Singular", map[string]any{"connectorType": absent, "connectionMode": absent},
			[]string{`connectionMode: is required`, `connectorType: is required`}},
		{"missing connectorProfileConfig", "Singular", map[string]any{"connectorProfileConfig": absent},
			[]string{`connectorProfileConfig: is required`}},
		{"missing SAPOData.portNumber", "SAPOData", map[string]any{sap + ".portNumber": absent},
			[]string{sap + `.portNumber: is required`}},
		{"missing OAuthProperties.oAuthScopes", "SAPOData", map[string]any{sap + ".oAuthProperties.oAuthScopes": absent},
			[]string{sap + `.oAuthProperties.oAuthScopes: is required`}},
		{"missing oAuth2Properties.oAuth2GrantType", "CustomConnector", map[string]any{custom + ".oAuth2Properties.oAuth2GrantType": absent},
			[]string{custom + `.oAuth2Properties.oAuth2GrantType: is required`}},
		{"missing Redshift members", "Redshift", map[string]any{propertiesPath + ".Redshift.bucketName": absent, propertiesPath + ".Redshift.roleArn": absent},
			[]string{propertiesPath + `.Redshift.bucketName: is required`, propertiesPath + `.Redshift.roleArn: is required`}},
		{"missing credential member", "Datadog", map[string]any{credentialsPath + ".Datadog.applicationKey": absent},
			[]string{credentialsPath + `.Datadog.applicationKey: is required`}},
		{"missing nested credential member", "CustomConnector", map[string]any{credentialsPath + ".CustomConnector.basic.password": absent},
			[]string{credentialsPath + `.CustomConnector.basic.password: is required`}},
		{"missing member under PascalCase parents", "CloudFormationStyle", map[string]any{"ConnectorProfileConfig.ConnectorProfileProperties.SAPOData.PortNumber": absent},
			[]string{`ConnectorProfileConfig.ConnectorProfileProperties.SAPOData.portNumber: is required`}},

		// The connector key and connectorType.
		{"connector keys of another type", "Zendesk", map[string]any{"connectorType": "Slack"},
			[]string{
				credentialsPath + `.Zendesk: does not belong to connectorType "Slack"; use Slack`,
				propertiesPath + `.Slack: is required for connectorType "Slack"`,
				propertiesPath + `.Zendesk: does not belong to connectorType "Slack"; use Slack`,
			}},
		{"missing connector key whose members are required", "Datadog", map[string]any{propertiesPath + ".Datadog": absent},
			[]string{propertiesPath + `.Datadog: is required for connectorType "Datadog"`}},
		{"missing connector key whose members are all optional", "Salesforce", map[string]any{propertiesPath + ".Salesforce": absent}, nil},
		{"missing credentials", "Zendesk", map[string]any{credentialsPath: absent}, nil},
		{"S3 takes no profile", "Singular", map[string]any{"connectorType": "S3", propertiesPath + ".Singular": absent, credentialsPath: absent},
			[]string{`connectorType: "S3" takes no connector profile: flows reach it without one; use a connector type with a profile, such as ` + withProfiles}},
		{"EventBridge takes no profile", "Singular", map[string]any{"connectorType": "EventBridge", propertiesPath + ".Singular": absent, credentialsPath: absent},
			[]string{`connectorType: "EventBridge" takes no connector profile: flows reach it without one; use a connector type with a profile, such as ` + withProfiles}},
		{"LookoutMetrics takes no profile", "Singular", map[string]any{"connectorType": "LookoutMetrics", propertiesPath + ".Singular": absent, credentialsPath: absent},
			[]string{`connectorType: "LookoutMetrics" takes no connector profile: flows reach it without one; use a connector type with a profile, such as ` + withProfiles}},
		{"Upsolver takes no profile", "Singular", map[string]any{"connectorType": "Upsolver", propertiesPath + ".Singular": absent, credentialsPath: absent},
			[]string{`connectorType: "Upsolver" takes no connector profile: flows reach it without one; use a connector type with a profile, such as ` + withProfiles}},
		{"CustomerProfiles takes no profile", "Singular", map[string]any{"connectorType": "CustomerProfiles", propertiesPath + ".Singular": absent, credentialsPath: absent},
			[]string{`connectorType: "CustomerProfiles" takes no connector profile: flows reach it without one; use a connector type with a profile, such as ` + withProfiles}},
		{"CustomConnector without connectorLabel", "CustomConnector", map[string]any{"connectorLabel": absent},
			[]string{`connectorLabel: is required for connectorType CustomConnector: the label the connector was registered with`}},
		{"authenticationType OAUTH2 without oauth2", "CustomConnector", map[string]any{credentialsPath + ".CustomConnector.oauth2": absent},
			[]string{credentialsPath + `.CustomConnector.oauth2: is required when authenticationType is OAUTH2`}},
		{"authenticationType APIKEY without apiKey", "CustomConnector", map[string]any{credentialsPath + ".CustomConnector.authenticationType": "APIKEY", credentialsPath + ".CustomConnector.apiKey": absent},
			[]string{credentialsPath + `.CustomConnector.apiKey: is required when authenticationType is APIKEY`}},
		{"authenticationType BASIC without basic", "CustomConnector", map[string]any{credentialsPath + ".CustomConnector.authenticationType": "BASIC", credentialsPath + ".CustomConnector.basic": absent},
			[]string{credentialsPath + `.CustomConnector.basic: is required when authenticationType is BASIC`}},
		{"authenticationType CUSTOM without custom", "CustomConnector", map[string]any{credentialsPath + ".CustomConnector.authenticationType": "CUSTOM", credentialsPath + ".CustomConnector.custom": absent},
			[]string{credentialsPath + `.CustomConnector.custom: is required when authenticationType is CUSTOM`}},
		{"authenticationType with only its own member", "CustomConnector", map[string]any{credentialsPath + ".CustomConnector.authenticationType": "BASIC",
			credentialsPath + ".CustomConnector.oauth2": absent, credentialsPath + ".CustomConnector.apiKey": absent, credentialsPath + ".CustomConnector.custom": absent}, nil},

		// Enums.
		{"connectionMode in the wrong case", "Singular", map[string]any{"connectionMode": "public"},
			[]string{`connectionMode: "public" is not allowed; did you mean "Public"?`}},
		{"connectionMode unknown", "Singular", map[string]any{"connectionMode": "VPC"},
			[]string{`connectionMode: "VPC" is not allowed; use one of Public, Private`}},
		{"connectionMode not a string", "Singular", map[string]any{"connectionMode": 1},
			[]string{`connectionMode: 1 is not allowed; use one of Public, Private`}},
		{"connectorType spelled like its key", "GoogleAnalytics", map[string]any{"connectorType": "GoogleAnalytics"},
			[]string{`connectorType: "GoogleAnalytics" is not allowed; did you mean "Googleanalytics"?`}},
		{"connectorType unknown", "Singular", map[string]any{"connectorType": "Hubspot"},
			[]string{`connectorType: "Hubspot" is not allowed; use one of ` + allTypes}},
		// A credential's value is never quoted, not even that of an enum: a
		// secret given to the wrong member would land in the stack's events.
		{"authenticationType in the wrong case", "CustomConnector", map[string]any{credentialsPath + ".CustomConnector.authenticationType": "oauth2"},
			[]string{credentialsPath + `.CustomConnector.authenticationType: the value is not allowed; use one of OAUTH2, APIKEY, BASIC, CUSTOM`}},
		{"oAuth2GrantType unknown", "Salesforce", map[string]any{credentialsPath + ".Salesforce.oAuth2GrantType": "PASSWORD"},
			[]string{credentialsPath + `.Salesforce.oAuth2GrantType: the value is not allowed; use one of CLIENT_CREDENTIALS, AUTHORIZATION_CODE, JWT_BEARER`}},
		{"oAuth2GrantType not a string", "Salesforce", map[string]any{credentialsPath + ".Salesforce.oAuth2GrantType": 12345},
			[]string{credentialsPath + `.Salesforce.oAuth2GrantType: the value is not allowed; use one of CLIENT_CREDENTIALS, AUTHORIZATION_CODE, JWT_BEARER`}},

		// Patterns.
		{"connectorProfileName with a space", "Singular", map[string]any{"connectorProfileName": "my profile"},
			[]string{`connectorProfileName: "my profile" is not allowed; use letters, digits and _/!@#+=.-`}},
		{"connectorLabel starting with a dash", "CustomConnector", map[string]any{"connectorLabel": "-crm"},
			[]string{`connectorLabel: "-crm" is not allowed; use a letter or digit followed by letters, digits and _!@#.-`}},
		{"kmsArn outside the aws partition", "Singular", map[string]any{"kmsArn": "arn:aws-cn:kms:cn-north-1:111122223333:key/k1"},
			[]string{`kmsArn: "arn:aws-cn:kms:cn-north-1:111122223333:key/k1" is not allowed; use a KMS key ARN (arn:aws:kms:<region>:<account>:key/...)`}},
		{"instanceUrl with a space", "Zendesk", map[string]any{propertiesPath + ".Zendesk.instanceUrl": "https://acme zendesk.com"},
			[]string{propertiesPath + `.Zendesk.instanceUrl: "https://acme zendesk.com" is not allowed; use a non-empty value without whitespace`}},
		{"instanceUrl empty", "Zendesk", map[string]any{propertiesPath + ".Zendesk.instanceUrl": ""},
			[]string{propertiesPath + `.Zendesk.instanceUrl: "" is not allowed; use a non-empty value without whitespace`}},
		{"applicationHostUrl not http", "SAPOData", map[string]any{sap + ".applicationHostUrl": "ftp://sap.example.com"},
			[]string{sap + `.applicationHostUrl: "ftp://sap.example.com" is not allowed; use an http:// or https:// URL`}},
		{"tokenUrl ending in a dot", "SAPOData", map[string]any{sap + ".oAuthProperties.tokenUrl": "https://sap.example.com."},
			[]string{sap + `.oAuthProperties.tokenUrl: "https://sap.example.com." is not allowed; use an http:// or https:// URL`}},
		{"roleArn not an IAM ARN", "Redshift", map[string]any{propertiesPath + ".Redshift.roleArn": "appflow-redshift-s3"},
			[]string{propertiesPath + `.Redshift.roleArn: "appflow-redshift-s3" is not allowed; use an IAM role ARN (arn:aws:iam::<account>:role/...)`}},
		{"clientNumber not digits", "SAPOData", map[string]any{sap + ".clientNumber": "1a3"},
			[]string{sap + `.clientNumber: "1a3" is not allowed; use exactly three digits`}},
		{"privateLinkServiceName not a VPC endpoint service", "Snowflake", map[string]any{propertiesPath + ".Snowflake.privateLinkServiceName": "vpce-svc-0123"},
			[]string{propertiesPath + `.Snowflake.privateLinkServiceName: "vpce-svc-0123" is not allowed; use a VPC endpoint service name (com.amazonaws.vpce....)`}},
		{"privateLinkServiceName empty", "Snowflake", map[string]any{propertiesPath + ".Snowflake.privateLinkServiceName": ""}, nil},
		{"warehouse with a semicolon", "Snowflake", map[string]any{propertiesPath + ".Snowflake.warehouse": "WH;DROP"},
			[]string{propertiesPath + `.Snowflake.warehouse: "WH;DROP" is not allowed; use letters, digits, spaces and _/!@#+=.-`}},
		// Patterns read as Java reads the model's: \s holds U+000B, and . stops at every line terminator.
		{"warehouse of vertical tabs", "Snowflake", map[string]any{propertiesPath + ".Snowflake.warehouse": "\v\v\v"}, nil},
		{"instanceUrl of vertical tabs", "Zendesk", map[string]any{propertiesPath + ".Zendesk.instanceUrl": "\v\v"},
			[]string{propertiesPath + `.Zendesk.instanceUrl: "\v\v" is not allowed; use a non-empty value without whitespace`}},
		{"kmsArn with a carriage return before the account", "Singular", map[string]any{"kmsArn": "arn:aws:kms:us-east-1\r:111122223333:key/k1"},
			[]string{`kmsArn: "arn:aws:kms:us-east-1\r:111122223333:key/k1" is not allowed; use a KMS key ARN (arn:aws:kms:<region>:<account>:key/...)`}},
		{"roleArn with a line separator before the account", "Redshift", map[string]any{propertiesPath + ".Redshift.roleArn": "arn:aws:iam::\u2028:111122223333:role/r"},
			[]string{propertiesPath + `.Redshift.roleArn: "arn:aws:iam::\u2028:111122223333:role/r" is not allowed; use an IAM role ARN (arn:aws:iam::<account>:role/...)`}},
		{"clientCredentialsArn with a next line before the account", "Salesforce", map[string]any{credentialsPath + ".Salesforce.clientCredentialsArn": "arn:aws:secretsmanager:us-east-1\u0085:111122223333:secret:s"},
			[]string{credentialsPath + `.Salesforce.clientCredentialsArn: the value is not allowed; use a Secrets Manager secret ARN`}},
		{"logonLanguage with a dash", "SAPOData", map[string]any{sap + ".logonLanguage": "E-"},
			[]string{sap + `.logonLanguage: "E-" is not allowed; use a language code of letters, digits and _`}},

		// Lengths, counted in characters.
		{"connectorProfileName too long", "Singular", map[string]any{"connectorProfileName": long("a", 257)},
			[]string{`connectorProfileName: "` + long("a", 61) + `..." is 257 characters long; it must be 1 to 256 characters`}},
		{"connectorProfileName of the most characters", "Singular", map[string]any{"connectorProfileName": long("a", 256)}, nil},
		{"connectorLabel too short", "CustomConnector", map[string]any{"connectorLabel": "a"},
			[]string{`connectorLabel: "a" is 1 character long; it must be 2 to 256 characters`}},
		{"kmsArn too short", "Singular", map[string]any{"kmsArn": "arn:aws:kms:x:1:k"},
			[]string{`kmsArn: "arn:aws:kms:x:1:k" is 17 characters long; it must be 20 to 2048 characters`}},
		{"bucketName too short", "Snowflake", map[string]any{propertiesPath + ".Snowflake.bucketName": "ab"},
			[]string{propertiesPath + `.Snowflake.bucketName: "ab" is 2 characters long; it must be 3 to 63 characters`}},
		{"clientNumber too short", "SAPOData", map[string]any{sap + ".clientNumber": "10"},
			[]string{sap + `.clientNumber: "10" is 2 characters long; it must be exactly 3 characters`}},
		{"businessUnitId too long", "Pardot", map[string]any{propertiesPath + ".Pardot.businessUnitId": long("b", 19)},
			[]string{propertiesPath + `.Pardot.businessUnitId: "` + long("b", 19) + `" is 19 characters long; it must be at most 18 characters`}},
		{"bucketPrefix of 512 two-byte characters", "Snowflake", map[string]any{propertiesPath + ".Snowflake.bucketPrefix": long("é", 512)}, nil},
		{"bucketPrefix of 513 two-byte characters", "Snowflake", map[string]any{propertiesPath + ".Snowflake.bucketPrefix": long("é", 513)},
			[]string{propertiesPath + `.Snowflake.bucketPrefix: "` + long("é", 61) + `..." is 513 characters long; it must be at most 512 characters`}},
		{"region too long", "Snowflake", map[string]any{propertiesPath + ".Snowflake.region": long("r", 65)},
			[]string{propertiesPath + `.Snowflake.region: "` + long("r", 61) + `..." is 65 characters long; it must be at most 64 characters`}},

		// Maps.
		{"map of 50 entries", "CustomConnector", map[string]any{custom + ".profileProperties": entries(50)}, nil},
		{"map of 51 entries", "CustomConnector", map[string]any{custom + ".profileProperties": entries(51)},
			[]string{custom + `.profileProperties: has 51 entries; at most 50 allowed`}},
		{"tokenUrlCustomProperties of 51 entries", "CustomConnector", map[string]any{custom + ".oAuth2Properties.tokenUrlCustomProperties": entries(51)},
			[]string{custom + `.oAuth2Properties.tokenUrlCustomProperties: has 51 entries; at most 50 allowed`}},
		{"map key with a dash", "CustomConnector", map[string]any{custom + ".profileProperties": map[string]any{"api-version": "v2"}},
			[]string{custom + `.profileProperties.api-version: "api-version" is not allowed; use letters, digits and _`}},
		{"map key too long", "CustomConnector", map[string]any{custom + ".profileProperties": map[string]any{long("k", 129): "v"}},
			[]string{custom + `.profileProperties.` + long("k", 129) + `: "` + long("k", 61) + `..." is 129 characters long; it must be 1 to 128 characters`}},
		{"map key empty", "CustomConnector", map[string]any{custom + ".profileProperties": map[string]any{"": "v"}},
			[]string{custom + `.profileProperties.: "" is 0 characters long; it must be 1 to 128 characters`}},
		{"map value with a space", "CustomConnector", map[string]any{custom + ".profileProperties": map[string]any{"tenant": "acme prod"}},
			[]string{custom + `.profileProperties.tenant: "acme prod" is not allowed; use a non-empty value without whitespace`}},
		{"map value too long", "CustomConnector", map[string]any{custom + ".profileProperties": map[string]any{"tenant": long("v", 2049)}},
			[]string{custom + `.profileProperties.tenant: "` + long("v", 61) + `..." is 2049 characters long; it must be at most 2048 characters`}},
		{"map value a number", "CustomConnector", map[string]any{custom + ".profileProperties": map[string]any{"version": 2}}, nil},
		{"map value an object", "CustomConnector", map[string]any{custom + ".profileProperties": map[string]any{"tenant": map[string]any{}}},
			[]string{custom + `.profileProperties.tenant: must be a string`}},
		{"map given as a list", "CustomConnector", map[string]any{custom + ".profileProperties": []any{"a"}},
			[]string{custom + `.profileProperties: must be an object of strings`}},

		// Lists.
		{"list item with a space", "SAPOData", map[string]any{sap + ".oAuthProperties.oAuthScopes": scopes("openid", "sales order")},
			[]string{sap + `.oAuthProperties.oAuthScopes[1]: "sales order" is not allowed; use a non-empty value without whitespace`}},
		{"list item too long", "SAPOData", map[string]any{sap + ".oAuthProperties.oAuthScopes": scopes(long("s", 129))},
			[]string{sap + `.oAuthProperties.oAuthScopes[0]: "` + long("s", 61) + `..." is 129 characters long; it must be at most 128 characters`}},
		{"list item not a string", "SAPOData", map[string]any{sap + ".oAuthProperties.oAuthScopes": scopes("openid", map[string]any{})},
			[]string{sap + `.oAuthProperties.oAuthScopes[1]: must be a string`}},
		{"list given as a string", "SAPOData", map[string]any{sap + ".oAuthProperties.oAuthScopes": "openid"},
			[]string{sap + `.oAuthProperties.oAuthScopes: must be a list of strings`}},
		{"empty list", "SAPOData", map[string]any{sap + ".oAuthProperties.oAuthScopes": scopes()}, nil},

		// Several problems at once, sorted by path.
		{"every problem is reported", "SAPOData", map[string]any{"connectionMode": "private", sap + ".portNumber": "70000", sap + ".clientNumber": absent, "kmsArn": "k"},
			[]string{
				`connectionMode: "private" is not allowed; did you mean "Private"?`,
				sap + `.clientNumber: is required`,
				sap + `.portNumber: "70000" is out of range 1..65535`,
				`kmsArn: "k" is 1 character long; it must be 20 to 2048 characters`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Decode(edit(t, tt.file, tt.edits))
			if diff := cmp.Diff(tt.want, problemLines(t, err)); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
			if (err == nil) != (p != nil) {
				t.Errorf("Decode = %v, %v; want properties or an error", p, err)
			}
		})
	}
}

// TestDecodeNotAnObject: the properties must be a JSON object, and where
// they are no JSON at all, the problem says where it goes wrong.
func TestDecodeNotAnObject(t *testing.T) {
	for in, want := range map[string]string{
		``:                      "ResourceProperties must be a JSON object: JSON ends too early",
		`null`:                  "ResourceProperties must be a JSON object",
		`[]`:                    "ResourceProperties must be a JSON object",
		`"p1"`:                  "ResourceProperties must be a JSON object",
		`{"connectorType": }`:   "ResourceProperties must be a JSON object: invalid character '}' looking for beginning of value at byte 19",
		`{"connectorType" "x"}`: `ResourceProperties must be a JSON object: invalid character '"' after object key at byte 18`,
		`{} {}`:                 "ResourceProperties must be a JSON object: invalid JSON after the top-level value at byte 2",
		`{} ]`:                  "ResourceProperties must be a JSON object: invalid JSON after the top-level value at byte 2",
	} {
		_, err := Decode(json.RawMessage(in))
		if diff := cmp.Diff([]string{want}, problemLines(t, err)); diff != "" {
			t.Errorf("Decode(%q) problems mismatch (-want +got):\n%s", in, diff)
		}
	}
}

func connectorTypeNames() []string {
	var out []string
	for _, t := range types.ConnectorType("").Values() {
		out = append(out, string(t))
	}
	return out
}
