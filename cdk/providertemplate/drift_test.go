package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"
	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/cdk/connectorprofile"
	"github.com/appflow-iac/connectorprofile/cdk/providerdef"
	"github.com/appflow-iac/connectorprofile/integ/cfnresolve"
	"github.com/appflow-iac/connectorprofile/lambda/template"
)

const (
	region    = "us-east-1"
	account   = "111122223333"
	keyA      = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	keyB      = "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09ab-87cd-65ef-0987654321ba"
	roleA     = "arn:aws:iam::111122223333:role/appflow-redshift"
	roleB     = "arn:aws:iam::111122223333:role/appflow-redshift-data"
	clientSec = "arn:aws:secretsmanager:us-east-1:111122223333:secret:sf-client-AbCdEf"
	credsSec  = "arn:aws:secretsmanager:us-east-1:111122223333:secret:datadog-keys-GhIjKl"
	credsKey  = "arn:aws:kms:us-east-1:111122223333:key/5678efgh-56ef-78gh-90ij-5678901234ef"
)

// deployment is what a provider's resources come to once CloudFormation has
// resolved them: its role's statements by Sid and the properties of its
// role, function and log group.
type deployment struct {
	statements map[string]any
	resources  map[string]any // by type
	policies   map[string]any // by type: DeletionPolicy, UpdateReplacePolicy
}

// TestConstructAndTemplateDeployTheSame synthesizes the construct's provider
// and renders the provider template, resolves both as CloudFormation would
// (the template with parameters that name what the stack's profiles name),
// and compares the function's settings and every statement of its role.
// The stacks each may read are all that differs: its own, or every one in
// the account and Region.
func TestConstructAndTemplateDeployTheSame(t *testing.T) {
	defer jsii.Close()
	for _, tc := range []struct {
		name     string
		profiles func(stack awscdk.Stack)
		params   map[string]string
	}{
		{"keys, roles and secrets named", func(stack awscdk.Stack) {
			connectorprofile.NewConnectorProfile(stack, jsii.String("Redshift"), redshift(awskms.Key_FromKeyArn(stack, jsii.String("A"), jsii.String(keyA))))
			connectorprofile.NewConnectorProfile(stack, jsii.String("Salesforce"), salesforce(stack, awskms.Key_FromKeyArn(stack, jsii.String("B"), jsii.String(keyB))))
			connectorprofile.NewConnectorProfile(stack, jsii.String("Datadog"), datadogFromSecret(stack, awskms.Key_FromKeyArn(stack, jsii.String("A2"), jsii.String(keyA))))
		}, map[string]string{"KmsKeyArns": keyA + "," + keyB, "RedshiftRoleArns": roleA + "," + roleB,
			"SecretArns": clientSec + "," + credsSec, "SecretKmsKeyArns": credsKey}},
		{"the AppFlow-managed key, nothing else", func(stack awscdk.Stack) {
			connectorprofile.NewConnectorProfile(stack, jsii.String("Salesforce"), &connectorprofile.ConnectorProfileProps{
				ConnectorProfileConfig: &connectorprofile.ConnectorProfileConfig{
					ConnectorProfileProperties: &connectorprofile.ConnectorProfileProperties{
						Salesforce: &connectorprofile.SalesforceConnectorProfileProperties{InstanceUrl: jsii.String("https://example.my.salesforce.com")},
					},
				},
			})
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			app := awscdk.NewApp(nil)
			stack := awscdk.NewStack(app, jsii.String("Drift"), nil)
			code := t.TempDir()
			if err := os.WriteFile(filepath.Join(code, "bootstrap"), []byte("not compared"), 0o755); err != nil {
				t.Fatal(err)
			}
			connectorprofile.NewProvider(stack, &connectorprofile.ProviderProps{Code: awslambda.Code_FromAsset(jsii.String(code), nil)})
			tc.profiles(stack)
			raw, err := json.Marshal(assertions.Template_FromStack(stack, nil).ToJSON())
			if err != nil {
				t.Fatal(err)
			}
			var synthesized map[string]any
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.UseNumber()
			if err := dec.Decode(&synthesized); err != nil {
				t.Fatal(err)
			}
			const ownStack = "arn:aws:cloudformation:us-east-1:111122223333:stack/Drift/1"
			construct := deploy(t, synthesized, nil, ownStack)

			data, err := render(options{arch: providerdef.ARM64, code: "provider/arm64/bootstrap.zip"})
			if err != nil {
				t.Fatal(err)
			}
			tmpl, err := template.Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			provider := deploy(t, tmpl, tc.params, "arn:aws:cloudformation:us-east-1:111122223333:stack/Provider/2")

			ownership := "ProveOwnershipFromStackHistory"
			if got := resourceOf(construct.statements[ownership]); got != ownStack {
				t.Errorf("the construct's provider may read stacks %v, want its own", got)
			}
			if got, want := resourceOf(provider.statements[ownership]), "arn:aws:cloudformation:us-east-1:111122223333:stack/*/*"; got != want {
				t.Errorf("the template's provider may read stacks %v, want %s", got, want)
			}
			delete(construct.statements, ownership)
			delete(provider.statements, ownership)

			if diff := cmp.Diff(provider.statements, construct.statements); diff != "" {
				t.Errorf("role statements differ (-template +construct):\n%s", diff)
			}
			for _, typ := range []string{"AWS::Lambda::Function", "AWS::IAM::Role", "AWS::Logs::LogGroup"} {
				p, c := provider.resources[typ].(map[string]any), construct.resources[typ].(map[string]any)
				if typ == "AWS::Lambda::Function" {
					delete(p, "Code")
					delete(c, "Code")
				}
				if diff := cmp.Diff(p, c); diff != "" {
					t.Errorf("%s properties differ (-template +construct):\n%s", typ, diff)
				}
				if diff := cmp.Diff(provider.policies[typ], construct.policies[typ]); diff != "" {
					t.Errorf("%s policies differ (-template +construct):\n%s", typ, diff)
				}
			}
		})
	}
}

