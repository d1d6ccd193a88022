package connectorprofile

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// ProviderID is the construct id of the stack's provider, a direct child of
// the stack.
const ProviderID = "AppFlowConnectorProfileProvider"

// Settings of the provider function.
const (
	// HandlerTimeoutMinutes bounds one invocation of the handler.
	HandlerTimeoutMinutes = 2
	// ServiceTimeoutMinutes is how long CloudFormation waits for an answer
	// before it fails the resource (the default is an hour). It leaves room
	// for Lambda's two asynchronous retries of a failed invocation.
	ServiceTimeoutMinutes = 10
	// handlerMemoryMiB is the function's memory size.
	handlerMemoryMiB = 128
)

// ProviderProps configures the stack's provider function.
type ProviderProps struct {
	// Code is a prebuilt handler (a zip or directory holding bootstrap for
	// provided.al2023 on arm64). Default: built from the module's ./lambda
	// with the local Go toolchain at synth time.
	Code awslambda.Code
	// LogRetention of the function's log group. Default: one month.
	LogRetention awslogs.RetentionDays
	// LogRemovalPolicy of the function's log group. Default: retain.
	LogRemovalPolicy awscdk.RemovalPolicy
	// Environment of the function, for local testing only: for example
	// AWS_ENDPOINT_URL_APPFLOW to point the handler at a local AppFlow
	// stand-in under `sam local invoke` (which only sets variables the
	// template declares). Default: none.
	Environment *map[string]*string
}

// Provider is the Lambda function behind every Custom::AppFlowConnectorProfile
// in a stack.
type Provider interface {
	constructs.Construct
	// Function is the handler function; its ARN is the ServiceToken.
	Function() awslambda.Function
	// Role is the function's execution role.
	Role() awsiam.Role
	// LogGroup is the function's own log group.
	LogGroup() awslogs.LogGroup
}

type provider struct {
	constructs.Construct
	fn   awslambda.Function
	role awsiam.Role
	logs awslogs.LogGroup
}

func (p *provider) Function() awslambda.Function { return p.fn }
func (p *provider) Role() awsiam.Role            { return p.role }
func (p *provider) LogGroup() awslogs.LogGroup   { return p.logs }

// NewProvider adds the provider to scope's stack, for example to pass a
// prebuilt handler. Call it before the stack's first NewConnectorProfile; a
// stack holds at most one provider, so a second call panics.
func NewProvider(scope constructs.Construct, props *ProviderProps) Provider {
	if props == nil {
		props = &ProviderProps{}
	}
	stack := awscdk.Stack_Of(scope)
	if stack.Node().TryFindChild(jsii.String(ProviderID)) != nil {
		panic("connectorprofile: stack " + *stack.Node().Path() + " already has a " + ProviderID)
	}
	this := constructs.NewConstruct(stack, jsii.String(ProviderID))

	code := props.Code
	if code == nil {
		b, err := buildHandler()
		if err != nil {
			panic("connectorprofile: " + err.Error() + "\n(set ProviderProps.Code to use a prebuilt handler)")
		}
		code = awslambda.Code_FromAsset(jsii.String(b.Dir), &awss3assets.AssetOptions{
			AssetHash:     jsii.String(b.Hash),
			AssetHashType: awscdk.AssetHashType_CUSTOM,
		})
	}
	retention := props.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_MONTH
	}
	removal := props.LogRemovalPolicy
	if removal == "" {
		removal = awscdk.RemovalPolicy_RETAIN
	}

	logs := awslogs.NewLogGroup(this, jsii.String("LogGroup"), &awslogs.LogGroupProps{
		Retention:     retention,
		RemovalPolicy: removal,
	})
	// A role without managed policies: the handler writes only to its own
	// log group, and the AppFlow permissions are added below and by each
	// profile.
	role := awsiam.NewRole(this, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Manages Amazon AppFlow connector profiles for " + ResourceType),
	})
	logs.GrantWrite(role)
	for _, s := range baseStatements() {
		role.AddToPolicy(s)
	}

	fn := awslambda.NewFunction(this, jsii.String("Handler"), &awslambda.FunctionProps{
		Description:   jsii.String(ResourceType + " provider"),
		Runtime:       awslambda.Runtime_PROVIDED_AL2023(),
		Architecture:  awslambda.Architecture_ARM_64(),
		Handler:       jsii.String("bootstrap"),
		Code:          code,
		MemorySize:    jsii.Number(handlerMemoryMiB),
		Timeout:       awscdk.Duration_Minutes(jsii.Number(HandlerTimeoutMinutes)),
		Role:          role,
		LogGroup:      logs,
		LoggingFormat: awslambda.LoggingFormat_JSON,
		Environment:   props.Environment,
	})

	cdknag.NagSuppressions_AddResourceSuppressions(role, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-IAM5"),
		Reason: jsii.String("AppFlow's CreateConnectorProfile, DescribeConnectorProfiles and DescribeConnector " +
			"support no resource-level permissions; Update/Delete use connectorprofile/* so a replaced profile's old " +
			"name can still be deleted; the appflow!* secrets are created by AppFlow with generated names " +
			"(conditioned on aws:CalledVia appflow); the KMS list/describe/grant actions are documented by AppFlow " +
			"as always required and the AppFlow-managed key is not known at synth time."),
		AppliesTo: &[]interface{}{
			"Resource::*",
			"Resource::arn:<AWS::Partition>:appflow:<AWS::Region>:<AWS::AccountId>:connectorprofile/*",
			"Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:appflow!*",
		},
	}}, jsii.Bool(true))

	return &provider{Construct: this, fn: fn, role: role, logs: logs}
}

