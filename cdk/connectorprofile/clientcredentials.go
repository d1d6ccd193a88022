package connectorprofile

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"
)

// clientCredentialsSecret is a secret named by a profile's
// clientCredentialsArn, with the property path that names it.
type clientCredentialsSecret struct {
	path   string
	secret awssecretsmanager.ISecret
}

// clientCredentials lists the client credentials secrets a profile names
// (Salesforce, Pardot).
func clientCredentials(config *ConnectorProfileConfig) []clientCredentialsSecret {
	cr := config.ConnectorProfileCredentials
	if cr == nil {
		return nil
	}
	const base = "connectorProfileConfig.connectorProfileCredentials."
	var out []clientCredentialsSecret
	if cr.Salesforce != nil && cr.Salesforce.ClientCredentialsArn != nil {
		out = append(out, clientCredentialsSecret{base + "Salesforce.clientCredentialsArn", cr.Salesforce.ClientCredentialsArn})
	}
	if cr.Pardot != nil && cr.Pardot.ClientCredentialsArn != nil {
		out = append(out, clientCredentialsSecret{base + "Pardot.clientCredentialsArn", cr.Pardot.ClientCredentialsArn})
	}
	return out
}

// secretArnPattern matches the secret's ARN in an IAM policy, also when only
// its name is known (Secrets Manager appends six random characters).
func secretArnPattern(secret awssecretsmanager.ISecret) *string {
	if arn := secret.SecretFullArn(); arn != nil {
		return arn
	}
	return jsii.String(*secret.SecretArn() + "-??????")
}

const appflowPrincipal = "appflow.amazonaws.com"

// letAppFlowRead lets AppFlow read a client credentials secret. AppFlow reads
// it as its service principal, so the secret's resource policy and its KMS
// key's policy must admit appflow.amazonaws.com, for this account only. Where
// the construct cannot add that (an imported secret or key, or a secret whose
// key it does not know), it warns with what to add.
func letAppFlowRead(p *connectorProfile, c clientCredentialsSecret) {
	sourceAccount := map[string]interface{}{"aws:SourceAccount": awscdk.Aws_ACCOUNT_ID()}
	added := c.secret.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AppFlowReadsClientCredentials"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String(appflowPrincipal), nil)},
		Actions:    jsii.Strings("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]interface{}{"StringEquals": sourceAccount},
	}))
	if *added.StatementAdded {
		p.resource.Node().AddDependency(added.PolicyDependable)
	} else {
		warn(p, ClientCredentialsAccessWarning, c.path+": the construct cannot change an imported secret's resource "+
			"policy; allow "+appflowPrincipal+" secretsmanager:GetSecretValue and secretsmanager:DescribeSecret on the "+
			"secret where it is defined (condition aws:SourceAccount), or AppFlow fails to read it")
	}

	key := c.secret.EncryptionKey()
	if key == nil {
		warn(p, ClientCredentialsAccessWarning, c.path+": the construct does not know the secret's KMS key; AppFlow "+
			"must be able to decrypt it, which the AWS managed key aws/secretsmanager cannot be changed to allow: use a "+
			"customer managed key and pass it with the secret (awssecretsmanager.Secret_FromSecretAttributes "+
			"EncryptionKey), or allow "+appflowPrincipal+" kms:Decrypt through Secrets Manager in its key policy")
		return
	}
	keyAdded := key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AppFlowDecryptsClientCredentials"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String(appflowPrincipal), nil)},
		Actions:    jsii.Strings("kms:Decrypt"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]interface{}{"StringEquals": map[string]interface{}{
			"aws:SourceAccount": awscdk.Aws_ACCOUNT_ID(),
			"kms:ViaService": awscdk.Fn_Join(jsii.String(""), &[]*string{
				jsii.String("secretsmanager."), awscdk.Aws_REGION(), jsii.String(".amazonaws.com"),
			}),
		}},
	}), jsii.Bool(true))
	if !*keyAdded.StatementAdded {
		warn(p, ClientCredentialsAccessWarning, c.path+": the construct cannot change an imported key's policy; allow "+
			appflowPrincipal+" kms:Decrypt in the policy of the secret's key, with the conditions kms:ViaService "+
			"secretsmanager.<region>.amazonaws.com and aws:SourceAccount, or AppFlow fails to read the secret")
	}
}
