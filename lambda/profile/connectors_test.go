package profile

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/google/go-cmp/cmp"
)

func oauthRequest(p string) *types.ConnectorOAuthRequest {
	return &types.ConnectorOAuthRequest{
		AuthCode:    aws.String("fake-" + p + "-authcode-7Kq2"),
		RedirectUri: aws.String("https://login.example.com/" + p + "/callback"),
	}
}

// TestDecodeConnectors decodes every member of every connector's properties and
// credentials (testdata/connectors/<key>.json) into the SDK's types.
func TestDecodeConnectors(t *testing.T) {
	type (
		P = types.ConnectorProfileProperties
		C = types.ConnectorProfileCredentials
	)
	tests := []struct {
		file        string
		typ         types.ConnectorType
		mode        types.ConnectionMode
		label, kms  string
		properties  P
		credentials C
	}{
		{
			file:        "Amplitude",
			typ:         types.ConnectorTypeAmplitude,
			properties:  P{Amplitude: &types.AmplitudeConnectorProfileProperties{}},
			credentials: C{Amplitude: &types.AmplitudeConnectorProfileCredentials{ApiKey: aws.String("fake-amplitude-apikey-A1"), SecretKey: aws.String("fake-amplitude-secretkey-A2")}},
		},
		{
			file:  "CustomConnector",
			typ:   types.ConnectorTypeCustomconnector,
			label: "acme-crm",
			kms:   "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
			properties: P{CustomConnector: &types.CustomConnectorProfileProperties{
				ProfileProperties: map[string]string{"api_version": "v2", "tenant": "acme-prod"},
				OAuth2Properties: &types.OAuth2Properties{
					TokenUrl:                 aws.String("https://auth.example.com/oauth2/token"),
					OAuth2GrantType:          types.OAuth2GrantTypeAuthorizationCode,
					TokenUrlCustomProperties: map[string]string{"audience": "https://api.example.com", "scope_set": "full"},
				},
			}},
			credentials: C{CustomConnector: &types.CustomConnectorProfileCredentials{
				AuthenticationType: types.AuthenticationTypeOauth2,
				Oauth2: &types.OAuth2Credentials{
					ClientId:     aws.String("fake-custom-oauth2-clientid-C1"),
					ClientSecret: aws.String("fake-custom-oauth2-clientsecret-C2"),
					AccessToken:  aws.String("fake-custom-oauth2-accesstoken-C3"),
					RefreshToken: aws.String("fake-custom-oauth2-refreshtoken-C4"),
					OAuthRequest: oauthRequest("custom"),
				},
				Basic:  &types.BasicAuthCredentials{Username: aws.String("fake-custom-basic-user-C5"), Password: aws.String("fake custom basic pass C6")},
				ApiKey: &types.ApiKeyCredentials{ApiKey: aws.String("fake-custom-apikey-C7"), ApiSecretKey: aws.String("fake-custom-apisecretkey-C8")},
				Custom: &types.CustomAuthCredentials{
					CustomAuthenticationType: aws.String("fake-custom-authtype-C9"),
					CredentialsMap:           map[string]string{"tenant_secret": "fake-custom-credmap-C10", "signing_key": "fake-custom-credmap-C11"},
				},
			}},
		},
		{
			file:        "Datadog",
			typ:         types.ConnectorTypeDatadog,
			properties:  P{Datadog: &types.DatadogConnectorProfileProperties{InstanceUrl: aws.String("https://api.datadoghq.eu")}},
			credentials: C{Datadog: &types.DatadogConnectorProfileCredentials{ApiKey: aws.String("fake-datadog-apikey-D1"), ApplicationKey: aws.String("fake-datadog-appkey-D2")}},
		},
		{
			file:        "Dynatrace",
			typ:         types.ConnectorTypeDynatrace,
			properties:  P{Dynatrace: &types.DynatraceConnectorProfileProperties{InstanceUrl: aws.String("https://abc12345.live.dynatrace.com")}},
			credentials: C{Dynatrace: &types.DynatraceConnectorProfileCredentials{ApiToken: aws.String("fake-dynatrace-apitoken-Y1")}},
		},
		{
			file:       "GoogleAnalytics",
			typ:        types.ConnectorTypeGoogleanalytics,
			properties: P{GoogleAnalytics: &types.GoogleAnalyticsConnectorProfileProperties{}},
			credentials: C{GoogleAnalytics: &types.GoogleAnalyticsConnectorProfileCredentials{
				ClientId:     aws.String("fake-ga-clientid-G1"),
				ClientSecret: aws.String("fake-ga-clientsecret-G2"),
				AccessToken:  aws.String("fake-ga-accesstoken-G3"),
				RefreshToken: aws.String("fake-ga-refreshtoken-G4"),
				OAuthRequest: oauthRequest("ga"),
			}},
		},
		{
			file:       "Honeycode",
			typ:        types.ConnectorTypeHoneycode,
			properties: P{Honeycode: &types.HoneycodeConnectorProfileProperties{}},
			credentials: C{Honeycode: &types.HoneycodeConnectorProfileCredentials{
				AccessToken:  aws.String("fake-honeycode-accesstoken-H1"),
				RefreshToken: aws.String("fake-honeycode-refreshtoken-H2"),
				OAuthRequest: oauthRequest("honeycode"),
			}},
		},
		{
			file:       "InforNexus",
			typ:        types.ConnectorTypeInfornexus,
			properties: P{InforNexus: &types.InforNexusConnectorProfileProperties{InstanceUrl: aws.String("https://network.infornexus.com")}},
			credentials: C{InforNexus: &types.InforNexusConnectorProfileCredentials{
				AccessKeyId:     aws.String("fake-infornexus-accesskeyid-I1"),
				UserId:          aws.String("fake-infornexus-userid-I2"),
				SecretAccessKey: aws.String("fake-infornexus-secretaccesskey-I3"),
				Datakey:         aws.String("fake-infornexus-datakey-I4"),
			}},
		},
		{
			file:       "Marketo",
			typ:        types.ConnectorTypeMarketo,
			properties: P{Marketo: &types.MarketoConnectorProfileProperties{InstanceUrl: aws.String("https://123-ABC-456.mktorest.com")}},
			credentials: C{Marketo: &types.MarketoConnectorProfileCredentials{
				ClientId:     aws.String("fake-marketo-clientid-M1"),
				ClientSecret: aws.String("fake-marketo-clientsecret-M2"),
				AccessToken:  aws.String("fake-marketo-accesstoken-M3"),
				OAuthRequest: oauthRequest("marketo"),
			}},
		},
		{
			file: "Pardot",
			typ:  types.ConnectorTypePardot,
			properties: P{Pardot: &types.PardotConnectorProfileProperties{
				InstanceUrl:          aws.String("https://pi.demo.pardot.com"),
				IsSandboxEnvironment: true,
				BusinessUnitId:       aws.String("0Uv5g000000TEST"),
			}},
			credentials: C{Pardot: &types.PardotConnectorProfileCredentials{
				AccessToken:          aws.String("fake-pardot-accesstoken-P1"),
				RefreshToken:         aws.String("fake-pardot-refreshtoken-P2"),
				OAuthRequest:         oauthRequest("pardot"),
				ClientCredentialsArn: aws.String("arn:aws:secretsmanager:us-east-1:111122223333:secret:fake-pardot-clientcreds-P3"),
			}},
		},
		{
			file: "Redshift",
			typ:  types.ConnectorTypeRedshift,
			properties: P{Redshift: &types.RedshiftConnectorProfileProperties{
				BucketName:           aws.String("acme-appflow-staging"),
				RoleArn:              aws.String("arn:aws:iam::111122223333:role/appflow-redshift-s3"),
				BucketPrefix:         aws.String("staging/redshift"),
				DatabaseUrl:          aws.String("jdbc:redshift://acme.abc123.us-east-1.redshift.amazonaws.com:5439/dev"),
				DataApiRoleArn:       aws.String("arn:aws:iam::111122223333:role/appflow-redshift-data-api"),
				IsRedshiftServerless: true,
				ClusterIdentifier:    aws.String("acme-cluster"),
				WorkgroupName:        aws.String("acme-workgroup"),
				DatabaseName:         aws.String("dev"),
			}},
			credentials: C{Redshift: &types.RedshiftConnectorProfileCredentials{Username: aws.String("fake-redshift-user-R1"), Password: aws.String("fake redshift pass R2")}},
		},
		{
			file: "SAPOData",
			typ:  types.ConnectorTypeSapodata,
			mode: types.ConnectionModePrivate,
			properties: P{SAPOData: &types.SAPODataConnectorProfileProperties{
				ApplicationHostUrl:     aws.String("https://sap.example.com"),
				ApplicationServicePath: aws.String("/sap/opu/odata/sap/API_SALES_ORDER_SRV"),
				PortNumber:             aws.Int32(443),
				ClientNumber:           aws.String("100"),
				LogonLanguage:          aws.String("EN"),
				PrivateLinkServiceName: aws.String("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"),
				DisableSSO:             true,
				OAuthProperties: &types.OAuthProperties{
					TokenUrl:    aws.String("https://sap.example.com/sap/bc/sec/oauth2/token"),
					AuthCodeUrl: aws.String("https://sap.example.com/sap/bc/sec/oauth2/authorize"),
					OAuthScopes: []string{"API_SALES_ORDER_SRV_0001", "openid"},
				},
			}},
			credentials: C{SAPOData: &types.SAPODataConnectorProfileCredentials{
				BasicAuthCredentials: &types.BasicAuthCredentials{Username: aws.String("fake-sap-basic-user-S1"), Password: aws.String("fake sap basic pass S2")},
				OAuthCredentials: &types.OAuthCredentials{
					ClientId:     aws.String("fake-sap-oauth-clientid-S3"),
					ClientSecret: aws.String("fake-sap-oauth-clientsecret-S4"),
					AccessToken:  aws.String("fake-sap-oauth-accesstoken-S5"),
					RefreshToken: aws.String("fake-sap-oauth-refreshtoken-S6"),
					OAuthRequest: oauthRequest("sap"),
				},
			}},
		},
		{
			file: "Salesforce",
			typ:  types.ConnectorTypeSalesforce,
			mode: types.ConnectionModePrivate,
			properties: P{Salesforce: &types.SalesforceConnectorProfileProperties{
				InstanceUrl:          aws.String("https://acme.my.salesforce.com"),
				IsSandboxEnvironment: false,
				UsePrivateLinkForMetadataAndAuthorization: true,
			}},
			credentials: C{Salesforce: &types.SalesforceConnectorProfileCredentials{
				AccessToken:          aws.String("fake-salesforce-accesstoken-F1"),
				RefreshToken:         aws.String("fake-salesforce-refreshtoken-F2"),
				OAuthRequest:         oauthRequest("salesforce"),
				ClientCredentialsArn: aws.String("arn:aws:secretsmanager:us-east-1:111122223333:secret:fake-salesforce-clientcreds-F3"),
				OAuth2GrantType:      types.OAuth2GrantTypeJwtBearer,
				JwtToken:             aws.String("eyJmYWtlIjoiRjQifQ.eyJzdWIiOiJGNSJ9.ZmFrZS1zaWduYXR1cmUtRjY="),
			}},
		},
		{
			file:       "ServiceNow",
			typ:        types.ConnectorTypeServicenow,
			properties: P{ServiceNow: &types.ServiceNowConnectorProfileProperties{InstanceUrl: aws.String("https://acme.service-now.com")}},
			credentials: C{ServiceNow: &types.ServiceNowConnectorProfileCredentials{
				Username: aws.String("fake-servicenow-user-N1"),
				Password: aws.String("fake servicenow pass N2"),
				OAuth2Credentials: &types.OAuth2Credentials{
					ClientId:     aws.String("fake-servicenow-clientid-N3"),
					ClientSecret: aws.String("fake-servicenow-clientsecret-N4"),
					AccessToken:  aws.String("fake-servicenow-accesstoken-N5"),
					RefreshToken: aws.String("fake-servicenow-refreshtoken-N6"),
					OAuthRequest: oauthRequest("servicenow"),
				},
			}},
		},
		{
			file:        "Singular",
			typ:         types.ConnectorTypeSingular,
			properties:  P{Singular: &types.SingularConnectorProfileProperties{}},
			credentials: C{Singular: &types.SingularConnectorProfileCredentials{ApiKey: aws.String("fake-singular-apikey-G1")}},
		},
		{
			file:       "Slack",
			typ:        types.ConnectorTypeSlack,
			properties: P{Slack: &types.SlackConnectorProfileProperties{InstanceUrl: aws.String("https://acme.slack.com")}},
			credentials: C{Slack: &types.SlackConnectorProfileCredentials{
				ClientId:     aws.String("fake-slack-clientid-K1"),
				ClientSecret: aws.String("fake-slack-clientsecret-K2"),
				AccessToken:  aws.String("fake-slack-accesstoken-K3"),
				OAuthRequest: oauthRequest("slack"),
			}},
		},
		{
			file: "Snowflake",
			typ:  types.ConnectorTypeSnowflake,
			mode: types.ConnectionModePrivate,
			properties: P{Snowflake: &types.SnowflakeConnectorProfileProperties{
				Warehouse:              aws.String("COMPUTE_WH"),
				Stage:                  aws.String("ACME.PUBLIC.APPFLOW_STAGE"),
				BucketName:             aws.String("acme-snowflake-stage"),
				BucketPrefix:           aws.String("appflow/"),
				PrivateLinkServiceName: aws.String("com.amazonaws.vpce.us-west-2.vpce-svc-0fedcba9876543210"),
				AccountName:            aws.String("xy12345"),
				Region:                 aws.String("us-west-2"),
			}},
			credentials: C{Snowflake: &types.SnowflakeConnectorProfileCredentials{Username: aws.String("fake-snowflake-user-W1"), Password: aws.String("fake snowflake pass W2")}},
		},
		{
			file:        "Trendmicro",
			typ:         types.ConnectorTypeTrendmicro,
			properties:  P{Trendmicro: &types.TrendmicroConnectorProfileProperties{}},
			credentials: C{Trendmicro: &types.TrendmicroConnectorProfileCredentials{ApiSecretKey: aws.String("fake-trendmicro-apisecretkey-T1")}},
		},
		{
			file:        "Veeva",
			typ:         types.ConnectorTypeVeeva,
			properties:  P{Veeva: &types.VeevaConnectorProfileProperties{InstanceUrl: aws.String("https://acme.veevavault.com")}},
			credentials: C{Veeva: &types.VeevaConnectorProfileCredentials{Username: aws.String("fake-veeva-user-V1"), Password: aws.String("fake veeva pass V2")}},
		},
		{
			file:       "Zendesk",
			typ:        types.ConnectorTypeZendesk,
			properties: P{Zendesk: &types.ZendeskConnectorProfileProperties{InstanceUrl: aws.String("https://acme.zendesk.com")}},
			credentials: C{Zendesk: &types.ZendeskConnectorProfileCredentials{
				ClientId:     aws.String("fake-zendesk-clientid-Z1"),
				ClientSecret: aws.String("fake-zendesk-clientsecret-Z2"),
				AccessToken:  aws.String("fake-zendesk-accesstoken-Z3"),
				OAuthRequest: oauthRequest("zendesk"),
			}},
		},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := mustDecode(t, readEvent(t, tt.file))
			mode := tt.mode
			if mode == "" {
				mode = types.ConnectionModePublic
			}
			properties, credentials := tt.properties, tt.credentials
			want := &Properties{Input: appflow.CreateConnectorProfileInput{
				ConnectorProfileName: aws.String("golden-" + strings.ToLower(tt.file)),
				ConnectorType:        tt.typ,
				ConnectionMode:       mode,
				ConnectorProfileConfig: &types.ConnectorProfileConfig{
					ConnectorProfileProperties:  &properties,
					ConnectorProfileCredentials: &credentials,
				},
			}}
			if tt.label != "" {
				want.Input.ConnectorLabel = aws.String(tt.label)
			}
			if tt.kms != "" {
				want.Input.KmsArn = aws.String(tt.kms)
			}
			if diff := cmp.Diff(want, got, sdkTypes); diff != "" {
				t.Errorf("Decode(testdata/connectors/%s.json) mismatch (-want +got):\n%s", tt.file, diff)
			}
		})
		covered[ConnectorKey(tt.typ)] = true
	}
	for _, key := range connectorKeys() {
		if !covered[key] {
			t.Errorf("connector key %s has no case", key)
		}
	}
}

