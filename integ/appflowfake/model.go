package appflowfake

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// This file is the wire model of the four connector-profile operations:
// member names exactly as they travel in restJson1, with the Smithy
// constraints (required, enum, length, pattern, range) of API version
// 2020-08-23. Patterns are applied as written (not implicitly anchored).

type kind int

const (
	kString kind = iota
	kInt
	kBool
	kStruct
	kMap
	kList
)

type shape struct {
	kind      kind
	min, max  int // string length (code points), map/list entries, or int range; max < 0 = none
	pattern   *regexp.Regexp
	enum      []string
	members   map[string]member // kStruct
	key, elem *shape            // kMap key/value, kList element
	sensitive bool
}

type member struct {
	shape    *shape
	required bool
}

func str(min, max int, pattern string) *shape {
	s := &shape{kind: kString, min: min, max: max}
	if pattern != "" {
		s.pattern = regexp.MustCompile(pattern)
	}
	return s
}

func secret(s *shape) *shape { c := *s; c.sensitive = true; return &c }

func enum(values ...string) *shape { return &shape{kind: kString, min: 0, max: -1, enum: values} }

const (
	nonWS   = `^\S+$`
	httpURL = `^(https?)://[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]$`
	anyStr  = `.*`
)

var (
	boolean = &shape{kind: kBool}
	kvMap   = &shape{kind: kMap, min: 0, max: 50, key: str(1, 128, `^[\w]+$`), elem: str(0, 2048, nonWS)}

	oAuth2GrantType = enum("CLIENT_CREDENTIALS", "AUTHORIZATION_CODE", "JWT_BEARER")

	// leaves maps a member name (or name=alias) to its shape; members with
	// the same name share constraints across connectors.
	leaves = map[string]*shape{
		"instanceUrl":              str(0, 256, nonWS),
		"bucketName":               str(3, 63, nonWS),
		"bucketPrefix":             str(0, 512, anyStr),
		"roleArn":                  str(0, 512, `^arn:aws:iam:.*:[0-9]+:`),
		"dataApiRoleArn":           str(0, 512, `^arn:aws:iam:.*:[0-9]+:`),
		"databaseUrl":              str(0, 512, nonWS),
		"clusterIdentifier":        str(0, 512, nonWS),
		"workgroupName":            str(0, 512, nonWS),
		"databaseName":             str(0, 512, nonWS),
		"stage":                    str(0, 512, nonWS),
		"accountName":              str(0, 512, nonWS),
		"applicationServicePath":   str(0, 512, nonWS),
		"warehouse":                str(0, 512, `^[\s\w/!@#+=.-]*$`),
		"region":                   str(0, 64, nonWS),
		"privateLinkServiceName":   str(0, 512, `^$|com.amazonaws.vpce.[\w/!:@#.\-]+$`),
		"applicationHostUrl":       str(0, 256, httpURL),
		"tokenUrl":                 str(0, 256, httpURL),
		"authCodeUrl":              str(0, 256, httpURL),
		"portNumber":               {kind: kInt, min: 1, max: 65535},
		"clientNumber":             str(3, 3, `^\d{3}$`),
		"logonLanguage":            str(0, 2, `^[a-zA-Z0-9_]*$`),
		"oAuthScopes":              {kind: kList, min: 0, max: -1, elem: str(0, 128, nonWS)},
		"businessUnitId":           str(0, 18, nonWS),
		"profileProperties":        kvMap,
		"tokenUrlCustomProperties": kvMap,
		"credentialsMap":           secret(kvMap),
		"customAuthenticationType": str(0, 256, nonWS),
		"apiKey":                   secret(str(0, 256, nonWS)),
		"secretKey":                secret(str(0, 256, nonWS)),
		"apiSecretKey":             secret(str(0, 256, nonWS)),
		"accessKeyId":              secret(str(0, 256, nonWS)),
		"apiToken":                 str(0, 256, nonWS),
		"applicationKey":           str(0, 512, nonWS),
		"clientId":                 str(0, 512, nonWS),
		"clientSecret":             secret(str(0, 512, nonWS)),
		"username":                 str(0, 512, nonWS),
		"userId":                   str(0, 512, nonWS),
		"secretAccessKey":          str(0, 512, nonWS),
		"datakey":                  str(0, 512, nonWS),
		"redirectUri":              str(0, 512, nonWS),
		"accessToken":              secret(str(0, 4096, nonWS)),
		"refreshToken":             str(0, 4096, nonWS),
		"authCode":                 str(0, 4096, nonWS),
		"password":                 secret(str(0, 512, anyStr)),
		"redshiftUsername":         str(0, 2048, anyStr),
		"clientCredentialsArn":     secret(str(20, 2048, `^arn:aws:secretsmanager:.*:[0-9]+:`)),
		"jwtToken":                 secret(str(0, 8000, `^([a-zA-Z0-9_=]+)\.([a-zA-Z0-9_=]+)\.([a-zA-Z0-9_\-\+\/=]*)$`)),
		"oAuth2GrantType":          oAuth2GrantType,
		"authenticationType":       enum("OAUTH2", "APIKEY", "BASIC", "CUSTOM"),
		"isSandboxEnvironment":     boolean,
		"usePrivateLinkForMetadataAndAuthorization": boolean,
		"isRedshiftServerless":                      boolean,
		"disableSSO":                                boolean,
	}

	// structs are the nested sub-structures, members listed as in the
	// model; "*" marks a required member, "wire=leaf" picks another leaf.
	structs = map[string]string{
		"oAuthRequest":     "authCode redirectUri",
		"oAuthProperties":  "tokenUrl* authCodeUrl* oAuthScopes*",
		"oAuth2Properties": "tokenUrl* oAuth2GrantType* tokenUrlCustomProperties",
		"basic":            "username* password*",
		"oAuthCredentials": "clientId* clientSecret* accessToken refreshToken oAuthRequest",
		"oauth2":           "clientId clientSecret accessToken refreshToken oAuthRequest",
		"apiKeyCreds":      "apiKey* apiSecretKey",
		"custom":           "customAuthenticationType* credentialsMap",
	}

	// connectors: config key -> ConnectorType value, properties, credentials.
	connectors = map[string]struct{ typ, props, creds string }{
		"Amplitude":       {"Amplitude", "", "apiKey* secretKey*"},
		"CustomConnector": {"CustomConnector", "profileProperties oAuth2Properties", "authenticationType* basic oauth2 apiKey=apiKeyCreds custom"},
		"Datadog":         {"Datadog", "instanceUrl*", "apiKey* applicationKey*"},
		"Dynatrace":       {"Dynatrace", "instanceUrl*", "apiToken*"},
		"GoogleAnalytics": {"Googleanalytics", "", "clientId* clientSecret* accessToken refreshToken oAuthRequest"},
		"Honeycode":       {"Honeycode", "", "accessToken refreshToken oAuthRequest"},
		"InforNexus":      {"Infornexus", "instanceUrl*", "accessKeyId* userId* secretAccessKey* datakey*"},
		"Marketo":         {"Marketo", "instanceUrl*", "clientId* clientSecret* accessToken oAuthRequest"},
		"Pardot":          {"Pardot", "instanceUrl isSandboxEnvironment businessUnitId", "accessToken refreshToken oAuthRequest clientCredentialsArn"},
		"Redshift":        {"Redshift", "bucketName* roleArn* bucketPrefix databaseUrl dataApiRoleArn isRedshiftServerless clusterIdentifier workgroupName databaseName", "username=redshiftUsername password"},
		"SAPOData":        {"SAPOData", "applicationHostUrl* applicationServicePath* portNumber* clientNumber* logonLanguage privateLinkServiceName oAuthProperties disableSSO", "basicAuthCredentials=basic oAuthCredentials"},
		"Salesforce":      {"Salesforce", "instanceUrl isSandboxEnvironment usePrivateLinkForMetadataAndAuthorization", "accessToken refreshToken oAuthRequest clientCredentialsArn oAuth2GrantType jwtToken"},
		"ServiceNow":      {"Servicenow", "instanceUrl*", "username password oAuth2Credentials=oauth2"},
		"Singular":        {"Singular", "", "apiKey*"},
		"Slack":           {"Slack", "instanceUrl*", "clientId* clientSecret* accessToken oAuthRequest"},
		"Snowflake":       {"Snowflake", "warehouse* stage* bucketName* bucketPrefix privateLinkServiceName accountName region", "username* password*"},
		"Trendmicro":      {"Trendmicro", "", "apiSecretKey*"},
		"Veeva":           {"Veeva", "instanceUrl*", "username* password*"},
		"Zendesk":         {"Zendesk", "instanceUrl*", "clientId* clientSecret* accessToken oAuthRequest"},
	}

	// ConnectorTypes is the ConnectorType enum (24 values).
	ConnectorTypes = []string{"Salesforce", "Singular", "Slack", "Redshift", "S3", "Marketo", "Googleanalytics",
		"Zendesk", "Servicenow", "Datadog", "Trendmicro", "Snowflake", "Dynatrace", "Infornexus", "Amplitude",
		"Veeva", "EventBridge", "LookoutMetrics", "Upsolver", "Honeycode", "CustomerProfiles", "SAPOData",
		"CustomConnector", "Pardot"}

	nameShape  = str(1, 256, `^[\w/!@#+=.-]+$`)
	labelShape = str(0, 256, `^[a-zA-Z0-9][\w!@#.-]+$`)

	// Operation inputs.
	inputs = map[string]*shape{}
)

