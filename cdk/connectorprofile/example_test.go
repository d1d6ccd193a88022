package connectorprofile_test

import (
	"encoding/json"
	"fmt"

	"github.com/appflow-iac/connectorprofile/cdk/connectorprofile"
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/aws/jsii-runtime-go"
)

// secretField is a dynamic reference to one JSON field of a Secrets Manager
// secret.
func secretField(name, field string) awscdk.SecretValue {
	return awscdk.SecretValue_SecretsManager(jsii.String(name), &awscdk.SecretsManagerSecretOptions{JsonField: jsii.String(field)})
}

// printProfiles prints the properties of the stack's profiles as the
// template holds them, without the provider's ServiceToken.
func printProfiles(stack awscdk.Stack) {
	resources := assertions.Template_FromStack(stack, nil).FindResources(jsii.String(connectorprofile.ResourceType), nil)
	for _, r := range *resources {
		props := (*r)["Properties"].(map[string]interface{})
		delete(props, "ServiceToken")
		out, _ := json.MarshalIndent(props, "", "  ")
		fmt.Println(string(out))
	}
}

// A Redshift profile, whose credentials reach the template as dynamic
// references to a Secrets Manager secret.
func ExampleNewConnectorProfile() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Warehouse"), nil)
	profile := connectorprofile.NewConnectorProfile(stack, jsii.String("Redshift"), &connectorprofile.ConnectorProfileProps{
		ConnectorProfileName: jsii.String("warehouse"),
		ConnectionMode:       types.ConnectionModePublic,
		ConnectorProfileConfig: &connectorprofile.ConnectorProfileConfig{
			ConnectorProfileProperties: &connectorprofile.ConnectorProfileProperties{
				Redshift: &connectorprofile.RedshiftConnectorProfileProperties{
					BucketName:   jsii.String("appflow-staging"),
					RoleArn:      jsii.String("arn:aws:iam::111122223333:role/appflow-redshift"),
					DatabaseUrl:  jsii.String("jdbc:redshift://cluster.example.us-east-1.redshift.amazonaws.com:5439/dev"),
					DatabaseName: jsii.String("dev"),
				},
			},
			ConnectorProfileCredentials: &connectorprofile.ConnectorProfileCredentials{
				Redshift: &connectorprofile.RedshiftConnectorProfileCredentials{
					Username: secretField("appflow/redshift", "username"),
					Password: secretField("appflow/redshift", "password"),
				},
			},
		},
	})
	awscdk.NewCfnOutput(stack, jsii.String("ProfileArn"), &awscdk.CfnOutputProps{Value: profile.Arn()})
	printProfiles(stack)
	// Output:
	// {
	//   "ServiceTimeout": "600",
	//   "connectionMode": "Public",
	//   "connectorProfileConfig": {
	//     "connectorProfileCredentials": {
	//       "Redshift": {
	//         "password": "{{resolve:secretsmanager:appflow/redshift:SecretString:password::}}",
	//         "username": "{{resolve:secretsmanager:appflow/redshift:SecretString:username::}}"
	//       }
	//     },
	//     "connectorProfileProperties": {
	//       "Redshift": {
	//         "bucketName": "appflow-staging",
	//         "databaseName": "dev",
	//         "databaseUrl": "jdbc:redshift://cluster.example.us-east-1.redshift.amazonaws.com:5439/dev",
	//         "roleArn": "arn:aws:iam::111122223333:role/appflow-redshift"
	//       }
	//     }
	//   },
	//   "connectorProfileName": "warehouse",
	//   "connectorType": "Redshift"
	// }
}

