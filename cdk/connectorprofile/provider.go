package connectorprofile

import (
	"sync"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/appflow-iac/connectorprofile/cdk/providerdef"
)

// ProviderID is the construct id of the stack's provider, a direct child of
// the stack.
const ProviderID = "AppFlowConnectorProfileProvider"

// Settings of the provider function, from its one definition (package
// providerdef).
const (
	// HandlerTimeoutMinutes bounds one invocation of the handler.
	HandlerTimeoutMinutes = int(providerdef.Timeout / time.Minute)
	// ServiceTimeoutMinutes is how long CloudFormation waits for an answer
	// before it fails the resource (the default is an hour). It leaves room
	// for Lambda's two asynchronous retries of a failed invocation.
	ServiceTimeoutMinutes = int(providerdef.ServiceTimeout / time.Minute)
	// handlerMemoryMiB is the function's memory size.
	handlerMemoryMiB = providerdef.MemoryMiB
)

// architecture is the one the construct builds the handler for.
const architecture = providerdef.ARM64

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
	fn     awslambda.Function
	role   awsiam.Role
	logs   awslogs.LogGroup
	policy *policy
}

// providers are the providers made in this process, by their construct.
var providers sync.Map

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
	// log group, and the rest of providerdef's policy is added below and as
	// profiles name their keys, roles and secrets.
	role := awsiam.NewRole(this, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String(providerdef.RoleDescription),
	})
	p := &provider{Construct: this, role: role, logs: logs}
	p.policy = newPolicy(p)

	p.fn = awslambda.NewFunction(this, jsii.String("Handler"), &awslambda.FunctionProps{
		Description:   jsii.String(providerdef.Description),
		Runtime:       awslambda.NewRuntime(jsii.String(providerdef.Runtime), awslambda.RuntimeFamily_OTHER, nil),
		Architecture:  awslambda.Architecture_Custom(jsii.String(string(architecture)), nil),
		Handler:       jsii.String(providerdef.Handler),
		Code:          code,
		MemorySize:    jsii.Number(providerdef.MemoryMiB),
		Timeout:       awscdk.Duration_Seconds(jsii.Number(providerdef.Timeout.Seconds())),
		Role:          role,
		LogGroup:      logs,
		LoggingFormat: awslambda.LoggingFormat(providerdef.LogFormat),
		Environment:   props.Environment,
	})

	cdknag.NagSuppressions_AddResourceSuppressions(role, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-IAM5"),
		Reason: jsii.String("AppFlow's CreateConnectorProfile, DescribeConnectorProfiles and DescribeConnector " +
			"support no resource-level permissions; Update/Delete use connectorprofile/* so a replaced profile's old " +
			"name can still be deleted; the appflow!* secrets are created by AppFlow with generated names " +
			"(conditioned on aws:CalledVia appflow); kms:ListKeys and kms:ListAliases support no resource-level " +
			"permissions, and the key actions are on * only while a profile uses the AppFlow-managed key, whose ARN " +
			"is not known at synth time (CreateGrant only via AppFlow in this Region, for an AWS resource)."),
		AppliesTo: &[]interface{}{
			"Resource::*",
			"Resource::arn:<AWS::Partition>:appflow:<AWS::Region>:<AWS::AccountId>:connectorprofile/*",
			"Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:appflow!*",
		},
	}}, jsii.Bool(true))

	providers.Store(this, p)
	return p
}

// providerOf returns the stack's provider, adding one with default settings
// on first use.
func providerOf(scope constructs.Construct) *provider {
	stack := awscdk.Stack_Of(scope)
	existing := stack.Node().TryFindChild(jsii.String(ProviderID))
	if existing == nil {
		return NewProvider(stack, nil).(*provider)
	}
	p, ok := providers.Load(existing)
	if !ok {
		panic("connectorprofile: " + *existing.Node().Path() + " is not a provider made by NewProvider")
	}
	return p.(*provider)
}
