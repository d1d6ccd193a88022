package integ_test

import (
	"regexp"
	"strings"
	"testing"
)

var credentialsArnRE = regexp.MustCompile(`^arn:aws:secretsmanager:us-east-1:123456789012:secret:appflow!123456789012-[\w/!@#+=.-]+-\d{13}-[A-Za-z0-9]{6}$`)

// Create -> Update in place -> Update with replacement -> Delete of the old
// id -> Delete, as CloudFormation sends them.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	create := loadEvent(t, "create.json")
	name := create.ProfileName()

	res := mustStatus(t, e.send(create), "SUCCESS")
	if res.Response.PhysicalResourceID != name {
		t.Errorf("create: PhysicalResourceId %q, want %q", res.Response.PhysicalResourceID, name)
	}
	p, ok := e.AppFlow.Get(name)
	if !ok {
		t.Fatalf("create: profile %s not in AppFlow", name)
	}
	if got := res.Response.Data["ConnectorProfileArn"]; got != p.Arn {
		t.Errorf("Data.ConnectorProfileArn = %v, want %s", got, p.Arn)
	}
	if got := res.Response.Data["ConnectorProfileName"]; got != name {
		t.Errorf("Data.ConnectorProfileName = %v, want %s", got, name)
	}
	if got, _ := res.Response.Data["CredentialsArn"].(string); got != p.CredentialsArn || !credentialsArnRE.MatchString(got) {
		t.Errorf("Data.CredentialsArn = %q, want %q", got, p.CredentialsArn)
	}
	creates := e.AppFlow.CallsTo("CreateConnectorProfile")
	if len(creates) != 1 || clientToken(creates[0]) != create.RequestID {
		t.Errorf("create: want one CreateConnectorProfile with clientToken = RequestId, got %v", creates)
	}

	inPlace := loadEvent(t, "update-in-place.json")
	res = mustStatus(t, e.send(inPlace), "SUCCESS")
	if res.Response.PhysicalResourceID != name {
		t.Errorf("update in place: PhysicalResourceId %q, want %q", res.Response.PhysicalResourceID, name)
	}
	updates := e.AppFlow.CallsTo("UpdateConnectorProfile")
	if len(updates) != 1 || clientToken(updates[0]) != inPlace.RequestID {
		t.Errorf("update in place: want one UpdateConnectorProfile with clientToken = RequestId, got %v", updates)
	}
	if p, _ := e.AppFlow.Get(name); !strings.Contains(string(p.Properties), "api.datadoghq.eu") {
		t.Errorf("update in place: properties now %s", p.Properties)
	}
	if n := len(e.AppFlow.CallsTo("CreateConnectorProfile")) + len(e.AppFlow.CallsTo("DeleteConnectorProfile")); n != 1 {
		t.Errorf("update in place created or deleted profiles")
	}

	replace := loadEvent(t, "update-replace.json")
	newName := replace.ProfileName()
	res = mustStatus(t, e.send(replace), "SUCCESS")
	if res.Response.PhysicalResourceID != newName {
		t.Errorf("replace: PhysicalResourceId %q, want the new name %q", res.Response.PhysicalResourceID, newName)
	}
	if _, ok := e.AppFlow.Get(newName); !ok {
		t.Errorf("replace: new profile %s not created", newName)
	}
	if _, ok := e.AppFlow.Get(name); !ok {
		t.Errorf("replace: old profile %s deleted before CloudFormation asked", name)
	}

	mustStatus(t, e.send(deleteOf(replace, name)), "SUCCESS")
	if _, ok := e.AppFlow.Get(name); ok {
		t.Errorf("delete old: %s still exists", name)
	}
	mustStatus(t, e.send(loadEvent(t, "delete.json")), "SUCCESS")
	if ps := e.AppFlow.Profiles(); len(ps) != 0 {
		t.Errorf("after delete: profiles left: %v", ps)
	}
}

// A Create the Lambda rejects, then the rollback Delete with the id the
// failure carried: SUCCESS and no AppFlow delete.
func TestRollbackAfterInvalidCreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	create := loadEvent(t, "create.json").Fresh()
	setProp(&create, "connectorProfileConfig.connectorProfileProperties.Datadog.instanceUrl", "not a url")
	res := mustStatus(t, e.send(create), "FAILED")
	if want := "create-failed:" + create.RequestID; res.Response.PhysicalResourceID != want {
		t.Errorf("PhysicalResourceId %q, want %q", res.Response.PhysicalResourceID, want)
	}
	if !strings.Contains(res.Response.Reason, "instanceUrl") {
		t.Errorf("Reason %q does not name the property", res.Response.Reason)
	}
	mustStatus(t, e.send(deleteOf(create, res.Response.PhysicalResourceID)), "SUCCESS")
	if n := len(e.AppFlow.CallsTo("DeleteConnectorProfile")); n != 0 {
		t.Errorf("rollback Delete called DeleteConnectorProfile %d times", n)
	}
}

