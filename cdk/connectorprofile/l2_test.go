package connectorprofile

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/google/go-cmp/cmp"
)

const (
	testAccount = "111122223333"
	testRegion  = "eu-west-1"
)

// Compile-time checks: a managed profile is an IConnectorProfile and an
// awscdk.IResource.
var (
	_ IConnectorProfile = ConnectorProfile(nil)
	_ awscdk.IResource  = IConnectorProfile(nil)
)

// envStack is a stack in a fresh app, in testAccount and testRegion.
func envStack(name string) awscdk.Stack {
	return awscdk.NewStack(awscdk.NewApp(nil), jsii.String(name), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String(testAccount), Region: jsii.String(testRegion)},
	})
}

// singular is a valid Singular profile named name (nil: the derived name).
func singular(name *string) *ConnectorProfileProps {
	return &ConnectorProfileProps{
		ConnectorProfileName: name,
		ConnectorProfileConfig: &ConnectorProfileConfig{
			ConnectorProfileProperties: &ConnectorProfileProperties{Singular: &SingularConnectorProfileProperties{}},
			ConnectorProfileCredentials: &ConnectorProfileCredentials{
				Singular: &SingularConnectorProfileCredentials{ApiKey: secret("singularApiKey")},
			},
		},
	}
}

// templateOf is a stack's template as plain JSON values.
func templateOf(stack awscdk.Stack) map[string]interface{} {
	raw, _ := json.Marshal(assertions.Template_FromStack(stack, nil).ToJSON())
	var out map[string]interface{}
	if err := json.Unmarshal(raw, &out); err != nil {
		panic(err)
	}
	return out
}

// resourcesOf lists a template's resources of type typ by logical id.
func resourcesOf(tmpl map[string]interface{}, typ string) map[string]map[string]interface{} {
	out := map[string]map[string]interface{}{}
	for id, r := range tmpl["Resources"].(map[string]interface{}) {
		if res := r.(map[string]interface{}); res["Type"] == typ {
			out[id] = res
		}
	}
	return out
}

// resolved is what a token becomes in the stack's template.
func resolved(stack awscdk.Stack, v interface{}) interface{} {
	raw, _ := json.Marshal(stack.Resolve(v))
	var out interface{}
	json.Unmarshal(raw, &out)
	return out
}

// panicOf runs fn and returns what it panicked with, "" if nothing.
func panicOf(fn func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	fn()
	return ""
}

func TestProfileIsResource(t *testing.T) {
	synth(t)
	stack := envStack("Env")
	p := NewConnectorProfile(stack, jsii.String("Profile"), singular(jsii.String("env-profile")))
	if got := *p.Stack().Node().Path(); got != "Env" {
		t.Errorf("Stack() is %s, want Env", got)
	}
	if env := p.Env(); *env.Account != testAccount || *env.Region != testRegion {
		t.Errorf("Env() = %s/%s, want %s/%s", *env.Account, *env.Region, testAccount, testRegion)
	}
	if got, want := *p.Node().DefaultChild().Node().Path(), *p.CustomResource().Node().Path(); got != want {
		t.Errorf("default child %s, want the custom resource %s", got, want)
	}
	p.ApplyRemovalPolicy(awscdk.RemovalPolicy_RETAIN)
	profiles := resourcesOf(templateOf(stack), ResourceType)
	if len(profiles) != 1 {
		t.Fatalf("%d profiles, want 1", len(profiles))
	}
	for id, r := range profiles {
		if r["DeletionPolicy"] != "Retain" || r["UpdateReplacePolicy"] != "Retain" {
			t.Errorf("%s: DeletionPolicy %v, UpdateReplacePolicy %v; want Retain for both", id, r["DeletionPolicy"], r["UpdateReplacePolicy"])
		}
	}
}

