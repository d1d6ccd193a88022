package integ_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/cdk/providerdef"
	"github.com/appflow-iac/connectorprofile/integ/cfnfake"
	"github.com/appflow-iac/connectorprofile/integ/cfnresolve"
	"github.com/appflow-iac/connectorprofile/integ/harness"
	"github.com/appflow-iac/connectorprofile/lambda/template"
)

// exampleStack is how a test deploys an example template: the values of its
// parameters without defaults, and a parameter to change in an update, with
// the value the profile's properties then hold.
type exampleStack struct {
	parameters map[string]string
	update     map[string]string
}

var exampleStacks = map[string]exampleStack{
	"salesforce.yaml": {update: map[string]string{"InstanceUrl": "https://example-2.my.salesforce.com"}},
	"datadog.yaml":    {update: map[string]string{"InstanceUrl": "https://api.datadoghq.eu"}},
	"redshift.yaml": {parameters: map[string]string{
		"BucketName":        "example-appflow-redshift-staging",
		"RoleArn":           "arn:aws:iam::123456789012:role/AppFlowRedshiftS3Access",
		"DataApiRoleArn":    "arn:aws:iam::123456789012:role/AppFlowRedshiftDataApi",
		"ClusterIdentifier": "example-cluster",
	}, update: map[string]string{"BucketPrefix": "appflow-v2/"}},
	"snowflake.yaml": {parameters: map[string]string{
		"AccountName": "xy12345",
		"Stage":       "@APPFLOW_DB.PUBLIC.APPFLOW_STAGE",
		"BucketName":  "example-appflow-snowflake-staging",
	}, update: map[string]string{"Warehouse": "LOAD_WH"}},
	"sapodata-private.yaml": {parameters: map[string]string{
		"PrivateLinkServiceName": "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
	}, update: map[string]string{"LogonLanguage": "DE"}},
	"customconnector.yaml": {parameters: map[string]string{"ConnectorLabel": "ExampleConnector"},
		update: map[string]string{"TokenUrl": "https://auth.example.com/oauth2/v2/token"}},
}

// secretValue stands for what a dynamic reference resolves to: the same
// value each time, distinct per reference, long enough for the leak check.
func secretValue(ref string) (string, error) {
	parts := strings.Split(ref, ":")
	if len(parts) < 5 || parts[1] != "secretsmanager" || parts[3] != "SecretString" {
		return "", fmt.Errorf("the test resolves Secrets Manager JSON keys only, not {{%s}}", ref)
	}
	sum := sha256.Sum256([]byte(ref))
	return "EXAMPLE-" + parts[4] + "-" + hex.EncodeToString(sum[:6]), nil
}

// TestExampleTemplates deploys each template in events/templates through
// the CloudFormation stand-in: the ServiceToken through the provider's
// export, parameters, and dynamic references replaced by test values. It
// creates the stack, updates a parameter one of the profile's properties
// takes, and deletes the stack, each against the AppFlow stand-in.
func TestExampleTemplates(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("..", "events", "templates", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example templates: %v", err)
	}
	r := newRig(t)
	const serviceToken = "arn:aws:lambda:us-east-1:123456789012:function:appflow-connector-profile-provider"
	for _, file := range files {
		base := filepath.Base(file)
		t.Run(base, func(t *testing.T) {
			ex, ok := exampleStacks[base]
			if !ok {
				t.Fatalf("%s: no parameters or update for it in exampleStacks", base)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			tmpl, err := template.Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			name := "example-" + strings.TrimSuffix(base, ".yaml")
			stack := r.CloudFormation.TemplateStack(tmpl, cfnresolve.Stack{
				Partition: "aws", Region: r.AppFlow.Region(), AccountID: r.AppFlow.Account(),
				StackName: name, StackID: "arn:aws:cloudformation:" + r.AppFlow.Region() + ":" + r.AppFlow.Account() + ":stack/" + name + "/1",
				Parameters:       ex.parameters,
				Exports:          map[string]string{providerdef.ExportName: serviceToken},
				DynamicReference: secretValue,
			})
			send := func(req cfnfake.Request) (cfnfake.Response, error) {
				if req.ServiceToken != serviceToken {
					return cfnfake.Response{}, fmt.Errorf("%s: ServiceToken %s, not the provider's export", req.LogicalResourceID, req.ServiceToken)
				}
				return mustAnswer(t, r, r.send(harness.Event{
					RequestType: req.RequestType, ServiceToken: req.ServiceToken, StackID: req.StackID, RequestID: req.RequestID,
					LogicalResourceID: req.LogicalResourceID, PhysicalResourceID: req.PhysicalResourceID, ResourceType: req.ResourceType,
					ResourceProperties: req.ResourceProperties, OldResourceProperties: req.OldResourceProperties,
				})), nil
			}

			if err := stack.Create(send); err != nil {
				t.Fatal(err)
			}
			outputs, err := stack.Outputs()
			if err != nil {
				t.Fatal(err)
			}
			profileName, _ := outputs["ProfileName"].(string)
			p, ok := r.AppFlow.Get(profileName)
			if !ok {
				t.Fatalf("no profile %q in AppFlow; outputs %v", profileName, outputs)
			}
			if outputs["ProfileArn"] != p.Arn {
				t.Errorf("output ProfileArn %v, AppFlow's %s", outputs["ProfileArn"], p.Arn)
			}
			creates := r.AppFlow.CallsTo("CreateConnectorProfile")
			if body := string(creates[len(creates)-1].Body); !strings.Contains(body, "EXAMPLE-") || strings.Contains(body, "{{resolve:") {
				t.Errorf("AppFlow did not get the resolved credentials")
			}

			updates := len(r.AppFlow.CallsTo("UpdateConnectorProfile"))
			if err := stack.Update(ex.update, send); err != nil {
				t.Fatal(err)
			}
			if got := len(r.AppFlow.CallsTo("UpdateConnectorProfile")); got != updates+1 {
				t.Errorf("%d UpdateConnectorProfile calls for one update", got-updates)
			}
			p, _ = r.AppFlow.Get(profileName)
			for _, v := range ex.update {
				if !strings.Contains(string(p.Properties), v) {
					t.Errorf("after the update, the profile's properties %s lack %s", p.Properties, v)
				}
			}

			if err := stack.Delete(send); err != nil {
				t.Fatal(err)
			}
			if _, ok := r.AppFlow.Get(profileName); ok {
				t.Errorf("profile %s is still there after the stack's delete", profileName)
			}
		})
	}
}