// deploy resolves a template's provider resources: every resource's Ref is
// its type, and its Arn attribute arn:test:<type>, so the two templates'
// logical ids do not matter.
func deploy(t *testing.T, tmpl map[string]any, params map[string]string, stackID string) deployment {
	t.Helper()
	resources := tmpl["Resources"].(map[string]any)
	created := map[string]cfnresolve.Resource{}
	for id, r := range resources {
		typ := r.(map[string]any)["Type"].(string)
		created[id] = cfnresolve.Resource{Ref: typ, Attributes: map[string]string{"Arn": "arn:test:" + typ}}
	}
	resolver, err := cfnresolve.New(tmpl, cfnresolve.Stack{
		Partition: "aws", Region: region, AccountID: account, StackName: "s", StackID: stackID,
		Parameters: params, Resources: created,
	})
	if err != nil {
		t.Fatal(err)
	}
	d := deployment{statements: map[string]any{}, resources: map[string]any{}, policies: map[string]any{}}
	for id, r := range resources {
		res := r.(map[string]any)
		typ := res["Type"].(string)
		if typ == "CDK::Metadata" || typ == connectorprofile.ResourceType {
			continue
		}
		props, err := resolver.Resolve(res["Properties"])
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		var docs []any
		switch typ {
		case "AWS::IAM::Policy":
			p := props.(map[string]any)
			if !slices.Contains(p["Roles"].([]any), any("AWS::IAM::Role")) {
				continue
			}
			docs = append(docs, p["PolicyDocument"])
		case "AWS::IAM::Role":
			p := props.(map[string]any)
			inline, _ := p["Policies"].([]any)
			for _, inline := range inline {
				docs = append(docs, inline.(map[string]any)["PolicyDocument"])
			}
			delete(p, "Policies")
			fallthrough
		default:
			if _, dup := d.resources[typ]; dup {
				t.Fatalf("two resources of type %s", typ)
			}
			d.resources[typ] = normalize(props)
			d.policies[typ] = map[string]any{"DeletionPolicy": res["DeletionPolicy"], "UpdateReplacePolicy": res["UpdateReplacePolicy"]}
		}
		for _, doc := range docs {
			for _, s := range doc.(map[string]any)["Statement"].([]any) {
				st := normalize(s).(map[string]any)
				sid, _ := st["Sid"].(string)
				if sid == "" {
					t.Errorf("%s grants %v without a Sid, so outside providerdef", id, st["Action"])
				}
				if _, dup := d.statements[sid]; dup {
					t.Errorf("Sid %s twice", sid)
				}
				d.statements[sid] = st
			}
		}
	}
	return d
}

