package integ_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/fault"
	"github.com/appflow-iac/connectorprofile/integ/harness"
)

const failedPrefix = "create-failed:"

// scenario drives a rig through one case of the fault matrix: it sends the
// event under test with the case's faults injected, fails t on any broken
// promise and returns what the stack saw.
type scenario = func(t *testing.T, r *rig, faults harness.Faults) string

// profileName is the profile a fault case creates: "rel-" and its name.
func profileName(t *testing.T) string { return "rel-" + strings.ToLower(path.Base(t.Name())) }

// creating sends a Create and expects status with a Reason containing reasonHas.
func creating(status, reasonHas string) scenario {
	return func(t *testing.T, r *rig, f harness.Faults) string {
		obs, _ := createExpecting(t, r, f, status, reasonHas)
		return obs
	}
}

// createExpecting sends a Create and checks the answer as expectCreate does.
func createExpecting(t *testing.T, r *rig, f harness.Faults, status, reasonHas string) (string, harness.Event) {
	t.Helper()
	return expectCreate(t, r, f, canaryCreate(t, profileName(t)), status, reasonHas)
}

// expectCreate sends the Create ev with the faults f and checks the answer:
// status, a Reason containing reasonHas, the physical id and the profiles
// left. A failed Create is rolled back as CloudFormation would.
func expectCreate(t *testing.T, r *rig, f harness.Faults, ev harness.Event, status, reasonHas string) (string, harness.Event) {
	t.Helper()
	name := ev.ProfileName()
	r.Inject(f)
	d := r.send(ev)
	resp := mustAnswer(t, r, d)
	if resp.Status != status {
		t.Errorf("Status %s (%s), want %s", resp.Status, resp.Reason, status)
	}
	if !strings.Contains(strings.ToLower(resp.Reason), strings.ToLower(reasonHas)) {
		t.Errorf("Reason %q does not mention %q", resp.Reason, reasonHas)
	}
	switch status {
	case "SUCCESS":
		if resp.PhysicalResourceID != name || resp.Data["ConnectorProfileArn"] == nil {
			t.Errorf("PhysicalResourceId %q, Data %v; want the profile name and its ARN", resp.PhysicalResourceID, resp.Data)
		}
		checkOwned(t, r, []string{resp.PhysicalResourceID}, 1)
	case "FAILED":
		if want := failedPrefix + ev.RequestID; resp.PhysicalResourceID != want {
			t.Errorf("PhysicalResourceId %q, want %q", resp.PhysicalResourceID, want)
		}
		checkOwned(t, r, nil, 0)
		return describe(d, r) + "; " + rollback(t, r, d), ev
	}
	return describe(d, r), ev
}

// checkCreateAttempts checks how AppFlow answered each CreateConnectorProfile,
// and that every attempt carried the RequestId as clientToken.
func checkCreateAttempts(t *testing.T, r *rig, ev harness.Event, statuses ...int) {
	t.Helper()
	calls := r.AppFlow.CallsTo(opCreate)
	var got []int
	for _, c := range calls {
		got = append(got, c.Status)
		if clientToken(c) != ev.RequestID {
			t.Errorf("attempt %q used clientToken %q, want the RequestId", c.Attempt, clientToken(c))
		}
	}
	if !slices.Equal(got, statuses) {
		t.Errorf("CreateConnectorProfile answered %v, want %v", got, statuses)
	}
}

// countingCreates adds to s's observation how often the Create reached
// AppFlow, and checks that it always carried one clientToken.
func countingCreates(s scenario) scenario {
	return func(t *testing.T, r *rig, f harness.Faults) string {
		obs := s(t, r, f)
		calls := r.AppFlow.CallsTo(opCreate)
		for _, c := range calls {
			if clientToken(c) == "" || clientToken(c) != clientToken(calls[0]) {
				t.Errorf("CreateConnectorProfile attempts used clientTokens %q and %q", clientToken(calls[0]), clientToken(c))
			}
		}
		return obs + fmt.Sprintf("; CreateConnectorProfile reached AppFlow %d times with one clientToken", len(calls))
	}
}

