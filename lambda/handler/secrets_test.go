package handler

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
)

const (
	secretID     = "arn:aws:secretsmanager:us-east-1:123456789012:secret:appflow/sales-AbCdEf"
	secretCanary = "canary-from-the-secret-5e4d3c"
)

// salesforceFromSecret is salesforce() with its tokens in CredentialsSecret.
func salesforceFromSecret() json.RawMessage {
	return salesforce(func(p map[string]any) {
		p["CredentialsSecret"] = secretID
		delete(p["ConnectorProfileConfig"].(map[string]any), "ConnectorProfileCredentials")
	})
}

func TestCredentialsFromTheSecret(t *testing.T) {
	tests := []struct {
		name       string
		ev         customresource.Event
		secrets    fakeSecrets
		fake       *fakeAppFlow
		wantStatus customresource.Status
		wantCalls  []string
		wantReason string
	}{
		{
			name:       "create with every credential from the secret",
			ev:         event(customresource.Create, "", salesforceFromSecret(), nil),
			secrets:    fakeSecrets{secretID: `{"accessToken": "` + secretCanary + `", "refreshToken": "` + secretCanary + `-r"}`},
			wantStatus: customresource.Success, wantCalls: []string{"Create", "Describe"},
		},
		{
			name:       "update in place reads the secret again",
			ev:         event(customresource.Update, "sales", salesforceFromSecret(), salesforce(nil)),
			secrets:    fakeSecrets{secretID: `{"accessToken": "` + secretCanary + `"}`},
			wantStatus: customresource.Success, wantCalls: []string{"Update", "Describe"},
		},
		{
			name:       "a secret that does not exist",
			ev:         event(customresource.Create, "", salesforceFromSecret(), nil),
			wantStatus: customresource.Failed,
			wantReason: `could not read CredentialsSecret "` + secretID + `": ResourceNotFoundException: Secrets Manager can't find the specified secret. (check the secret's name or ARN`,
		},
		{
			name: "a member both inline and in the secret",
			ev: event(customresource.Create, "", salesforce(func(p map[string]any) {
				p["CredentialsSecret"] = secretID
			}), nil),
			secrets:    fakeSecrets{secretID: `{"AccessToken": "` + secretCanary + `"}`},
			wantStatus: customresource.Failed,
			wantReason: "ConnectorProfileConfig.ConnectorProfileCredentials.Salesforce.AccessToken: is given both here and in CredentialsSecret: keep one",
		},
		{
			name:       "a secret value the checks refuse",
			ev:         event(customresource.Create, "", salesforceFromSecret(), nil),
			secrets:    fakeSecrets{secretID: `{"accessToken": "` + secretCanary + ` with spaces"}`},
			wantStatus: customresource.Failed,
			wantReason: "accessToken (from CredentialsSecret): the value is not allowed",
		},
		{
			name:       "AppFlow quotes a credential from the secret",
			ev:         event(customresource.Create, "", salesforceFromSecret(), nil),
			secrets:    fakeSecrets{secretID: `{"accessToken": "` + secretCanary + `"}`},
			fake:       &fakeAppFlow{create: answer[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput](apiError("ConnectorAuthenticationException", "token "+secretCanary[:20]+" expired"))},
			wantStatus: customresource.Failed, wantCalls: []string{"Create"},
			wantReason: "token **** expired",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cf := newCloudFormation(t)
			logs := &lockedBuffer{}
			fake := tt.fake
			if fake == nil {
				fake = &fakeAppFlow{}
			}
			h := newTestHandler(fake, nil, logs)
			h.SecretsManager = tt.secrets
			tt.ev.ResponseURL = cf.url()
			if err := handle(context.Background(), h, tt.ev); err != nil {
				t.Fatal(err)
			}
			got := cf.responses(t)
			if len(got) != 1 || got[0].Status != tt.wantStatus || !strings.Contains(got[0].Reason, tt.wantReason) {
				t.Fatalf("responses %+v, want one %s with %q", got, tt.wantStatus, tt.wantReason)
			}
			if diff := cmp.Diff(tt.wantCalls, fake.callList()); diff != "" {
				t.Errorf("AppFlow calls (-want +got):\n%s", diff)
			}
			for _, in := range fake.inputs {
				if c, ok := in.(*appflow.CreateConnectorProfileInput); ok && aws.ToString(c.ConnectorProfileConfig.ConnectorProfileCredentials.Salesforce.AccessToken) != secretCanary {
					t.Errorf("Create sent without the secret's token")
				}
			}
			if text := logs.String() + string(cf.bodies[0]); strings.Contains(text, secretCanary[:8]) {
				t.Errorf("a credential from the secret leaked:\n%s", text)
			}
		})
	}
}

func rotationInput(name string) []byte {
	b, _ := json.Marshal(map[string]any{RotationKey: map[string]string{"ConnectorProfileName": name, "CredentialsSecret": secretID}})
	return b
}

