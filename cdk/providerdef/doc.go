// Package providerdef is the one definition of the provider behind
// Custom::AppFlowConnectorProfile: the Lambda function's runtime,
// architecture, memory, timeout and log group, and every statement of its
// role's policy.
//
// Two renderings follow from it: the CDK construct (package
// connectorprofile) turns it into awslambda and awsiam constructs for a
// provider per stack, and the provider template (command
// providertemplate) into a CloudFormation template for a provider that
// serves every stack of an account and Region. A test fails if the two
// drift apart. It is plain Go data, so the template is made without jsii.
//
// Statements name resources as CloudFormation's Fn::Sub does:
// ${AWS::Partition}, ${AWS::Region}, ${AWS::AccountId} and ${AWS::StackId}
// are the deployment's own, and ${LogGroup.Arn} is the function's log group.
// What only a deployment knows (the KMS keys, roles and secrets its
// profiles name) is a [List].
package providerdef
