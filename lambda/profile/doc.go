// Package profile turns the resource properties of a Custom::AppFlowConnectorProfile
// into AppFlow requests, checking them against the API model first.
//
// The SDK's own types are the shape: keys match their member names case-insensitively,
// so the API's camelCase and CloudFormation's PascalCase both work. Every problem is
// reported with its property path and what is allowed; credential values are never quoted.
// The API model's patterns are read as Java reads them, as the service does.
package profile
