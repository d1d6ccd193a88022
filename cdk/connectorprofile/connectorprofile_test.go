package connectorprofile

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

func TestMain(m *testing.M) {
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}

const (
	testSecretName = "appflow/test-credentials"
	testKeyArn     = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	redshiftRole   = "arn:aws:iam::111122223333:role/appflow-redshift"
	dataAPIRole    = "arn:aws:iam::111122223333:role/appflow-redshift-data"
	// plainSentinel is given with SecretValue_UnsafePlainText in its own
	// stack; it must never appear in the main fixture's template.
	plainSentinel = "plain-sentinel-9d1c2b"
)

// secret is a Secrets Manager dynamic reference to one JSON field.
func secret(field string) awscdk.SecretValue {
	return awscdk.SecretValue_SecretsManager(jsii.String(testSecretName), &awscdk.SecretsManagerSecretOptions{
		JsonField: jsii.String(field),
	})
}

type fixture struct {
	stack     awscdk.Stack
	template  assertions.Template
	json      map[string]interface{}
	raw       string
	outputs   map[string]interface{}
	plain     awscdk.Stack
	plainJSON string
	profiles  int
}

var (
	fixtureOnce sync.Once
	theFixture  *fixture
)

// synth builds the test app once per test binary: a stack with a profile
// for many connectors (checked with cdk-nag) and a second stack whose
// profile passes a credential in plain text.
func synth(t *testing.T) *fixture {
	t.Helper()
	fixtureOnce.Do(func() {
		app := awscdk.NewApp(nil)
		stack := awscdk.NewStack(app, jsii.String("Profiles"), nil)
		awscdk.Aspects_Of(stack).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
		profiles := fixtureProfiles(stack)
		for _, p := range profiles {
			cp := NewConnectorProfile(stack, jsii.String(p.id), p.props)
			awscdk.NewCfnOutput(stack, jsii.String(p.id+"Name"), &awscdk.CfnOutputProps{Value: cp.Name()})
			awscdk.NewCfnOutput(stack, jsii.String(p.id+"Arn"), &awscdk.CfnOutputProps{Value: cp.Arn()})
			awscdk.NewCfnOutput(stack, jsii.String(p.id+"CredentialsArn"), &awscdk.CfnOutputProps{Value: cp.CredentialsArn()})
		}

		plain := awscdk.NewStack(app, jsii.String("PlainText"), nil)
		NewConnectorProfile(plain, jsii.String("Singular"), &ConnectorProfileProps{
			ConnectorProfileName: jsii.String("plain"),
			ConnectorProfileConfig: &ConnectorProfileConfig{
				ConnectorProfileProperties: &ConnectorProfileProperties{Singular: &SingularConnectorProfileProperties{}},
				ConnectorProfileCredentials: &ConnectorProfileCredentials{
					Singular: &SingularConnectorProfileCredentials{ApiKey: awscdk.SecretValue_UnsafePlainText(jsii.String(plainSentinel))},
				},
			},
		})

		f := &fixture{stack: stack, plain: plain, profiles: len(profiles)}
		f.template = assertions.Template_FromStack(stack, nil)
		raw, _ := json.Marshal(f.template.ToJSON())
		f.raw = string(raw)
		if err := json.Unmarshal(raw, &f.json); err != nil {
			panic(err)
		}
		f.outputs, _ = f.json["Outputs"].(map[string]interface{})
		plainRaw, _ := json.Marshal(assertions.Template_FromStack(plain, nil).ToJSON())
		f.plainJSON = string(plainRaw)
		theFixture = f
	})
	if theFixture == nil {
		t.Fatal("fixture synthesis failed")
	}
	return theFixture
}

type namedProps struct {
	id    string
	props *ConnectorProfileProps
}