func TestFromConnectorProfileName(t *testing.T) {
	synth(t)
	stack := envStack("ImportByName")
	p := FromConnectorProfileName(stack, jsii.String("Sales"), jsii.String("sales/eu"))
	if got := *p.Name(); got != "sales/eu" {
		t.Errorf("Name() = %q, want sales/eu", got)
	}
	want := map[string]interface{}{"Fn::Join": []interface{}{"", []interface{}{
		"arn:", map[string]interface{}{"Ref": "AWS::Partition"},
		":appflow:" + testRegion + ":" + testAccount + ":connectorprofile/sales/eu",
	}}}
	if diff := cmp.Diff(want, resolved(stack, p.Arn())); diff != "" {
		t.Errorf("Arn() (-want +got):\n%s", diff)
	}
	if env := p.Env(); *env.Account != testAccount || *env.Region != testRegion {
		t.Errorf("Env() = %s/%s, want the stack's", *env.Account, *env.Region)
	}
	if msg := panicOf(func() { FromConnectorProfileName(stack, jsii.String("Bad"), jsii.String("has space")) }); !strings.Contains(msg,
		`ImportByName/Bad: connector profile name "has space" is not allowed`) {
		t.Errorf("a bad name panics with %q", msg)
	}
}

func TestFromConnectorProfileArn(t *testing.T) {
	synth(t)
	stack := envStack("ImportByArn")
	const arn = "arn:aws:appflow:us-west-2:444455556666:connectorprofile/sales/eu"
	p := FromConnectorProfileArn(stack, jsii.String("Sales"), jsii.String(arn))
	if *p.Name() != "sales/eu" || *p.Arn() != arn {
		t.Errorf("Name(), Arn() = %q, %q; want sales/eu, %s", *p.Name(), *p.Arn(), arn)
	}
	if env := p.Env(); *env.Account != "444455556666" || *env.Region != "us-west-2" {
		t.Errorf("Env() = %s/%s, want the ARN's 444455556666/us-west-2", *env.Account, *env.Region)
	}

	param := awscdk.NewCfnParameter(stack, jsii.String("ProfileArn"), nil)
	fromToken := FromConnectorProfileArn(stack, jsii.String("FromParameter"), param.ValueAsString())
	wantName := map[string]interface{}{"Fn::Select": []interface{}{1.0, map[string]interface{}{
		"Fn::Split": []interface{}{":connectorprofile/", map[string]interface{}{"Ref": "ProfileArn"}},
	}}}
	if diff := cmp.Diff(wantName, resolved(stack, fromToken.Name())); diff != "" {
		t.Errorf("Name() of a token ARN (-want +got):\n%s", diff)
	}

	for _, bad := range []string{
		"not-an-arn",
		"arn:aws:s3:::bucket",
		"arn:aws:appflow:us-east-1:111122223333:flow/sales",
		"arn:aws:appflow:us-east-1:111122223333:connectorprofile/has space",
	} {
		msg := panicOf(func() { FromConnectorProfileArn(stack, jsii.String("Bad"+bad), jsii.String(bad)) })
		if !strings.Contains(msg, fmt.Sprintf("%q is not a connector profile ARN", bad)) {
			t.Errorf("FromConnectorProfileArn(%s) panics with %q", bad, msg)
		}
	}
}

