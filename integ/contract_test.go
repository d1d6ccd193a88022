package integ_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
)

// forceDelete arrives as a string, like every CloudFormation scalar.
func TestForceDeleteString(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	create := loadEvent(t, "create.json").Fresh()
	name := create.ProfileName()
	mustStatus(t, e.send(create), "SUCCESS")
	e.AppFlow.SetInUse(name, true)

	del := deleteOf(create, name)
	setProp(&del, "forceDelete", "false")
	res := mustStatus(t, e.send(del), "FAILED")
	if res.Response.PhysicalResourceID != name {
		t.Errorf("failed delete: PhysicalResourceId %q, want %q", res.Response.PhysicalResourceID, name)
	}
	del = del.Fresh()
	setProp(&del, "forceDelete", "true")
	mustStatus(t, e.send(del), "SUCCESS")
	calls := e.AppFlow.CallsTo("DeleteConnectorProfile")
	if len(calls) != 2 || calls[0].Input["forceDelete"] != nil || calls[1].Input["forceDelete"] != true {
		t.Errorf("DeleteConnectorProfile inputs: %v", calls)
	}
}

// CloudFormation retries an Update it got no answer for: same RequestId.
func TestDuplicateUpdate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mustStatus(t, e.send(loadEvent(t, "create.json")), "SUCCESS")
	update := loadEvent(t, "update-in-place.json")
	mustStatus(t, e.send(update), "SUCCESS")
	before, _ := e.AppFlow.Get(update.PhysicalResourceID)
	mustStatus(t, e.send(update), "SUCCESS")
	after, _ := e.AppFlow.Get(update.PhysicalResourceID)
	if !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Errorf("the repeated Update was applied twice")
	}
	for _, c := range e.AppFlow.CallsTo("UpdateConnectorProfile") {
		if clientToken(c) != update.RequestID {
			t.Errorf("UpdateConnectorProfile clientToken %q, want the RequestId", clientToken(c))
		}
	}
}

// A physical id that cannot be a profile name is not sent to AppFlow.
func TestDeleteOddPhysicalIDs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.AppFlow.Seed("2024", "Slack")
	for _, id := range []string{
		"2024/01/01/[$LATEST]0123456789abcdef", // a log stream name, as other helpers use
		"create-failed:" + "0f5b7c3e-4a1d-4e8b-9c2f-6d3a1b8e7f40",
		strings.Repeat("x", 300),
	} {
		mustStatus(t, e.send(deleteOf(loadEvent(t, "create.json"), id)), "SUCCESS")
	}
	if n := len(e.AppFlow.CallsTo("DeleteConnectorProfile")); n != 0 {
		t.Errorf("DeleteConnectorProfile called %d times", n)
	}
}

// AppFlow's error text can be long and may quote input; the response must
// stay under 4096 bytes and must not repeat a credential.
func TestLongErrorQuotingCredential(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	create := loadEvent(t, "create.json").Fresh()
	secret := create.Secrets()[0]
	msg := "Invalid credentials " + secret + ": " + strings.Repeat("the connector returned an error. ", 200)
	e.AppFlow.Inject(appflowfake.Fault{Op: "CreateConnectorProfile", Status: 400, Code: "ValidationException", Message: msg})
	res := mustStatus(t, e.send(create), "FAILED")
	if n := len(res.Put.Body); n > 4096 {
		t.Errorf("response is %d bytes", n)
	}
	if !strings.Contains(res.Response.Reason, "ValidationException") {
		t.Errorf("Reason %q does not carry AppFlow's error", res.Response.Reason)
	}
}

// The ResponseURL is a bearer credential: the Lambda must never log it.
func TestResponseURLNotLogged(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mustStatus(t, e.send(loadEvent(t, "create.json").Fresh()), "SUCCESS")
	bad := loadEvent(t, "create.json").Fresh()
	setProp(&bad, "connectionMode", "Sideways")
	mustStatus(t, e.send(bad), "FAILED")
	if out := e.Lambda.Output(); strings.Contains(out, "X-Amz-Signature") || strings.Contains(out, e.CFN.URL) {
		t.Errorf("the Lambda logged the ResponseURL")
	}
}

// Every AppFlow request the Lambda sends is well-formed for the service:
// properties that arrive as strings go out typed.
func TestWireTypes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mustStatus(t, e.send(loadEvent(t, "create-sapodata.json").Fresh()), "SUCCESS")
	mustStatus(t, e.send(loadEvent(t, "create-salesforce.json").Fresh()), "SUCCESS")
	for _, c := range e.AppFlow.CallsTo("CreateConnectorProfile") {
		var in struct {
			Config struct {
				Props map[string]map[string]json.RawMessage `json:"connectorProfileProperties"`
			} `json:"connectorProfileConfig"`
		}
		if err := json.Unmarshal(c.Body, &in); err != nil {
			t.Fatal(err)
		}
		if sap, ok := in.Config.Props["SAPOData"]; ok && string(sap["portNumber"]) != "443" {
			t.Errorf("SAPOData.portNumber sent as %s, want 443", sap["portNumber"])
		}
		if sf, ok := in.Config.Props["Salesforce"]; ok {
			if v, sent := sf["isSandboxEnvironment"]; sent && string(v) != "false" {
				t.Errorf("Salesforce.isSandboxEnvironment sent as %s", v)
			}
		}
		if strings.Contains(string(c.Body), "ConnectorOAuthRequest") {
			t.Errorf("the alias ConnectorOAuthRequest went to AppFlow unchanged")
		}
	}
}

// CloudFormation never accepts the response: the Lambda retries until its
// deadline, then reports the failure to the runtime.
func TestResponseURLDown(t *testing.T) {
	t.Parallel()
	const timeout = 4 * time.Second
	e := newEnv(t, withTimeout(timeout))
	e.CFN.FailNext(1 << 20)
	create := loadEvent(t, "create.json").Fresh()
	e.secrets = append(e.secrets, create.Secrets()...) // e.send would fail the test on the expected error
	_, err := e.Send(t.Context(), create)
	if err == nil {
		t.Fatal("no error though every PUT failed")
	}
	puts := e.CFN.PutsFor(create.RequestID)
	if len(puts) < 2 {
		t.Errorf("%d PUT attempt(s); want retries", len(puts))
	}
	if last := puts[len(puts)-1].Time; len(puts) > 0 && last.Sub(puts[0].Time) >= timeout {
		t.Errorf("still retrying after the deadline")
	}
}
