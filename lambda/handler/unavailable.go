package handler

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// Unavailable are clients whose every call fails with err, for a function
// whose AWS configuration could not be loaded: each request still gets an answer.
func Unavailable(err error) Clients {
	u := unavailable{err}
	return Clients{AppFlow: u, CloudFormation: u, SecretsManager: u}
}

type unavailable struct{ err error }

func (u unavailable) CreateConnectorProfile(context.Context, *appflow.CreateConnectorProfileInput, ...func(*appflow.Options)) (*appflow.CreateConnectorProfileOutput, error) {
	return nil, u.err
}

func (u unavailable) UpdateConnectorProfile(context.Context, *appflow.UpdateConnectorProfileInput, ...func(*appflow.Options)) (*appflow.UpdateConnectorProfileOutput, error) {
	return nil, u.err
}

func (u unavailable) DeleteConnectorProfile(context.Context, *appflow.DeleteConnectorProfileInput, ...func(*appflow.Options)) (*appflow.DeleteConnectorProfileOutput, error) {
	return nil, u.err
}

func (u unavailable) DescribeConnectorProfiles(context.Context, *appflow.DescribeConnectorProfilesInput, ...func(*appflow.Options)) (*appflow.DescribeConnectorProfilesOutput, error) {
	return nil, u.err
}

func (u unavailable) DescribeStacks(context.Context, *cloudformation.DescribeStacksInput, ...func(*cloudformation.Options)) (*cloudformation.DescribeStacksOutput, error) {
	return nil, u.err
}

func (u unavailable) DescribeStackEvents(context.Context, *cloudformation.DescribeStackEventsInput, ...func(*cloudformation.Options)) (*cloudformation.DescribeStackEventsOutput, error) {
	return nil, u.err
}

func (u unavailable) GetSecretValue(context.Context, *secretsmanager.GetSecretValueInput, ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error) {
	return nil, u.err
}
