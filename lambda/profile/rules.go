package profile

import (
	"regexp"
	"strings"
)

// Constraint is the API model's limit on one member's value.
type Constraint struct {
	// MinLen and MaxLen bound a string's length in Unicode code points; MaxLen 0 is no limit.
	MinLen, MaxLen int
	// Min and Max bound an integer.
	Min, Max int
	// Pattern is the model's pattern as a Go regular expression that matches
	// what the Java one does; "" is none.
	Pattern string
	// Allowed says what Pattern allows, in words.
	Allowed string
}

// rule is a Constraint with its pattern compiled.
type rule struct {
	Constraint
	// model is the pattern as the model writes it, anchored as the value
	// must match: in full, but for a trailing .* which is left open.
	model   string
	pattern *regexp.Regexp
}

func str(minLen, maxLen int, model, allowed string) rule {
	r := rule{Constraint: Constraint{MinLen: minLen, MaxLen: maxLen, Allowed: allowed}, model: model}
	if model != anything {
		r.pattern = javaRegexp(model)
		r.Pattern = r.pattern.String()
	}
	return r
}

// anything is the model's pattern that allows any text: left open, .* matches
// the empty start of every string.
const anything = `.*`

func (r rule) match(s string) bool { return r.pattern == nil || r.pattern.MatchString(s) }

var (
	nonBlank    = func(max int) rule { return str(0, max, `^\S+$`, "a non-empty value without whitespace") }
	anyText     = func(max int) rule { return str(0, max, anything, "any text") }
	httpURL     = str(0, 256, `^(https?)://[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]$`, "an http:// or https:// URL")
	iamRoleARN  = str(0, 512, `^arn:aws:iam:.*:[0-9]+:`, "an IAM role ARN (arn:aws:iam::<account>:role/...)")
	privateLink = str(0, 512, `^(^$|com.amazonaws.vpce.[\w/!:@#.\-]+)$`, "a VPC endpoint service name (com.amazonaws.vpce....)")
	nameRule    = str(1, 256, `^[\w/!@#+=.-]+$`, "letters, digits and _/!@#+=.-")
	// secretIDRule is GetSecretValue's SecretId: a secret's name or ARN.
	secretIDRule = str(1, 2048, `^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:)?[\w/+=.@-]+$`,
		"a Secrets Manager secret's name or ARN")
)

// mapRule constrains the string maps: entries, keys and values.
var mapRule = struct {
	maxEntries int
	key, value rule
}{
	maxEntries: 50,
	key:        str(1, 128, `^[\w]+$`, "letters, digits and _"),
	value:      nonBlank(2048),
}

// topRules constrain the top-level members, by SDK field name.
var topRules = map[string]rule{
	"ConnectorProfileName": nameRule,
	"ConnectorLabel":       str(2, 256, `^[a-zA-Z0-9][\w!@#.-]+$`, "a letter or digit followed by letters, digits and _!@#.-"),
	"KmsArn":               str(20, 2048, `^arn:aws:kms:.*:[0-9]+:`, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/...)"),
}

// leafRules constrain connector members by SDK field name; ruleOverrides win for one type.
var leafRules = map[string]rule{
	"InstanceUrl":              nonBlank(256),
	"BucketName":               str(3, 63, `^\S+$`, "a bucket name without whitespace"),
	"BucketPrefix":             anyText(512),
	"RoleArn":                  iamRoleARN,
	"DataApiRoleArn":           iamRoleARN,
	"DatabaseUrl":              nonBlank(512),
	"ClusterIdentifier":        nonBlank(512),
	"WorkgroupName":            nonBlank(512),
	"DatabaseName":             nonBlank(512),
	"Stage":                    nonBlank(512),
	"AccountName":              nonBlank(512),
	"ApplicationServicePath":   nonBlank(512),
	"Warehouse":                str(0, 512, `^[\s\w/!@#+=.-]*$`, "letters, digits, spaces and _/!@#+=.-"),
	"Region":                   nonBlank(64),
	"PrivateLinkServiceName":   privateLink,
	"ApplicationHostUrl":       httpURL,
	"TokenUrl":                 httpURL,
	"AuthCodeUrl":              httpURL,
	"PortNumber":               {Constraint: Constraint{Min: 1, Max: 65535}},
	"ClientNumber":             str(3, 3, `^\d{3}$`, "exactly three digits"),
	"LogonLanguage":            str(0, 2, `^[a-zA-Z0-9_]*$`, "a language code of letters, digits and _"),
	"OAuthScopes":              nonBlank(128),
	"BusinessUnitId":           nonBlank(18),
	"CustomAuthenticationType": nonBlank(256),
	"ApiKey":                   nonBlank(256),
	"SecretKey":                nonBlank(256),
	"ApiSecretKey":             nonBlank(256),
	"AccessKeyId":              nonBlank(256),
	"ApiToken":                 nonBlank(256),
	"ApplicationKey":           nonBlank(512),
	"ClientId":                 nonBlank(512),
	"ClientSecret":             nonBlank(512),
	"Username":                 nonBlank(512),
	"UserId":                   nonBlank(512),
	"SecretAccessKey":          nonBlank(512),
	"Datakey":                  nonBlank(512),
	"RedirectUri":              nonBlank(512),
	"AccessToken":              nonBlank(4096),
	"RefreshToken":             nonBlank(4096),
	"AuthCode":                 nonBlank(4096),
	"Password":                 anyText(512),
	"ClientCredentialsArn":     str(20, 2048, `^arn:aws:secretsmanager:.*:[0-9]+:`, "a Secrets Manager secret ARN"),
	"JwtToken":                 str(0, 8000, `^([a-zA-Z0-9_=]+)\.([a-zA-Z0-9_=]+)\.([a-zA-Z0-9_\-\+\/=]*)$`, "a JWT (header.payload.signature)"),
}

