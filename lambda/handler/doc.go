// Package handler runs the lifecycle of a Custom::AppFlowConnectorProfile:
// Create, Update and Delete mapped to AppFlow calls, with exactly one answer to
// CloudFormation on every path, before the Lambda deadline. It takes a profile
// name back only with CloudFormation's proof that the stack owned it, reads
// credentials from a CredentialsSecret, and updates a profile when an
// EventBridge rule says its secret changed.
package handler
