package connectorprofile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// ResourceType is the CloudFormation type of the custom resource.
const ResourceType = profile.ResourceType

// ConnectorProfileProps describes one AppFlow connector profile. The fields
// mirror CreateConnectorProfileInput (plus DeleteConnectorProfileInput's
// ForceDelete); the handler generates the client token itself.
type ConnectorProfileProps struct {
	// ConnectorProfileName is unique within the account and Region.
	// Changing it replaces the profile. Default: a name derived from the
	// construct path.
	ConnectorProfileName *string
	// ConnectorType of the profile. Default: derived from the connector set
	// in ConnectorProfileConfig (for example Salesforce, or Googleanalytics
	// for GoogleAnalytics). Changing it replaces the profile.
	ConnectorType types.ConnectorType
	// ConnectionMode is Public or Private. Default: Public.
	ConnectionMode types.ConnectionMode
	// ConnectorLabel names the registered custom connector; required for
	// CustomConnector. Changing it replaces the profile.
	ConnectorLabel *string
	// KmsKey encrypts the credentials AppFlow stores in Secrets Manager.
	// Default: the AppFlow-managed key. Changing it replaces the profile.
	// The key policy must let the provider's role use the key (kms:DescribeKey,
	// kms:CreateGrant, kms:ListGrants).
	KmsKey awskms.IKey
	// ConnectorProfileConfig holds the connector-specific properties and
	// credentials. Set exactly one connector in each.
	ConnectorProfileConfig *ConnectorProfileConfig
	// ForceDelete deletes the profile even if flows still use it. Default: false.
	ForceDelete *bool
}

// ConnectorProfileConfig mirrors [types.ConnectorProfileConfig].
type ConnectorProfileConfig struct {
	// ConnectorProfileProperties are the connector-specific properties.
	// Required by AppFlow (it may hold an empty struct, e.g. Amplitude).
	ConnectorProfileProperties *ConnectorProfileProperties `json:"connectorProfileProperties"`
	// ConnectorProfileCredentials are the connector-specific credentials.
	// Every secret member takes an awscdk.SecretValue, for example
	// awscdk.SecretValue_SecretsManager, so the template holds only a
	// dynamic reference.
	ConnectorProfileCredentials *ConnectorProfileCredentials `json:"connectorProfileCredentials,omitempty"`
}

// ConnectorProfile is an AppFlow connector profile managed by
// Custom::AppFlowConnectorProfile.
type ConnectorProfile interface {
	constructs.Construct
	// Name is the profile name (Ref).
	Name() *string
	// Arn is the profile ARN (Fn::GetAtt ConnectorProfileArn).
	Arn() *string
	// CredentialsArn is the ARN of the Secrets Manager secret in which
	// AppFlow keeps the credentials (Fn::GetAtt CredentialsArn).
	CredentialsArn() *string
	// Resource is the underlying custom resource.
	Resource() awscdk.CustomResource
	// Provider is the stack's provider function shared by all profiles.
	Provider() Provider
}

type connectorProfile struct {
	constructs.Construct
	resource awscdk.CustomResource
	provider Provider
}

func (c *connectorProfile) Name() *string { return c.resource.Ref() }
func (c *connectorProfile) Arn() *string {
	return c.resource.GetAttString(jsii.String("ConnectorProfileArn"))
}
func (c *connectorProfile) CredentialsArn() *string {
	return c.resource.GetAttString(jsii.String("CredentialsArn"))
}
func (c *connectorProfile) Resource() awscdk.CustomResource { return c.resource }
func (c *connectorProfile) Provider() Provider              { return c.provider }

