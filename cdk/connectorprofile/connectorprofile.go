package connectorprofile

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
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
	// CredentialsSecret holds some or all of the connector's credentials, as
	// a JSON object of its credential members (for Datadog,
	// {"apiKey": "...", "applicationKey": "..."}). The provider reads it on
	// Create and Update, and may read it (and decrypt it with its key); its
	// values never pass through the template. Not to be confused with the
	// profile's CredentialsSecret(), the secret AppFlow keeps the credentials
	// in. Default: none.
	CredentialsSecret awssecretsmanager.ISecret
	// FollowCredentialsSecret updates the profile when CredentialsSecret
	// changes (rotated, or a new value put), through an EventBridge rule on
	// Secrets Manager's events that invokes the provider. Those events reach
	// EventBridge only where a CloudTrail trail logs management events in the
	// Region. Default: true when CredentialsSecret is set.
	FollowCredentialsSecret *bool
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

// IConnectorProfile is an AppFlow connector profile: one this app manages,
// or one made elsewhere ([FromConnectorProfileName],
// [FromConnectorProfileArn]).
type IConnectorProfile interface {
	awscdk.IResource
	// Name is the profile name.
	Name() *string
	// Arn is the profile ARN.
	Arn() *string
}

// ConnectorProfile is an AppFlow connector profile managed by
// Custom::AppFlowConnectorProfile.
type ConnectorProfile interface {
	constructs.Construct
	IConnectorProfile
	// CredentialsArn is the ARN of the Secrets Manager secret in which
	// AppFlow keeps the credentials (Fn::GetAtt CredentialsArn).
	CredentialsArn() *string
	// CredentialsSecret is that secret, encrypted with the profile's KmsKey
	// when one is given (AppFlow's managed key otherwise), for example to
	// grant read access to it.
	CredentialsSecret() awssecretsmanager.ISecret
	// CustomResource is the underlying custom resource (also the node's
	// default child).
	CustomResource() awscdk.CustomResource
	// Provider is the stack's provider function shared by all profiles.
	Provider() Provider
}

type connectorProfile struct {
	awscdk.Resource
	resource          awscdk.CustomResource
	provider          Provider
	name              *string
	kmsKey            awskms.IKey
	credentialsSecret awssecretsmanager.ISecret
}

func (c *connectorProfile) Name() *string { return c.resource.Ref() }
func (c *connectorProfile) Arn() *string {
	return c.resource.GetAttString(jsii.String("ConnectorProfileArn"))
}
func (c *connectorProfile) CredentialsArn() *string {
	return c.resource.GetAttString(jsii.String("CredentialsArn"))
}
func (c *connectorProfile) CustomResource() awscdk.CustomResource { return c.resource }
func (c *connectorProfile) Provider() Provider                    { return c.provider }

func (c *connectorProfile) CredentialsSecret() awssecretsmanager.ISecret {
	if c.credentialsSecret == nil {
		c.credentialsSecret = awssecretsmanager.Secret_FromSecretAttributes(c, jsii.String("CredentialsSecret"),
			&awssecretsmanager.SecretAttributes{SecretCompleteArn: c.CredentialsArn(), EncryptionKey: c.kmsKey})
	}
	return c.credentialsSecret
}

// ApplyRemovalPolicy applies to the custom resource; awscdk.Resource's own
// would look for a CfnResource child.
func (c *connectorProfile) ApplyRemovalPolicy(policy awscdk.RemovalPolicy) {
	c.resource.ApplyRemovalPolicy(policy)
}