func init() {
	structShapes := map[string]*shape{}
	var build func(spec string) *shape
	resolve := func(name string) *shape {
		if s, ok := leaves[name]; ok {
			return s
		}
		if s, ok := structShapes[name]; ok {
			return s
		}
		spec, ok := structs[name]
		if !ok {
			panic("appflowfake: no shape " + name)
		}
		s := build(spec)
		structShapes[name] = s
		return s
	}
	build = func(spec string) *shape {
		s := &shape{kind: kStruct, members: map[string]member{}}
		for _, f := range strings.Fields(spec) {
			req := strings.HasSuffix(f, "*")
			f = strings.TrimSuffix(f, "*")
			wire, ref, ok := strings.Cut(f, "=")
			if !ok {
				ref = wire
			}
			s.members[wire] = member{shape: resolve(ref), required: req}
		}
		return s
	}
	props := &shape{kind: kStruct, members: map[string]member{}}
	creds := &shape{kind: kStruct, members: map[string]member{}}
	for key, c := range connectors {
		props.members[key] = member{shape: build(c.props)}
		creds.members[key] = member{shape: build(c.creds)}
	}
	config := &shape{kind: kStruct, members: map[string]member{
		"connectorProfileProperties":  {shape: props, required: true},
		"connectorProfileCredentials": {shape: creds},
	}}
	token := str(1, 256, `^[ -~]+$`)
	inputs[opCreate] = &shape{kind: kStruct, members: map[string]member{
		"connectorProfileName":   {shape: nameShape, required: true},
		"connectorType":          {shape: enum(ConnectorTypes...), required: true},
		"connectionMode":         {shape: enum("Public", "Private"), required: true},
		"connectorProfileConfig": {shape: config, required: true},
		"kmsArn":                 {shape: str(20, 2048, `^arn:aws:kms:.*:[0-9]+:`)},
		"connectorLabel":         {shape: labelShape},
		"clientToken":            {shape: token},
	}}
	inputs[opUpdate] = &shape{kind: kStruct, members: map[string]member{
		"connectorProfileName":   {shape: nameShape, required: true},
		"connectionMode":         {shape: enum("Public", "Private"), required: true},
		"connectorProfileConfig": {shape: config, required: true},
		"clientToken":            {shape: token},
	}}
	inputs[opDelete] = &shape{kind: kStruct, members: map[string]member{
		"connectorProfileName": {shape: nameShape, required: true},
		"forceDelete":          {shape: boolean},
	}}
	inputs[opDescribe] = &shape{kind: kStruct, members: map[string]member{
		"connectorProfileNames": {shape: &shape{kind: kList, min: 0, max: 100, elem: nameShape}},
		"connectorType":         {shape: enum(ConnectorTypes...)},
		"connectorLabel":        {shape: labelShape},
		"maxResults":            {shape: &shape{kind: kInt, min: 1, max: 100}},
		"nextToken":             {shape: str(0, 2048, nonWS)},
	}}
}

