package connectorprofile

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/appflow-iac/connectorprofile/lambda/handler"
)

// secretChangeEvents are the Secrets Manager events, as CloudTrail records
// them, after which a secret's current value may be new: a value put by hand
// or by a rotation function, a changed secret, a stage moved, a rotation done.
var secretChangeEvents = []string{"PutSecretValue", "UpdateSecret", "UpdateSecretVersionStage", "RotationSucceeded"}

// followSecret adds an EventBridge rule that invokes the provider when
// secret changes, naming the profile in its constant input; the provider
// then updates the profile from the secret.
func followSecret(p *connectorProfile, secret awssecretsmanager.ISecret) {
	awsevents.NewRule(p, jsii.String("CredentialsSecretChanged"), &awsevents.RuleProps{
		Description:  jsii.String("Updates an AppFlow connector profile when its CredentialsSecret changes"),
		EventPattern: secretChangePattern(secret.SecretArn(), secret.SecretName()),
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(p.provider.Function(), &awseventstargets.LambdaFunctionProps{
			Event: awsevents.RuleTargetInput_FromObject(map[string]interface{}{
				handler.RotationKey: map[string]interface{}{"ConnectorProfileName": p.Name(), "CredentialsSecret": secret.SecretArn()},
			}),
		})},
	})
}

// secretChangePattern matches the events of secretChangeEvents for the secret
// with this ARN and name: an API call names it as its caller did (by name or
// ARN), a finished rotation by ARN.
func secretChangePattern(arn, name *string) *awsevents.EventPattern {
	return &awsevents.EventPattern{
		Source:     jsii.Strings("aws.secretsmanager"),
		DetailType: jsii.Strings("AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"),
		Detail: &map[string]interface{}{
			"eventSource": []string{"secretsmanager.amazonaws.com"},
			"eventName":   secretChangeEvents,
			"$or": []interface{}{
				map[string]interface{}{"requestParameters": map[string]interface{}{"secretId": []*string{arn, name}}},
				map[string]interface{}{"additionalEventData": map[string]interface{}{"SecretId": []*string{arn}}},
			},
		},
	}
}