func TestCredentialsSecret(t *testing.T) {
	synth(t)
	stack := envStack("Credentials")
	key := awskms.NewKey(stack, jsii.String("Key"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	props := singular(jsii.String("with-key"))
	props.KmsKey = key
	p := NewConnectorProfile(stack, jsii.String("Profile"), props)
	reader := awsiam.NewRole(stack, jsii.String("Reader"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("appflow.amazonaws.com"), nil),
	})
	p.CredentialsSecret().GrantRead(reader, nil)
	if p.CredentialsSecret() != p.CredentialsSecret() {
		t.Error("CredentialsSecret() gives a new secret each call")
	}
	if diff := cmp.Diff(resolved(stack, p.CredentialsArn()), resolved(stack, p.CredentialsSecret().SecretArn())); diff != "" {
		t.Errorf("the secret's ARN is not CredentialsArn (-want +got):\n%s", diff)
	}

	// The reader may get the secret's value, and decrypt it through Secrets
	// Manager: the key's policy names the reader.
	tmpl := templateOf(stack)
	var profileID, readerID string
	for id := range resourcesOf(tmpl, ResourceType) {
		profileID = id
	}
	for id := range resourcesOf(tmpl, "AWS::IAM::Role") {
		if strings.HasPrefix(id, "Reader") {
			readerID = id
		}
	}
	var gets []interface{}
	for _, policy := range resourcesOf(tmpl, "AWS::IAM::Policy") {
		props := policy["Properties"].(map[string]interface{})
		if fmt.Sprint(props["Roles"]) != fmt.Sprint([]interface{}{map[string]interface{}{"Ref": readerID}}) {
			continue
		}
		for _, s := range props["PolicyDocument"].(map[string]interface{})["Statement"].([]interface{}) {
			if slices.Contains(actions(s.(map[string]interface{})), "secretsmanager:GetSecretValue") {
				gets = append(gets, s.(map[string]interface{})["Resource"])
			}
		}
	}
	wantGet := []interface{}{map[string]interface{}{"Fn::GetAtt": []interface{}{profileID, "CredentialsArn"}}}
	if diff := cmp.Diff(wantGet, gets); diff != "" {
		t.Errorf("the reader's secretsmanager:GetSecretValue (-want +got):\n%s", diff)
	}
	decrypts := 0
	for _, key := range resourcesOf(tmpl, "AWS::KMS::Key") {
		for _, s := range key["Properties"].(map[string]interface{})["KeyPolicy"].(map[string]interface{})["Statement"].([]interface{}) {
			st := s.(map[string]interface{})
			reader := map[string]interface{}{"AWS": map[string]interface{}{"Fn::GetAtt": []interface{}{readerID, "Arn"}}}
			if st["Action"] == "kms:Decrypt" && cmp.Equal(st["Principal"], reader) {
				decrypts++
			}
		}
	}
	if decrypts != 1 {
		t.Errorf("%d key policy statements let the reader decrypt, want 1", decrypts)
	}
}

// TestClientCredentialsAccess: AppFlow may read the fixture's client
// credentials secret through its resource policy and decrypt it through its
// key's policy, and the profile waits for the resource policy.
func TestClientCredentialsAccess(t *testing.T) {
	f := synth(t)
	secretID := f.logicalID(t, "AWS::SecretsManager::Secret", "ClientCredentials")
	sourceAccount := map[string]interface{}{"aws:SourceAccount": map[string]interface{}{"Ref": "AWS::AccountId"}}
	appflow := map[string]interface{}{"Service": "appflow.amazonaws.com"}

	policies := resourcesOf(f.json, "AWS::SecretsManager::ResourcePolicy")
	if len(policies) != 1 {
		t.Fatalf("%d secret resource policies, want 1", len(policies))
	}
	for policyID, policy := range policies {
		want := map[string]interface{}{
			"SecretId": map[string]interface{}{"Ref": secretID},
			"ResourcePolicy": map[string]interface{}{"Version": "2012-10-17", "Statement": []interface{}{map[string]interface{}{
				"Sid":       "AppFlowReadsClientCredentials",
				"Effect":    "Allow",
				"Principal": appflow,
				"Action":    []interface{}{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
				"Resource":  "*",
				"Condition": map[string]interface{}{"StringEquals": sourceAccount},
			}}},
		}
		if diff := cmp.Diff(want, policy["Properties"]); diff != "" {
			t.Errorf("secret resource policy (-want +got):\n%s", diff)
		}
		salesforce := f.json["Resources"].(map[string]interface{})[f.logicalID(t, ResourceType, "Salesforce")].(map[string]interface{})
		if diff := cmp.Diff([]interface{}{policyID}, salesforce["DependsOn"]); diff != "" {
			t.Errorf("the Salesforce profile's DependsOn (-want +got):\n%s", diff)
		}
	}

	key := f.json["Resources"].(map[string]interface{})[f.logicalID(t, "AWS::KMS::Key", "ClientCredentialsKey")].(map[string]interface{})
	var decrypt interface{}
	for _, s := range key["Properties"].(map[string]interface{})["KeyPolicy"].(map[string]interface{})["Statement"].([]interface{}) {
		if s.(map[string]interface{})["Sid"] == "AppFlowDecryptsClientCredentials" {
			decrypt = s
		}
	}
	wantDecrypt := map[string]interface{}{
		"Sid":       "AppFlowDecryptsClientCredentials",
		"Effect":    "Allow",
		"Principal": appflow,
		"Action":    "kms:Decrypt",
		"Resource":  "*",
		"Condition": map[string]interface{}{"StringEquals": map[string]interface{}{
			"aws:SourceAccount": map[string]interface{}{"Ref": "AWS::AccountId"},
			"kms:ViaService": map[string]interface{}{"Fn::Join": []interface{}{"", []interface{}{
				"secretsmanager.", map[string]interface{}{"Ref": "AWS::Region"}, ".amazonaws.com",
			}}},
		}},
	}
	if diff := cmp.Diff(wantDecrypt, decrypt); diff != "" {
		t.Errorf("the key policy's statement for AppFlow (-want +got):\n%s", diff)
	}
}

// TestClientCredentialsAccessWarnings: where the construct cannot extend a
// policy, it says what to add.
func TestClientCredentialsAccessWarnings(t *testing.T) {
	synth(t)
	const secretArn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:sf-client-AbCdEf"
	const keyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	const (
		policyWarning   = ".*cannot change an imported secret's resource policy.*"
		unknownKey      = ".*does not know the secret's KMS key.*"
		importedKey     = ".*cannot change an imported key's policy.*"
		clientCredsPath = ".*connectorProfileConfig.connectorProfileCredentials.Pardot.clientCredentialsArn: .*"
	)
	tests := []struct {
		name   string
		secret func(awscdk.Stack) awssecretsmanager.ISecret
		want   []string
	}{
		{"imported secret", func(s awscdk.Stack) awssecretsmanager.ISecret {
			return awssecretsmanager.Secret_FromSecretCompleteArn(s, jsii.String("Client"), jsii.String(secretArn))
		}, []string{policyWarning, unknownKey}},
		{"imported secret and key", func(s awscdk.Stack) awssecretsmanager.ISecret {
			return awssecretsmanager.Secret_FromSecretAttributes(s, jsii.String("Client"), &awssecretsmanager.SecretAttributes{
				SecretCompleteArn: jsii.String(secretArn),
				EncryptionKey:     awskms.Key_FromKeyArn(s, jsii.String("Key"), jsii.String(keyArn)),
			})
		}, []string{policyWarning, importedKey}},
		{"secret with the AWS managed key", func(s awscdk.Stack) awssecretsmanager.ISecret {
			return awssecretsmanager.NewSecret(s, jsii.String("Client"), nil)
		}, []string{unknownKey}},
		{"secret with a key of the app", func(s awscdk.Stack) awssecretsmanager.ISecret {
			return awssecretsmanager.NewSecret(s, jsii.String("Client"), &awssecretsmanager.SecretProps{
				EncryptionKey: awskms.NewKey(s, jsii.String("Key"), nil),
			})
		}, nil},
	}
	all := []string{policyWarning, unknownKey, importedKey}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stack := envStack("Warnings")
			NewConnectorProfile(stack, jsii.String("Pardot"), &ConnectorProfileProps{
				ConnectorProfileName: jsii.String("pardot"),
				ConnectorProfileConfig: &ConnectorProfileConfig{
					ConnectorProfileProperties: &ConnectorProfileProperties{Pardot: &PardotConnectorProfileProperties{
						BusinessUnitId: jsii.String("0Uv000000000001"),
					}},
					ConnectorProfileCredentials: &ConnectorProfileCredentials{Pardot: &PardotConnectorProfileCredentials{
						ClientCredentialsArn: tt.secret(stack),
						RefreshToken:         secret("pardotRefresh"),
					}},
				},
			})
			ann := assertions.Annotations_FromStack(stack)
			for _, pattern := range all {
				found := len(*ann.FindWarning(jsii.String("/Warnings/Pardot"), assertions.Match_StringLikeRegexp(jsii.String(pattern)))) > 0
				want := false
				for _, w := range tt.want {
					want = want || w == pattern
				}
				if found != want {
					t.Errorf("warning %s: found %v, want %v", pattern, found, want)
				}
			}
			if n := len(*ann.FindWarning(jsii.String("/Warnings/Pardot"), assertions.Match_StringLikeRegexp(jsii.String(clientCredsPath)))); n != len(tt.want) {
				t.Errorf("%d warnings name the property path, want %d", n, len(tt.want))
			}
		})
	}
}