// configKey returns the connectorProfileConfig key for a ConnectorType, or
// "" for the types that have none (S3, EventBridge, ...).
func configKey(connectorType string) string {
	for key, c := range connectors {
		if c.typ == connectorType {
			return key
		}
	}
	return ""
}

// validate checks v against s and returns constraint violations in the
// service's wording. It never quotes a value. Unknown members are reported
// in unknown (the service ignores them).
func validate(path string, s *shape, v any, errs, unknown *[]string) {
	fail := func(format string, a ...any) {
		*errs = append(*errs, fmt.Sprintf("Value at '%s' failed to satisfy constraint: %s", path, fmt.Sprintf(format, a...)))
	}
	if v == nil {
		return // explicit null: treated as absent
	}
	switch s.kind {
	case kString:
		str, ok := v.(string)
		if !ok {
			fail("Member must be a string")
			return
		}
		n := utf8.RuneCountInString(str)
		if len(s.enum) > 0 {
			if !contains(s.enum, str) {
				fail("Member must satisfy enum value set: [%s]", strings.Join(s.enum, ", "))
			}
			return
		}
		if n < s.min {
			fail("Member must have length greater than or equal to %d", s.min)
		}
		if s.max >= 0 && n > s.max {
			fail("Member must have length less than or equal to %d", s.max)
		}
		if s.pattern != nil && !s.pattern.MatchString(str) {
			fail("Member must satisfy regular expression pattern: %s", s.pattern)
		}
	case kInt:
		num, ok := v.(json.Number)
		i, err := num.Int64()
		if !ok || err != nil {
			fail("Member must be an integer")
			return
		}
		if i < int64(s.min) {
			fail("Member must have value greater than or equal to %d", s.min)
		}
		if s.max >= 0 && i > int64(s.max) {
			fail("Member must have value less than or equal to %d", s.max)
		}
	case kBool:
		if _, ok := v.(bool); !ok {
			fail("Member must be a boolean")
		}
	case kList:
		list, ok := v.([]any)
		if !ok {
			fail("Member must be a list")
			return
		}
		if s.max >= 0 && len(list) > s.max {
			fail("Member must have length less than or equal to %d", s.max)
		}
		for i, e := range list {
			validate(fmt.Sprintf("%s.%d", path, i+1), s.elem, e, errs, unknown)
		}
	case kMap:
		m, ok := v.(map[string]any)
		if !ok {
			fail("Member must be a map")
			return
		}
		if s.max >= 0 && len(m) > s.max {
			fail("Member must have length less than or equal to %d", s.max)
		}
		for _, k := range sortedKeys(m) {
			validate(path+".key", s.key, k, errs, unknown)
			validate(path+"."+k, s.elem, m[k], errs, unknown)
		}
	case kStruct:
		m, ok := v.(map[string]any)
		if !ok {
			fail("Member must be a structure")
			return
		}
		prefix := path
		if prefix != "" {
			prefix += "."
		}
		for _, name := range sortedKeys(s.members) {
			mem := s.members[name]
			if val, ok := m[name]; ok && val != nil {
				validate(prefix+name, mem.shape, val, errs, unknown)
			} else if mem.required {
				*errs = append(*errs, fmt.Sprintf("Value null at '%s' failed to satisfy constraint: Member must not be null", prefix+name))
			}
		}
		for _, name := range sortedKeys(m) {
			if _, ok := s.members[name]; !ok {
				*unknown = append(*unknown, prefix+name)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// redact returns a copy of a decoded request with every value under
// connectorProfileCredentials and every sensitive member replaced.
func redact(v any, s *shape, inCreds bool) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			var sub *shape
			creds := inCreds || k == "connectorProfileCredentials"
			if s != nil {
				switch s.kind {
				case kStruct:
					sub = s.members[k].shape
				case kMap:
					sub = s.elem
				}
			}
			if sub != nil && sub.sensitive {
				creds = true
			}
			out[k] = redact(e, sub, creds)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			var sub *shape
			if s != nil {
				sub = s.elem
			}
			out[i] = redact(e, sub, inCreds)
		}
		return out
	default:
		if inCreds && v != nil {
			if _, ok := v.(bool); ok {
				return v
			}
			return "***"
		}
		return v
	}
}
