package integ_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/integ/fault"
)

// forceDelete arrives as a string, like every CloudFormation scalar.
func TestForceDeleteString(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	create := loadEvent(t, "create.json").Fresh()
	name := create.ProfileName()
	expect(t, r, create, "SUCCESS")
	r.AppFlow.SetInUse(name, true)

	del := deleteOf(create, name)
	setProp(&del, "forceDelete", "false")
	res := expect(t, r, del, "FAILED")
	if res.PhysicalResourceID != name {
		t.Errorf("failed delete: PhysicalResourceId %q, want %q", res.PhysicalResourceID, name)
	}
	del = del.Fresh()
	setProp(&del, "forceDelete", "true")
	expect(t, r, del, "SUCCESS")
	calls := r.AppFlow.CallsTo("DeleteConnectorProfile")
	if len(calls) != 2 || calls[0].Input["forceDelete"] != nil || calls[1].Input["forceDelete"] != true {
		t.Errorf("DeleteConnectorProfile inputs: %v", calls)
	}
}

// A physical id that cannot be a profile name is not sent to AppFlow.
func TestDeleteOddPhysicalIDs(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	r.AppFlow.Seed("2024", "Slack")
	for _, id := range []string{
		"2024/01/01/[$LATEST]0123456789abcdef", // a log stream name, as other helpers use
		"create-failed:" + "0f5b7c3e-4a1d-4e8b-9c2f-6d3a1b8e7f40",
		strings.Repeat("x", 300),
	} {
		expect(t, r, deleteOf(loadEvent(t, "create.json"), id), "SUCCESS")
	}
	if n := len(r.AppFlow.CallsTo("DeleteConnectorProfile")); n != 0 {
		t.Errorf("DeleteConnectorProfile called %d times", n)
	}
}

// AppFlow's error text can be long and may quote input; the response must
// stay under 4096 bytes and must not repeat a credential.
func TestLongErrorQuotingCredential(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	create := loadEvent(t, "create.json").Fresh()
	secret := create.Secrets()[0]
	msg := "Invalid credentials " + secret + ": " + strings.Repeat("the connector returned an error. ", 200)
	r.AppFlow.Faults.Inject(fault.Fault{Op: "CreateConnectorProfile", Kind: fault.Error, Status: 400, Code: "ValidationException", Message: msg})
	d := r.send(create)
	res := mustAnswer(t, r, d)
	if n := len(d.Accepted.Body); n > 4096 {
		t.Errorf("response is %d bytes", n)
	}
	if res.Status != "FAILED" {
		t.Errorf("status %s, want FAILED", res.Status)
	}
	if !strings.Contains(res.Reason, "ValidationException") {
		t.Errorf("Reason %q does not carry AppFlow's error", res.Reason)
	}
}

// The ResponseURL is a bearer credential: the Lambda must never log it.
func TestResponseURLNotLogged(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	expect(t, r, loadEvent(t, "create.json").Fresh(), "SUCCESS")
	bad := loadEvent(t, "create.json").Fresh()
	setProp(&bad, "connectionMode", "Sideways")
	expect(t, r, bad, "FAILED")
	if out := r.Lambda.Output(); strings.Contains(out, "X-Amz-Signature") || strings.Contains(out, r.CloudFormation.URL) {
		t.Errorf("the Lambda logged the ResponseURL")
	}
}

// Every AppFlow request the Lambda sends is well-formed for the service:
// properties that arrive as strings go out typed.
func TestWireTypes(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	expect(t, r, loadEvent(t, "create-sapodata.json").Fresh(), "SUCCESS")
	expect(t, r, loadEvent(t, "create-salesforce.json").Fresh(), "SUCCESS")
	for _, c := range r.AppFlow.CallsTo("CreateConnectorProfile") {
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
