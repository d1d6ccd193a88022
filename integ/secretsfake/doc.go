// Package secretsfake is a local stand-in for AWS Secrets Manager as the
// connector-profile function and its users meet it: CreateSecret,
// PutSecretValue and GetSecretValue.
//
// It speaks awsJson1_1 as the AWS SDKs expect (POST / with X-Amz-Target
// secretsmanager.<Op>, errors as {"__type", "message"}), checks that
// requests are SigV4-signed for service "secretsmanager", enforces the API
// model's constraints on the members it implements (model.go), and keeps
// state like the service: a secret has a name and an ARN ending in "-" and
// six random characters, and is found by its name, that ARN or the ARN
// without the six characters; its values are versions, the current one
// labelled AWSCURRENT and the one before AWSPREVIOUS; ClientRequestToken
// makes a repeated write one version. A secret scheduled for deletion
// (ScheduleDeletion) answers InvalidRequestException. Faults (package fault)
// are injected in its Faults queue; faults.go has the errors the service's
// permissions and KMS give.
//
//	srv, err := secretsfake.Start(secretsfake.Options{})
//	defer srv.Close()
//	srv.Faults.Inject(secretsfake.Throttled("GetSecretValue", 2))
//	// AWS_ENDPOINT_URL_SECRETS_MANAGER=srv.URL
package secretsfake