// Salesforce with a JWT bearer token, and the client ID and secret of your
// own connected app in a secret that AppFlow is let to read: the construct
// adds a statement for appflow.amazonaws.com to the secret's resource policy
// and to its key's policy.
func ExampleNewConnectorProfile_salesforceJWTBearer() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Crm"), nil)
	connectedApp := awssecretsmanager.NewSecret(stack, jsii.String("ConnectedApp"), &awssecretsmanager.SecretProps{
		EncryptionKey: awskms.NewKey(stack, jsii.String("ConnectedAppKey"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)}),
	})
	connectorprofile.NewConnectorProfile(stack, jsii.String("Salesforce"), &connectorprofile.ConnectorProfileProps{
		ConnectorProfileName: jsii.String("salesforce-jwt"),
		ConnectorProfileConfig: &connectorprofile.ConnectorProfileConfig{
			ConnectorProfileProperties: &connectorprofile.ConnectorProfileProperties{
				Salesforce: &connectorprofile.SalesforceConnectorProfileProperties{
					InstanceUrl: jsii.String("https://example.my.salesforce.com"),
				},
			},
			ConnectorProfileCredentials: &connectorprofile.ConnectorProfileCredentials{
				Salesforce: &connectorprofile.SalesforceConnectorProfileCredentials{
					OAuth2GrantType:      types.OAuth2GrantTypeJwtBearer,
					JwtToken:             secretField("appflow/salesforce", "jwt"),
					ClientCredentialsArn: connectedApp,
				},
			},
		},
	})
	printProfiles(stack)

	policies := assertions.Template_FromStack(stack, nil).FindResources(jsii.String("AWS::SecretsManager::ResourcePolicy"), nil)
	for _, r := range *policies {
		doc := (*r)["Properties"].(map[string]interface{})["ResourcePolicy"].(map[string]interface{})
		for _, s := range doc["Statement"].([]interface{}) {
			st := s.(map[string]interface{})
			fmt.Println(st["Principal"], st["Action"])
		}
	}
	// Output:
	// {
	//   "ServiceTimeout": "600",
	//   "connectionMode": "Public",
	//   "connectorProfileConfig": {
	//     "connectorProfileCredentials": {
	//       "Salesforce": {
	//         "clientCredentialsArn": {
	//           "Ref": "ConnectedApp631F7165"
	//         },
	//         "jwtToken": "{{resolve:secretsmanager:appflow/salesforce:SecretString:jwt::}}",
	//         "oAuth2GrantType": "JWT_BEARER"
	//       }
	//     },
	//     "connectorProfileProperties": {
	//       "Salesforce": {
	//         "instanceUrl": "https://example.my.salesforce.com"
	//       }
	//     }
	//   },
	//   "connectorProfileName": "salesforce-jwt",
	//   "connectorType": "Salesforce"
	// }
	// map[Service:appflow.amazonaws.com] [secretsmanager:GetSecretValue secretsmanager:DescribeSecret]
}

// SAP OData over a private connection (AWS PrivateLink), with OAuth.
func ExampleNewConnectorProfile_sapODataPrivateOAuth() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Erp"), nil)
	connectorprofile.NewConnectorProfile(stack, jsii.String("SAP"), &connectorprofile.ConnectorProfileProps{
		ConnectorProfileName: jsii.String("sap-orders"),
		ConnectionMode:       types.ConnectionModePrivate,
		ConnectorProfileConfig: &connectorprofile.ConnectorProfileConfig{
			ConnectorProfileProperties: &connectorprofile.ConnectorProfileProperties{
				SAPOData: &connectorprofile.SAPODataConnectorProfileProperties{
					ApplicationHostUrl:     jsii.String("https://sap.example.com"),
					ApplicationServicePath: jsii.String("/sap/opu/odata/sap/API_SALES_ORDER_SRV"),
					PortNumber:             jsii.Number(443),
					ClientNumber:           jsii.String("100"),
					LogonLanguage:          jsii.String("EN"),
					PrivateLinkServiceName: jsii.String("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"),
					OAuthProperties: &connectorprofile.OAuthProperties{
						AuthCodeUrl: jsii.String("https://sap.example.com/sap/bc/sec/oauth2/authorize"),
						TokenUrl:    jsii.String("https://sap.example.com/sap/bc/sec/oauth2/token"),
						OAuthScopes: jsii.Strings("API_SALES_ORDER_SRV_0001"),
					},
				},
			},
			ConnectorProfileCredentials: &connectorprofile.ConnectorProfileCredentials{
				SAPOData: &connectorprofile.SAPODataConnectorProfileCredentials{
					OAuthCredentials: &connectorprofile.OAuthCredentials{
						ClientId:     secretField("appflow/sap", "clientId"),
						ClientSecret: secretField("appflow/sap", "clientSecret"),
						RefreshToken: secretField("appflow/sap", "refreshToken"),
					},
				},
			},
		},
	})
	printProfiles(stack)
	// Output:
	// {
	//   "ServiceTimeout": "600",
	//   "connectionMode": "Private",
	//   "connectorProfileConfig": {
	//     "connectorProfileCredentials": {
	//       "SAPOData": {
	//         "oAuthCredentials": {
	//           "clientId": "{{resolve:secretsmanager:appflow/sap:SecretString:clientId::}}",
	//           "clientSecret": "{{resolve:secretsmanager:appflow/sap:SecretString:clientSecret::}}",
	//           "refreshToken": "{{resolve:secretsmanager:appflow/sap:SecretString:refreshToken::}}"
	//         }
	//       }
	//     },
	//     "connectorProfileProperties": {
	//       "SAPOData": {
	//         "applicationHostUrl": "https://sap.example.com",
	//         "applicationServicePath": "/sap/opu/odata/sap/API_SALES_ORDER_SRV",
	//         "clientNumber": "100",
	//         "logonLanguage": "EN",
	//         "oAuthProperties": {
	//           "authCodeUrl": "https://sap.example.com/sap/bc/sec/oauth2/authorize",
	//           "oAuthScopes": [
	//             "API_SALES_ORDER_SRV_0001"
	//           ],
	//           "tokenUrl": "https://sap.example.com/sap/bc/sec/oauth2/token"
	//         },
	//         "portNumber": 443,
	//         "privateLinkServiceName": "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
	//       }
	//     }
	//   },
	//   "connectorProfileName": "sap-orders",
	//   "connectorType": "SAPOData"
	// }
}

