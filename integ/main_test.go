package integ_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// artifacts are built once per test binary.
var artifacts harness.Artifacts

func TestMain(m *testing.M) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	var err error
	artifacts, err = harness.Build(ctx)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "integ:", err)
		os.Exit(1)
	}
	code := m.Run()
	artifacts.Remove()
	os.Exit(code)
}

// env is one Lambda under the emulator with its own stand-ins.
type env struct {
	*harness.Stack
	t       *testing.T
	secrets []string
	invokes []string // what the function returned to the runtime
}

type envOption func(*harness.StackConfig)

func withTimeout(d time.Duration) envOption {
	return func(c *harness.StackConfig) { c.Timeout = d }
}

func withAppFlow(o appflowfake.Options) envOption {
	return func(c *harness.StackConfig) { c.AppFlow = o }
}

// newEnv starts a stack for one test. At cleanup it asserts that no
// credential from any event sent, nor the Lambda's AWS keys, appears in the
// Lambda's output, in a response to CloudFormation or in an AppFlow answer.
func newEnv(t *testing.T, opts ...envOption) *env {
	t.Helper()
	cfg := harness.StackConfig{Artifacts: artifacts, Timeout: 20 * time.Second}
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
	e := &env{Stack: st, t: t, secrets: []string{harness.FakeSecretAccessKey, harness.FakeSessionToken}}
	t.Cleanup(func() {
		e.checkNoLeaks()
		e.checkLogLines()
		if t.Failed() {
			t.Logf("AppFlow received:\n%s", st.AppFlow.Summary())
			t.Logf("Lambda output:\n%s", st.Lambda.Output())
		}
		st.Close()
	})
	return e
}

func (e *env) checkNoLeaks() {
	e.t.Helper()
	where := map[string]string{"Lambda output": e.Lambda.Output(), "invoke results": strings.Join(e.invokes, "\n")}
	for i, p := range e.CFN.Puts() {
		where[fmt.Sprintf("response %d to CloudFormation", i+1)] = string(p.Body)
	}
	for _, c := range e.AppFlow.Calls() {
		if c.Fault == "" { // injected faults say what the test made them say
			where["AppFlow answer to "+c.Op] += string(c.Response)
		}
	}
	for name, text := range where {
		if leaks := harness.Leaks(text, e.secrets); len(leaks) > 0 {
			e.t.Errorf("%s contains credential(s) %q", name, leaks)
		}
	}
}

var runtimeErrorLine = regexp.MustCompile(`^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d \{"errorMessage":`)

// checkLogLines checks that the function logs JSON lines only.
func (e *env) checkLogLines() {
	e.t.Helper()
	for _, l := range harness.FunctionLines(e.Lambda.Output()) {
		if runtimeErrorLine.MatchString(l) {
			continue // aws-lambda-go's own report of the error the handler returned
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			e.t.Errorf("the function logged a line that is not a JSON object: %.200s", l)
		}
	}
}

// send delivers an event and returns the response CloudFormation accepted.
func (e *env) send(ev harness.Event) harness.Result {
	e.t.Helper()
	e.secrets = append(e.secrets, ev.Secrets()...)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := e.Send(ctx, ev)
	e.invokes = append(e.invokes, string(res.Invoke.Body))
	if err != nil {
		e.t.Fatalf("%s: %v", ev.RequestType, err)
	}
	for _, p := range e.CFN.PutsFor(ev.RequestID) {
		if p.Status == 200 && len(p.Problems) > 0 {
			e.t.Errorf("%s response breaks the contract: %v", ev.RequestType, p.Problems)
		}
	}
	if res.Response.RequestID != ev.RequestID || res.Response.StackID != ev.StackID || res.Response.LogicalResourceID != ev.LogicalResourceID {
		e.t.Errorf("%s response identifies %s/%s/%s, want %s/%s/%s", ev.RequestType,
			res.Response.StackID, res.Response.LogicalResourceID, res.Response.RequestID, ev.StackID, ev.LogicalResourceID, ev.RequestID)
	}
	return res
}

// mustStatus checks the response status and returns it for further checks.
func mustStatus(t *testing.T, res harness.Result, want string) harness.Result {
	t.Helper()
	if res.Response.Status != want {
		t.Fatalf("status %s (reason %q), want %s", res.Response.Status, res.Response.Reason, want)
	}
	return res
}

func loadEvent(t *testing.T, name string) harness.Event {
	t.Helper()
	ev, err := harness.LoadEvent(filepath.Join("..", "events", name))
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// deleteOf is the Delete CloudFormation sends for physicalID after ev
// (for a replacement: the old id with the old properties).
func deleteOf(ev harness.Event, physicalID string) harness.Event {
	d := ev.Fresh()
	d.RequestType = "Delete"
	d.PhysicalResourceID = physicalID
	if ev.RequestType == "Update" {
		d.ResourceProperties = ev.OldResourceProperties
	}
	d.OldResourceProperties = nil
	return d
}

// rollbackOf is the Update CloudFormation sends to return to the old
// properties after ev failed.
func rollbackOf(ev harness.Event) harness.Event {
	r := ev.Fresh()
	r.ResourceProperties, r.OldResourceProperties = ev.OldResourceProperties, ev.ResourceProperties
	return r
}

// setProp sets a property at a dotted path (creating objects as needed).
func setProp(ev *harness.Event, path string, v any) {
	m := ev.ResourceProperties
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[parts[len(parts)-1]] = v
}

func clientToken(c appflowfake.Call) string { s, _ := c.Input["clientToken"].(string); return s }
