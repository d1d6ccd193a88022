// Package sample is the sample stack that cdk.json synthesizes: a
// Salesforce profile whose token comes from Secrets Manager and a custom
// connector profile, sharing one provider function.
package sample

import (
	"github.com/appflow-iac/connectorprofile/cdk/connectorprofile"
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// StackProps configures the sample stack.
type StackProps struct {
	awscdk.StackProps
	// SecretName is the Secrets Manager secret holding the connectors'
	// credentials as JSON (keys salesforceAccessToken,
	// salesforceRefreshToken, customApiKey). Default: appflow/sample.
	SecretName *string
	// AppFlowEndpoint, when set, becomes the handler's
	// AWS_ENDPOINT_URL_APPFLOW, for `sam local invoke` against a local
	// AppFlow stand-in. Never set it for a real deployment.
	AppFlowEndpoint *string
}

// NewStack defines the sample stack. It is environment-agnostic: no account
// or Region is fixed at synth time.
func NewStack(scope constructs.Construct, id string, props *StackProps) awscdk.Stack {
	if props == nil {
		props = &StackProps{}
	}
	stackProps := props.StackProps
	if stackProps.Description == nil {
		stackProps.Description = jsii.String("Sample Amazon AppFlow connector profiles (Custom::AppFlowConnectorProfile)")
	}
	stack := awscdk.NewStack(scope, &id, &stackProps)
	secretName := props.SecretName
	if secretName == nil {
		secretName = jsii.String("appflow/sample")
	}
	if props.AppFlowEndpoint != nil {
		connectorprofile.NewProvider(stack, &connectorprofile.ProviderProps{
			Environment: &map[string]*string{"AWS_ENDPOINT_URL_APPFLOW": props.AppFlowEndpoint},
		})
	}
	secret := func(field string) awscdk.SecretValue {
		return awscdk.SecretValue_SecretsManager(secretName, &awscdk.SecretsManagerSecretOptions{
			JsonField: jsii.String(field),
		})
	}

	salesforce := connectorprofile.NewConnectorProfile(stack, jsii.String("Salesforce"), &connectorprofile.ConnectorProfileProps{
		ConnectorProfileName: jsii.String("sample-salesforce"),
		ConnectorProfileConfig: &connectorprofile.ConnectorProfileConfig{
			ConnectorProfileProperties: &connectorprofile.ConnectorProfileProperties{
				Salesforce: &connectorprofile.SalesforceConnectorProfileProperties{
					InstanceUrl:          jsii.String("https://example.my.salesforce.com"),
					IsSandboxEnvironment: jsii.Bool(false),
				},
			},
			ConnectorProfileCredentials: &connectorprofile.ConnectorProfileCredentials{
				Salesforce: &connectorprofile.SalesforceConnectorProfileCredentials{
					AccessToken:  secret("salesforceAccessToken"),
					RefreshToken: secret("salesforceRefreshToken"),
				},
			},
		},
	})

	custom := connectorprofile.NewConnectorProfile(stack, jsii.String("CustomConnector"), &connectorprofile.ConnectorProfileProps{
		ConnectorProfileName: jsii.String("sample-custom"),
		ConnectorLabel:       jsii.String("sample-connector"),
		ConnectorProfileConfig: &connectorprofile.ConnectorProfileConfig{
			ConnectorProfileProperties: &connectorprofile.ConnectorProfileProperties{
				CustomConnector: &connectorprofile.CustomConnectorProfileProperties{
					ProfileProperties: &map[string]*string{"instanceUrl": jsii.String("https://api.example.com")},
				},
			},
			ConnectorProfileCredentials: &connectorprofile.ConnectorProfileCredentials{
				CustomConnector: &connectorprofile.CustomConnectorProfileCredentials{
					AuthenticationType: types.AuthenticationTypeApikey,
					ApiKey: &connectorprofile.ApiKeyCredentials{
						ApiKey: secret("customApiKey"),
					},
				},
			},
		},
		ForceDelete: jsii.Bool(true),
	})

	for name, p := range map[string]connectorprofile.ConnectorProfile{"Salesforce": salesforce, "CustomConnector": custom} {
		awscdk.NewCfnOutput(stack, jsii.String(name+"ProfileArn"), &awscdk.CfnOutputProps{Value: p.Arn()})
		awscdk.NewCfnOutput(stack, jsii.String(name+"CredentialsArn"), &awscdk.CfnOutputProps{Value: p.CredentialsArn()})
	}
	return stack
}