// rollback sends the Delete CloudFormation sends after a failed Create, with
// the faults cleared, and says what came of it.
func rollback(t *testing.T, r *rig, d harness.Delivery) string {
	t.Helper()
	r.ClearFaults()
	before := len(r.AppFlow.CallsTo("DeleteConnectorProfile"))
	resp := mustAnswer(t, r, r.send(deleteOf(d.Event, d.Response().PhysicalResourceID)))
	if resp.Status != "SUCCESS" {
		t.Errorf("rollback Delete: %s %s; the stack would end in ROLLBACK_FAILED", resp.Status, resp.Reason)
	}
	calls := len(r.AppFlow.CallsTo("DeleteConnectorProfile")) - before
	return fmt.Sprintf("rollback Delete %s with %d DeleteConnectorProfile call(s), %d profile(s) left", resp.Status, calls, len(r.profiles()))
}

// createAnswerLost sends a Create where AppFlow acted but the answer was
// lost. The promises: the response names the new profile if namesProfile
// (else none), and after the rollback Delete no profile is left.
func createAnswerLost(reasonHas string, namesProfile bool) scenario {
	return func(t *testing.T, r *rig, f harness.Faults) string {
		name := profileName(t)
		r.Inject(f)
		d := r.send(canaryCreate(t, name))
		resp := mustAnswer(t, r, d)
		if resp.Status != "FAILED" {
			t.Errorf("Status %s, want FAILED", resp.Status)
		}
		if !strings.Contains(strings.ToLower(resp.Reason), reasonHas) {
			t.Errorf("Reason %q does not mention %q", resp.Reason, reasonHas)
		}
		want := failedPrefix + d.Event.RequestID
		if namesProfile {
			want = name
		}
		if resp.PhysicalResourceID != want {
			t.Errorf("PhysicalResourceId %q, want %q", resp.PhysicalResourceID, want)
		}
		obs := describe(d, r) + "; " + rollback(t, r, d)
		if left := r.profiles(); len(left) != 0 {
			t.Errorf("profiles %v left after the rollback; the response named %q", left, resp.PhysicalResourceID)
		}
		return obs
	}
}

// replacing creates a profile, then sends an Update renaming it (a
// replacement) with the faults armed. The failed Update must keep the old
// id, and leave no new profile behind.
func replacing(t *testing.T, r *rig, f harness.Faults) string {
	oldName, newName := profileName(t)+"-old", profileName(t)+"-new"
	ev := canaryCreate(t, oldName)
	created := mustAnswer(t, r, r.send(ev))
	up := ev.Fresh()
	up.RequestType = "Update"
	up.PhysicalResourceID = created.PhysicalResourceID
	up.OldResourceProperties = ev.Clone().ResourceProperties
	up.ResourceProperties["connectorProfileName"] = newName
	up = harness.WithCanaries(up)
	r.Inject(f)
	d := r.send(up)
	resp := mustAnswer(t, r, d)
	if resp.Status != "FAILED" || resp.PhysicalResourceID != oldName {
		t.Errorf("got %s %q, want FAILED keeping the old id %q", resp.Status, resp.PhysicalResourceID, oldName)
	}
	obs := describe(d, r)
	if slices.Contains(r.profiles(), newName) {
		t.Errorf("replacement profile %s exists but nothing names it", newName)
	}
	checkOwned(t, r, []string{oldName}, 1)
	return obs
}