// fixtureProfiles are the main fixture's profiles; the Salesforce one reads
// its connected app's client credentials from a secret defined in stack.
func fixtureProfiles(stack awscdk.Stack) []namedProps {
	clientCredentials := awssecretsmanager.NewSecret(stack, jsii.String("ClientCredentials"), &awssecretsmanager.SecretProps{
		EncryptionKey: awskms.NewKey(stack, jsii.String("ClientCredentialsKey"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)}),
	})
	cdknag.NagSuppressions_AddResourceSuppressions(clientCredentials, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-SMG4"),
		Reason: jsii.String("The connected app's client secret is rotated in Salesforce, not by Secrets Manager."),
	}}, nil)
	return []namedProps{
		{"Salesforce", &ConnectorProfileProps{
			ConnectorProfileName: jsii.String("salesforce-prod"),
			ConnectionMode:       types.ConnectionModePrivate,
			ConnectorProfileConfig: &ConnectorProfileConfig{
				ConnectorProfileProperties: &ConnectorProfileProperties{Salesforce: &SalesforceConnectorProfileProperties{
					InstanceUrl:          jsii.String("https://example.my.salesforce.com"),
					IsSandboxEnvironment: jsii.Bool(true),
					UsePrivateLinkForMetadataAndAuthorization: jsii.Bool(true),
				}},
				ConnectorProfileCredentials: &ConnectorProfileCredentials{Salesforce: &SalesforceConnectorProfileCredentials{
					OAuth2GrantType:      types.OAuth2GrantTypeJwtBearer,
					JwtToken:             secret("jwt"),
					ClientCredentialsArn: clientCredentials,
				}},
			},
		}},
		{"Redshift", &ConnectorProfileProps{
			ConnectorProfileName: jsii.String("redshift"),
			KmsKey:               awskms.Key_FromKeyArn(awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Keys"), nil), jsii.String("Key"), jsii.String(testKeyArn)),
			ConnectorProfileConfig: &ConnectorProfileConfig{
				ConnectorProfileProperties: &ConnectorProfileProperties{Redshift: &RedshiftConnectorProfileProperties{
					BucketName:           jsii.String("staging-bucket"),
					BucketPrefix:         jsii.String("appflow/"),
					RoleArn:              jsii.String(redshiftRole),
					DataApiRoleArn:       jsii.String(dataAPIRole),
					IsRedshiftServerless: jsii.Bool(true),
					WorkgroupName:        jsii.String("wg"),
					DatabaseName:         jsii.String("dev"),
				}},
				ConnectorProfileCredentials: &ConnectorProfileCredentials{Redshift: &RedshiftConnectorProfileCredentials{
					Username: secret("redshiftUser"),
					Password: secret("redshiftPassword"),
				}},
			},
		}},
		{"SAPOData", &ConnectorProfileProps{
			ConnectorProfileName: jsii.String("sap"),
			ConnectorProfileConfig: &ConnectorProfileConfig{
				ConnectorProfileProperties: &ConnectorProfileProperties{SAPOData: &SAPODataConnectorProfileProperties{
					ApplicationHostUrl:     jsii.String("https://sap.example.com"),
					ApplicationServicePath: jsii.String("/sap/opu/odata"),
					PortNumber:             jsii.Number(443),
					ClientNumber:           jsii.String("100"),
					LogonLanguage:          jsii.String("EN"),
					DisableSSO:             jsii.Bool(true),
					OAuthProperties: &OAuthProperties{
						TokenUrl:    jsii.String("https://sap.example.com/token"),
						AuthCodeUrl: jsii.String("https://sap.example.com/auth"),
						OAuthScopes: jsii.Strings("read", "write"),
					},
				}},
				ConnectorProfileCredentials: &ConnectorProfileCredentials{SAPOData: &SAPODataConnectorProfileCredentials{
					OAuthCredentials: &OAuthCredentials{
						ClientId:     secret("sapClientId"),
						ClientSecret: secret("sapClientSecret"),
						OAuthRequest: &ConnectorOAuthRequest{AuthCode: secret("sapAuthCode"), RedirectUri: jsii.String("https://example.com/cb")},
					},
				}},
			},
		}},
		{"Custom", &ConnectorProfileProps{
			ConnectorProfileName: jsii.String("custom"),
			ConnectorLabel:       jsii.String("my-connector"),
			ForceDelete:          jsii.Bool(true),
			ConnectorProfileConfig: &ConnectorProfileConfig{
				ConnectorProfileProperties: &ConnectorProfileProperties{CustomConnector: &CustomConnectorProfileProperties{
					ProfileProperties: &map[string]*string{"region": jsii.String("eu")},
					OAuth2Properties: &OAuth2Properties{
						TokenUrl:                 jsii.String("https://api.example.com/token"),
						OAuth2GrantType:          types.OAuth2GrantTypeClientCredentials,
						TokenUrlCustomProperties: &map[string]*string{"audience": jsii.String("api")},
					},
				}},
				ConnectorProfileCredentials: &ConnectorProfileCredentials{CustomConnector: &CustomConnectorProfileCredentials{
					AuthenticationType: types.AuthenticationTypeCustom,
					Custom: &CustomAuthCredentials{
						CustomAuthenticationType: jsii.String("HMAC"),
						CredentialsMap:           &map[string]awscdk.SecretValue{"signingKey": secret("signingKey")},
					},
				}},
			},
		}},
		{"Amplitude", &ConnectorProfileProps{
			ConnectorProfileName: jsii.String("amplitude"),
			ConnectorProfileConfig: &ConnectorProfileConfig{
				ConnectorProfileProperties: &ConnectorProfileProperties{Amplitude: &AmplitudeConnectorProfileProperties{}},
				ConnectorProfileCredentials: &ConnectorProfileCredentials{Amplitude: &AmplitudeConnectorProfileCredentials{
					ApiKey: secret("amplitudeApiKey"), SecretKey: secret("amplitudeSecretKey"),
				}},
			},
		}},
		{"GoogleAnalytics", &ConnectorProfileProps{ // default name, type from the key
			ConnectorProfileConfig: &ConnectorProfileConfig{
				ConnectorProfileProperties: &ConnectorProfileProperties{GoogleAnalytics: &GoogleAnalyticsConnectorProfileProperties{}},
				ConnectorProfileCredentials: &ConnectorProfileCredentials{GoogleAnalytics: &GoogleAnalyticsConnectorProfileCredentials{
					ClientId: secret("gaClientId"), ClientSecret: secret("gaClientSecret"), RefreshToken: secret("gaRefresh"),
				}},
			},
		}},
	}
}

