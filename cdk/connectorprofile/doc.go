// Package connectorprofile is an AWS CDK construct for Amazon AppFlow
// connector profiles, backed by the Custom::AppFlowConnectorProfile
// resource whose handler lives in this module's ./lambda.
//
//	connectorprofile.NewConnectorProfile(stack, jsii.String("Salesforce"), &connectorprofile.ConnectorProfileProps{
//		ConnectionMode: types.ConnectionModePublic,
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
// counterpart; a test keeps the two in step. Its enums (ConnectorType,
// ConnectionMode, OAuth2GrantType, AuthenticationType) are the SDK's own:
// import github.com/aws/aws-sdk-go-v2/service/appflow/types and write, for
// example, types.ConnectionModePrivate. Secret members take an
// awscdk.SecretValue from Secrets Manager, which lands in the template as a
// dynamic reference ({{resolve:secretsmanager:...}}), never as plain text.
//
// A profile is an awscdk.IResource: ApplyRemovalPolicy applies to its custom
// resource, and [ConnectorProfile.CredentialsSecret] is the secret AppFlow
// keeps its credentials in, to grant read access to.
// [FromConnectorProfileName] and [FromConnectorProfileArn] reference a
// profile made elsewhere. A Salesforce or Pardot ClientCredentialsArn takes
// the secret itself, and the construct lets AppFlow read it.
//
// Synth fails, naming the property path, for what the handler would refuse,
// for an SSM SecureString reference (CloudFormation does not resolve one in
// a custom resource) and for a name another profile of the stack has. It
// warns of plain-text credentials, a discontinued connector (Honeycode), a
// derived name on a profile whose label or key may change, and a client
// credentials secret whose policies it cannot extend; the Warning constants
// are the ids to acknowledge them by.
//
// Every profile in a stack shares one provider function (see [Provider]).
// Its handler is built from source with the local Go toolchain at synth
// time and cached per process, also in an app that vendors its
// dependencies; the asset hash depends only on the handler's sources,
// go.mod and go.sum, so it is the same on any machine and checkout path.
// [NewProvider] with [ProviderProps].Code uses a prebuilt handler instead.
package connectorprofile
