package integ_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/fault"
	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// echoRequest makes AppFlow quote the whole request back in its error.
var echoRequest = fault.Fault{Count: -1, Kind: fault.Error, Status: 400, Code: "ConnectorAuthenticationException",
	Message: "The connector rejected the request", Quote: &fault.Quote{}}

// TestLeakHunt sends every sample event under events/ with canary
// credentials, once against a healthy AppFlow and once against one whose
// errors quote the whole request back, and again with the credentials in the
// secret CredentialsSecret names; the rig's cleanup looks for the canaries
// everywhere. Every other test is checked the same way.
func TestLeakHunt(t *testing.T) {
	files, err := eventFiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(file, ".json"), func(t *testing.T) {
			t.Parallel()
			base := loadEvent(t, file)
			row := reportRow(t, leakHunt, "events/"+file+" with every credential replaced by a canary",
				"no canary in any log line, Reason, Data value or written file")
			var observed []string
			for _, inSecret := range []bool{false, true} {
				if inSecret && base.RequestType == "Delete" {
					continue // a Delete reads no credentials
				}
				for _, echo := range []bool{false, true} {
					observed = append(observed, hunt(t, base, echo, inSecret))
				}
			}
			row.Observed = strings.Join(observed, "; ")
		})
	}
}

// hunt sends ev with canaries to a rig of its own, inSecret with the
// credentials in a secret, and says what came of it.
func hunt(t *testing.T, base harness.Event, echo, inSecret bool) string {
	r := newRig(t)
	label := "healthy AppFlow"
	if echo {
		label = "AppFlow quoting the request in its error"
		r.AppFlow.Faults.Inject(echoRequest)
	}
	ev := harness.WithCanaries(base.Fresh())
	canaries := len(harness.Canaries(ev))
	if inSecret {
		label += ", credentials from CredentialsSecret"
		r.inSecret(t, &ev)
	}
	if id := ev.PhysicalResourceID; id != "" && !strings.ContainsAny(id, ": ") {
		r.seed(id, fmt.Sprint(ev.Prop("connectorType")))
	}
	resp := mustAnswer(t, r, r.send(ev))
	if !echo && resp.Status != "SUCCESS" {
		t.Errorf("%s: %s %s", ev.RequestType, resp.Status, resp.Reason)
	}
	if echo && ev.RequestType != "Delete" && resp.Status != "FAILED" {
		t.Errorf("%s with a quoting AppFlow: %s, want FAILED", ev.RequestType, resp.Status)
	}
	if !echo && ev.RequestType != "Delete" && !reachedAppFlow(r.AppFlow, r.Secrets()) {
		t.Errorf("no canary reached AppFlow, so this hunt proves nothing")
	}
	if ev.RequestType == "Create" {
		mustAnswer(t, r, r.send(deleteOf(ev, resp.PhysicalResourceID)))
	}
	return fmt.Sprintf("%s: %s (%d canaries, none found)", label, resp.Status, canaries)
}

// reachedAppFlow reports whether one of secrets reached AppFlow, where
// credentials belong.
func reachedAppFlow(srv *appflowfake.Server, secrets []string) bool {
	for _, c := range srv.Calls() {
		if harness.FindSecret(string(c.Body), secrets) != "" {
			return true
		}
	}
	return false
}

// controlStack is a Stack without the rig's leak check at cleanup, for the
// tests that plant leaks.
func controlStack(t *testing.T) *harness.Stack {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := harness.StartStack(ctx, harness.StackConfig{Artifacts: artifacts, Timeout: 10 * time.Second, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

// TestLeaksAreFound checks the leak check: a canary written to a file,
// logged by the function or put in a response is found.
func TestLeaksAreFound(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := controlStack(t)
	ev := canaryCreate(t, "leak-control")
	d := st.Send(ctx, ev)
	if d.Response().Status != "SUCCESS" || !reachedAppFlow(st.AppFlow, ev.Secrets()) {
		t.Fatalf("the control Create did not reach AppFlow: %s", d.Response().Status)
	}
	if leaks := st.Leaks(); len(leaks) != 0 {
		t.Fatalf("leaks before any were planted: %v", leaks)
	}
	secret := ev.Secrets()[0]
	if err := os.WriteFile(filepath.Join(st.TempDir, "cache.json"), []byte(`{"k":"`+secret+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	leaked := ev.Fresh()
	leaked.StackID += secret[2:] // a part of the canary, echoed back in the response and logged
	st.Send(ctx, leaked)
	st.Close()
	leaks := strings.Join(st.Leaks(), "\n")
	for _, where := range []string{"in a file the function wrote", "in a response to CloudFormation", "in a log line"} {
		if !strings.Contains(leaks, where) {
			t.Errorf("planted canary not found %s; found:\n%s", where, leaks)
		}
	}
}

// TestSecretLeaksAreFound checks the leak check on what secrets hold: the
// function reading a secret is no leak, but a part of its value in a log
// line, a response or another Secrets Manager answer is.
func TestSecretLeaksAreFound(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := controlStack(t)
	r := &rig{Stack: st}
	ev := canaryCreate(t, "secret-leak-control")
	r.inSecret(t, &ev)
	if d := st.Send(ctx, ev); d.Response().Status != "SUCCESS" || !reachedAppFlow(st.AppFlow, st.Secrets()) {
		t.Fatalf("the control Create did not take the credentials from the secret: %s %s", d.Response().Status, d.Response().Reason)
	}
	if leaks := st.Leaks(); len(leaks) != 0 {
		t.Fatalf("leaks before any were planted: %v", leaks)
	}
	secret := harness.SecretValues(st.SecretsManager.Values())[0]
	r.createSecret(t, "named-"+secret[4:20], map[string]any{"apiKey": "x"}) // CreateSecret answers with the name
	leaked := ev.Fresh()
	leaked.StackID += secret[2:] // echoed back in the response and logged
	st.Send(ctx, leaked)
	st.Close()
	leaks := strings.Join(st.Leaks(), "\n")
	for _, where := range []string{"in Secrets Manager's answer to CreateSecret", "in a response to CloudFormation", "in a log line"} {
		if !strings.Contains(leaks, where) {
			t.Errorf("planted canary not found %s; found:\n%s", where, leaks)
		}
	}
	if strings.Contains(leaks, "GetSecretValue") {
		t.Errorf("a GetSecretValue answer counted as a leak:\n%s", leaks)
	}
}