// props returns the Properties of the custom resource whose
// connectorProfileName is name, or of the one built for construct id.
func (f *fixture) props(t *testing.T, id string) map[string]interface{} {
	t.Helper()
	for logicalID, r := range f.json["Resources"].(map[string]interface{}) {
		res := r.(map[string]interface{})
		if res["Type"] == ResourceType && strings.HasPrefix(logicalID, id) {
			return res["Properties"].(map[string]interface{})
		}
	}
	t.Fatalf("no %s for %s", ResourceType, id)
	return nil
}

// logicalID is the logical id of the resource of type typ whose id starts
// with prefix.
func (f *fixture) logicalID(t *testing.T, typ, prefix string) string {
	t.Helper()
	for id, r := range f.json["Resources"].(map[string]interface{}) {
		if r.(map[string]interface{})["Type"] == typ && strings.HasPrefix(id, prefix) {
			return id
		}
	}
	t.Fatalf("no %s whose logical id starts with %s", typ, prefix)
	return ""
}

// mustMatch runs an assertions matcher and turns its panic into a test error.
func mustMatch(t *testing.T, what string, fn func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s: %v", what, r)
		}
	}()
	fn()
}

func secretRef(field string) string {
	return "{{resolve:secretsmanager:" + testSecretName + ":SecretString:" + field + "::}}"
}

