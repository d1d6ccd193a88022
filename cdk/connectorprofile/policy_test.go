package connectorprofile

import (
	"encoding/json"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
	"github.com/google/go-cmp/cmp"
)

// statementsBySid synthesizes a stack and returns its provider's policy
// statements by Sid.
func statementsBySid(t *testing.T, stack awscdk.Stack) map[string]map[string]interface{} {
	t.Helper()
	raw, err := json.Marshal(assertions.Template_FromStack(stack, nil).ToJSON())
	if err != nil {
		t.Fatal(err)
	}
	var tmpl map[string]interface{}
	if err := json.Unmarshal(raw, &tmpl); err != nil {
		t.Fatal(err)
	}
	f := &fixture{json: tmpl}
	out := map[string]map[string]interface{}{}
	for _, s := range f.statements(t) {
		sid, _ := s["Sid"].(string)
		if _, dup := out[sid]; dup {
			t.Errorf("Sid %q twice", sid)
		}
		out[sid] = s
	}
	return out
}

func kmsProfile(name string, key awskms.IKey) *ConnectorProfileProps {
	return &ConnectorProfileProps{
		ConnectorProfileName: jsii.String(name),
		KmsKey:               key,
		ConnectorProfileConfig: &ConnectorProfileConfig{
			ConnectorProfileProperties: &ConnectorProfileProperties{Singular: &SingularConnectorProfileProperties{}},
			ConnectorProfileCredentials: &ConnectorProfileCredentials{
				Singular: &SingularConnectorProfileCredentials{ApiKey: secret("singularApiKey")},
			},
		},
	}
}

var viaAppFlow = map[string]interface{}{
	"StringEquals": map[string]interface{}{"kms:ViaService": map[string]interface{}{
		"Fn::Join": []interface{}{"", []interface{}{"appflow.", map[string]interface{}{"Ref": "AWS::Region"}, ".amazonaws.com"}},
	}},
	"Bool": map[string]interface{}{"kms:GrantIsForAWSResource": "true"},
}

// With a profile on the AppFlow-managed key, whose ARN no template knows,
// the key actions are on every key, and CreateGrant only through AppFlow.
func TestKMSWithTheAppFlowManagedKey(t *testing.T) {
	f := synth(t)
	by := map[string]map[string]interface{}{}
	for _, s := range f.statements(t) {
		by[s["Sid"].(string)] = s
	}
	for sid, want := range map[string]interface{}{
		"AppFlowListsKeys":    "*",
		"AppFlowReadsKeys":    []interface{}{"*"},
		"AppFlowGrantsOnKeys": []interface{}{"*"},
	} {
		if diff := cmp.Diff(want, by[sid]["Resource"]); diff != "" {
			t.Errorf("%s resources (-want +got):\n%s", sid, diff)
		}
	}
	if diff := cmp.Diff(viaAppFlow, by["AppFlowGrantsOnKeys"]["Condition"]); diff != "" {
		t.Errorf("kms:CreateGrant condition (-want +got):\n%s", diff)
	}
}

// When every profile names its key, the key actions are on those keys
// alone, and cdk-nag finds nothing to suppress about them.
func TestKMSScopedToTheProfilesKeys(t *testing.T) {
	synth(t) // shares the jsii runtime start-up cost
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Keyed"), nil)
	awscdk.Aspects_Of(stack).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	own := awskms.NewKey(stack, jsii.String("Key"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	imported := awskms.Key_FromKeyArn(stack, jsii.String("Imported"), jsii.String(testKeyArn))
	NewConnectorProfile(stack, jsii.String("A"), kmsProfile("a", own))
	NewConnectorProfile(stack, jsii.String("B"), kmsProfile("b", imported))
	NewConnectorProfile(stack, jsii.String("C"), kmsProfile("c", imported))

	by := statementsBySid(t, stack)
	keyRef := map[string]interface{}{"Fn::GetAtt": []interface{}{*stack.GetLogicalId(own.Node().DefaultChild().(awscdk.CfnElement)), "Arn"}}
	for _, sid := range []string{"AppFlowReadsKeys", "AppFlowGrantsOnKeys"} {
		if diff := cmp.Diff([]interface{}{keyRef, testKeyArn}, by[sid]["Resource"]); diff != "" {
			t.Errorf("%s resources (-want +got):\n%s", sid, diff)
		}
	}
	if diff := cmp.Diff(viaAppFlow, by["AppFlowGrantsOnKeys"]["Condition"]); diff != "" {
		t.Errorf("kms:CreateGrant condition (-want +got):\n%s", diff)
	}
	for _, sid := range []string{"PassRedshiftRoles", "ReadCredentialSecrets", "DecryptCredentialSecrets"} {
		if s, ok := by[sid]; ok {
			t.Errorf("%s is granted with no profile that names one: %v", sid, s)
		}
	}
	ann := assertions.Annotations_FromStack(stack)
	for _, m := range *ann.FindError(jsii.String("*"), assertions.Match_AnyValue()) {
		t.Errorf("cdk-nag error at %s: %v", *m.Id, m.Entry.Data)
	}
	for _, m := range *ann.FindWarning(jsii.String("*"), assertions.Match_AnyValue()) {
		t.Errorf("cdk-nag warning at %s: %v", *m.Id, m.Entry.Data)
	}
}

// A profile on the AppFlow-managed key added after keyed ones widens the key
// actions to every key again.
func TestKMSAnyKeyOnceAProfileHasNone(t *testing.T) {
	synth(t)
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Mixed"), nil)
	NewConnectorProfile(stack, jsii.String("Keyed"), kmsProfile("keyed", awskms.Key_FromKeyArn(stack, jsii.String("Key"), jsii.String(testKeyArn))))
	NewConnectorProfile(stack, jsii.String("Managed"), kmsProfile("managed", nil))
	by := statementsBySid(t, stack)
	for _, sid := range []string{"AppFlowReadsKeys", "AppFlowGrantsOnKeys"} {
		if diff := cmp.Diff([]interface{}{"*"}, by[sid]["Resource"]); diff != "" {
			t.Errorf("%s resources (-want +got):\n%s", sid, diff)
		}
	}
}
