package integ_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/integ/fault"
)

// rejectedCredentials is AppFlow's answer when the connector refuses the credentials.
func rejectedCredentials(op string) fault.Fault {
	return fault.Fault{Op: op, Kind: fault.Error, Status: 401, Code: "ConnectorAuthenticationException",
		Message: "The connector rejected the credentials"}
}

var credentialsArnRE = regexp.MustCompile(`^arn:aws:secretsmanager:us-east-1:123456789012:secret:appflow!123456789012-[\w/!@#+=.-]+-\d{13}-[A-Za-z0-9]{6}$`)

// Create -> Update in place -> Update with replacement -> Delete of the old
// id -> Delete, as CloudFormation sends them.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	create := loadEvent(t, "create.json")
	name := create.ProfileName()

	res := expect(t, r, create, "SUCCESS")
	if res.PhysicalResourceID != name {
		t.Errorf("create: PhysicalResourceId %q, want %q", res.PhysicalResourceID, name)
	}
	p, ok := r.AppFlow.Get(name)
	if !ok {
		t.Fatalf("create: profile %s not in AppFlow", name)
	}
	if got := res.Data["ConnectorProfileArn"]; got != p.Arn {
		t.Errorf("Data.ConnectorProfileArn = %v, want %s", got, p.Arn)
	}
	if got := res.Data["ConnectorProfileName"]; got != name {
		t.Errorf("Data.ConnectorProfileName = %v, want %s", got, name)
	}
	if got, _ := res.Data["CredentialsArn"].(string); got != p.CredentialsArn || !credentialsArnRE.MatchString(got) {
		t.Errorf("Data.CredentialsArn = %q, want %q", got, p.CredentialsArn)
	}
	creates := r.AppFlow.CallsTo("CreateConnectorProfile")
	if len(creates) != 1 || clientToken(creates[0]) != create.RequestID {
		t.Errorf("create: want one CreateConnectorProfile with clientToken = RequestId, got %v", creates)
	}

	inPlace := loadEvent(t, "update-in-place.json")
	res = expect(t, r, inPlace, "SUCCESS")
	if res.PhysicalResourceID != name {
		t.Errorf("update in place: PhysicalResourceId %q, want %q", res.PhysicalResourceID, name)
	}
	updates := r.AppFlow.CallsTo("UpdateConnectorProfile")
	if len(updates) != 1 || clientToken(updates[0]) != inPlace.RequestID {
		t.Errorf("update in place: want one UpdateConnectorProfile with clientToken = RequestId, got %v", updates)
	}
	if p, _ := r.AppFlow.Get(name); !strings.Contains(string(p.Properties), "api.datadoghq.eu") {
		t.Errorf("update in place: properties now %s", p.Properties)
	}
	if n := len(r.AppFlow.CallsTo("CreateConnectorProfile")) + len(r.AppFlow.CallsTo("DeleteConnectorProfile")); n != 1 {
		t.Errorf("update in place created or deleted profiles")
	}

	replace := loadEvent(t, "update-replace.json")
	newName := replace.ProfileName()
	res = expect(t, r, replace, "SUCCESS")
	if res.PhysicalResourceID != newName {
		t.Errorf("replace: PhysicalResourceId %q, want the new name %q", res.PhysicalResourceID, newName)
	}
	if _, ok := r.AppFlow.Get(newName); !ok {
		t.Errorf("replace: new profile %s not created", newName)
	}
	if _, ok := r.AppFlow.Get(name); !ok {
		t.Errorf("replace: old profile %s deleted before CloudFormation asked", name)
	}

	expect(t, r, deleteOf(replace, name), "SUCCESS")
	if _, ok := r.AppFlow.Get(name); ok {
		t.Errorf("delete old: %s still exists", name)
	}
	expect(t, r, loadEvent(t, "delete.json"), "SUCCESS")
	if ps := r.AppFlow.Profiles(); len(ps) != 0 {
		t.Errorf("after delete: profiles left: %v", ps)
	}
}

// A Create the Lambda rejects, then the rollback Delete with the id the
// failure carried: SUCCESS and no AppFlow delete.
func TestRollbackAfterInvalidCreate(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	create := loadEvent(t, "create.json").Fresh()
	setProp(&create, "connectorProfileConfig.connectorProfileProperties.Datadog.instanceUrl", "not a url")
	res := expect(t, r, create, "FAILED")
	if want := "create-failed:" + create.RequestID; res.PhysicalResourceID != want {
		t.Errorf("PhysicalResourceId %q, want %q", res.PhysicalResourceID, want)
	}
	if !strings.Contains(res.Reason, "instanceUrl") {
		t.Errorf("Reason %q does not name the property", res.Reason)
	}
	expect(t, r, deleteOf(create, res.PhysicalResourceID), "SUCCESS")
	if n := len(r.AppFlow.CallsTo("DeleteConnectorProfile")); n != 0 {
		t.Errorf("rollback Delete called DeleteConnectorProfile %d times", n)
	}
}

