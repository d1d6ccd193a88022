package integ_test

import (
	"strings"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
)

func appflowFault(op string, status int, code, msg string) appflowfake.Fault {
	return appflowfake.Fault{Op: op, Status: status, Code: code, Message: msg}
}

func TestThrottlingThenSuccess(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.AppFlow.Inject(appflowfake.Fault{Op: "CreateConnectorProfile", Count: 2, Status: 429, Code: "ThrottlingException", Message: "Rate exceeded"})
	create := loadEvent(t, "create.json").Fresh()
	mustStatus(t, e.send(create), "SUCCESS")
	calls := e.AppFlow.CallsTo("CreateConnectorProfile")
	if len(calls) != 3 || calls[0].Status != 429 || calls[1].Status != 429 || calls[2].Status != 200 {
		t.Fatalf("calls: %v", calls)
	}
	for _, c := range calls {
		if clientToken(c) != create.RequestID {
			t.Errorf("attempt %q used clientToken %q, want the RequestId", c.Attempt, clientToken(c))
		}
	}
	if n := len(e.AppFlow.Profiles()); n != 1 {
		t.Errorf("profiles = %d, want 1", n)
	}
}

// AppFlow creates the profile but the answer is lost (500): the retry with
// the same clientToken gets the original result, and one profile exists.
func TestLostCreateResponse(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.AppFlow.Inject(appflowfake.Fault{Op: "CreateConnectorProfile", Status: 500, Code: "InternalServerException",
		Message: "An internal error occurred.", AfterApply: true})
	create := loadEvent(t, "create.json").Fresh()
	res := mustStatus(t, e.send(create), "SUCCESS")
	if res.Response.PhysicalResourceID != create.ProfileName() {
		t.Errorf("PhysicalResourceId %q, want %q", res.Response.PhysicalResourceID, create.ProfileName())
	}
	if calls := e.AppFlow.CallsTo("CreateConnectorProfile"); len(calls) != 2 || calls[1].Status != 200 {
		t.Errorf("calls: %v", calls)
	}
	if n := len(e.AppFlow.Profiles()); n != 1 {
		t.Errorf("profiles = %d, want 1", n)
	}
}

func TestServerErrorsThenSuccess(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.AppFlow.FailNext(1)
	mustStatus(t, e.send(loadEvent(t, "create.json").Fresh()), "SUCCESS")
}

// AppFlow never answers: the Lambda must still answer FAILED before its deadline.
func TestAppFlowHang(t *testing.T) {
	t.Parallel()
	const timeout = 5 * time.Second
	e := newEnv(t, withTimeout(timeout))
	e.AppFlow.HangNext(-1)
	create := loadEvent(t, "create.json").Fresh()
	start := time.Now()
	res := mustStatus(t, e.send(create), "FAILED")
	if took := res.Put.Time.Sub(start); took >= timeout {
		t.Errorf("FAILED arrived after %v, deadline %v", took, timeout)
	}
	reason := strings.ToLower(res.Response.Reason)
	if !strings.Contains(reason, "deadline") && !strings.Contains(reason, "time") {
		t.Errorf("Reason %q does not mention the deadline", res.Response.Reason)
	}
	if want := "create-failed:" + create.RequestID; res.Response.PhysicalResourceID != want {
		t.Errorf("PhysicalResourceId %q, want %q", res.Response.PhysicalResourceID, want)
	}
	if calls := e.AppFlow.CallsTo("CreateConnectorProfile"); len(calls) == 0 || calls[0].Status != 0 {
		t.Errorf("the Lambda did not reach the hanging AppFlow: %v", calls)
	}
}

func TestResponseURLUnavailable(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.CFN.FailNext(2)
	create := loadEvent(t, "create.json").Fresh()
	mustStatus(t, e.send(create), "SUCCESS")
	puts := e.CFN.PutsFor(create.RequestID)
	if len(puts) != 3 || puts[0].Status != 503 || puts[1].Status != 503 || puts[2].Status != 200 {
		t.Errorf("puts: %d", len(puts))
	}
	for _, p := range puts {
		if p.Method != "PUT" || p.Header.Get("Content-Type") != "" {
			t.Errorf("put %s with Content-Type %q", p.Method, p.Header.Get("Content-Type"))
		}
	}
}

// CloudFormation may deliver the same request twice.
func TestDuplicateCreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	create := loadEvent(t, "create.json").Fresh()
	first := mustStatus(t, e.send(create), "SUCCESS")
	second := mustStatus(t, e.send(create), "SUCCESS")
	if first.Response.PhysicalResourceID != second.Response.PhysicalResourceID {
		t.Errorf("PhysicalResourceId %q then %q", first.Response.PhysicalResourceID, second.Response.PhysicalResourceID)
	}
	if first.Response.Data["ConnectorProfileArn"] != second.Response.Data["ConnectorProfileArn"] {
		t.Errorf("Data differs: %v vs %v", first.Response.Data, second.Response.Data)
	}
	if n := len(e.AppFlow.Profiles()); n != 1 {
		t.Errorf("profiles = %d, want 1", n)
	}
}

// The name belongs to someone else: Create fails, and the rollback Delete
// must leave that profile alone.
func TestConflictThenRollbackDelete(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	create := loadEvent(t, "create.json").Fresh()
	other := e.AppFlow.Seed(create.ProfileName(), "Datadog")
	res := mustStatus(t, e.send(create), "FAILED")
	if !strings.Contains(res.Response.Reason, "already exists") {
		t.Errorf("Reason %q does not say the name already exists", res.Response.Reason)
	}
	if res.Response.PhysicalResourceID == other.Name {
		t.Fatalf("failed Create carried the other owner's name as PhysicalResourceId")
	}
	mustStatus(t, e.send(deleteOf(create, res.Response.PhysicalResourceID)), "SUCCESS")
	if _, ok := e.AppFlow.Get(other.Name); !ok {
		t.Errorf("the other owner's profile was deleted")
	}
	if n := len(e.AppFlow.CallsTo("DeleteConnectorProfile")); n != 0 {
		t.Errorf("rollback called DeleteConnectorProfile %d times", n)
	}
}

func TestQuotaExceeded(t *testing.T) {
	t.Parallel()
	e := newEnv(t, withAppFlow(appflowfake.Options{Quota: 1, Strict: true}))
	e.AppFlow.Seed("someone-else", "Slack")
	res := mustStatus(t, e.send(loadEvent(t, "create.json").Fresh()), "FAILED")
	if !strings.Contains(strings.ToLower(res.Response.Reason), "quota") {
		t.Errorf("Reason %q does not mention the quota", res.Response.Reason)
	}
}

// Deleting a profile that is already gone succeeds.
func TestDeleteMissing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mustStatus(t, e.send(loadEvent(t, "delete.json").Fresh()), "SUCCESS")
	if calls := e.AppFlow.CallsTo("DeleteConnectorProfile"); len(calls) != 1 || calls[0].ErrorCode != "ResourceNotFoundException" {
		t.Errorf("calls: %v", calls)
	}
}
