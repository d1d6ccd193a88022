package connectorprofile

import (
	"encoding/json"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/lambda/handler"
)

// datadogFromSecret is a Datadog profile whose credentials are all in secret.
func datadogFromSecret(name string, secret awssecretsmanager.ISecret, follow *bool) *ConnectorProfileProps {
	return &ConnectorProfileProps{
		ConnectorProfileName: jsii.String(name),
		ConnectorProfileConfig: &ConnectorProfileConfig{ConnectorProfileProperties: &ConnectorProfileProperties{
			Datadog: &DatadogConnectorProfileProperties{InstanceUrl: jsii.String("https://api.datadoghq.com")},
		}},
		CredentialsSecret:       secret,
		FollowCredentialsSecret: follow,
	}
}

func TestCredentialsSecretProp(t *testing.T) {
	synth(t)
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("FromSecret"), nil)
	awscdk.Aspects_Of(stack).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	key := awskms.NewKey(stack, jsii.String("Key"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	secret := awssecretsmanager.NewSecret(stack, jsii.String("DatadogKeys"), &awssecretsmanager.SecretProps{EncryptionKey: key})
	cdknag.NagSuppressions_AddResourceSuppressions(secret, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-SMG4"), Reason: jsii.String("a test secret; rotation is the app's"),
	}}, nil)
	followed := NewConnectorProfile(stack, jsii.String("Followed"), datadogFromSecret("followed", secret, nil))
	NewConnectorProfile(stack, jsii.String("Unfollowed"), datadogFromSecret("unfollowed", secret, jsii.Bool(false)))

	tmpl := assertions.Template_FromStack(stack, nil)
	secretRef := map[string]interface{}{"Ref": *stack.GetLogicalId(secret.Node().DefaultChild().(awscdk.CfnElement))}
	keyArn := map[string]interface{}{"Fn::GetAtt": []interface{}{*stack.GetLogicalId(key.Node().DefaultChild().(awscdk.CfnElement)), "Arn"}}
	mustMatch(t, "the secret as a property", func() {
		tmpl.HasResourceProperties(jsii.String(ResourceType), &map[string]interface{}{
			"connectorProfileName": "followed", "credentialsSecret": secretRef,
			"connectorProfileConfig": map[string]interface{}{"connectorProfileCredentials": assertions.Match_Absent()},
		})
	})

	by := statementsBySid(t, stack)
	if diff := cmp.Diff([]interface{}{secretRef}, by["ReadCredentialSecrets"]["Resource"]); diff != "" {
		t.Errorf("secretsmanager:GetSecretValue resources (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]interface{}{keyArn}, by["DecryptCredentialSecrets"]["Resource"]); diff != "" {
		t.Errorf("kms:Decrypt resources (-want +got):\n%s", diff)
	}
	wantVia := map[string]interface{}{"StringEquals": map[string]interface{}{"kms:ViaService": map[string]interface{}{
		"Fn::Join": []interface{}{"", []interface{}{"secretsmanager.", map[string]interface{}{"Ref": "AWS::Region"}, ".amazonaws.com"}}}}}
	if diff := cmp.Diff(wantVia, by["DecryptCredentialSecrets"]["Condition"]); diff != "" {
		t.Errorf("kms:Decrypt condition (-want +got):\n%s", diff)
	}

	rules := tmpl.FindResources(jsii.String("AWS::Events::Rule"), nil)
	if len(*rules) != 1 {
		t.Fatalf("%d rules, want one for the followed profile only", len(*rules))
	}
	for _, r := range *rules {
		raw, _ := json.Marshal(r)
		var rule struct {
			Properties struct {
				EventPattern map[string]interface{}
				Targets      []struct {
					Arn   interface{}
					Input interface{}
				}
			}
		}
		if err := json.Unmarshal(raw, &rule); err != nil {
			t.Fatal(err)
		}
		detail := rule.Properties.EventPattern["detail"].(map[string]interface{})
		if diff := cmp.Diff([]interface{}{"PutSecretValue", "UpdateSecret", "UpdateSecretVersionStage", "RotationSucceeded"}, detail["eventName"]); diff != "" {
			t.Errorf("event names (-want +got):\n%s", diff)
		}
		if len(rule.Properties.Targets) != 1 {
			t.Fatalf("targets %+v", rule.Properties.Targets)
		}
		var input map[string]map[string]interface{}
		if err := json.Unmarshal([]byte(joined(rule.Properties.Targets[0].Input)), &input); err != nil {
			t.Fatalf("target input %v: %v", rule.Properties.Targets[0].Input, err)
		}
		profileID := *stack.GetLogicalId(followed.CustomResource().Node().DefaultChild().(awscdk.CfnElement))
		if got, want := input[handler.RotationKey]["ConnectorProfileName"], "ref:"+profileID; got != want {
			t.Errorf("the rule names profile %v, want %s", got, want)
		}
		if got, want := input[handler.RotationKey]["CredentialsSecret"], "ref:"+secretRef["Ref"].(string); got != want {
			t.Errorf("the rule names secret %v, want %s", got, want)
		}
	}
	mustMatch(t, "EventBridge may invoke the provider", func() {
		tmpl.HasResourceProperties(jsii.String("AWS::Lambda::Permission"), &map[string]interface{}{
			"Action": "lambda:InvokeFunction", "Principal": "events.amazonaws.com",
		})
	})
	ann := assertions.Annotations_FromStack(stack)
	for _, m := range *ann.FindError(jsii.String("*"), assertions.Match_AnyValue()) {
		t.Errorf("cdk-nag error at %s: %v", *m.Id, m.Entry.Data)
	}
}

// joined is a string, or an Fn::Join of strings with a Ref written as
// ref:<logical id> and any other part as x.
func joined(v interface{}) string {
	if s, ok := v.(string); ok {
		return s
	}
	join, _ := v.(map[string]interface{})["Fn::Join"].([]interface{})
	out := ""
	for _, part := range join[1].([]interface{}) {
		switch p := part.(type) {
		case string:
			out += p
		case map[string]interface{}:
			if ref, ok := p["Ref"].(string); ok {
				out += "ref:" + ref
				continue
			}
			out += "x"
		}
	}
	return out
}