// connectorKeys are the members of types.ConnectorProfileProperties.
func connectorKeys() []string {
	var keys []string
	for _, typ := range types.ConnectorType("").Values() {
		if key := ConnectorKey(typ); key != "" {
			keys = append(keys, key)
		}
	}
	return keys
}

// TestConnectorKey maps every ConnectorType to its configuration key.
func TestConnectorKey(t *testing.T) {
	want := map[types.ConnectorType]string{
		types.ConnectorTypeSalesforce:       "Salesforce",
		types.ConnectorTypeSingular:         "Singular",
		types.ConnectorTypeSlack:            "Slack",
		types.ConnectorTypeRedshift:         "Redshift",
		types.ConnectorTypeS3:               "",
		types.ConnectorTypeMarketo:          "Marketo",
		types.ConnectorTypeGoogleanalytics:  "GoogleAnalytics",
		types.ConnectorTypeZendesk:          "Zendesk",
		types.ConnectorTypeServicenow:       "ServiceNow",
		types.ConnectorTypeDatadog:          "Datadog",
		types.ConnectorTypeTrendmicro:       "Trendmicro",
		types.ConnectorTypeSnowflake:        "Snowflake",
		types.ConnectorTypeDynatrace:        "Dynatrace",
		types.ConnectorTypeInfornexus:       "InforNexus",
		types.ConnectorTypeAmplitude:        "Amplitude",
		types.ConnectorTypeVeeva:            "Veeva",
		types.ConnectorTypeEventbridge:      "",
		types.ConnectorTypeLookoutmetrics:   "",
		types.ConnectorTypeUpsolver:         "",
		types.ConnectorTypeHoneycode:        "Honeycode",
		types.ConnectorTypeCustomerprofiles: "",
		types.ConnectorTypeSapodata:         "SAPOData",
		types.ConnectorTypeCustomconnector:  "CustomConnector",
		types.ConnectorTypePardot:           "Pardot",
	}
	all := types.ConnectorType("").Values()
	if len(all) != 24 || len(want) != 24 {
		t.Fatalf("the SDK lists %d connector types and this table %d; want 24 of each", len(all), len(want))
	}
	for _, typ := range all {
		if got := ConnectorKey(typ); got != want[typ] {
			t.Errorf("ConnectorKey(%q) = %q, want %q", typ, got, want[typ])
		}
	}
}
