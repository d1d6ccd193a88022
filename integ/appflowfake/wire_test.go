package appflowfake_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
)

// post sends a raw body with a syntactically valid SigV4 header (the
// signature is not verified when the key is unknown and no keys are set).
func post(t *testing.T, srv *appflowfake.Server, path, body string) (int, string, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Amz-Date", "20250101T000000Z")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDRAW/20250101/us-east-1/appflow/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var e struct{ Type, Message string }
	json.Unmarshal(b, &struct {
		Type    *string `json:"__type"`
		Message *string `json:"message"`
	}{&e.Type, &e.Message})
	if resp.StatusCode != 200 && (resp.Header.Get("X-Amzn-ErrorType") != e.Type || resp.Header.Get("X-Amzn-Requestid") == "") {
		t.Errorf("error headers %v do not match body %s", resp.Header, b)
	}
	return resp.StatusCode, e.Type, e.Message
}

func create(name, typ, key, props, creds string) string {
	b := `{"connectorProfileName":"` + name + `","connectorType":"` + typ + `","connectionMode":"Public","connectorProfileConfig":{"connectorProfileProperties":{` + key + `:` + props + `}`
	if creds != "" {
		b += `,"connectorProfileCredentials":{` + key + `:` + creds + `}`
	}
	return b + `}}`
}