func TestDuplicateNamesFailSynth(t *testing.T) {
	synth(t)
	stack := envStack("Duplicates")
	NewConnectorProfile(stack, jsii.String("First"), singular(jsii.String("shared")))
	nested := constructs.NewConstruct(stack, jsii.String("Team"))
	NewConnectorProfile(nested, jsii.String("Other"), singular(jsii.String("other")))
	msg := panicOf(func() { NewConnectorProfile(nested, jsii.String("Second"), singular(jsii.String("shared"))) })
	want := `connectorprofile: Duplicates/Team/Second: connectorProfileName: "shared" is also the name of Duplicates/First; ` +
		`connector profile names are unique in an account and Region`
	if msg != want {
		t.Errorf("panic = %q, want %q", msg, want)
	}
	// A name from a token is not compared; another stack is not this one.
	param := awscdk.NewCfnParameter(stack, jsii.String("Name"), nil)
	if msg := panicOf(func() { NewConnectorProfile(stack, jsii.String("FromParameter"), singular(param.ValueAsString())) }); msg != "" {
		t.Errorf("a name from a parameter panics: %s", msg)
	}
	if msg := panicOf(func() {
		NewConnectorProfile(envStack("Elsewhere"), jsii.String("First"), singular(jsii.String("shared")))
	}); msg != "" {
		t.Errorf("the same name in another stack panics: %s", msg)
	}
}

