package integ_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// The fault matrix's scenarios for CredentialsSecret and rotation.

const (
	opGetSecret = "GetSecretValue"
	opUpdate    = "UpdateConnectorProfile"
)

// creatingFromSecret sends a Create whose credentials all come from
// CredentialsSecret, and expects status with a Reason containing reasonHas.
func creatingFromSecret(status, reasonHas string) scenario {
	return func(t *testing.T, r *rig, f harness.Faults) string {
		ev := canaryCreate(t, profileName(t))
		r.inSecret(t, &ev)
		// By name, which has no random part, so the row is the same each run.
		ev.ResourceProperties["credentialsSecret"] = "appflow/" + ev.ProfileName()
		obs, _ := expectCreate(t, r, f, ev, status, reasonHas)
		return obs + advice(r) + "; " + secretReads(r)
	}
}

// advice quotes the advice that ends the Reason of the first FAILED
// response, which the observation may have cut short.
func advice(r *rig) string {
	for _, d := range r.Deliveries() {
		if reason := d.Response().Reason; d.Response().Status == "FAILED" && strings.HasSuffix(reason, ")") {
			if i := strings.LastIndex(reason, " ("); i >= 0 {
				return fmt.Sprintf("; the Reason ends %q", reason[i+1:])
			}
		}
	}
	return ""
}

// secretMissing: the credentials moved to a secret, but CredentialsSecret
// names one that does not exist.
func secretMissing(t *testing.T, r *rig, f harness.Faults) string {
	ev := canaryCreate(t, profileName(t))
	moveToSecret(&ev)
	ev.ResourceProperties["credentialsSecret"] = "appflow/no-such-secret"
	obs, _ := expectCreate(t, r, f, ev, "FAILED", "check the secret's name or ARN")
	return obs + advice(r) + "; " + secretReads(r)
}

// secretScheduledForDeletion: CredentialsSecret names a secret that is
// scheduled for deletion.
func secretScheduledForDeletion(t *testing.T, r *rig, f harness.Faults) string {
	ev := canaryCreate(t, profileName(t))
	if err := r.SecretsManager.ScheduleDeletion(r.inSecret(t, &ev)); err != nil {
		t.Fatal(err)
	}
	ev.ResourceProperties["credentialsSecret"] = "appflow/" + ev.ProfileName()
	obs, _ := expectCreate(t, r, f, ev, "FAILED", "scheduled for deletion")
	return obs + advice(r) + "; " + secretReads(r)
}

// neverCreated adds to s the check that the Create failed before it asked
// AppFlow for a profile.
func neverCreated(s scenario) scenario {
	return func(t *testing.T, r *rig, f harness.Faults) string {
		obs := s(t, r, f)
		if calls := r.AppFlow.CallsTo(opCreate); len(calls) != 0 {
			t.Errorf("AppFlow was asked to create a profile: %v", calls)
		}
		return obs
	}
}

// secretReads says how Secrets Manager answered each GetSecretValue.
func secretReads(r *rig) string {
	var answers []string
	for _, c := range r.SecretsManager.CallsTo(opGetSecret) {
		switch {
		case c.Status == 0:
			answers = append(answers, "no answer")
		case c.ErrorCode != "":
			answers = append(answers, c.ErrorCode)
		default:
			answers = append(answers, "200")
		}
	}
	return "GetSecretValue answered " + strings.Join(answers, ", ")
}

// rotated is a profile made from a secret, the credentials the secret holds
// at the rotation, and what came of the rotation input.
type rotated struct {
	name, secret string
	before       appflowfake.Profile
	newValue     map[string]any
	d            harness.Delivery
}

// rotate creates a profile from a secret, puts change(credentials) as the
// secret's new value, lets prepare act (delete the profile, say), then sends
// the rotation input with the faults f.
func rotate(t *testing.T, r *rig, f harness.Faults, change func(map[string]any), prepare func(rotated)) rotated {
	t.Helper()
	ev := canaryCreate(t, profileName(t))
	rot := rotated{name: ev.ProfileName(), secret: r.inSecret(t, &ev)}
	expect(t, r, ev, "SUCCESS")
	rot.before, _ = r.AppFlow.Get(rot.name)
	rot.newValue = credentialsOf(canaryCreate(t, rot.name).ResourceProperties) // new canaries
	change(rot.newValue)
	r.putSecret(t, rot.secret, rot.newValue)
	if prepare != nil {
		prepare(rot)
	}
	r.Inject(f)
	rot.d = r.Rotate(context.Background(), rot.name, rot.secret)
	if rot.d.InvokeErr != nil {
		t.Fatalf("invoke: %v", rot.d.InvokeErr)
	}
	return rot
}

