package integ_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// secretsClient is an SDK client on the rig's Secrets Manager, as a user's
// or a rotation function's would be.
func (r *rig) secretsClient() *secretsmanager.Client {
	return secretsmanager.New(secretsmanager.Options{
		Region:       r.SecretsManager.Region(),
		BaseEndpoint: aws.String(r.SecretsManager.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(harness.FakeAccessKeyID, harness.FakeSecretAccessKey, ""),
	})
}

// createSecret stores value as a new secret's JSON and returns its ARN.
func (r *rig) createSecret(t *testing.T, name string, value map[string]any) string {
	t.Helper()
	b, _ := json.Marshal(value)
	out, err := r.secretsClient().CreateSecret(context.Background(), &secretsmanager.CreateSecretInput{Name: aws.String(name), SecretString: aws.String(string(b))})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.ARN)
}

// putSecret makes value the secret's current JSON, as a rotation does.
func (r *rig) putSecret(t *testing.T, id string, value map[string]any) {
	t.Helper()
	b, _ := json.Marshal(value)
	if _, err := r.secretsClient().PutSecretValue(context.Background(), &secretsmanager.PutSecretValueInput{SecretId: aws.String(id), SecretString: aws.String(string(b))}); err != nil {
		t.Fatal(err)
	}
}

// credentialsOf is the connectorProfileCredentials.<Key> object of properties.
func credentialsOf(props map[string]any) map[string]any {
	config, _ := props["connectorProfileConfig"].(map[string]any)
	creds, _ := config["connectorProfileCredentials"].(map[string]any)
	for _, v := range creds {
		if m, ok := v.(map[string]any); ok {
			return m
		}
	}
	return nil
}

// moveToSecret takes the credential members of ev named (every one when
// none) out of its properties and returns them.
func moveToSecret(ev *harness.Event, members ...string) map[string]any {
	creds := credentialsOf(ev.ResourceProperties)
	moved := map[string]any{}
	for k, v := range creds {
		if len(members) == 0 || slices.Contains(members, k) {
			moved[k] = v
			delete(creds, k)
		}
	}
	return moved
}

// inSecret moves the credentials of ev named (every one when none) into a
// new secret named after the profile, names its ARN as ev's
// credentialsSecret and returns the ARN.
func (r *rig) inSecret(t *testing.T, ev *harness.Event, members ...string) string {
	t.Helper()
	arn := r.createSecret(t, "appflow/"+ev.ProfileName(), moveToSecret(ev, members...))
	ev.ResourceProperties["credentialsSecret"] = arn
	return arn
}

// sentCredentials is what AppFlow received as the credentials of the last
// call to op.
func sentCredentials(t *testing.T, srv *appflowfake.Server, op string) map[string]any {
	t.Helper()
	calls := srv.CallsTo(op)
	if len(calls) == 0 {
		t.Fatalf("no %s reached AppFlow", op)
	}
	return credentialsOf(calls[len(calls)-1].Input)
}

// The credentials come from the secret: AppFlow receives them, and the
// Delete needs no secret.
func TestCredentialsFromSecret(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	ev := canaryCreate(t, "from-secret")
	want := credentialsOf(ev.Clone().ResourceProperties)
	r.inSecret(t, &ev)
	if len(credentialsOf(ev.ResourceProperties)) != 0 {
		t.Fatalf("credentials left inline: %v", credentialsOf(ev.ResourceProperties))
	}
	res := expect(t, r, ev, "SUCCESS")
	if got := sentCredentials(t, r.AppFlow, opCreate); !cmp.Equal(got, want) {
		t.Errorf("AppFlow received other credentials than the secret holds: %s", cmp.Diff(want, got))
	}
	if p, _ := r.AppFlow.Get("from-secret"); p.CredentialsArn == "" {
		t.Errorf("AppFlow stored no credentials")
	}
	expect(t, r, deleteOf(ev, res.PhysicalResourceID), "SUCCESS")
	if n := len(r.SecretsManager.CallsTo("GetSecretValue")); n != 1 {
		t.Errorf("GetSecretValue called %d times, want once (the Create; the Delete needs no credentials)", n)
	}
}