// providerOf returns the stack's provider, adding one with default settings
// on first use.
func providerOf(scope constructs.Construct) Provider {
	stack := awscdk.Stack_Of(scope)
	existing := stack.Node().TryFindChild(jsii.String(ProviderID))
	if existing == nil {
		return NewProvider(stack, nil)
	}
	node := existing.Node()
	return &provider{
		Construct: existing.(constructs.Construct),
		fn:        node.FindChild(jsii.String("Handler")).(awslambda.Function),
		role:      node.FindChild(jsii.String("Role")).(awsiam.Role),
		logs:      node.FindChild(jsii.String("LogGroup")).(awslogs.LogGroup),
	}
}

// baseStatements are the permissions every profile needs (appflow-api.md §7).
func baseStatements() []awsiam.PolicyStatement {
	profileArn := awscdk.Fn_Join(jsii.String(""), &[]*string{
		jsii.String("arn:"), awscdk.Aws_PARTITION(), jsii.String(":appflow:"), awscdk.Aws_REGION(),
		jsii.String(":"), awscdk.Aws_ACCOUNT_ID(), jsii.String(":connectorprofile/*"),
	})
	appflowSecretArn := awscdk.Fn_Join(jsii.String(""), &[]*string{
		jsii.String("arn:"), awscdk.Aws_PARTITION(), jsii.String(":secretsmanager:"), awscdk.Aws_REGION(),
		jsii.String(":"), awscdk.Aws_ACCOUNT_ID(), jsii.String(":secret:appflow!*"),
	})
	calledViaAppFlow := map[string]interface{}{"aws:CalledVia": []string{"appflow.amazonaws.com"}}
	return []awsiam.PolicyStatement{
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:       jsii.String("AppFlowProfilesNoResourceLevel"),
			Actions:   jsii.Strings("appflow:CreateConnectorProfile", "appflow:DescribeConnectorProfiles", "appflow:DescribeConnector"),
			Resources: jsii.Strings("*"),
		}),
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:       jsii.String("AppFlowProfilesChange"),
			Actions:   jsii.Strings("appflow:UpdateConnectorProfile", "appflow:DeleteConnectorProfile"),
			Resources: &[]*string{profileArn},
		}),
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:       jsii.String("AppFlowStoresCredentials"),
			Actions:   jsii.Strings("secretsmanager:CreateSecret"),
			Resources: &[]*string{appflowSecretArn},
			Conditions: &map[string]interface{}{
				"StringLike":               map[string]interface{}{"secretsmanager:Name": "appflow!*"},
				"ForAnyValue:StringEquals": calledViaAppFlow,
			},
		}),
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:       jsii.String("AppFlowSharesCredentials"),
			Actions:   jsii.Strings("secretsmanager:PutResourcePolicy"),
			Resources: &[]*string{appflowSecretArn},
			Conditions: &map[string]interface{}{
				"ForAnyValue:StringEquals": calledViaAppFlow,
				"StringEqualsIgnoreCase": map[string]interface{}{
					"secretsmanager:ResourceTag/aws:secretsmanager:owningService": "appflow",
				},
			},
		}),
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			// The handler takes a profile name back only when the stack's own
			// status and events prove this stack owned it.
			Sid:       jsii.String("ProveOwnershipFromStackHistory"),
			Actions:   jsii.Strings("cloudformation:DescribeStacks", "cloudformation:DescribeStackEvents"),
			Resources: &[]*string{awscdk.Aws_STACK_ID()},
		}),
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:       jsii.String("AppFlowEncryptsCredentials"),
			Actions:   jsii.Strings("kms:ListKeys", "kms:ListAliases", "kms:DescribeKey", "kms:ListGrants", "kms:CreateGrant"),
			Resources: jsii.Strings("*"),
		}),
	}
}
