package reliability

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// TestLeakHunt sends every sample event under events/ with canary
// credentials, once against a healthy AppFlow and once against one whose
// errors quote the whole request back, and fails if a canary shows up in a
// log line, a response or a file (the rig's cleanup looks). Every other test
// in this package sends canaries too and is checked the same way.
func TestLeakHunt(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	root, err := harness.ModuleRoot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, "events", "*.json"))
	if len(files) == 0 {
		t.Skip("no sample events under events/")
	}
	for i, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			t.Parallel()
			base, err := harness.LoadEvent(file)
			if err != nil {
				t.Fatal(err)
			}
			var observed []string
			for _, echo := range []bool{false, true} {
				r := newRig(t, rigConfig{Timeout: 10 * time.Second})
				if echo {
					r.front.inject("", -1, echoSecrets)
				}
				ev := r.canary.apply(base.Fresh())
				if profileName(ev.PhysicalResourceID) {
					r.app.Seed(ev.PhysicalResourceID, connectorType(ev))
				}
				o := r.send(ev)
				resp := mustAnswer(t, r, o)
				if !echo && resp.Status != "SUCCESS" {
					t.Errorf("%s: %s %s", name, resp.Status, resp.Reason)
				}
				if echo && ev.RequestType != "Delete" && resp.Status != "FAILED" {
					t.Errorf("%s with a quoting AppFlow: %s, want FAILED", name, resp.Status)
				}
				if !echo && ev.RequestType != "Delete" && !r.reachedAppFlow() {
					t.Errorf("%s: no canary reached AppFlow, so this hunt proves nothing", name)
				}
				if ev.RequestType == "Create" {
					mustAnswer(t, r, r.send(deleteEvent(ev, resp.PhysicalResourceID)))
				}
				label := "healthy AppFlow"
				if echo {
					label = "AppFlow quoting the request in its error"
				}
				observed = append(observed, fmt.Sprintf("%s: %s", label, resp.Status))
				r.close() // runs the leak check now
				observed[len(observed)-1] += fmt.Sprintf(" (%d canaries, none found)", r.canary.count())
			}
			if !t.Failed() {
				record(t, 2, i, "events/"+name+" with every credential replaced by a canary",
					"no canary in any log line, Reason, Data value or written file",
					strings.Join(observed, "; "))
			}
		})
	}
}

func profileName(id string) bool {
	return id != "" && !strings.ContainsAny(id, ": ")
}

func connectorType(ev harness.Event) string {
	for _, props := range []map[string]any{ev.OldResourceProperties, ev.ResourceProperties} {
		for k, v := range props {
			if s, ok := v.(string); ok && strings.EqualFold(k, "connectorType") {
				return s
			}
		}
	}
	return "Datadog"
}

// TestLeakHuntFindsLeaks checks the hunter: a canary written to a file,
// logged by the function or put in a response is found.
func TestLeakHuntFindsLeaks(t *testing.T) {
	r := newRig(t, rigConfig{Timeout: 10 * time.Second})
	ev := r.createEvent("leak-control")
	o := r.send(ev)
	mustAnswer(t, r, o)
	if !r.reachedAppFlow() {
		t.Fatal("the canaries never reached AppFlow")
	}
	if leaks := r.findLeaks(); len(leaks) != 0 {
		t.Fatalf("leaks before any were planted: %v", leaks)
	}
	secret := ev.Secrets()[0]
	if err := os.WriteFile(filepath.Join(r.tmp, "cache.json"), []byte(`{"k":"`+secret+`"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	leaked := ev.Fresh()
	leaked.StackID += secret[2:] // echoed back in the response and logged
	r.send(leaked)
	r.settle()
	leaks := strings.Join(r.findLeaks(), "\n")
	for _, where := range []string{"in a file the run wrote", "in a response to CloudFormation", "in a log line"} {
		if !strings.Contains(leaks, where) {
			t.Errorf("planted canary not found %s; found:\n%s", where, leaks)
		}
	}
	r.canary.reset() // the planted leaks are not the Lambda's
}