func TestResourceProperties(t *testing.T) {
	f := synth(t)
	tests := []struct {
		id   string
		want map[string]interface{}
	}{
		{"Salesforce", map[string]interface{}{
			"connectorProfileName": "salesforce-prod",
			"connectorType":        "Salesforce",
			"connectionMode":       "Private",
			"connectorProfileConfig": map[string]interface{}{
				"connectorProfileProperties": map[string]interface{}{"Salesforce": map[string]interface{}{
					"instanceUrl": "https://example.my.salesforce.com", "isSandboxEnvironment": true,
					"usePrivateLinkForMetadataAndAuthorization": true,
				}},
				"connectorProfileCredentials": map[string]interface{}{"Salesforce": map[string]interface{}{
					"oAuth2GrantType": "JWT_BEARER", "jwtToken": secretRef("jwt"),
					"clientCredentialsArn": map[string]interface{}{"Ref": f.logicalID(t, "AWS::SecretsManager::Secret", "ClientCredentials")},
				}},
			},
		}},
		{"Redshift", map[string]interface{}{
			"connectorProfileName": "redshift",
			"connectorType":        "Redshift",
			"connectionMode":       "Public",
			"kmsArn":               testKeyArn,
			"connectorProfileConfig": map[string]interface{}{
				"connectorProfileProperties": map[string]interface{}{"Redshift": map[string]interface{}{
					"bucketName": "staging-bucket", "bucketPrefix": "appflow/", "roleArn": redshiftRole,
					"dataApiRoleArn": dataAPIRole, "isRedshiftServerless": true, "workgroupName": "wg", "databaseName": "dev",
				}},
				"connectorProfileCredentials": map[string]interface{}{"Redshift": map[string]interface{}{
					"username": secretRef("redshiftUser"), "password": secretRef("redshiftPassword"),
				}},
			},
		}},
		{"SAPOData", map[string]interface{}{
			"connectorProfileName": "sap",
			"connectorType":        "SAPOData",
			"connectionMode":       "Public",
			"connectorProfileConfig": map[string]interface{}{
				"connectorProfileProperties": map[string]interface{}{"SAPOData": map[string]interface{}{
					"applicationHostUrl": "https://sap.example.com", "applicationServicePath": "/sap/opu/odata",
					"portNumber": float64(443), "clientNumber": "100", "logonLanguage": "EN", "disableSSO": true,
					"oAuthProperties": map[string]interface{}{
						"tokenUrl": "https://sap.example.com/token", "authCodeUrl": "https://sap.example.com/auth",
						"oAuthScopes": []interface{}{"read", "write"},
					},
				}},
				"connectorProfileCredentials": map[string]interface{}{"SAPOData": map[string]interface{}{
					"oAuthCredentials": map[string]interface{}{
						"clientId": secretRef("sapClientId"), "clientSecret": secretRef("sapClientSecret"),
						"oAuthRequest": map[string]interface{}{"authCode": secretRef("sapAuthCode"), "redirectUri": "https://example.com/cb"},
					},
				}},
			},
		}},
		{"Custom", map[string]interface{}{
			"connectorProfileName": "custom",
			"connectorType":        "CustomConnector",
			"connectorLabel":       "my-connector",
			"connectionMode":       "Public",
			"forceDelete":          true,
			"connectorProfileConfig": map[string]interface{}{
				"connectorProfileProperties": map[string]interface{}{"CustomConnector": map[string]interface{}{
					"profileProperties": map[string]interface{}{"region": "eu"},
					"oAuth2Properties": map[string]interface{}{
						"tokenUrl": "https://api.example.com/token", "oAuth2GrantType": "CLIENT_CREDENTIALS",
						"tokenUrlCustomProperties": map[string]interface{}{"audience": "api"},
					},
				}},
				"connectorProfileCredentials": map[string]interface{}{"CustomConnector": map[string]interface{}{
					"authenticationType": "CUSTOM",
					"custom": map[string]interface{}{
						"customAuthenticationType": "HMAC",
						"credentialsMap":           map[string]interface{}{"signingKey": secretRef("signingKey")},
					},
				}},
			},
		}},
		{"Amplitude", map[string]interface{}{
			"connectorProfileName": "amplitude",
			"connectorType":        "Amplitude",
			"connectionMode":       "Public",
			"connectorProfileConfig": map[string]interface{}{
				"connectorProfileProperties": map[string]interface{}{"Amplitude": map[string]interface{}{}},
				"connectorProfileCredentials": map[string]interface{}{"Amplitude": map[string]interface{}{
					"apiKey": secretRef("amplitudeApiKey"), "secretKey": secretRef("amplitudeSecretKey"),
				}},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got := map[string]interface{}{}
			for k, v := range f.props(t, tt.id) {
				got[k] = v
			}
			delete(got, "ServiceToken")
			delete(got, "ServiceTimeout")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("properties (-want +got):\n%s", diff)
			}
		})
	}
	mustMatch(t, "HasResourceProperties", func() {
		f.template.HasResourceProperties(jsii.String(ResourceType), &map[string]interface{}{
			"connectorType":        "Salesforce",
			"connectorProfileName": "salesforce-prod",
			"ServiceToken":         assertions.Match_ObjectLike(&map[string]interface{}{"Fn::GetAtt": assertions.Match_AnyValue()}),
		})
	})
}

