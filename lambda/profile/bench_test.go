package profile

import (
	"encoding/json"
	"fmt"
	"testing"
)

// largeCustomConnector is a CustomConnector profile at the API's limits: 50
// profile properties, 50 token URL parameters, 50 credential map entries, OAuth 2
// scopes, and every authentication member, as CloudFormation sends it (all strings).
func largeCustomConnector(tb testing.TB) []byte {
	tb.Helper()
	entries := func(prefix string, n int) map[string]any {
		m := make(map[string]any, n)
		for i := range n {
			m[fmt.Sprintf("%s_%02d", prefix, i)] = fmt.Sprintf("%s-value-%02d-abcdefghijklmnopqrstuvwxyz0123456789", prefix, i)
		}
		return m
	}
	props := map[string]any{
		"ServiceToken":         "arn:aws:lambda:us-east-1:111122223333:function:connector-profile",
		"ServiceTimeout":       "600",
		"connectorProfileName": "bench-large-customconnector",
		"connectorType":        "CustomConnector",
		"connectionMode":       "Public",
		"connectorLabel":       "acme-crm",
		"kmsArn":               "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		"forceDelete":          "false",
		"connectorProfileConfig": map[string]any{
			"connectorProfileProperties": map[string]any{
				"CustomConnector": map[string]any{
					"profileProperties": entries("property", 50),
					"oAuth2Properties": map[string]any{
						"tokenUrl":                 "https://auth.example.com/oauth2/token",
						"oAuth2GrantType":          "AUTHORIZATION_CODE",
						"tokenUrlCustomProperties": entries("token_param", 50),
					},
				},
			},
			"connectorProfileCredentials": map[string]any{
				"CustomConnector": map[string]any{
					"authenticationType": "OAUTH2",
					"oauth2": map[string]any{
						"clientId":     "bench-oauth2-client-id-0123456789",
						"clientSecret": "bench-oauth2-client-secret-0123456789",
						"accessToken":  "bench-oauth2-access-token-0123456789",
						"refreshToken": "bench-oauth2-refresh-token-0123456789",
						"oAuthRequest": map[string]any{
							"authCode":    "bench-auth-code-0123456789",
							"redirectUri": "https://login.example.com/custom/callback",
						},
					},
					"basic":  map[string]any{"username": "bench-basic-user", "password": "bench basic password 0123456789"},
					"apiKey": map[string]any{"apiKey": "bench-api-key-0123456789", "apiSecretKey": "bench-api-secret-key-0123456789"},
					"custom": map[string]any{
						"customAuthenticationType": "bench-custom-auth",
						"credentialsMap":           entries("credential", 50),
					},
				},
			},
		},
	}
	raw, err := json.Marshal(props)
	if err != nil {
		tb.Fatal(err)
	}
	return raw
}

// BenchmarkDecodeCustomConnector decodes and validates the raw properties of a
// large CustomConnector profile, as the handler does for each Create and Update.
func BenchmarkDecodeCustomConnector(b *testing.B) {
	raw := largeCustomConnector(b)
	if _, err := Decode(raw); err != nil {
		b.Fatalf("Decode: %v", err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// typicalCustomConnector is an everyday CustomConnector profile: a few
// properties and token URL parameters, OAuth 2 credentials.
const typicalCustomConnector = `{
  "ServiceToken": "arn:aws:lambda:us-east-1:111122223333:function:connector-profile",
  "connectorProfileName": "bench-typical-customconnector",
  "connectorType": "CustomConnector",
  "connectionMode": "Public",
  "connectorLabel": "acme-crm",
  "connectorProfileConfig": {
    "connectorProfileProperties": {
      "CustomConnector": {
        "profileProperties": {"api_version": "v2", "tenant": "acme-prod"},
        "oAuth2Properties": {
          "tokenUrl": "https://auth.example.com/oauth2/token",
          "oAuth2GrantType": "CLIENT_CREDENTIALS",
          "tokenUrlCustomProperties": {"audience": "https://api.example.com"}
        }
      }
    },
    "connectorProfileCredentials": {
      "CustomConnector": {
        "authenticationType": "OAUTH2",
        "oauth2": {"clientId": "bench-oauth2-client-id", "clientSecret": "bench-oauth2-client-secret"}
      }
    }
  }
}`

// BenchmarkDecodeTypicalCustomConnector decodes and validates an everyday
// CustomConnector profile.
func BenchmarkDecodeTypicalCustomConnector(b *testing.B) {
	raw := []byte(typicalCustomConnector)
	if _, err := Decode(raw); err != nil {
		b.Fatalf("Decode: %v", err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeMapCustomConnector checks the same profile already parsed into
// Go maps, as the CDK construct and the template checker hand it over.
func BenchmarkDecodeMapCustomConnector(b *testing.B) {
	raw := largeCustomConnector(b)
	var props map[string]any
	if err := json.Unmarshal(raw, &props); err != nil {
		b.Fatal(err)
	}
	if _, err := DecodeMap(props, Options{}); err != nil {
		b.Fatalf("DecodeMap: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeMap(props, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