var ruleOverrides = map[string]rule{
	"RedshiftConnectorProfileCredentials.Username": anyText(2048),
}

// required lists the members each SDK type cannot do without.
var required = map[string][]string{
	"CreateConnectorProfileInput":                {"ConnectorProfileName", "ConnectorType", "ConnectionMode", "ConnectorProfileConfig"},
	"DatadogConnectorProfileProperties":          {"InstanceUrl"},
	"DynatraceConnectorProfileProperties":        {"InstanceUrl"},
	"InforNexusConnectorProfileProperties":       {"InstanceUrl"},
	"MarketoConnectorProfileProperties":          {"InstanceUrl"},
	"ServiceNowConnectorProfileProperties":       {"InstanceUrl"},
	"SlackConnectorProfileProperties":            {"InstanceUrl"},
	"VeevaConnectorProfileProperties":            {"InstanceUrl"},
	"ZendeskConnectorProfileProperties":          {"InstanceUrl"},
	"RedshiftConnectorProfileProperties":         {"BucketName", "RoleArn"},
	"SAPODataConnectorProfileProperties":         {"ApplicationHostUrl", "ApplicationServicePath", "PortNumber", "ClientNumber"},
	"SnowflakeConnectorProfileProperties":        {"Warehouse", "Stage", "BucketName"},
	"OAuthProperties":                            {"TokenUrl", "AuthCodeUrl", "OAuthScopes"},
	"OAuth2Properties":                           {"TokenUrl", "OAuth2GrantType"},
	"AmplitudeConnectorProfileCredentials":       {"ApiKey", "SecretKey"},
	"CustomConnectorProfileCredentials":          {"AuthenticationType"},
	"DatadogConnectorProfileCredentials":         {"ApiKey", "ApplicationKey"},
	"DynatraceConnectorProfileCredentials":       {"ApiToken"},
	"GoogleAnalyticsConnectorProfileCredentials": {"ClientId", "ClientSecret"},
	"InforNexusConnectorProfileCredentials":      {"AccessKeyId", "UserId", "SecretAccessKey", "Datakey"},
	"MarketoConnectorProfileCredentials":         {"ClientId", "ClientSecret"},
	"SingularConnectorProfileCredentials":        {"ApiKey"},
	"SlackConnectorProfileCredentials":           {"ClientId", "ClientSecret"},
	"SnowflakeConnectorProfileCredentials":       {"Username", "Password"},
	"TrendmicroConnectorProfileCredentials":      {"ApiSecretKey"},
	"VeevaConnectorProfileCredentials":           {"Username", "Password"},
	"ZendeskConnectorProfileCredentials":         {"ClientId", "ClientSecret"},
	"BasicAuthCredentials":                       {"Username", "Password"},
	"OAuthCredentials":                           {"ClientId", "ClientSecret"},
	"ApiKeyCredentials":                          {"ApiKey"},
	"CustomAuthCredentials":                      {"CustomAuthenticationType"},
}

// ruleFor finds the constraint on field of the SDK struct typeName.
func ruleFor(typeName, field string) (rule, bool) {
	if r, ok := ruleOverrides[typeName+"."+field]; ok {
		return r, true
	}
	if typeName == "CreateConnectorProfileInput" {
		r, ok := topRules[field]
		return r, ok
	}
	r, ok := leafRules[field]
	return r, ok
}

// wireName is the API's member name for an SDK field name: the field with a
// lower-case first letter (connector keys keep their PascalCase).
func wireName(field string) string {
	return strings.ToLower(field[:1]) + field[1:]
}
