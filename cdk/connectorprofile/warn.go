package connectorprofile

import (
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// The ids of the construct's synth warnings; acknowledge one with
// awscdk.Annotations_Of(profile).AcknowledgeWarning.
const (
	// PlainTextSecretWarning: a credential whose SecretValue is no dynamic
	// reference (e.g. SecretValue_UnsafePlainText).
	PlainTextSecretWarning = "connectorprofile:plainTextSecret"
	// DiscontinuedConnectorWarning: a connector whose service AWS has shut
	// down (Honeycode).
	DiscontinuedConnectorWarning = "connectorprofile:discontinuedConnector"
	// DerivedNameWarning: a name derived from the construct path on a profile
	// whose connectorLabel or kmsArn may change, which needs a new name.
	DerivedNameWarning = "connectorprofile:derivedName"
	// ClientCredentialsAccessWarning: a client credentials secret whose
	// policies the construct cannot extend to let AppFlow read it.
	ClientCredentialsAccessWarning = "connectorprofile:clientCredentialsAccess"
)

// warnAtSynth warns of what deploys but is likely a mistake.
func (c *connectorProfile) warnAtSynth(props *ConnectorProfileProps, connectorType types.ConnectorType, config *ConnectorProfileConfig) {
	creds := render(config.ConnectorProfileCredentials)
	if paths := plainTextSecrets(awscdk.Stack_Of(c), "connectorProfileConfig.connectorProfileCredentials", creds); len(paths) > 0 {
		warn(c, PlainTextSecretWarning, "credentials in plain text end up in the template: "+strings.Join(paths, ", ")+
			"; pass a SecretValue from Secrets Manager (awscdk.SecretValue_SecretsManager) instead")
	}
	if strings.EqualFold(string(connectorType), string(types.ConnectorTypeHoneycode)) {
		warn(c, DiscontinuedConnectorWarning, "Amazon Honeycode was discontinued by AWS in 2024: AppFlow still accepts "+
			"the profile, but the service it connects to is gone")
	}
	if props.ConnectorProfileName == nil && (props.ConnectorLabel != nil || props.KmsKey != nil) {
		warn(c, DerivedNameWarning, "connectorProfileName is derived from the construct path, and a change of "+
			"connectorLabel or kmsArn replaces the profile: that deploy fails, as the replacement cannot take the name "+
			"the old profile holds until it is deleted; set ConnectorProfileName, and change it with either of them")
	}
}

func warn(scope constructs.Construct, id, message string) {
	awscdk.Annotations_Of(scope).AddWarningV2(jsii.String(id), jsii.String(message), nil)
}

// plainTextSecrets lists the credential members (by property path) whose
// SecretValue resolves to a literal string rather than a dynamic reference
// or an intrinsic that builds one.
func plainTextSecrets(stack awscdk.Stack, path string, v interface{}) []string {
	var out []string
	switch v := v.(type) {
	case map[string]interface{}:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, plainTextSecrets(stack, path+"."+k, v[k])...)
		}
	case awscdk.SecretValue:
		if s, ok := stack.Resolve(v).(string); ok && !strings.HasPrefix(s, profile.DynamicReference) {
			out = append(out, path)
		}
	}
	return out
}