func TestDefaultNameAndType(t *testing.T) {
	got := synth(t).props(t, "GoogleAnalytics")
	if got["connectorType"] != "Googleanalytics" {
		t.Errorf("connectorType = %v, want Googleanalytics", got["connectorType"])
	}
	name, _ := got["connectorProfileName"].(string)
	if !profile.IsProfileName(name) || !strings.Contains(name, "GoogleAnalytics") {
		t.Errorf("connectorProfileName = %v, want a generated name from the construct path", got["connectorProfileName"])
	}
}

func TestAttributes(t *testing.T) {
	f := synth(t)
	logicalID := ""
	for id, r := range f.json["Resources"].(map[string]interface{}) {
		if r.(map[string]interface{})["Type"] == ResourceType && strings.HasPrefix(id, "Redshift") {
			logicalID = id
		}
	}
	want := map[string]interface{}{
		"RedshiftName":           map[string]interface{}{"Ref": logicalID},
		"RedshiftArn":            map[string]interface{}{"Fn::GetAtt": []interface{}{logicalID, "ConnectorProfileArn"}},
		"RedshiftCredentialsArn": map[string]interface{}{"Fn::GetAtt": []interface{}{logicalID, "CredentialsArn"}},
	}
	for name, w := range want {
		out, _ := f.outputs[name].(map[string]interface{})
		if diff := cmp.Diff(w, out["Value"]); diff != "" {
			t.Errorf("output %s (-want +got):\n%s", name, diff)
		}
	}
}

func TestOneProviderPerStack(t *testing.T) {
	f := synth(t)
	mustMatch(t, "function count", func() { f.template.ResourceCountIs(jsii.String("AWS::Lambda::Function"), jsii.Number(1)) })
	mustMatch(t, "profile count", func() {
		f.template.ResourceCountIs(jsii.String(ResourceType), jsii.Number(float64(f.profiles)))
	})
	var fnID string
	for id, r := range f.json["Resources"].(map[string]interface{}) {
		if r.(map[string]interface{})["Type"] == "AWS::Lambda::Function" {
			fnID = id
		}
	}
	for id, r := range f.json["Resources"].(map[string]interface{}) {
		res := r.(map[string]interface{})
		if res["Type"] != ResourceType {
			continue
		}
		p := res["Properties"].(map[string]interface{})
		want := map[string]interface{}{"Fn::GetAtt": []interface{}{fnID, "Arn"}}
		if diff := cmp.Diff(want, p["ServiceToken"]); diff != "" {
			t.Errorf("%s ServiceToken (-want +got):\n%s", id, diff)
		}
		if got := p["ServiceTimeout"]; got != fmt.Sprint(ServiceTimeoutMinutes*60) {
			t.Errorf("%s ServiceTimeout = %v, want %d seconds", id, got, ServiceTimeoutMinutes*60)
		}
	}
	if !strings.Contains(f.plainJSON, `"AWS::Lambda::Function"`) {
		t.Errorf("the second stack has no provider function of its own")
	}
}

