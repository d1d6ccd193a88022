package profile

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"
)

const secretARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:appflow/datadog-AbCdEf"

// With CredentialsSecret the credentials may be left out inline: Decode
// checks the rest and does not require them.
func TestDecodeWithCredentialsSecretAlone(t *testing.T) {
	raw := edit(t, "Datadog", map[string]any{
		"CredentialsSecret": secretARN,
		credentialsPath:     absent,
	})
	p := mustDecode(t, raw)
	if p.CredentialsSecret != secretARN {
		t.Errorf("CredentialsSecret = %q", p.CredentialsSecret)
	}
	_, err := Decode(edit(t, "Datadog", map[string]any{"CredentialsSecret": "not a secret id", credentialsPath: absent}))
	if diff := cmp.Diff([]string{`CredentialsSecret: "not a secret id" is not allowed; use a Secrets Manager secret's name or ARN`}, problemLines(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestDecodeWithSecret(t *testing.T) {
	const datadog = credentialsPath + ".Datadog"
	tests := []struct {
		name   string
		inline map[string]any // edits of testdata/connectors/Datadog.json
		secret string
		want   []string // problems; none: decoded
	}{
		{
			name:   "every credential from the secret",
			inline: map[string]any{credentialsPath: absent},
			secret: `{"apiKey": "secret-api-key", "ApplicationKey": "secret-app-key"}`,
		},
		{
			name:   "some inline, some from the secret",
			inline: map[string]any{datadog + ".applicationKey": absent},
			secret: `{"applicationKey": "secret-app-key"}`,
		},
		{
			name:   "a member in both places",
			secret: `{"APIKEY": "secret-api-key"}`,
			want:   []string{datadog + ".apiKey: is given both here and in CredentialsSecret: keep one"},
		},
		{
			name:   "an unknown member in the secret",
			inline: map[string]any{datadog + ".applicationKey": absent},
			secret: `{"applicationKee": "secret-app-key"}`,
			want: []string{
				datadog + ".applicationKee (from CredentialsSecret): is not a known property; did you mean \"applicationKey\"?",
				datadog + ".applicationKey: is required",
			},
		},
		{
			name:   "a refused value in the secret, not quoted",
			inline: map[string]any{datadog + ".applicationKey": absent},
			secret: `{"applicationKey": "has a space"}`,
			want:   []string{datadog + ".applicationKey (from CredentialsSecret): the value is not allowed; use a non-empty value without whitespace"},
		},
		{
			name:   "a secret that is no JSON object",
			secret: `secret-api-key`,
			want:   []string{`credentialsSecret: the secret's value is not a JSON object of credential members (such as {"apiKey": "...", "secretKey": "..."}): store the credentials as key/value pairs`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.inline = mergedEdits(tt.inline, map[string]any{"CredentialsSecret": secretARN})
			p, err := DecodeWithSecret(edit(t, "Datadog", tt.inline), tt.secret)
			if diff := cmp.Diff(tt.want, problemLines(t, err)); diff != "" {
				t.Fatalf("problems (-want +got):\n%s", diff)
			}
			if strings.Contains(errText(err), "secret-") {
				t.Errorf("a problem quotes a credential: %v", err)
			}
			if err != nil {
				return
			}
			creds := p.Input.ConnectorProfileConfig.ConnectorProfileCredentials.Datadog
			if aws.ToString(creds.ApiKey) == "" || aws.ToString(creds.ApplicationKey) == "" {
				t.Errorf("credentials %+v, want both keys", creds)
			}
		})
	}
}

// Nested members merge: a Salesforce token inline, its OAuth request in the secret.
func TestDecodeWithSecretMergesNestedMembers(t *testing.T) {
	raw := edit(t, "Salesforce", map[string]any{
		"CredentialsSecret":                          secretARN,
		credentialsPath + ".Salesforce.oAuthRequest": absent,
	})
	p, err := DecodeWithSecret(raw, `{"ConnectorOAuthRequest": {"authCode": "secret-code", "redirectUri": "https://login.salesforce.com/cb"}}`)
	if err != nil {
		t.Fatal(err)
	}
	creds := p.Input.ConnectorProfileConfig.ConnectorProfileCredentials.Salesforce
	if creds.OAuthRequest == nil || aws.ToString(creds.OAuthRequest.AuthCode) != "secret-code" || aws.ToString(creds.AccessToken) == "" {
		t.Errorf("credentials %+v, want the inline token and the secret's OAuth request", creds)
	}
}

func mergedEdits(a, b map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
