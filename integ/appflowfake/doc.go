// Package appflowfake is a local stand-in for the Amazon AppFlow
// connector-profile API (CreateConnectorProfile, UpdateConnectorProfile,
// DeleteConnectorProfile, DescribeConnectorProfiles).
//
// It speaks restJson1 as the AWS SDKs expect, checks that requests are
// SigV4-signed for service "appflow", enforces the API model's constraints
// on the wire JSON, keeps state like the service (unique names, a profile
// quota, clientToken replay, a credentialsArn per profile, no credentials
// returned) and takes injected faults (package fault: errors, latency,
// hangs, resets, truncated answers, before or after acting) in its Faults
// queue. It is written from the service's documented behaviour, not from
// the Lambda's code, so it catches requests real AppFlow would reject.
//
//	srv, err := appflowfake.Start(appflowfake.Options{Strict: true})
//	defer srv.Close()
//	srv.Faults.Inject(fault.Fault{Op: "CreateConnectorProfile", Kind: fault.Error,
//		Status: 429, Code: "ThrottlingException", Message: "Rate exceeded"})
//	// AWS_ENDPOINT_URL_APPFLOW=srv.URL
package appflowfake