func TestProviderFunction(t *testing.T) {
	f := synth(t)
	mustMatch(t, "function", func() {
		f.template.HasResourceProperties(jsii.String("AWS::Lambda::Function"), &map[string]interface{}{
			"Runtime":       "provided.al2023",
			"Architectures": []interface{}{"arm64"},
			"Handler":       "bootstrap",
			"MemorySize":    handlerMemoryMiB,
			"Timeout":       HandlerTimeoutMinutes * 60,
			"LoggingConfig": map[string]interface{}{
				"LogFormat": "JSON",
				"LogGroup":  map[string]interface{}{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^AppFlowConnectorProfileProviderLogGroup"))},
			},
			"Environment": assertions.Match_Absent(),
		})
	})
	mustMatch(t, "log group", func() {
		f.template.HasResourceProperties(jsii.String("AWS::Logs::LogGroup"), &map[string]interface{}{"RetentionInDays": 30})
	})
	mustMatch(t, "role", func() {
		f.template.HasResourceProperties(jsii.String("AWS::IAM::Role"), &map[string]interface{}{
			"ManagedPolicyArns": assertions.Match_Absent(),
		})
	})
}

// statements returns the provider role's policy statements.
func (f *fixture) statements(t *testing.T) []map[string]interface{} {
	t.Helper()
	var out []map[string]interface{}
	for _, r := range f.json["Resources"].(map[string]interface{}) {
		res := r.(map[string]interface{})
		if res["Type"] != "AWS::IAM::Policy" {
			continue
		}
		doc := res["Properties"].(map[string]interface{})["PolicyDocument"].(map[string]interface{})
		for _, s := range doc["Statement"].([]interface{}) {
			out = append(out, s.(map[string]interface{}))
		}
	}
	return out
}

func actions(s map[string]interface{}) []string {
	switch a := s["Action"].(type) {
	case string:
		return []string{a}
	case []interface{}:
		var out []string
		for _, x := range a {
			out = append(out, x.(string))
		}
		return out
	}
	return nil
}

func TestIAMStatements(t *testing.T) {
	f := synth(t)
	byAction := map[string]map[string]interface{}{}
	for _, s := range f.statements(t) {
		if s["Effect"] != "Allow" {
			t.Errorf("unexpected statement %v", s)
		}
		for _, a := range actions(s) {
			if _, dup := byAction[a]; dup {
				t.Errorf("action %s granted twice", a)
			}
			byAction[a] = s
		}
	}
	var granted []string
	for a := range byAction {
		granted = append(granted, a)
	}
	want := []string{
		"appflow:CreateConnectorProfile", "appflow:DeleteConnectorProfile", "appflow:DescribeConnector",
		"appflow:DescribeConnectorProfiles", "appflow:UpdateConnectorProfile",
		"cloudformation:DescribeStackEvents", "cloudformation:DescribeStacks",
		"iam:PassRole",
		"kms:CreateGrant", "kms:DescribeKey", "kms:ListAliases", "kms:ListGrants", "kms:ListKeys",
		"logs:CreateLogStream", "logs:PutLogEvents",
		"secretsmanager:CreateSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutResourcePolicy",
	}
	if diff := cmp.Diff(want, sorted(granted)); diff != "" {
		t.Errorf("granted actions (-want +got):\n%s", diff)
	}

	passRole := byAction["iam:PassRole"]
	if diff := cmp.Diff([]interface{}{redshiftRole, dataAPIRole}, passRole["Resource"]); diff != "" {
		t.Errorf("iam:PassRole resources (-want +got):\n%s", diff)
	}
	wantCond := map[string]interface{}{"StringEquals": map[string]interface{}{
		"iam:PassedToService": []interface{}{"appflow.amazonaws.com", "redshift.amazonaws.com"},
	}}
	if diff := cmp.Diff(wantCond, passRole["Condition"]); diff != "" {
		t.Errorf("iam:PassRole condition (-want +got):\n%s", diff)
	}
	wantSecret := []interface{}{map[string]interface{}{"Ref": f.logicalID(t, "AWS::SecretsManager::Secret", "ClientCredentials")}}
	if diff := cmp.Diff(wantSecret, byAction["secretsmanager:GetSecretValue"]["Resource"]); diff != "" {
		t.Errorf("secretsmanager:GetSecretValue resources (-want +got):\n%s", diff)
	}
	calledVia := map[string]interface{}{"aws:CalledVia": []interface{}{"appflow.amazonaws.com"}}
	if diff := cmp.Diff(map[string]interface{}{
		"StringLike":               map[string]interface{}{"secretsmanager:Name": "appflow!*"},
		"ForAnyValue:StringEquals": calledVia,
	}, byAction["secretsmanager:CreateSecret"]["Condition"]); diff != "" {
		t.Errorf("secretsmanager:CreateSecret condition (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]interface{}{
		"ForAnyValue:StringEquals": calledVia,
		"StringEqualsIgnoreCase": map[string]interface{}{
			"secretsmanager:ResourceTag/aws:secretsmanager:owningService": "appflow",
		},
	}, byAction["secretsmanager:PutResourcePolicy"]["Condition"]); diff != "" {
		t.Errorf("secretsmanager:PutResourcePolicy condition (-want +got):\n%s", diff)
	}
	for _, a := range []string{"appflow:UpdateConnectorProfile", "appflow:DeleteConnectorProfile"} {
		if raw, _ := json.Marshal(byAction[a]["Resource"]); !strings.Contains(string(raw), ":connectorprofile/*") {
			t.Errorf("%s resource = %s, want the account's connectorprofile ARNs", a, raw)
		}
	}
	for _, a := range []string{"cloudformation:DescribeStacks", "cloudformation:DescribeStackEvents"} {
		if diff := cmp.Diff(map[string]interface{}{"Ref": "AWS::StackId"}, byAction[a]["Resource"]); diff != "" {
			t.Errorf("%s resource (-want +got), want the stack itself only:\n%s", a, diff)
		}
	}
	for a, s := range byAction {
		if s["Resource"] == "*" && !strings.HasPrefix(a, "kms:") && a != "appflow:CreateConnectorProfile" &&
			a != "appflow:DescribeConnectorProfiles" && a != "appflow:DescribeConnector" {
			t.Errorf("%s is granted on *", a)
		}
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestNoPlainTextSecrets checks every credential member of every profile:
// secrets are dynamic references, and the plain-text sentinel of the other
// stack is nowhere in this template.
func TestNoPlainTextSecrets(t *testing.T) {
	f := synth(t)
	if strings.Contains(f.raw, plainSentinel) {
		t.Errorf("template contains the plain-text sentinel")
	}
	identifiers := map[string]bool{
		"oAuth2GrantType": true, "authenticationType": true, "customAuthenticationType": true,
		"clientCredentialsArn": true, "redirectUri": true,
	}
	checked := 0
	var walk func(path string, v interface{})
	walk = func(path string, v interface{}) {
		if identifiers[path[strings.LastIndex(path, ".")+1:]] {
			return
		}
		switch v := v.(type) {
		case map[string]interface{}:
			for k, x := range v {
				walk(path+"."+k, x)
			}
		case string:
			checked++
			if !strings.HasPrefix(v, "{{resolve:secretsmanager:") {
				t.Errorf("%s = %q, want a Secrets Manager dynamic reference", path, v)
			}
		default:
			t.Errorf("%s: unexpected %T", path, v)
		}
	}
	for id, r := range f.json["Resources"].(map[string]interface{}) {
		res := r.(map[string]interface{})
		if res["Type"] != ResourceType {
			continue
		}
		cfg := res["Properties"].(map[string]interface{})["connectorProfileConfig"].(map[string]interface{})
		walk(id, cfg["connectorProfileCredentials"])
	}
	if checked < 10 {
		t.Errorf("checked only %d credential members", checked)
	}
	mustMatch(t, "no plain-text warning", func() {
		assertions.Annotations_FromStack(f.stack).HasNoWarning(jsii.String("*"),
			assertions.Match_StringLikeRegexp(jsii.String(".*plain text.*")))
	})
}

func TestPlainTextSecretWarns(t *testing.T) {
	f := synth(t)
	mustMatch(t, "plain-text warning", func() {
		assertions.Annotations_FromStack(f.plain).HasWarning(jsii.String("/PlainText/Singular"),
			assertions.Match_StringLikeRegexp(jsii.String(".*connectorProfileCredentials.Singular.apiKey.*")))
	})
}

func TestCdkNag(t *testing.T) {
	f := synth(t)
	ann := assertions.Annotations_FromStack(f.stack)
	for _, m := range *ann.FindError(jsii.String("*"), assertions.Match_AnyValue()) {
		t.Errorf("error at %s: %v", *m.Id, m.Entry.Data)
	}
	for _, m := range *ann.FindWarning(jsii.String("*"), assertions.Match_AnyValue()) {
		t.Errorf("warning at %s: %v", *m.Id, m.Entry.Data)
	}
	// Every suppression carries a reason.
	for id, r := range f.json["Resources"].(map[string]interface{}) {
		meta, _ := r.(map[string]interface{})["Metadata"].(map[string]interface{})
		nag, _ := meta["cdk_nag"].(map[string]interface{})
		rules, _ := nag["rules_to_suppress"].([]interface{})
		for _, rule := range rules {
			if reason, _ := rule.(map[string]interface{})["reason"].(string); len(reason) < 40 {
				t.Errorf("%s: suppression %v has no real reason", id, rule)
			}
		}
	}
}

func TestInvalidProps(t *testing.T) {
	synth(t) // shares the jsii runtime start-up cost
	sf := &ConnectorProfileProperties{Salesforce: &SalesforceConnectorProfileProperties{}}
	tests := []struct {
		name  string
		props *ConnectorProfileProps
		want  string
	}{
		{"no connector", &ConnectorProfileProps{}, "set ConnectorType or a connector"},
		{"two connectors", &ConnectorProfileProps{ConnectorProfileConfig: &ConnectorProfileConfig{
			ConnectorProfileProperties: &ConnectorProfileProperties{
				Salesforce: &SalesforceConnectorProfileProperties{}, Slack: &SlackConnectorProfileProperties{},
			},
		}}, "set exactly one connector, got Salesforce, Slack"},
		{"type mismatch", &ConnectorProfileProps{ConnectorType: types.ConnectorTypeSlack,
			ConnectorProfileConfig: &ConnectorProfileConfig{ConnectorProfileProperties: sf}},
			"connectorType Slack does not match connector Salesforce"},
		{"credentials mismatch", &ConnectorProfileProps{ConnectorProfileConfig: &ConnectorProfileConfig{
			ConnectorProfileProperties:  sf,
			ConnectorProfileCredentials: &ConnectorProfileCredentials{Slack: &SlackConnectorProfileCredentials{}},
		}}, "properties are for Salesforce but credentials are for Slack"},
		{"custom without label", &ConnectorProfileProps{ConnectorProfileConfig: &ConnectorProfileConfig{
			ConnectorProfileProperties: &ConnectorProfileProperties{CustomConnector: &CustomConnectorProfileProperties{}},
		}}, "connectorLabel: is required for connectorType CustomConnector"},
		{"bad name", &ConnectorProfileProps{ConnectorProfileName: jsii.String("has space"),
			ConnectorProfileConfig: &ConnectorProfileConfig{ConnectorProfileProperties: sf}}, `connectorProfileName: "has space" is not allowed`},
		{"refused by the handler's checks", &ConnectorProfileProps{ConnectorProfileConfig: &ConnectorProfileConfig{
			ConnectorProfileProperties: &ConnectorProfileProperties{SAPOData: &SAPODataConnectorProfileProperties{
				ApplicationHostUrl: jsii.String("https://sap.example.com"), ApplicationServicePath: jsii.String("/sap/opu/odata"),
				ClientNumber: jsii.String("010"), PortNumber: jsii.Number(70000),
			}},
		}}, `connectorProfileConfig.connectorProfileProperties.SAPOData.portNumber: 70000 is out of range 1..65535`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Invalid"), nil)
			defer func() {
				r := recover()
				if msg := fmt.Sprint(r); r == nil || !strings.Contains(msg, tt.want) {
					t.Errorf("panic = %v, want one containing %q", r, tt.want)
				}
			}()
			NewConnectorProfile(stack, jsii.String("P"), tt.props)
		})
	}
}

func TestPrebuiltCode(t *testing.T) {
	f := synth(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bootstrap"), []byte("prebuilt"), 0o755); err != nil {
		t.Fatal(err)
	}
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Prebuilt"), nil)
	NewProvider(stack, &ProviderProps{Code: awslambda.Code_FromAsset(jsii.String(dir), nil)})
	NewConnectorProfile(stack, jsii.String("Singular"), &ConnectorProfileProps{
		ConnectorProfileConfig: &ConnectorProfileConfig{
			ConnectorProfileProperties: &ConnectorProfileProperties{Singular: &SingularConnectorProfileProperties{}},
		},
	})
	got := s3Keys(assertions.Template_FromStack(stack, nil).ToJSON())
	want := s3Keys(f.template.ToJSON())
	if len(got) != 1 || len(want) != 1 || got[0] == want[0] {
		t.Errorf("prebuilt code keys %v, built-from-source keys %v: want one each, different", got, want)
	}
}

// s3Keys lists the Lambda code keys of a template.
func s3Keys(tmpl *map[string]interface{}) []string {
	var out []string
	for _, r := range (*tmpl)["Resources"].(map[string]interface{}) {
		res := r.(map[string]interface{})
		if res["Type"] == "AWS::Lambda::Function" {
			code := res["Properties"].(map[string]interface{})["Code"].(map[string]interface{})
			out = append(out, fmt.Sprint(code["S3Key"]))
		}
	}
	return out
}