func TestSSMSecureRefused(t *testing.T) {
	synth(t)
	const refusal = "CloudFormation does not resolve {{resolve:ssm-secure:...}} in a custom resource, so AppFlow " +
		"would get the reference's text instead of the value; keep the value in Secrets Manager and pass awscdk.SecretValue_SecretsManager"
	tests := []struct {
		name  string
		props func(awscdk.Stack) *ConnectorProfileProps
		path  string
	}{
		{"SecretValue_SsmSecure", func(awscdk.Stack) *ConnectorProfileProps {
			p := singular(jsii.String("ssm"))
			p.ConnectorProfileConfig.ConnectorProfileCredentials.Singular.ApiKey = awscdk.SecretValue_SsmSecure(jsii.String("/appflow/singular"), nil)
			return p
		}, "connectorProfileConfig.connectorProfileCredentials.Singular.apiKey"},
		{"a reference to a parameter's name", func(s awscdk.Stack) *ConnectorProfileProps {
			param := awscdk.NewCfnParameter(s, jsii.String("Parameter"), nil)
			p := singular(jsii.String("ssm"))
			p.ConnectorProfileConfig.ConnectorProfileCredentials.Singular.ApiKey = awscdk.SecretValue_CfnDynamicReference(
				awscdk.NewCfnDynamicReference(awscdk.CfnDynamicReferenceService_SSM_SECURE, param.ValueAsString()))
			return p
		}, "connectorProfileConfig.connectorProfileCredentials.Singular.apiKey"},
		{"a property", func(awscdk.Stack) *ConnectorProfileProps {
			return &ConnectorProfileProps{ConnectorProfileConfig: &ConnectorProfileConfig{
				ConnectorProfileProperties: &ConnectorProfileProperties{Datadog: &DatadogConnectorProfileProperties{
					InstanceUrl: jsii.String("{{resolve:ssm-secure:/appflow/datadog-url}}"),
				}},
			}}
		}, "connectorProfileConfig.connectorProfileProperties.Datadog.instanceUrl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stack := envStack("SSM")
			msg := panicOf(func() { NewConnectorProfile(stack, jsii.String("P"), tt.props(stack)) })
			if want := "connectorprofile: SSM/P: " + tt.path + ": " + refusal; msg != want {
				t.Errorf("panic = %q\nwant    %q", msg, want)
			}
		})
	}
}

