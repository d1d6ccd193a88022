package connectorprofile_test

import (
	"encoding/json"
	"fmt"

	"github.com/appflow-iac/connectorprofile/cdk/connectorprofile"
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/aws/jsii-runtime-go"
)

// A Redshift profile, whose credentials reach the template as dynamic
// references to a Secrets Manager secret.
func ExampleNewConnectorProfile() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Warehouse"), nil)
	secret := func(field string) awscdk.SecretValue {
		return awscdk.SecretValue_SecretsManager(jsii.String("appflow/redshift"),
			&awscdk.SecretsManagerSecretOptions{JsonField: jsii.String(field)})
	}
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
					Username: secret("username"),
					Password: secret("password"),
				},
			},
		},
	})
	awscdk.NewCfnOutput(stack, jsii.String("ProfileArn"), &awscdk.CfnOutputProps{Value: profile.Arn()})

	resources := assertions.Template_FromStack(stack, nil).FindResources(jsii.String(connectorprofile.ResourceType), nil)
	for _, r := range *resources {
		props := (*r)["Properties"].(map[string]interface{})
		delete(props, "ServiceToken")
		out, _ := json.MarshalIndent(props, "", "  ")
		fmt.Println(string(out))
	}
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
