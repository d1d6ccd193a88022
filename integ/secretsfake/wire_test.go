package secretsfake_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/integ/secretsfake"
)

// TestWire sends requests as bytes: what the SDK never sends still gets the
// service's kind of answer, an awsJson1_1 error.
func TestWire(t *testing.T) {
	srv, err := secretsfake.Start(secretsfake.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	const signed = "AWS4-HMAC-SHA256 Credential=AKIDRAW/20250101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host;x-amz-date, Signature=00"
	tests := []struct {
		name, method, target, contentType, auth, body string
		status                                        int
		code                                          string
	}{
		{"a good request", "POST", "secretsmanager.CreateSecret", "application/x-amz-json-1.1", signed, `{"Name": "wire"}`, 200, ""},
		{"no signature", "POST", "secretsmanager.GetSecretValue", "application/x-amz-json-1.1", "", `{"SecretId": "wire"}`, 403, "MissingAuthenticationTokenException"},
		{"another service's signature", "POST", "secretsmanager.GetSecretValue", "application/x-amz-json-1.1", strings.Replace(signed, "/secretsmanager/", "/appflow/", 1), `{"SecretId": "wire"}`, 403, "InvalidSignatureException"},
		{"unknown operation", "POST", "secretsmanager.RotateSecret", "application/x-amz-json-1.1", signed, `{}`, 400, "UnknownOperationException"},
		{"another protocol's content type", "POST", "secretsmanager.GetSecretValue", "application/json", signed, `{"SecretId": "wire"}`, 400, "SerializationException"},
		{"a body that is no object", "POST", "secretsmanager.GetSecretValue", "application/x-amz-json-1.1", signed, `["wire"]`, 400, "SerializationException"},
		{"a missing required member", "POST", "secretsmanager.GetSecretValue", "application/x-amz-json-1.1", signed, `{"VersionStage": "AWSCURRENT"}`, 400, "ValidationException"},
		{"a blob that is no base64", "POST", "secretsmanager.PutSecretValue", "application/x-amz-json-1.1", signed, `{"SecretId": "wire", "SecretBinary": "%%%"}`, 400, "ValidationException"},
		{"a member the stand-in does not implement", "POST", "secretsmanager.CreateSecret", "application/x-amz-json-1.1", signed, `{"Name": "replicated", "AddReplicaRegions": [{"Region": "eu-west-1"}]}`, 501, "NotImplemented"},
		{"the refused secret was not made", "POST", "secretsmanager.CreateSecret", "application/x-amz-json-1.1", signed, `{"Name": "replicated"}`, 200, ""},
		{"GET", "GET", "secretsmanager.GetSecretValue", "application/x-amz-json-1.1", signed, ``, 404, "UnknownOperationException"},
	}
	for _, tc := range tests {
		req, _ := http.NewRequest(tc.method, srv.URL+"/", strings.NewReader(tc.body))
		req.Header.Set("X-Amz-Target", tc.target)
		req.Header.Set("Content-Type", tc.contentType)
		req.Header.Set("X-Amz-Date", "20250101T000000Z")
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var e struct {
			Type    string `json:"__type"`
			Message string `json:"message"`
		}
		json.Unmarshal(b, &e)
		if resp.StatusCode != tc.status || e.Type != tc.code {
			t.Errorf("%s: %d %s, want %d %s", tc.name, resp.StatusCode, b, tc.status, tc.code)
		}
		if resp.Header.Get("Content-Type") != "application/x-amz-json-1.1" || resp.Header.Get("X-Amzn-Requestid") == "" ||
			resp.Header.Get("X-Amzn-ErrorType") != tc.code || tc.code != "" && e.Message == "" {
			t.Errorf("%s: headers %v, body %s", tc.name, resp.Header, b)
		}
	}
}