// responseLost sends a Create whose response CloudFormation never takes.
func responseLost(t *testing.T, r *rig, f harness.Faults) string {
	r.Inject(f)
	d := r.send(canaryCreate(t, profileName(t)))
	mustReturnDeliveryError(t, r, d)
	if d.Accepted != nil {
		t.Errorf("a response was accepted")
	}
	if len(d.Puts) < 2 && f.ResponseURL[0].Kind == fault.Error {
		t.Errorf("%d PUT attempt(s); want retries", len(d.Puts))
	}
	if n := len(d.Puts); n > 0 && d.Puts[n-1].Time.Sub(d.Puts[0].Time) >= r.Lambda.Timeout {
		t.Errorf("still retrying after the deadline")
	}
	return fmt.Sprintf("function error after %.1f s, %d PUT attempt(s); profiles %v (the redelivery replays the clientToken)",
		d.Invoke.Duration.Seconds(), len(d.Puts), r.profiles())
}

// redeliveredAfterRefusal sends a Create whose ResponseURL refuses
// connections, then delivers it again as Lambda does after a function error.
func redeliveredAfterRefusal(t *testing.T, r *rig, _ harness.Faults) string {
	ev := canaryCreate(t, profileName(t))
	first := ev
	first.ResponseURL = closedURL(t)
	d := r.Deliver(context.Background(), first)
	mustReturnDeliveryError(t, r, d)
	again := r.send(ev)
	resp := mustAnswer(t, r, again)
	if resp.Status != "SUCCESS" {
		t.Errorf("redelivery: %s %s", resp.Status, resp.Reason)
	}
	checkOwned(t, r, []string{resp.PhysicalResourceID}, 1)
	return fmt.Sprintf("first delivery: function error after %.1f s, no response; redelivery: %s", d.Invoke.Duration.Seconds(), describe(again, r))
}

// closedURL is a ResponseURL nobody listens on: connections are refused.
func closedURL(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/cloudformation-custom-resource-response-useast1/x?X-Amz-Signature=0123456789abcdef"
}

func duplicateCreate(t *testing.T, r *rig, _ harness.Faults) string {
	ev := canaryCreate(t, profileName(t))
	a, b := r.send(ev), r.send(ev)
	ra, rb := mustAnswer(t, r, a), mustAnswer(t, r, b)
	if ra.Status != "SUCCESS" || rb.Status != "SUCCESS" || ra.PhysicalResourceID != rb.PhysicalResourceID {
		t.Errorf("got %s %q then %s %q", ra.Status, ra.PhysicalResourceID, rb.Status, rb.PhysicalResourceID)
	}
	if ra.Data["ConnectorProfileArn"] == nil || ra.Data["ConnectorProfileArn"] != rb.Data["ConnectorProfileArn"] {
		t.Errorf("Data %v then %v", ra.Data, rb.Data)
	}
	checkOwned(t, r, []string{ra.PhysicalResourceID}, 1)
	return fmt.Sprintf("%s; then %s; %d profile", describe(a, r), describe(b, r), len(r.profiles()))
}

func concurrentCreate(t *testing.T, r *rig, _ harness.Faults) string {
	other := newRig(t, withTimeout(r.Lambda.Timeout), withAppFlow(r.AppFlow))
	ev := canaryCreate(t, profileName(t))
	var a, b harness.Delivery
	var wg sync.WaitGroup
	wg.Go(func() { a = r.send(ev) })
	wg.Go(func() { b = other.send(ev) })
	wg.Wait()
	ra, rb := mustAnswer(t, r, a), mustAnswer(t, other, b)
	if ra.Status != "SUCCESS" || rb.Status != "SUCCESS" || ra.PhysicalResourceID != rb.PhysicalResourceID {
		t.Errorf("got %s %q and %s %q", ra.Status, ra.PhysicalResourceID, rb.Status, rb.PhysicalResourceID)
	}
	checkOwned(t, r, []string{ra.PhysicalResourceID}, 1)
	return fmt.Sprintf("%s and %s; %d profile", ra.Status, rb.Status, len(r.profiles()))
}

