package integ_test

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/cfnfake"
	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// rig is the function under the emulator with its stand-ins, for one test.
// Its cleanup stops them, then fails the test if a secret shows up where it
// must not (harness.Stack.Leaks) or the function logged a line that is not JSON.
type rig struct {
	*harness.Stack
	others []string // profiles of other owners, seeded by the test
}

type option func(*harness.StackConfig)

// withTimeout sets the function's timeout (default 10 s).
func withTimeout(d time.Duration) option { return func(c *harness.StackConfig) { c.Timeout = d } }

// withQuota sets the AppFlow stand-in's profile quota.
func withQuota(n int) option { return func(c *harness.StackConfig) { c.AppFlow.Quota = n } }

// withSlashInstanceURL makes the AppFlow stand-in list each instanceUrl with a trailing slash.
func withSlashInstanceURL() option {
	return func(c *harness.StackConfig) { c.AppFlow.SlashInstanceURL = true }
}

// withAppFlow shares a running AppFlow stand-in, as one account.
func withAppFlow(srv *appflowfake.Server) option {
	return func(c *harness.StackConfig) { c.SharedAppFlow = srv }
}

func newRig(t *testing.T, opts ...option) *rig {
	t.Helper()
	cfg := harness.StackConfig{Artifacts: artifacts, Timeout: 10 * time.Second, TempDir: t.TempDir()}
	cfg.AppFlow.Strict = true
	for _, o := range opts {
		o(&cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := harness.StartStack(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		st.Close()
		for _, leak := range st.Leaks() {
			t.Error(leak)
		}
		checkLogLines(t, st.Lambda.Output())
		if t.Failed() {
			t.Logf("AppFlow received:\n%s", st.AppFlow.Summary())
			t.Logf("emulator and function output:\n%s", st.Lambda.Output())
		}
	})
	return &rig{Stack: st}
}

// seed stores a profile of another owner in AppFlow.
func (r *rig) seed(name, connectorType string) appflowfake.Profile {
	r.others = append(r.others, name)
	return r.AppFlow.Seed(name, connectorType)
}

// profiles names the profiles AppFlow holds, other owners' aside.
func (r *rig) profiles() []string {
	var names []string
	for _, p := range r.AppFlow.Profiles() {
		if !slices.Contains(r.others, p.Name) {
			names = append(names, p.Name)
		}
	}
	return names
}

// send delivers ev with its ResponseURL on the rig's stand-in.
func (r *rig) send(ev harness.Event) harness.Delivery { return r.Send(context.Background(), ev) }

var runtimeErrorLine = regexp.MustCompile(`^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d \{"errorMessage":`)

// checkLogLines checks that the function logs JSON objects only.
func checkLogLines(t *testing.T, output string) {
	t.Helper()
	for _, l := range harness.FunctionLines(output) {
		if runtimeErrorLine.MatchString(l) {
			continue // aws-lambda-go's own report of the error the handler returned
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Errorf("the function logged a line that is not a JSON object: %.200s", l)
		}
	}
}

// mustAnswer checks that CloudFormation took exactly one response to the
// delivery, before the function's deadline, that every response sent keeps
// the contract and names the event, and returns the one taken.
func mustAnswer(t *testing.T, r *rig, d harness.Delivery) cfnfake.Response {
	t.Helper()
	ev := d.Event
	if d.InvokeErr != nil {
		t.Fatalf("%s: invoke: %v", ev.RequestType, d.InvokeErr)
	}
	if d.Accepted == nil {
		t.Fatalf("%s: no response accepted; the invoke answered %d %s; %d PUT(s)", ev.RequestType, d.Invoke.Status, d.Invoke.Body, len(d.Puts))
	}
	accepted := 0
	for _, p := range d.Puts {
		if p.Accepted() {
			accepted++
		}
		if p.Status == http.StatusOK && len(p.Problems) > 0 {
			t.Errorf("%s: CloudFormation would reject the response: %v", ev.RequestType, p.Problems)
		}
	}
	if accepted != 1 {
		t.Errorf("%s: %d responses accepted for one delivery, want 1", ev.RequestType, accepted)
	}
	if d.Elapsed >= r.Lambda.Timeout {
		t.Errorf("%s: answered after %v, not before the %v deadline", ev.RequestType, d.Elapsed, r.Lambda.Timeout)
	}
	resp := d.Response()
	if resp.RequestID != ev.RequestID || resp.StackID != ev.StackID || resp.LogicalResourceID != ev.LogicalResourceID {
		t.Errorf("%s: response names %s/%s/%s, want %s/%s/%s", ev.RequestType,
			resp.StackID, resp.LogicalResourceID, resp.RequestID, ev.StackID, ev.LogicalResourceID, ev.RequestID)
	}
	return resp
}

// expect sends ev and checks that CloudFormation took one response with
// that status, and returns it.
func expect(t *testing.T, r *rig, ev harness.Event, status string) cfnfake.Response {
	t.Helper()
	resp := mustAnswer(t, r, r.send(ev))
	if resp.Status != status {
		t.Fatalf("%s: status %s (reason %q), want %s", ev.RequestType, resp.Status, resp.Reason, status)
	}
	return resp
}