func TestWireConstraints(t *testing.T) {
	srv, err := appflowfake.Start(appflowfake.Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	sap := func(extra string) string {
		return create("sap", "SAPOData", `"SAPOData"`, `{"applicationHostUrl":"https://sap.example.com","applicationServicePath":"/sap/opu","portNumber":443,"clientNumber":"100"`+extra+`}`,
			`{"basicAuthCredentials":{"username":"u","password":"p w"}}`)
	}
	many := map[string]string{}
	for i := 0; i < 51; i++ {
		many[strings.Repeat("k", i+1)] = "v"
	}
	manyJSON, _ := json.Marshal(many)
	tests := []struct {
		name, path, body string
		status           int
		want             string
	}{
		{"valid sapodata", "/create-connector-profile", sap(""), 200, ""},
		{"port as string", "/create-connector-profile", strings.Replace(sap(""), "443", `"443"`, 1), 400, "portNumber' failed to satisfy constraint: Member must be an integer"},
		{"port 0", "/create-connector-profile", strings.Replace(sap(""), "443", "0", 1), 400, "greater than or equal to 1"},
		{"client number 4 digits", "/create-connector-profile", strings.Replace(sap(""), `"100"`, `"1000"`, 1), 400, "clientNumber"},
		{"logon language 3", "/create-connector-profile", sap(`,"logonLanguage":"ENG"`), 400, "logonLanguage"},
		{"private link unanchored", "/create-connector-profile", strings.Replace(sap(`,"privateLinkServiceName":"x com.amazonaws.vpce.us-east-1.vpce-svc-0123"`), `"sap"`, `"sap2"`, 1), 200, ""},
		{"private link bad", "/create-connector-profile", sap(`,"privateLinkServiceName":"vpce-svc-0123"`), 400, "privateLinkServiceName"},
		{"oauth scopes required", "/create-connector-profile", sap(`,"oAuthProperties":{"tokenUrl":"https://t.example.com/token","authCodeUrl":"https://t.example.com/auth"}`), 400, "Value null at 'connectorProfileConfig.connectorProfileProperties.SAPOData.oAuthProperties.oAuthScopes'"},
		{"boolean as string", "/create-connector-profile", sap(`,"disableSSO":"true"`), 400, "must be a boolean"},
		{"host url trailing dot", "/create-connector-profile", strings.Replace(sap(""), "https://sap.example.com", "https://sap.example.com.", 1), 400, "applicationHostUrl"},
		{"bucket 2 chars", "/create-connector-profile", create("rs", "Redshift", `"Redshift"`, `{"bucketName":"ab","roleArn":"arn:aws:iam::123456789012:role/r"}`, ""), 400, "bucketName"},
		{"role arn partition", "/create-connector-profile", create("rs", "Redshift", `"Redshift"`, `{"bucketName":"abc","roleArn":"arn:aws-cn:iam::123456789012:role/r"}`, ""), 400, "roleArn"},
		{"redshift no creds", "/create-connector-profile", create("rs", "Redshift", `"Redshift"`, `{"bucketName":"abc","roleArn":"arn:aws:iam::123456789012:role/r"}`, ""), 200, ""},
		{"jwt shape", "/create-connector-profile", create("sf", "Salesforce", `"Salesforce"`, `{}`, `{"jwtToken":"not-a-jwt"}`), 400, "jwtToken"},
		{"grant type enum", "/create-connector-profile", create("sf2", "Salesforce", `"Salesforce"`, `{}`, `{"oAuth2GrantType":"PASSWORD"}`), 400, "enum value set"},
		{"map over 50", "/create-connector-profile", create("cc", "CustomConnector", `"CustomConnector"`, `{"profileProperties":`+string(manyJSON)+`}`, `{"authenticationType":"CUSTOM","custom":{"customAuthenticationType":"x"}}`), 400, "less than or equal to 50"},
		{"map key pattern", "/create-connector-profile", create("cc", "CustomConnector", `"CustomConnector"`, `{"profileProperties":{"a-b":"v"}}`, `{"authenticationType":"CUSTOM","custom":{"customAuthenticationType":"x"}}`), 400, "profileProperties.key"},
		{"name 256 runes ok", "/create-connector-profile", create(strings.Repeat("é", 0)+strings.Repeat("n", 256), "Singular", `"Singular"`, `{}`, `{"apiKey":"k"}`), 200, ""},
		{"name 257", "/create-connector-profile", create(strings.Repeat("n", 257), "Singular", `"Singular"`, `{}`, `{"apiKey":"k"}`), 400, "length less than or equal to 256"},
		{"credential key for other type", "/create-connector-profile", strings.Replace(create("s2", "Singular", `"Singular"`, `{}`, `{"apiKey":"k"}`), `"connectorProfileCredentials":{"Singular":{"apiKey":"k"}`, `"connectorProfileCredentials":{"Slack":{"clientId":"a","clientSecret":"b"}`, 1), 400, "does not match connectorType"},
		{"keyless type with props", "/create-connector-profile", create("s3", "S3", `"Singular"`, `{}`, ""), 400, "does not match connectorType"},
		{"keyless type empty", "/create-connector-profile", `{"connectorProfileName":"s3b","connectorType":"S3","connectionMode":"Public","connectorProfileConfig":{"connectorProfileProperties":{}}}`, 200, ""},
		{"properties required", "/create-connector-profile", `{"connectorProfileName":"x","connectorType":"Singular","connectionMode":"Public","connectorProfileConfig":{}}`, 400, "connectorProfileConfig.connectorProfileProperties' failed"},
		{"wrong case member", "/create-connector-profile", strings.Replace(sap(""), "connectorProfileName", "ConnectorProfileName", 1), 400, "Value null at 'connectorProfileName'"},
		{"unknown member strict", "/delete-connector-profile", `{"connectorProfileName":"x","force":true}`, 400, "Unknown member(s): force"},
		{"token non-printable", "/update-connector-profile", `{"connectorProfileName":"sap","connectionMode":"Public","clientToken":"a\tb","connectorProfileConfig":{"connectorProfileProperties":{}}}`, 400, "clientToken"},
		{"describe max 0", "/describe-connector-profiles", `{"maxResults":0}`, 400, "maxResults"},
		{"describe bad token", "/describe-connector-profiles", `{"nextToken":"bogus"}`, 400, "nextToken"},
		{"describe empty", "/describe-connector-profiles", ``, 200, ""},
		{"not json", "/describe-connector-profiles", `oops`, 400, "not a JSON object"},
		{"unknown path", "/list-connectors", `{}`, 404, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, _, msg := post(t, srv, tc.path, tc.body)
			if status != tc.status || !strings.Contains(msg, tc.want) {
				t.Errorf("got %d %q, want %d containing %q", status, msg, tc.status, tc.want)
			}
			if strings.Contains(msg, "p w") {
				t.Errorf("message quotes a value: %s", msg)
			}
		})
	}
}
