package handler

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// Clients are the AWS services the handler calls.
type Clients struct {
	AppFlow        AppFlow
	CloudFormation CloudFormation
	SecretsManager SecretsManager
}

// AppFlow is the part of the AppFlow API the handler calls.
type AppFlow interface {
	CreateConnectorProfile(context.Context, *appflow.CreateConnectorProfileInput, ...func(*appflow.Options)) (*appflow.CreateConnectorProfileOutput, error)
	UpdateConnectorProfile(context.Context, *appflow.UpdateConnectorProfileInput, ...func(*appflow.Options)) (*appflow.UpdateConnectorProfileOutput, error)
	DeleteConnectorProfile(context.Context, *appflow.DeleteConnectorProfileInput, ...func(*appflow.Options)) (*appflow.DeleteConnectorProfileOutput, error)
	DescribeConnectorProfiles(context.Context, *appflow.DescribeConnectorProfilesInput, ...func(*appflow.Options)) (*appflow.DescribeConnectorProfilesOutput, error)
}

// CloudFormation is the part of the CloudFormation API the handler calls, to
// prove that a stack's resource owned a profile before.
type CloudFormation interface {
	DescribeStacks(context.Context, *cloudformation.DescribeStacksInput, ...func(*cloudformation.Options)) (*cloudformation.DescribeStacksOutput, error)
	DescribeStackEvents(context.Context, *cloudformation.DescribeStackEventsInput, ...func(*cloudformation.Options)) (*cloudformation.DescribeStackEventsOutput, error)
}

// SecretsManager is the part of the Secrets Manager API the handler calls, to
// read a profile's CredentialsSecret.
type SecretsManager interface {
	GetSecretValue(context.Context, *secretsmanager.GetSecretValueInput, ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}

var (
	_ AppFlow        = (*appflow.Client)(nil)
	_ CloudFormation = (*cloudformation.Client)(nil)
	_ SecretsManager = (*secretsmanager.Client)(nil)
)