func duplicateUpdate(t *testing.T, r *rig, _ harness.Faults) string {
	name := profileName(t)
	mustAnswer(t, r, r.send(canaryCreate(t, name)))
	update := harness.WithCanaries(loadEvent(t, "update-in-place.json").Fresh())
	update.PhysicalResourceID = name
	update.ResourceProperties["connectorProfileName"] = name
	update.OldResourceProperties["connectorProfileName"] = name
	a := r.send(update)
	before, _ := r.AppFlow.Get(name)
	b := r.send(update)
	after, _ := r.AppFlow.Get(name)
	ra, rb := mustAnswer(t, r, a), mustAnswer(t, r, b)
	if ra.Status != "SUCCESS" || rb.Status != "SUCCESS" || ra.PhysicalResourceID != name || rb.PhysicalResourceID != name {
		t.Errorf("got %s %q then %s %q", ra.Status, ra.PhysicalResourceID, rb.Status, rb.PhysicalResourceID)
	}
	if !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Errorf("the repeated Update was applied twice")
	}
	for _, c := range r.AppFlow.CallsTo("UpdateConnectorProfile") {
		if clientToken(c) != update.RequestID {
			t.Errorf("UpdateConnectorProfile clientToken %q, want the RequestId", clientToken(c))
		}
	}
	return fmt.Sprintf("%s; then %s; applied once", describe(a, r), describe(b, r))
}

func duplicateDelete(t *testing.T, r *rig, _ harness.Faults) string {
	ev := canaryCreate(t, profileName(t))
	c := mustAnswer(t, r, r.send(ev))
	del := deleteOf(ev, c.PhysicalResourceID)
	a, b := r.send(del), r.send(del)
	ra, rb := mustAnswer(t, r, a), mustAnswer(t, r, b)
	if ra.Status != "SUCCESS" || rb.Status != "SUCCESS" || len(r.profiles()) != 0 {
		t.Errorf("got %s then %s, profiles %v", ra.Status, rb.Status, r.profiles())
	}
	return fmt.Sprintf("%s; then %s; %d profiles", describe(a, r), describe(b, r), len(r.profiles()))
}

// nameTaken: the Create fails, and the rollback Delete must leave the other
// owner's profile alone.
func nameTaken(t *testing.T, r *rig, f harness.Faults) string {
	other := r.seed(profileName(t), "Datadog")
	obs, _ := createExpecting(t, r, f, "FAILED", "already exists")
	if _, ok := r.AppFlow.Get(other.Name); !ok {
		t.Errorf("the other owner's profile was deleted")
	}
	if n := len(r.AppFlow.CallsTo("DeleteConnectorProfile")); n != 0 {
		t.Errorf("DeleteConnectorProfile called %d times", n)
	}
	return obs
}

func quotaExceeded(t *testing.T, r *rig, f harness.Faults) string {
	r.seed("someone-else", "Slack")
	obs, _ := createExpecting(t, r, f, "FAILED", "quota")
	return obs
}

func deleteGone(t *testing.T, r *rig, _ harness.Faults) string {
	d := r.send(harness.WithCanaries(loadEvent(t, "delete.json").Fresh()))
	if resp := mustAnswer(t, r, d); resp.Status != "SUCCESS" {
		t.Errorf("Status %s (%s), want SUCCESS", resp.Status, resp.Reason)
	}
	calls := r.AppFlow.CallsTo("DeleteConnectorProfile")
	if len(calls) != 1 || calls[0].ErrorCode != "ResourceNotFoundException" {
		t.Errorf("calls: %v", calls)
	}
	return describe(d, r) + "; AppFlow answered the Delete ResourceNotFoundException"
}

// mustReturnDeliveryError checks that the function itself reported the lost
// response as an error (so Lambda delivers the event again) rather than being
// stopped at its deadline.
func mustReturnDeliveryError(t *testing.T, r *rig, d harness.Delivery) {
	t.Helper()
	if d.InvokeErr != nil || !d.FunctionError() || !strings.Contains(string(d.Invoke.Body), "deliver response") {
		t.Errorf("want the function's own delivery error, got %v %s", d.InvokeErr, d.Invoke.Body)
	}
	// The emulator's own overhead counts here; the function stops 100 ms early.
	if d.Invoke.Duration >= r.Lambda.Timeout+time.Second {
		t.Errorf("took %v, not before the %v deadline", d.Invoke.Duration, r.Lambda.Timeout)
	}
}