// AppFlow rejects the Create; the rollback Delete touches nothing.
func TestRollbackAfterAppFlowRejectsCreate(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	r.AppFlow.Faults.Inject(rejectedCredentials("CreateConnectorProfile"))
	create := loadEvent(t, "create.json").Fresh()
	res := expect(t, r, create, "FAILED")
	if want := "create-failed:" + create.RequestID; res.PhysicalResourceID != want {
		t.Errorf("PhysicalResourceId %q, want %q", res.PhysicalResourceID, want)
	}
	expect(t, r, deleteOf(create, res.PhysicalResourceID), "SUCCESS")
	if n := len(r.AppFlow.CallsTo("DeleteConnectorProfile")); n != 0 {
		t.Errorf("rollback Delete called DeleteConnectorProfile %d times", n)
	}
}

// A failed in-place Update keeps the old id; the rollback Update restores
// the old properties.
func TestRollbackAfterFailedUpdate(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	create := loadEvent(t, "create.json")
	name := create.ProfileName()
	expect(t, r, create, "SUCCESS")

	r.AppFlow.Faults.Inject(rejectedCredentials("UpdateConnectorProfile"))
	update := loadEvent(t, "update-in-place.json")
	res := expect(t, r, update, "FAILED")
	if res.PhysicalResourceID != name {
		t.Errorf("failed update: PhysicalResourceId %q, want the old %q", res.PhysicalResourceID, name)
	}
	back := r.rollbackOf(update)
	res = expect(t, r, back, "SUCCESS")
	if res.PhysicalResourceID != name {
		t.Errorf("rollback: PhysicalResourceId %q, want %q", res.PhysicalResourceID, name)
	}
	if p, _ := r.AppFlow.Get(name); !strings.Contains(string(p.Properties), "api.datadoghq.com") {
		t.Errorf("rollback: properties now %s", p.Properties)
	}
}

// A replacement whose new name is taken fails with the old id; the rollback
// Update leaves both profiles alone.
func TestRollbackAfterFailedReplacement(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	create := loadEvent(t, "create.json")
	expect(t, r, create, "SUCCESS")
	replace := loadEvent(t, "update-replace.json")
	replace.OldResourceProperties = create.ResourceProperties
	other := r.seed(replace.ProfileName(), "Datadog")

	res := expect(t, r, replace, "FAILED")
	if res.PhysicalResourceID != create.ProfileName() {
		t.Errorf("failed replace: PhysicalResourceId %q, want the old %q", res.PhysicalResourceID, create.ProfileName())
	}
	expect(t, r, r.rollbackOf(replace), "SUCCESS")
	if got, ok := r.AppFlow.Get(other.Name); !ok || got.UpdatedAt != other.UpdatedAt {
		t.Errorf("the other owner's profile %s was changed or deleted", other.Name)
	}
	if _, ok := r.AppFlow.Get(create.ProfileName()); !ok {
		t.Errorf("own profile deleted")
	}
}

// A replacement that succeeded, then a later resource fails: CloudFormation
// sends an Update back to the old properties under the new id. The old
// profile still exists and is taken back (the stack is rolling back, and its
// events show the resource had that name); the cleanup then deletes the new one.
func TestRollbackAfterSuccessfulReplacement(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	create := loadEvent(t, "create.json")
	expect(t, r, create, "SUCCESS")
	replace := loadEvent(t, "update-replace.json")
	replace.OldResourceProperties = create.ResourceProperties
	expect(t, r, replace, "SUCCESS")

	rollback := r.rollbackOf(replace)
	rollback.PhysicalResourceID = replace.ProfileName()
	res := expect(t, r, rollback, "SUCCESS")
	if res.PhysicalResourceID != create.ProfileName() {
		t.Errorf("rollback: PhysicalResourceId %q, want the old %q", res.PhysicalResourceID, create.ProfileName())
	}
	expect(t, r, deleteOf(rollback, replace.ProfileName()), "SUCCESS")
	if ps := r.AppFlow.Profiles(); len(ps) != 1 || ps[0].Name != create.ProfileName() {
		t.Errorf("after the cleanup: profiles %v, want only %s", ps, create.ProfileName())
	}
}

// Changing a replacement property but keeping the name cannot work.
func TestReplacementKeepingName(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	create := loadEvent(t, "create.json")
	expect(t, r, create, "SUCCESS")
	update := loadEvent(t, "update-in-place.json")
	setProp(&update, "connectorLabel", "SomeLabel")
	res := expect(t, r, update, "FAILED")
	if res.PhysicalResourceID != create.ProfileName() {
		t.Errorf("PhysicalResourceId %q, want the old %q", res.PhysicalResourceID, create.ProfileName())
	}
	if !strings.Contains(strings.ToLower(res.Reason), "name") {
		t.Errorf("Reason %q should ask for a new name", res.Reason)
	}
}