func TestSynthWarnings(t *testing.T) {
	synth(t)
	key := func(s awscdk.Stack) awskms.IKey {
		return awskms.Key_FromKeyArn(s, jsii.String("Key"), jsii.String(testKeyArn))
	}
	tests := []struct {
		name  string
		props func(awscdk.Stack) *ConnectorProfileProps
		want  map[string]string // warning id -> pattern; the others must be absent
	}{
		{"Honeycode", func(awscdk.Stack) *ConnectorProfileProps {
			return &ConnectorProfileProps{ConnectorProfileName: jsii.String("honeycode"), ConnectorProfileConfig: &ConnectorProfileConfig{
				ConnectorProfileProperties: &ConnectorProfileProperties{Honeycode: &HoneycodeConnectorProfileProperties{}},
			}}
		}, map[string]string{DiscontinuedConnectorWarning: ".*Amazon Honeycode was discontinued by AWS in 2024.*"}},
		{"derived name with a key", func(s awscdk.Stack) *ConnectorProfileProps {
			p := singular(nil)
			p.KmsKey = key(s)
			return p
		}, map[string]string{DerivedNameWarning: ".*connectorProfileName is derived from the construct path.*set ConnectorProfileName.*"}},
		{"derived name with a label", func(awscdk.Stack) *ConnectorProfileProps {
			return &ConnectorProfileProps{ConnectorLabel: jsii.String("my-connector"), ConnectorProfileConfig: &ConnectorProfileConfig{
				ConnectorProfileProperties: &ConnectorProfileProperties{CustomConnector: &CustomConnectorProfileProperties{}},
			}}
		}, map[string]string{DerivedNameWarning: ".*a change of connectorLabel or kmsArn replaces the profile.*"}},
		{"given name with a key", func(s awscdk.Stack) *ConnectorProfileProps {
			p := singular(jsii.String("named"))
			p.KmsKey = key(s)
			return p
		}, nil},
		{"derived name alone", func(awscdk.Stack) *ConnectorProfileProps { return singular(nil) }, nil},
		{"plain text", func(awscdk.Stack) *ConnectorProfileProps {
			p := singular(jsii.String("plain"))
			p.ConnectorProfileConfig.ConnectorProfileCredentials.Singular.ApiKey = awscdk.SecretValue_UnsafePlainText(jsii.String(plainSentinel))
			return p
		}, map[string]string{PlainTextSecretWarning: ".*connectorProfileCredentials.Singular.apiKey; pass a SecretValue from Secrets Manager.*"}},
	}
	ids := []string{PlainTextSecretWarning, DiscontinuedConnectorWarning, DerivedNameWarning, ClientCredentialsAccessWarning}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stack := envStack("Warn")
			NewConnectorProfile(stack, jsii.String("P"), tt.props(stack))
			ann := assertions.Annotations_FromStack(stack)
			for _, id := range ids {
				pattern, want := tt.want[id]
				if !want {
					pattern = ".*"
				}
				// A warning ends with the id to acknowledge it by.
				matches := ann.FindWarning(jsii.String("/Warn/P"), assertions.Match_StringLikeRegexp(jsii.String(pattern+`\[ack: `+id+`\]`)))
				if found := len(*matches) > 0; found != want {
					t.Errorf("warning %s matching %s: found %v, want %v", id, pattern, found, want)
				}
			}
		})
	}
}

// TestSharedClientCredentials: profiles that share a secret add one
// statement to each policy, so no statement id repeats.
func TestSharedClientCredentials(t *testing.T) {
	synth(t)
	stack := envStack("Shared")
	shared := awssecretsmanager.NewSecret(stack, jsii.String("Client"), &awssecretsmanager.SecretProps{
		EncryptionKey: awskms.NewKey(stack, jsii.String("Key"), nil),
	})
	for _, name := range []string{"production", "sandbox"} {
		NewConnectorProfile(stack, jsii.String(name), &ConnectorProfileProps{
			ConnectorProfileName: jsii.String(name),
			ConnectorProfileConfig: &ConnectorProfileConfig{
				ConnectorProfileProperties: &ConnectorProfileProperties{Pardot: &PardotConnectorProfileProperties{
					BusinessUnitId: jsii.String("0Uv000000000001"),
				}},
				ConnectorProfileCredentials: &ConnectorProfileCredentials{Pardot: &PardotConnectorProfileCredentials{
					ClientCredentialsArn: shared, RefreshToken: secret("pardotRefresh"),
				}},
			},
		})
	}
	raw, _ := json.Marshal(templateOf(stack))
	for _, sid := range []string{"AppFlowReadsClientCredentials", "AppFlowDecryptsClientCredentials"} {
		if n := strings.Count(string(raw), `"Sid":"`+sid+`"`); n != 1 {
			t.Errorf("statement %s appears %d times, want once", sid, n)
		}
	}
}