// checkOwned checks that AppFlow holds want profiles (-1: any number), other
// owners' aside, each named by one of the physical ids in owners.
func checkOwned(t *testing.T, r *rig, owners []string, want int) {
	t.Helper()
	got := r.profiles()
	if want >= 0 && len(got) != want {
		t.Errorf("AppFlow holds %d profiles %v, want %d", len(got), got, want)
	}
	for _, name := range got {
		if !slices.Contains(owners, name) {
			t.Errorf("profile %s is named by no response: nothing will delete it", name)
		}
	}
}

// describe says what CloudFormation saw, without the random parts.
func describe(d harness.Delivery, r *rig) string {
	if d.Accepted == nil {
		return "no response"
	}
	resp := d.Response()
	id := resp.PhysicalResourceID
	if strings.HasPrefix(id, failedPrefix) {
		id = failedPrefix + "<RequestId>"
	}
	s := fmt.Sprintf("%s, PhysicalResourceId %s", resp.Status, id)
	if resp.Reason != "" {
		reason := resp.Reason
		if len(reason) > 160 {
			reason = reason[:157] + "..."
		}
		s += fmt.Sprintf(", Reason %q", reason)
	}
	return s + fmt.Sprintf(", answered in %.1f s of %d s; %d profile(s)", d.Elapsed.Seconds(), int(r.Lambda.Timeout.Seconds()), len(r.AppFlow.Profiles()))
}

// refusedForTime: with too short a timeout, the function answers FAILED
// before it calls AppFlow, and so it answers CloudFormation's rollback Delete.
func refusedForTime(t *testing.T, r *rig, f harness.Faults) string {
	ev := canaryCreate(t, profileName(t))
	r.Inject(f)
	d := r.send(ev)
	obs := describe(d, r)
	for _, d := range []harness.Delivery{d, r.send(deleteOf(ev, d.Response().PhysicalResourceID))} {
		resp := mustAnswer(t, r, d)
		if resp.Status != "FAILED" || !strings.Contains(resp.Reason, "raise the function's timeout") {
			t.Errorf("%s: %s (%s), want FAILED asking for a longer timeout", d.Event.RequestType, resp.Status, resp.Reason)
		}
	}
	if calls := r.AppFlow.Calls(); len(calls) != 0 {
		t.Errorf("the function called AppFlow %d times", len(calls))
	}
	return obs + "; the rollback Delete is refused alike, with no AppFlow call"
}

// redirectedAnswer: the ResponseURL redirects (the case's 3xx faults) to
// another host, which the scenario starts: the function must not follow.
func redirectedAnswer(t *testing.T, r *rig, f harness.Faults) string {
	var mu sync.Mutex
	var elsewhere []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		elsewhere = append(elsewhere, req.Method)
	}))
	t.Cleanup(other.Close)
	f.ResponseURL = slices.Clone(f.ResponseURL)
	for i := range f.ResponseURL {
		f.ResponseURL[i].Location = other.URL + "/cloudformation-custom-resource-response-useast1/moved"
	}
	r.Inject(f)
	d := r.send(canaryCreate(t, profileName(t)))
	mustReturnDeliveryError(t, r, d)
	if len(d.Puts) != 1 || d.Puts[0].Status != http.StatusFound || d.Accepted != nil {
		t.Fatalf("%d PUT(s), accepted %v; want one, answered 302 and not taken", len(d.Puts), d.Accepted != nil)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(elsewhere) != 0 {
		t.Errorf("the other host received %v", elsewhere)
	}
	return fmt.Sprintf("function error after %.1f s: %d PUT answered %d, not followed; the other host received %d requests; profiles %v (the redelivery replays the clientToken)",
		d.Invoke.Duration.Seconds(), len(d.Puts), d.Puts[0].Status, len(elsewhere), r.profiles())
}