// Some credentials inline, the others from the secret (named by name, not
// ARN): AppFlow receives them all.
func TestCredentialsInlineAndFromSecret(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	ev := canaryCreate(t, "split")
	want := credentialsOf(ev.Clone().ResourceProperties)
	moved := moveToSecret(&ev, "applicationKey")
	r.createSecret(t, "appflow/split", moved)
	ev.ResourceProperties["credentialsSecret"] = "appflow/split"
	if len(moved) != 1 || len(credentialsOf(ev.ResourceProperties)) != 1 {
		t.Fatalf("moved %v, left %v", moved, credentialsOf(ev.ResourceProperties))
	}
	expect(t, r, ev, "SUCCESS")
	if got := sentCredentials(t, r.AppFlow, opCreate); !cmp.Equal(got, want) {
		t.Errorf("AppFlow received: %s", cmp.Diff(want, got))
	}
}

// A member both inline and in the secret: FAILED naming it, quoting neither
// value, and nothing reaches AppFlow.
func TestCredentialInBothPlaces(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	ev := canaryCreate(t, "both")
	inline := credentialsOf(ev.ResourceProperties)
	fromSecret := harness.WithCanaries(ev.Clone())
	r.createSecret(t, "appflow/both", map[string]any{"ApiKey": credentialsOf(fromSecret.ResourceProperties)["apiKey"]})
	ev.ResourceProperties["credentialsSecret"] = "appflow/both"
	res := expect(t, r, ev, "FAILED")
	const want = "connectorProfileConfig.connectorProfileCredentials.Datadog.apiKey: is given both here and in CredentialsSecret"
	if !strings.Contains(res.Reason, want) {
		t.Errorf("Reason %q does not say %q", res.Reason, want)
	}
	if strings.Contains(res.Reason, inline["apiKey"].(string)) {
		t.Errorf("Reason quotes the inline value")
	}
	if calls := r.AppFlow.Calls(); len(calls) != 0 {
		t.Errorf("AppFlow was called: %v", calls)
	}
}

// A new value put in the secret, then the EventBridge rule's input: AppFlow
// gets UpdateConnectorProfile with the new credentials and the properties
// and mode it had.
func TestRotation(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	ev := canaryCreate(t, "rotated")
	arn := r.inSecret(t, &ev)
	expect(t, r, ev, "SUCCESS")
	before, _ := r.AppFlow.Get("rotated")

	rotated := credentialsOf(canaryCreate(t, "rotated").ResourceProperties) // new canaries
	r.putSecret(t, arn, rotated)
	d := r.Rotate(context.Background(), "rotated", arn)
	if d.InvokeErr != nil || d.FunctionError() {
		t.Fatalf("rotation: %v %s", d.InvokeErr, d.Invoke.Body)
	}
	if got := sentCredentials(t, r.AppFlow, "UpdateConnectorProfile"); !cmp.Equal(got, rotated) {
		t.Errorf("AppFlow was updated with other credentials than the secret's new ones: %s", cmp.Diff(rotated, got))
	}
	after, _ := r.AppFlow.Get("rotated")
	if !after.UpdatedAt.After(before.UpdatedAt) {
		t.Errorf("the profile was not updated")
	}
	if string(after.Properties) != string(before.Properties) || after.ConnectionMode != before.ConnectionMode {
		t.Errorf("the rotation changed the profile: properties %s mode %s, were %s %s", after.Properties, after.ConnectionMode, before.Properties, before.ConnectionMode)
	}
	r.Close() // the function's output is whole
	if !logged(r, "rotation: credentials updated from the secret") {
		t.Errorf("the function did not log the rotation")
	}
}

// logged reports whether the function logged a line with that message; after
// Close, when the output is whole.
func logged(r *rig, message string) bool {
	for _, l := range harness.FunctionLines(r.Lambda.Output()) {
		var line map[string]any
		if json.Unmarshal([]byte(l), &line) == nil && line["message"] == message {
			return true
		}
	}
	return false
}
