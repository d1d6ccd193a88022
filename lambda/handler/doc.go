// Package handler runs the lifecycle of a Custom::AppFlowConnectorProfile:
// Create, Update and Delete mapped to AppFlow calls, with exactly one answer to
// CloudFormation on every path, before the Lambda deadline.
package handler