// normalize turns what CloudFormation reads the same into one form: every
// scalar a string, and Action and Resource lists.
func normalize(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			x = normalize(x)
			if s, isString := x.(string); isString && (k == "Action" || k == "Resource") {
				x = []any{s}
			}
			out[k] = x
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalize(x)
		}
		return out
	case json.Number, bool:
		return fmt.Sprint(v)
	}
	return v
}

func resourceOf(statement any) string {
	s, _ := statement.(map[string]any)
	r, _ := s["Resource"].([]any)
	parts := make([]string, len(r))
	for i, x := range r {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, ",")
}

func redshift(key awskms.IKey) *connectorprofile.ConnectorProfileProps {
	return &connectorprofile.ConnectorProfileProps{
		KmsKey: key,
		ConnectorProfileConfig: &connectorprofile.ConnectorProfileConfig{
			ConnectorProfileProperties: &connectorprofile.ConnectorProfileProperties{Redshift: &connectorprofile.RedshiftConnectorProfileProperties{
				BucketName:     jsii.String("staging-bucket"),
				RoleArn:        jsii.String(roleA),
				DataApiRoleArn: jsii.String(roleB),
				DatabaseUrl:    jsii.String("jdbc:redshift://cluster.example.us-east-1.redshift.amazonaws.com:5439/dev"),
			}},
		},
	}
}

func salesforce(stack awscdk.Stack, key awskms.IKey) *connectorprofile.ConnectorProfileProps {
	return &connectorprofile.ConnectorProfileProps{
		KmsKey: key,
		ConnectorProfileConfig: &connectorprofile.ConnectorProfileConfig{
			ConnectorProfileProperties: &connectorprofile.ConnectorProfileProperties{
				Salesforce: &connectorprofile.SalesforceConnectorProfileProperties{InstanceUrl: jsii.String("https://example.my.salesforce.com")},
			},
			ConnectorProfileCredentials: &connectorprofile.ConnectorProfileCredentials{Salesforce: &connectorprofile.SalesforceConnectorProfileCredentials{
				ClientCredentialsArn: awssecretsmanager.Secret_FromSecretCompleteArn(stack, jsii.String("Client"), jsii.String(clientSec)),
				JwtToken: awscdk.SecretValue_SecretsManager(jsii.String("salesforce"),
					&awscdk.SecretsManagerSecretOptions{JsonField: jsii.String("jwt")}),
				OAuth2GrantType: "JWT_BEARER",
			}},
		},
	}
}

// datadogFromSecret is a Datadog profile whose credentials are in a secret
// encrypted with a customer managed key.
func datadogFromSecret(stack awscdk.Stack, key awskms.IKey) *connectorprofile.ConnectorProfileProps {
	secret := awssecretsmanager.Secret_FromSecretAttributes(stack, jsii.String("DatadogKeys"), &awssecretsmanager.SecretAttributes{
		SecretCompleteArn: jsii.String(credsSec),
		EncryptionKey:     awskms.Key_FromKeyArn(stack, jsii.String("SecretKey"), jsii.String(credsKey)),
	})
	return &connectorprofile.ConnectorProfileProps{
		ConnectorProfileName: jsii.String("datadog"),
		KmsKey:               key,
		ConnectorProfileConfig: &connectorprofile.ConnectorProfileConfig{ConnectorProfileProperties: &connectorprofile.ConnectorProfileProperties{
			Datadog: &connectorprofile.DatadogConnectorProfileProperties{InstanceUrl: jsii.String("https://api.datadoghq.com")},
		}},
		CredentialsSecret: secret,
	}
}
