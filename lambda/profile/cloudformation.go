package profile

// ResourceType is the CloudFormation type of the custom resource this package
// reads the properties of.
const ResourceType = "Custom::AppFlowConnectorProfile"

// Dynamic references are strings CloudFormation resolves at deploy time.
// Custom resources get {{resolve:ssm:...}} and {{resolve:secretsmanager:...}}
// resolved; {{resolve:ssm-secure:...}} is resolved only for a fixed list of
// AWS resource properties, so in a custom resource it stays literal text.
const (
	DynamicReference         = "{{resolve:"
	SecretsManagerReference  = "{{resolve:secretsmanager:"
	SSMSecureStringReference = "{{resolve:ssm-secure:"
)

// identifierCredentials are the members under connectorProfileCredentials that
// name something rather than hold a secret.
var identifierCredentials = map[string]bool{
	"ClientCredentialsArn":     true, // a Secrets Manager ARN
	"RedirectUri":              true,
	"CustomAuthenticationType": true,
}

// HoldsSecret reports whether the string member under
// connectorProfileCredentials with the SDK field name field holds a secret (a
// token, key or password) rather than naming something (a secret's ARN, a
// redirect URI, an authentication scheme). Decode never quotes either.
func HoldsSecret(field string) bool { return !identifierCredentials[field] }