// AppFlow rejects the Create; the rollback Delete touches nothing.
func TestRollbackAfterAppFlowRejectsCreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.AppFlow.Inject(appflowFault("CreateConnectorProfile", 401, "ConnectorAuthenticationException", "The connector rejected the credentials"))
	create := loadEvent(t, "create.json").Fresh()
	res := mustStatus(t, e.send(create), "FAILED")
	if want := "create-failed:" + create.RequestID; res.Response.PhysicalResourceID != want {
		t.Errorf("PhysicalResourceId %q, want %q", res.Response.PhysicalResourceID, want)
	}
	mustStatus(t, e.send(deleteOf(create, res.Response.PhysicalResourceID)), "SUCCESS")
	if n := len(e.AppFlow.CallsTo("DeleteConnectorProfile")); n != 0 {
		t.Errorf("rollback Delete called DeleteConnectorProfile %d times", n)
	}
}

// A failed in-place Update keeps the old id; the rollback Update restores
// the old properties.
func TestRollbackAfterFailedUpdate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	create := loadEvent(t, "create.json")
	name := create.ProfileName()
	mustStatus(t, e.send(create), "SUCCESS")

	e.AppFlow.Inject(appflowFault("UpdateConnectorProfile", 401, "ConnectorAuthenticationException", "The connector rejected the credentials"))
	update := loadEvent(t, "update-in-place.json")
	res := mustStatus(t, e.send(update), "FAILED")
	if res.Response.PhysicalResourceID != name {
		t.Errorf("failed update: PhysicalResourceId %q, want the old %q", res.Response.PhysicalResourceID, name)
	}
	back := rollbackOf(update)
	res = mustStatus(t, e.send(back), "SUCCESS")
	if res.Response.PhysicalResourceID != name {
		t.Errorf("rollback: PhysicalResourceId %q, want %q", res.Response.PhysicalResourceID, name)
	}
	if p, _ := e.AppFlow.Get(name); !strings.Contains(string(p.Properties), "api.datadoghq.com") {
		t.Errorf("rollback: properties now %s", p.Properties)
	}
}

// A replacement whose new name is taken fails with the old id; the rollback
// Update leaves both profiles alone.
func TestRollbackAfterFailedReplacement(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	create := loadEvent(t, "create.json")
	mustStatus(t, e.send(create), "SUCCESS")
	replace := loadEvent(t, "update-replace.json")
	replace.OldResourceProperties = create.ResourceProperties
	other := e.AppFlow.Seed(replace.ProfileName(), "Datadog")

	res := mustStatus(t, e.send(replace), "FAILED")
	if res.Response.PhysicalResourceID != create.ProfileName() {
		t.Errorf("failed replace: PhysicalResourceId %q, want the old %q", res.Response.PhysicalResourceID, create.ProfileName())
	}
	mustStatus(t, e.send(rollbackOf(replace)), "SUCCESS")
	if got, ok := e.AppFlow.Get(other.Name); !ok || got.UpdatedAt != other.UpdatedAt {
		t.Errorf("the other owner's profile %s was changed or deleted", other.Name)
	}
	if _, ok := e.AppFlow.Get(create.ProfileName()); !ok {
		t.Errorf("own profile deleted")
	}
}

// A replacement that succeeded, then a later resource fails: CloudFormation
// sends an Update back to the old properties under the new id. The old
// profile still exists and is taken back; the cleanup then deletes the new one.
func TestRollbackAfterSuccessfulReplacement(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	create := loadEvent(t, "create.json")
	mustStatus(t, e.send(create), "SUCCESS")
	replace := loadEvent(t, "update-replace.json")
	replace.OldResourceProperties = create.ResourceProperties
	mustStatus(t, e.send(replace), "SUCCESS")

	rollback := rollbackOf(replace)
	rollback.PhysicalResourceID = replace.ProfileName()
	res := mustStatus(t, e.send(rollback), "SUCCESS")
	if res.Response.PhysicalResourceID != create.ProfileName() {
		t.Errorf("rollback: PhysicalResourceId %q, want the old %q", res.Response.PhysicalResourceID, create.ProfileName())
	}
	mustStatus(t, e.send(deleteOf(rollback, replace.ProfileName())), "SUCCESS")
	if ps := e.AppFlow.Profiles(); len(ps) != 1 || ps[0].Name != create.ProfileName() {
		t.Errorf("after the cleanup: profiles %v, want only %s", ps, create.ProfileName())
	}
}

// Changing a replacement property but keeping the name cannot work.
func TestReplacementKeepingName(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	create := loadEvent(t, "create.json")
	mustStatus(t, e.send(create), "SUCCESS")
	update := loadEvent(t, "update-in-place.json")
	setProp(&update, "connectorLabel", "SomeLabel")
	res := mustStatus(t, e.send(update), "FAILED")
	if res.Response.PhysicalResourceID != create.ProfileName() {
		t.Errorf("PhysicalResourceId %q, want the old %q", res.Response.PhysicalResourceID, create.ProfileName())
	}
	if !strings.Contains(strings.ToLower(res.Response.Reason), "name") {
		t.Errorf("Reason %q should ask for a new name", res.Response.Reason)
	}
}