// whole leaves the secret's new credentials as they are.
func whole(map[string]any) {}

// describeRotation says what the invoke returned and what AppFlow was asked.
func describeRotation(d harness.Delivery, r *rig) string {
	s := "no function error"
	if d.FunctionError() {
		s = "function error"
		if strings.Contains(string(d.Invoke.Body), "ThrottlingException") {
			s += " naming ThrottlingException"
		}
	}
	updates := 0
	for _, c := range r.AppFlow.CallsTo(opUpdate) {
		if c.Status == 200 {
			updates++
		}
	}
	return fmt.Sprintf("%s after %.1f s; %d profile(s) updated; %s", s, d.Invoke.Duration.Seconds(), updates, secretReads(r))
}

// nothingChanged checks that the rotation left the profile as it was,
// answered no error and logged why (after Close, when the output is whole).
func nothingChanged(t *testing.T, r *rig, rot rotated, logs string) {
	t.Helper()
	if rot.d.FunctionError() {
		t.Errorf("the function returned an error, so Lambda would retry: %s", rot.d.Invoke.Body)
	}
	if after, ok := r.AppFlow.Get(rot.name); ok && !after.UpdatedAt.Equal(rot.before.UpdatedAt) {
		t.Errorf("the profile was updated")
	}
	r.Close()
	if !logged(r, logs) {
		t.Errorf("the function did not log %q", logs)
	}
}

// rotationProfileGone: the stack deleted the profile before the rotation event came.
func rotationProfileGone(t *testing.T, r *rig, f harness.Faults) string {
	rot := rotate(t, r, f, whole, func(rot rotated) {
		del := canaryCreate(t, rot.name)
		mustAnswer(t, r, r.send(deleteOf(del, rot.name)))
	})
	if n := len(r.AppFlow.CallsTo(opUpdate)); n != 0 {
		t.Errorf("UpdateConnectorProfile called %d times", n)
	}
	obs := describeRotation(rot.d, r)
	nothingChanged(t, r, rot, "rotation: the profile no longer exists; nothing changed")
	return fmt.Sprintf("%s; %d profile(s)", obs, len(r.profiles()))
}

// rotationSecretIncomplete: the new value lacks applicationKey, which
// Datadog requires.
func rotationSecretIncomplete(t *testing.T, r *rig, f harness.Faults) string {
	rot := rotate(t, r, f, func(v map[string]any) { delete(v, "applicationKey") }, nil)
	if n := len(r.AppFlow.CallsTo(opUpdate)); n != 0 {
		t.Errorf("UpdateConnectorProfile called %d times", n)
	}
	obs := describeRotation(rot.d, r)
	nothingChanged(t, r, rot, "rotation: the secret does not make valid credentials; nothing changed")
	return obs
}

// rotationRetried: the rotation fails with a retryable error, so the
// function returns an error; Lambda's retry, with the fault gone, updates the
// profile with the secret's new credentials.
func rotationRetried(t *testing.T, r *rig, f harness.Faults) string {
	rot := rotate(t, r, f, whole, nil)
	if !rot.d.FunctionError() {
		t.Errorf("no function error, so Lambda would not retry: %s", rot.d.Invoke.Body)
	}
	if after, _ := r.AppFlow.Get(rot.name); !after.UpdatedAt.Equal(rot.before.UpdatedAt) {
		t.Errorf("the profile was updated although the function failed")
	}
	obs := describeRotation(rot.d, r)
	r.ClearFaults()
	retry := r.Rotate(context.Background(), rot.name, rot.secret)
	if retry.InvokeErr != nil || retry.FunctionError() {
		t.Fatalf("Lambda's retry: %v %s", retry.InvokeErr, retry.Invoke.Body)
	}
	if got := sentCredentials(t, r.AppFlow, opUpdate); !cmp.Equal(got, rot.newValue) {
		t.Errorf("the retry updated other credentials than the secret's new ones: %s", cmp.Diff(rot.newValue, got))
	}
	after, _ := r.AppFlow.Get(rot.name)
	if string(after.Properties) != string(rot.before.Properties) || after.ConnectionMode != rot.before.ConnectionMode {
		t.Errorf("the rotation changed the profile's properties or mode")
	}
	return obs + "; Lambda's retry updates the profile with the new credentials"
}

// checkSecretReads checks how Secrets Manager answered each GetSecretValue.
func checkSecretReads(t *testing.T, r *rig, codes ...string) {
	t.Helper()
	var got []string
	for _, c := range r.SecretsManager.CallsTo(opGetSecret) {
		got = append(got, c.ErrorCode)
	}
	if !slices.Equal(got, codes) {
		t.Errorf("GetSecretValue answered %q, want %q", got, codes)
	}
}