// NewConnectorProfile defines a connector profile. Invalid props panic, as CDK
// constructs do: no connector, two connectors, a type that does not match the
// connector, a name another profile of the stack has, an SSM SecureString
// reference, or anything the handler's own checks refuse.
func NewConnectorProfile(scope constructs.Construct, id *string, props *ConnectorProfileProps) ConnectorProfile {
	if props == nil {
		props = &ConnectorProfileProps{}
	}
	this := &connectorProfile{kmsKey: props.KmsKey}
	awscdk.NewResource_Override(this, scope, id, &awscdk.ResourceProps{PhysicalName: props.ConnectorProfileName})

	config := props.ConnectorProfileConfig
	if config == nil {
		config = &ConnectorProfileConfig{}
	}
	connectorType, err := connectorTypeFor(props.ConnectorType, config)
	if err != nil {
		this.fail("%v", err)
	}
	this.name = props.ConnectorProfileName
	if this.name == nil {
		this.name = awscdk.Names_UniqueResourceName(this, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(256)})
	}
	resourceProps := this.properties(props, connectorType, config)
	this.checkAtSynth(resourceProps)
	this.warnAtSynth(props, connectorType, config)

	this.provider = providerOf(this)
	grantProfileNeeds(this.provider, props, config)
	this.resource = awscdk.NewCustomResource(this, jsii.String("Resource"), &awscdk.CustomResourceProps{
		ServiceToken:   this.provider.Function().FunctionArn(),
		ResourceType:   jsii.String(ResourceType),
		Properties:     &resourceProps,
		ServiceTimeout: awscdk.Duration_Minutes(jsii.Number(ServiceTimeoutMinutes)),
	})
	for _, c := range clientCredentials(config) {
		letAppFlowRead(this, c)
	}
	if props.CredentialsSecret != nil && (props.FollowCredentialsSecret == nil || *props.FollowCredentialsSecret) {
		followSecret(this, props.CredentialsSecret)
	}
	return this
}

func (c *connectorProfile) fail(format string, args ...interface{}) {
	panic(fmt.Sprintf("connectorprofile: %s: ", *c.Node().Path()) + fmt.Sprintf(format, args...))
}

// connectorTypeFor is the connector type given, or the one of the connector
// set in the configuration, which must agree.
func connectorTypeFor(given types.ConnectorType, config *ConnectorProfileConfig) (types.ConnectorType, error) {
	propsKey, err := connectorKey(config.ConnectorProfileProperties)
	if err != nil {
		return "", fmt.Errorf("connectorProfileConfig.connectorProfileProperties: %w", err)
	}
	credsKey, err := connectorKey(config.ConnectorProfileCredentials)
	if err != nil {
		return "", fmt.Errorf("connectorProfileConfig.connectorProfileCredentials: %w", err)
	}
	if credsKey != "" && propsKey != "" && credsKey != propsKey {
		return "", fmt.Errorf("connectorProfileConfig: properties are for %s but credentials are for %s", propsKey, credsKey)
	}
	key := propsKey
	if key == "" {
		key = credsKey
	}
	switch {
	case given == "" && key == "":
		return "", errors.New("set ConnectorType or a connector in ConnectorProfileConfig")
	case given == "":
		return ConnectorTypeOf(key), nil
	case key != "" && !strings.EqualFold(string(given), key):
		return "", fmt.Errorf("connectorType %s does not match connector %s in connectorProfileConfig", given, key)
	}
	return given, nil
}

// properties are the custom resource's properties, named as the handler
// reads them.
func (c *connectorProfile) properties(props *ConnectorProfileProps, connectorType types.ConnectorType, config *ConnectorProfileConfig) map[string]interface{} {
	mode := props.ConnectionMode
	if mode == "" {
		mode = types.ConnectionModePublic
	}
	properties := render(config.ConnectorProfileProperties)
	if properties == nil {
		properties = map[string]interface{}{}
	}
	profileConfig := map[string]interface{}{"connectorProfileProperties": properties}
	if creds := render(config.ConnectorProfileCredentials); creds != nil {
		profileConfig["connectorProfileCredentials"] = creds
	}
	out := map[string]interface{}{
		"connectorProfileName":   c.name,
		"connectorType":          string(connectorType),
		"connectionMode":         string(mode),
		"connectorProfileConfig": profileConfig,
	}
	if props.ConnectorLabel != nil {
		out["connectorLabel"] = props.ConnectorLabel
	}
	if props.KmsKey != nil {
		out["kmsArn"] = props.KmsKey.KeyArn()
	}
	if props.ForceDelete != nil {
		out["forceDelete"] = props.ForceDelete
	}
	if props.CredentialsSecret != nil {
		out["credentialsSecret"] = props.CredentialsSecret.SecretArn()
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