// NewConnectorProfile defines a connector profile. Invalid props panic, as CDK
// constructs do: no connector, two connectors, a type that does not match the
// connector, or anything the handler's own checks refuse.
func NewConnectorProfile(scope constructs.Construct, id *string, props *ConnectorProfileProps) ConnectorProfile {
	if props == nil {
		props = &ConnectorProfileProps{}
	}
	this := constructs.NewConstruct(scope, id)
	fail := func(format string, args ...interface{}) {
		panic(fmt.Sprintf("connectorprofile: %s: ", *this.Node().Path()) + fmt.Sprintf(format, args...))
	}

	config := props.ConnectorProfileConfig
	if config == nil {
		config = &ConnectorProfileConfig{}
	}
	propsKey, err := connectorKey(config.ConnectorProfileProperties)
	if err != nil {
		fail("connectorProfileConfig.connectorProfileProperties: %v", err)
	}
	credsKey, err := connectorKey(config.ConnectorProfileCredentials)
	if err != nil {
		fail("connectorProfileConfig.connectorProfileCredentials: %v", err)
	}
	if credsKey != "" && propsKey != "" && credsKey != propsKey {
		fail("connectorProfileConfig: properties are for %s but credentials are for %s", propsKey, credsKey)
	}
	key := propsKey
	if key == "" {
		key = credsKey
	}
	connectorType := props.ConnectorType
	switch {
	case connectorType == "" && key == "":
		fail("set ConnectorType or a connector in ConnectorProfileConfig")
	case connectorType == "":
		connectorType = ConnectorTypeOf(key)
	case key != "" && !strings.EqualFold(string(connectorType), key):
		fail("connectorType %s does not match connector %s in connectorProfileConfig", connectorType, key)
	}
	mode := props.ConnectionMode
	if mode == "" {
		mode = types.ConnectionModePublic
	}

	name := props.ConnectorProfileName
	if name == nil {
		name = awscdk.Names_UniqueResourceName(this, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(256)})
	}

	properties := render(config.ConnectorProfileProperties)
	if properties == nil {
		properties = map[string]interface{}{}
	}
	profileConfig := map[string]interface{}{"connectorProfileProperties": properties}
	if creds := render(config.ConnectorProfileCredentials); creds != nil {
		profileConfig["connectorProfileCredentials"] = creds
		if paths := plainTextSecrets(awscdk.Stack_Of(this), "connectorProfileConfig.connectorProfileCredentials", creds); len(paths) > 0 {
			awscdk.Annotations_Of(this).AddWarningV2(jsii.String(PlainTextSecretWarning), jsii.String(
				"credentials in plain text end up in the template: "+strings.Join(paths, ", ")+
					"; pass a SecretValue from Secrets Manager or SSM SecureString instead"), nil)
		}
	}
	resourceProps := map[string]interface{}{
		"connectorProfileName":   name,
		"connectorType":          string(connectorType),
		"connectionMode":         string(mode),
		"connectorProfileConfig": profileConfig,
	}
	if props.ConnectorLabel != nil {
		resourceProps["connectorLabel"] = props.ConnectorLabel
	}
	if props.KmsKey != nil {
		resourceProps["kmsArn"] = props.KmsKey.KeyArn()
	}
	if props.ForceDelete != nil {
		resourceProps["forceDelete"] = props.ForceDelete
	}

	if err := check(awscdk.Stack_Of(this), resourceProps); err != nil {
		fail("%v", err)
	}

	p := providerOf(this)
	grantProfileNeeds(p, props, config)
	resource := awscdk.NewCustomResource(this, jsii.String("Resource"), &awscdk.CustomResourceProps{
		ServiceToken:   p.Function().FunctionArn(),
		ResourceType:   jsii.String(ResourceType),
		Properties:     &resourceProps,
		ServiceTimeout: awscdk.Duration_Minutes(jsii.Number(ServiceTimeoutMinutes)),
	})
	return &connectorProfile{Construct: this, resource: resource, provider: p}
}

// PlainTextSecretWarning is the id of the warning for a credential whose
// SecretValue is not a dynamic reference (e.g. SecretValue_UnsafePlainText).
const PlainTextSecretWarning = "connectorprofile:plainTextSecret"

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

// ConnectorTypeOf maps a connector key of ConnectorProfileProperties (such
// as GoogleAnalytics) to its ConnectorType (Googleanalytics).
func ConnectorTypeOf(key string) types.ConnectorType {
	for _, t := range types.ConnectorType("").Values() {
		if strings.EqualFold(string(t), key) {
			return t
		}
	}
	return types.ConnectorType(key)
}