// AppFlow's listing of the Salesforce profile "sales".
func listedSales() func(context.Context, *appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error) {
	return func(context.Context, *appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error) {
		d := detailOf("sales")
		d.ConnectionMode = types.ConnectionModePrivate
		d.ConnectorProfileProperties = &types.ConnectorProfileProperties{Salesforce: &types.SalesforceConnectorProfileProperties{
			InstanceUrl: aws.String("https://example.my.salesforce.com/"), IsSandboxEnvironment: true,
		}}
		return &appflow.DescribeConnectorProfilesOutput{ConnectorProfileDetails: []types.ConnectorProfile{d}}, nil
	}
}

// AppFlow's listing of a Datadog profile "sales".
func listedDatadog() func(context.Context, *appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error) {
	return func(context.Context, *appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error) {
		d := detailOf("sales")
		d.ConnectorType = types.ConnectorTypeDatadog
		d.ConnectorProfileProperties = &types.ConnectorProfileProperties{Datadog: &types.DatadogConnectorProfileProperties{
			InstanceUrl: aws.String("https://api.datadoghq.com"),
		}}
		return &appflow.DescribeConnectorProfilesOutput{ConnectorProfileDetails: []types.ConnectorProfile{d}}, nil
	}
}

func TestRotation(t *testing.T) {
	tests := []struct {
		name      string
		fake      *fakeAppFlow
		secrets   fakeSecrets
		wantErr   bool
		wantCalls []string
		wantLog   string
	}{
		{
			name:      "the profile takes the secret's new credentials, keeping its properties and mode",
			fake:      &fakeAppFlow{describe: listedSales()},
			secrets:   fakeSecrets{secretID: `{"accessToken": "` + secretCanary + `", "refreshToken": "` + secretCanary + `-r"}`},
			wantCalls: []string{"Describe", "Update"},
			wantLog:   "rotation: credentials updated from the secret",
		},
		{
			name:      "a profile that no longer exists",
			fake:      &fakeAppFlow{describe: listing()},
			secrets:   fakeSecrets{secretID: `{"accessToken": "` + secretCanary + `"}`},
			wantCalls: []string{"Describe"},
			wantLog:   "the profile no longer exists; nothing changed",
		},
		{
			name:      "a secret that lacks what AppFlow requires",
			fake:      &fakeAppFlow{describe: listedDatadog()},
			secrets:   fakeSecrets{secretID: `{"apiKey": "` + secretCanary + `"}`},
			wantCalls: []string{"Describe"},
			wantLog:   "applicationKey: is required",
		},
		{
			name:      "a secret that is gone",
			fake:      &fakeAppFlow{describe: listedSales()},
			wantCalls: []string{"Describe"},
			wantLog:   "ResourceNotFoundException",
		},
		{
			name: "AppFlow failing with a message that quotes the secret: Lambda retries, told nothing of it",
			fake: &fakeAppFlow{describe: listedSales(),
				update: answer[appflow.UpdateConnectorProfileInput, appflow.UpdateConnectorProfileOutput](apiError("InternalServerException", "token "+secretCanary+" refused"))},
			secrets:   fakeSecrets{secretID: `{"accessToken": "` + secretCanary + `"}`},
			wantErr:   true,
			wantCalls: []string{"Describe", "Update"},
			wantLog:   "token **** refused",
		},
		{
			name: "AppFlow throttling past the SDK's retries: Lambda retries the event",
			fake: &fakeAppFlow{describe: listedSales(),
				update: answer[appflow.UpdateConnectorProfileInput, appflow.UpdateConnectorProfileOutput](apiError("ThrottlingException", "Rate exceeded"))},
			secrets:   fakeSecrets{secretID: `{"accessToken": "` + secretCanary + `"}`},
			wantErr:   true,
			wantCalls: []string{"Describe", "Update"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs := &lockedBuffer{}
			h := newTestHandler(tt.fake, nil, logs)
			h.SecretsManager = tt.secrets
			_, err := h.Invoke(context.Background(), rotationInput("sales"))
			if (err != nil) != tt.wantErr {
				t.Errorf("Invoke error = %v, want an error: %v", err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), secretCanary[:8]) {
				t.Errorf("the error aws-lambda-go logs quotes the secret: %v", err)
			}
			if diff := cmp.Diff(tt.wantCalls, tt.fake.callList()); diff != "" {
				t.Errorf("AppFlow calls (-want +got):\n%s", diff)
			}
			if !strings.Contains(logs.String(), tt.wantLog) {
				t.Errorf("log lacks %q:\n%s", tt.wantLog, logs)
			}
			if strings.Contains(logs.String(), secretCanary[:8]) {
				t.Errorf("a credential from the secret reached the log:\n%s", logs)
			}
			for _, in := range tt.fake.inputs {
				if u, ok := in.(*appflow.UpdateConnectorProfileInput); ok {
					sf := u.ConnectorProfileConfig.ConnectorProfileProperties.Salesforce
					if u.ConnectionMode != types.ConnectionModePrivate || sf == nil || !sf.IsSandboxEnvironment ||
						aws.ToString(u.ConnectorProfileConfig.ConnectorProfileCredentials.Salesforce.AccessToken) != secretCanary {
						t.Errorf("update %+v, want the listed mode and properties with the secret's token", u)
					}
				}
			}
		})
	}
}
