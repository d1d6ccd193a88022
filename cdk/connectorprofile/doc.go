// Package connectorprofile is an AWS CDK construct for Amazon AppFlow
// connector profiles, backed by the Custom::AppFlowConnectorProfile
// resource whose handler lives in this module's ./lambda.
//
//	connectorprofile.NewConnectorProfile(stack, jsii.String("Salesforce"), &connectorprofile.ConnectorProfileProps{
//		ConnectorProfileConfig: &connectorprofile.ConnectorProfileConfig{
//			ConnectorProfileProperties: &connectorprofile.ConnectorProfileProperties{
//				Salesforce: &connectorprofile.SalesforceConnectorProfileProperties{
//					InstanceUrl: jsii.String("https://example.my.salesforce.com"),
//				},
//			},
//			ConnectorProfileCredentials: &connectorprofile.ConnectorProfileCredentials{
//				Salesforce: &connectorprofile.SalesforceConnectorProfileCredentials{
//					AccessToken: awscdk.SecretValue_SecretsManager(jsii.String("appflow/salesforce"),
//						&awscdk.SecretsManagerSecretOptions{JsonField: jsii.String("accessToken")}),
//				},
//			},
//		},
//	})
//
// The typed configuration (config.go) is generated from the AWS SDK for Go
// v2's appflow/types, so every connector and member of the API has a
// counterpart; a test keeps the two in step. Secret members take an
// awscdk.SecretValue, which lands in the template as a dynamic reference
// ({{resolve:secretsmanager:...}}), never as plain text.
//
// Every profile in a stack shares one provider function (see [Provider]).
// Its handler is built from source with the local Go toolchain at synth
// time and cached per process; the asset hash depends only on the
// handler's sources, go.mod and go.sum, so it is the same on any machine
// and checkout path. [NewProvider] with [ProviderProps].Code uses a
// prebuilt handler instead.
package connectorprofile
