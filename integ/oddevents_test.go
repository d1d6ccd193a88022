package integ_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// Events no CloudFormation sends, as it sends them: each still gets an
// answer, and a megabyte of them costs a bounded amount of memory.

// maxPeakRSS bounds the function process's peak RSS after a megabyte event;
// the construct gives the function 128 MB.
const maxPeakRSS = 64 << 20

// maxReason is the most of a response a Reason can take.
const maxReason = 4096

// emptyObjects makes the SAPOData properties' oAuthScopes a megabyte's list of {}.
func emptyObjects(ev *harness.Event) {
	scopes := make([]any, 1<<20/3)
	for i := range scopes {
		scopes[i] = map[string]any{}
	}
	setProp(ev, "connectorProfileConfig.connectorProfileProperties.SAPOData.oAuthProperties", map[string]any{
		"tokenUrl": "https://sap.example.com/token", "authCodeUrl": "https://sap.example.com/auth", "oAuthScopes": scopes})
}

// unknownKeys adds 100,000 properties the resource does not know.
func unknownKeys(ev *harness.Event) {
	for i := range 100_000 {
		ev.ResourceProperties[fmt.Sprintf("k%05d", i)] = ""
	}
}

// hugeEvent sends a Create of events/file made about a megabyte by grow,
// with one problem per element: it is answered FAILED with a bounded Reason
// that begins with the first problem and counts the rest, without calling
// AppFlow, and the function process's peak RSS stays in bounds. Then the
// rollback Delete, which carries the same properties: it only looks for a
// profile of that name, and the peak stays in bounds.
func hugeEvent(file string, grow func(*harness.Event), firstProblem string) scenario {
	return func(t *testing.T, r *rig, f harness.Faults) string {
		ev := harness.WithCanaries(loadEvent(t, file).Fresh())
		ev.ResourceProperties["connectorProfileName"] = profileName(t)
		grow(&ev)
		payload, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		r.Inject(f)
		d := r.send(ev)
		resp := mustAnswer(t, r, d)
		if resp.Status != "FAILED" || len(resp.Reason) > maxReason || !strings.HasPrefix(resp.Reason, firstProblem) || !strings.Contains(resp.Reason, "more problems") {
			t.Errorf("%s, Reason of %d bytes (%.200s), want FAILED within %d bytes, beginning %q", resp.Status, len(resp.Reason), resp.Reason, maxReason, firstProblem)
		}
		created, err := r.Lambda.PeakRSS()
		if err != nil {
			t.Fatal(err)
		}
		if created > maxPeakRSS {
			t.Errorf("the function's peak RSS is %d MiB, want at most %d", created>>20, maxPeakRSS>>20)
		}
		if n := len(r.AppFlow.Calls()); n != 0 {
			t.Errorf("the Create called AppFlow %d times", n)
		}
		obs := fmt.Sprintf("%.1f MB event: %s; peak RSS %d MiB; %s", float64(len(payload))/(1<<20), describe(d, r), created>>20, rollback(t, r, d))
		for _, c := range r.AppFlow.Calls() {
			if c.Op != "DescribeConnectorProfiles" {
				t.Errorf("the rollback Delete called %s; it may only look", c.Op)
			}
		}
		deleted, err := r.Lambda.PeakRSS()
		if err != nil {
			t.Fatal(err)
		}
		if deleted > maxPeakRSS {
			t.Errorf("after the rollback Delete the function's peak RSS is %d MiB, want at most %d", deleted>>20, maxPeakRSS>>20)
		}
		return obs + fmt.Sprintf(", peak RSS then %d MiB", deleted>>20)
	}
}

// oddEvent delivers events/file with its member set to raw, JSON that no
// Event can hold: the answer is FAILED with a Reason containing reasonHas,
// keeping the physical id wantID (or, if "", naming none), and AppFlow is
// not called.
func oddEvent(file, member, raw, reasonHas, wantID string) scenario {
	return func(t *testing.T, r *rig, f harness.Faults) string {
		ev := harness.WithCanaries(loadEvent(t, file).Fresh())
		ev.ResponseURL = r.CloudFormation.ResponseURL(ev.StackID, ev.LogicalResourceID, ev.RequestID)
		r.Inject(f)
		d := r.DeliverPayload(context.Background(), ev, withMember(t, ev, member, raw))
		resp := mustAnswer(t, r, d)
		if wantID == "" {
			wantID = failedPrefix + ev.RequestID
		}
		if resp.Status != "FAILED" || !strings.Contains(resp.Reason, reasonHas) || resp.PhysicalResourceID != wantID {
			t.Errorf("%s %q (%s), want FAILED with %q, saying %q", resp.Status, resp.PhysicalResourceID, resp.Reason, wantID, reasonHas)
		}
		if n := len(r.AppFlow.Calls()); n != 0 {
			t.Errorf("AppFlow called %d times", n)
		}
		return describe(d, r)
	}
}

// withMember is ev as JSON, with member's value replaced by raw.
func withMember(t *testing.T, ev harness.Event, member, raw string) []byte {
	t.Helper()
	b, err := json.Marshal(ev)
	var members map[string]json.RawMessage
	if err == nil {
		err = json.Unmarshal(b, &members)
	}
	delete(members, member)
	if err == nil {
		b, err = json.Marshal(members)
	}
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Appendf(b[:len(b)-1], ",%q:%s}", member, raw)
}

// nestedTooDeep is properties nested past encoding/json's limit of 10,000 levels.
var nestedTooDeep = `{"connectorProfileName":"deep","connectorType":` + strings.Repeat("[", 10_001) + strings.Repeat("]", 10_001) + `}`