// A custom connector that authenticates with OAuth 2.0 client credentials.
func ExampleNewConnectorProfile_customConnectorClientCredentials() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Inventory"), nil)
	connectorprofile.NewConnectorProfile(stack, jsii.String("Inventory"), &connectorprofile.ConnectorProfileProps{
		ConnectorProfileName: jsii.String("inventory"),
		ConnectorLabel:       jsii.String("inventory-api"),
		ConnectorProfileConfig: &connectorprofile.ConnectorProfileConfig{
			ConnectorProfileProperties: &connectorprofile.ConnectorProfileProperties{
				CustomConnector: &connectorprofile.CustomConnectorProfileProperties{
					ProfileProperties: &map[string]*string{"instanceUrl": jsii.String("https://inventory.example.com")},
					OAuth2Properties: &connectorprofile.OAuth2Properties{
						OAuth2GrantType: types.OAuth2GrantTypeClientCredentials,
						TokenUrl:        jsii.String("https://auth.example.com/oauth2/token"),
					},
				},
			},
			ConnectorProfileCredentials: &connectorprofile.ConnectorProfileCredentials{
				CustomConnector: &connectorprofile.CustomConnectorProfileCredentials{
					AuthenticationType: types.AuthenticationTypeOauth2,
					OAuth2: &connectorprofile.OAuth2Credentials{
						ClientId:     secretField("appflow/inventory", "clientId"),
						ClientSecret: secretField("appflow/inventory", "clientSecret"),
					},
				},
			},
		},
	})
	printProfiles(stack)
	// Output:
	// {
	//   "ServiceTimeout": "600",
	//   "connectionMode": "Public",
	//   "connectorLabel": "inventory-api",
	//   "connectorProfileConfig": {
	//     "connectorProfileCredentials": {
	//       "CustomConnector": {
	//         "authenticationType": "OAUTH2",
	//         "oauth2": {
	//           "clientId": "{{resolve:secretsmanager:appflow/inventory:SecretString:clientId::}}",
	//           "clientSecret": "{{resolve:secretsmanager:appflow/inventory:SecretString:clientSecret::}}"
	//         }
	//       }
	//     },
	//     "connectorProfileProperties": {
	//       "CustomConnector": {
	//         "oAuth2Properties": {
	//           "oAuth2GrantType": "CLIENT_CREDENTIALS",
	//           "tokenUrl": "https://auth.example.com/oauth2/token"
	//         },
	//         "profileProperties": {
	//           "instanceUrl": "https://inventory.example.com"
	//         }
	//       }
	//     }
	//   },
	//   "connectorProfileName": "inventory",
	//   "connectorType": "CustomConnector"
	// }
}
