package reliability

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
)

const (
	createPath   = "/create-connector-profile"
	describePath = "/describe-connector-profiles"
	failedPrefix = "create-failed:"
)

// scenario is one row of the fault matrix.
type scenario struct {
	name     string
	fault    string
	expected string
	cfg      rigConfig
	// run drives the rig and returns what was observed; it fails t on any
	// broken promise.
	run func(t *testing.T, r *rig) string
}

func TestFaults(t *testing.T) {
	for i, s := range faultScenarios() {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			r := newRig(t, s.cfg)
			observed := s.run(t, r)
			if !t.Failed() {
				record(t, 0, i, s.fault, s.expected, observed)
			}
		})
	}
}

func faultScenarios() []scenario {
	return []scenario{
		{
			name: "AppFlowThrottleBurst", fault: "AppFlow answers the first 2 requests 429 ThrottlingException",
			expected: "SDK retries; SUCCESS; one profile", cfg: rigConfig{Timeout: 15 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.app.ThrottleNext(2)
				return createExpecting(t, r, "SUCCESS", "")
			},
		},
		{
			name: "AppFlowThrottleBeyondRetries", fault: "AppFlow throttles every CreateConnectorProfile",
			expected: "FAILED naming ThrottlingException and what to do; no profile", cfg: rigConfig{Timeout: 15 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.app.Inject(appflowfake.Fault{Op: "CreateConnectorProfile", Count: -1, Status: http.StatusTooManyRequests,
					Code: "ThrottlingException", Message: "Rate exceeded"})
				return createExpecting(t, r, "FAILED", "ThrottlingException")
			},
		},
		{
			name: "AppFlow5xxBurst", fault: "AppFlow answers the first 2 requests 500 InternalServerException",
			expected: "SDK retries; SUCCESS; one profile", cfg: rigConfig{Timeout: 15 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.app.FailNext(2)
				return createExpecting(t, r, "SUCCESS", "")
			},
		},
		{
			name: "AppFlow5xxPersistent", fault: "AppFlow answers every CreateConnectorProfile 503 ServiceUnavailable",
			expected: "FAILED naming the error; no profile", cfg: rigConfig{Timeout: 15 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.app.Inject(appflowfake.Fault{Op: "CreateConnectorProfile", Count: -1, Status: http.StatusServiceUnavailable,
					Code: "ServiceUnavailableException", Message: "Service unavailable"})
				return createExpecting(t, r, "FAILED", "ServiceUnavailable")
			},
		},
		{
			name: "AppFlowResetBeforeRequest", fault: "the connection to AppFlow is reset (RST) twice before AppFlow sees the request",
			expected: "SDK retries; SUCCESS; one profile", cfg: rigConfig{Timeout: 15 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.front.inject(createPath, 2, resetBefore)
				return createExpecting(t, r, "SUCCESS", "")
			},
		},
		{
			name: "AppFlowResetAfterCreate", fault: "AppFlow creates the profile, then the connection is reset before the answer",
			expected: "SDK retries with the same clientToken, AppFlow replays; SUCCESS; one profile", cfg: rigConfig{Timeout: 15 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.front.inject(createPath, 1, resetAfter)
				obs := createExpecting(t, r, "SUCCESS", "")
				return obs + fmt.Sprintf("; CreateConnectorProfile reached AppFlow %d times with one clientToken", len(r.app.CallsTo("CreateConnectorProfile")))
			},
		},
		{
			name: "AppFlowSlow", fault: "every AppFlow answer takes 1.5 s (Lambda timeout 10 s)",
			expected: "SUCCESS; one profile", cfg: rigConfig{Timeout: 10 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.app.SetLatency(1500 * time.Millisecond)
				return createExpecting(t, r, "SUCCESS", "")
			},
		},
		{
			name: "AppFlowHangPastDeadline", fault: "AppFlow never answers (Lambda timeout 3 s)",
			expected: "FAILED before the deadline, Reason names the deadline; no profile", cfg: rigConfig{Timeout: 3 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.app.HangNext(-1)
				return createExpecting(t, r, "FAILED", "deadline")
			},
		},
		{
			name: "AppFlowHangAfterCreate", fault: "AppFlow creates the profile but its answer never comes (Lambda timeout 3 s)",
			expected: "FAILED before the deadline; as AppFlow never confirms the profile is this request's, the response names none, and the profile may be left behind", cfg: rigConfig{Timeout: 3 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.front.inject(createPath, -1, hangAfter)
				return createMaybeOrphan(t, r, "deadline",
					"no answer to CreateConnectorProfile ever arrives, not even to the handler's replay of the clientToken, "+
						"and naming a profile it cannot prove is its own could let the rollback delete someone else's")
			},
		},
		{
			name: "AppFlowDescribeHang", fault: "the profile is created, then DescribeConnectorProfiles hangs (Lambda timeout 3 s)",
			expected: "FAILED before the deadline naming the new profile; the rollback Delete removes it", cfg: rigConfig{Timeout: 3 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.app.Inject(appflowfake.Fault{Op: "DescribeConnectorProfiles", Count: -1, Hang: true})
				return createMaybeOrphan(t, r, "deadline", "")
			},
		},
		{
			name: "AppFlowMalformedBody", fault: "AppFlow answers CreateConnectorProfile 200 with a truncated JSON body, without acting",
			expected: "the handler settles the unheard Create by sending it again with the same clientToken; SUCCESS; one profile", cfg: rigConfig{Timeout: 10 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.front.inject(createPath, 1, garbageBefore)
				return createExpecting(t, r, "SUCCESS", "")
			},
		},
		{
			name: "AppFlowMalformedBodyAfterCreate", fault: "AppFlow creates the profile, then the answer's body is truncated JSON",
			expected: "the handler sends the Create again with the same clientToken and AppFlow replays it; SUCCESS; one profile", cfg: rigConfig{Timeout: 10 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.front.inject(createPath, 1, garbageAfter)
				obs := createExpecting(t, r, "SUCCESS", "")
				return obs + fmt.Sprintf("; CreateConnectorProfile reached AppFlow %d times with one clientToken", len(r.app.CallsTo("CreateConnectorProfile")))
			},
		},
		{
			name: "AppFlowMalformedDescribe", fault: "the profile is created, then DescribeConnectorProfiles answers 200 with truncated JSON",
			expected: "FAILED naming the new profile; the rollback Delete removes it", cfg: rigConfig{Timeout: 10 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.front.inject(describePath, -1, garbageBefore)
				return createMaybeOrphan(t, r, "read back", "")
			},
		},
		{
			name: "ReplacementDescribeHang", fault: "an Update that replaces the profile (new name) creates the new one, then DescribeConnectorProfiles hangs (Lambda timeout 3 s)",
			expected: "FAILED keeping the old PhysicalResourceId; the half-made replacement is removed (nothing else will)", cfg: rigConfig{Timeout: 3 * time.Second},
			run: func(t *testing.T, r *rig) string {
				return replacementMaybeOrphan(t, r, func() {
					r.app.Inject(appflowfake.Fault{Op: "DescribeConnectorProfiles", Count: -1, Hang: true})
				})
			},
		},
		{
			name: "ReplacementDescribeMalformed", fault: "an Update that replaces the profile (new name) creates the new one, then DescribeConnectorProfiles answers truncated JSON",
			expected: "FAILED keeping the old PhysicalResourceId; the half-made replacement is removed (nothing else will)", cfg: rigConfig{Timeout: 10 * time.Second},
			run: func(t *testing.T, r *rig) string {
				return replacementMaybeOrphan(t, r, func() { r.front.inject(describePath, -1, garbageBefore) })
			},
		},
		{
			name: "ResponseURL503Persistent", fault: "the ResponseURL answers every PUT 503 (Lambda timeout 3 s)",
			expected: "the function retries with backoff, then returns an error before the deadline, so Lambda redelivers",
			cfg:      rigConfig{Timeout: 3 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.cfn.FailNext(1 << 30)
				o := r.send(r.createEvent("rel-503-forever"))
				mustReturnDeliveryError(t, r, o)
				if o.Accepted != nil {
					t.Errorf("a response was accepted through a 503")
				}
				return fmt.Sprintf("function error after %.1f s, %d PUT attempts; profiles %v (the redelivery replays the clientToken)",
					o.Invoke.Duration.Seconds(), len(o.Puts), r.profiles())
			},
		},
		{
			name: "ResponseURL503s", fault: "the ResponseURL answers the first 3 PUTs 503 Slow Down",
			expected: "the function retries the PUT; CloudFormation gets SUCCESS; one profile", cfg: rigConfig{Timeout: 10 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.cfn.FailNext(3)
				obs := createExpecting(t, r, "SUCCESS", "")
				return obs + fmt.Sprintf("; %d PUTs", len(r.cfn.Puts()))
			},
		},
		{
			name: "ResponseURLRefused", fault: "the ResponseURL refuses connections (Lambda timeout 3 s), then the event is delivered again",
			expected: "the function keeps retrying, then returns an error before the deadline so Lambda redelivers; the redelivery gets SUCCESS; one profile",
			cfg:      rigConfig{Timeout: 3 * time.Second},
			run: func(t *testing.T, r *rig) string {
				ev := r.createEvent("rel-refused")
				first := ev
				first.ResponseURL = closedURL(t)
				o := r.sendTo(first)
				mustReturnDeliveryError(t, r, o)
				again := r.send(ev)
				resp := mustAnswer(t, r, again)
				checkOwned(t, r, []string{resp.PhysicalResourceID}, 1)
				if resp.Status != "SUCCESS" {
					t.Errorf("redelivery: %s %s", resp.Status, resp.Reason)
				}
				return fmt.Sprintf("first delivery: function error after %.1f s, no response; redelivery: %s", o.Invoke.Duration.Seconds(), describe(again, r))
			},
		},
		{
			name: "ResponseURLSlowPut", fault: "the ResponseURL takes 2 s to accept the PUT (Lambda timeout 6 s)",
			expected: "SUCCESS accepted before the deadline; one profile", cfg: rigConfig{Timeout: 6 * time.Second, PutDelay: 2 * time.Second},
			run: func(t *testing.T, r *rig) string {
				return createExpecting(t, r, "SUCCESS", "")
			},
		},
		{
			name: "ResponseURLPutHangs", fault: "the ResponseURL never answers the PUT (Lambda timeout 3 s)",
			expected: "the function returns an error before the deadline, so Lambda redelivers",
			cfg:      rigConfig{Timeout: 3 * time.Second, PutHang: true},
			run: func(t *testing.T, r *rig) string {
				o := r.send(r.createEvent("rel-put-hangs"))
				mustReturnDeliveryError(t, r, o)
				return fmt.Sprintf("function error after %.1f s; profiles %v (the redelivery replays the clientToken)", o.Invoke.Duration.Seconds(), r.profiles())
			},
		},
		{
			name: "DuplicateCreate", fault: "the same Create (same RequestId) is delivered twice",
			expected: "SUCCESS twice with the same PhysicalResourceId; one profile", cfg: rigConfig{Timeout: 10 * time.Second},
			run: func(t *testing.T, r *rig) string {
				ev := r.createEvent("rel-duplicate")
				a, b := r.send(ev), r.send(ev)
				ra, rb := mustAnswer(t, r, a), mustAnswer(t, r, b)
				if ra.Status != "SUCCESS" || rb.Status != "SUCCESS" || ra.PhysicalResourceID != rb.PhysicalResourceID {
					t.Errorf("got %s %q then %s %q", ra.Status, ra.PhysicalResourceID, rb.Status, rb.PhysicalResourceID)
				}
				checkOwned(t, r, []string{ra.PhysicalResourceID}, 1)
				return fmt.Sprintf("%s; then %s; %d profile", describe(a, r), describe(b, r), len(r.profiles()))
			},
		},
		{
			name: "DuplicateCreateConcurrent", fault: "the same Create reaches two execution environments at once",
			expected: "SUCCESS from both with the same PhysicalResourceId; one profile", cfg: rigConfig{Timeout: 10 * time.Second},
			run: func(t *testing.T, r *rig) string {
				other := newRig(t, rigConfig{Timeout: 10 * time.Second, AppFlow: r.app})
				ev := r.createEvent("rel-duplicate-concurrent")
				other.canary.list = append(other.canary.list, r.canary.list...)
				var a, b outcome
				var wg sync.WaitGroup
				wg.Add(2)
				go func() { defer wg.Done(); a = r.send(ev) }()
				go func() { defer wg.Done(); b = other.send(ev) }()
				wg.Wait()
				ra, rb := mustAnswer(t, r, a), mustAnswer(t, other, b)
				if ra.Status != "SUCCESS" || rb.Status != "SUCCESS" || ra.PhysicalResourceID != rb.PhysicalResourceID {
					t.Errorf("got %s %q and %s %q", ra.Status, ra.PhysicalResourceID, rb.Status, rb.PhysicalResourceID)
				}
				checkOwned(t, r, []string{ra.PhysicalResourceID}, 1)
				return fmt.Sprintf("%s and %s; %d profile", ra.Status, rb.Status, len(r.profiles()))
			},
		},
		{
			name: "DuplicateDelete", fault: "the same Delete is delivered twice",
			expected: "SUCCESS twice; no profile", cfg: rigConfig{Timeout: 10 * time.Second},
			run: func(t *testing.T, r *rig) string {
				ev := r.createEvent("rel-duplicate-delete")
				c := mustAnswer(t, r, r.send(ev))
				del := deleteEvent(ev, c.PhysicalResourceID)
				a, b := r.send(del), r.send(del)
				ra, rb := mustAnswer(t, r, a), mustAnswer(t, r, b)
				if ra.Status != "SUCCESS" || rb.Status != "SUCCESS" || len(r.profiles()) != 0 {
					t.Errorf("got %s then %s, profiles %v", ra.Status, rb.Status, r.profiles())
				}
				return fmt.Sprintf("%s; then %s; %d profiles", describe(a, r), describe(b, r), len(r.profiles()))
			},
		},
		{
			name: "DeadlineShorterThanRetries", fault: "AppFlow answers every Create 500 after 0.6 s; the Lambda timeout (2 s) is shorter than the SDK's 3 attempts with backoff",
			expected: "FAILED before the deadline; no profile", cfg: rigConfig{Timeout: 2 * time.Second},
			run: func(t *testing.T, r *rig) string {
				r.app.SetLatency(600 * time.Millisecond)
				r.app.Inject(appflowfake.Fault{Op: "CreateConnectorProfile", Count: -1, Status: http.StatusInternalServerError,
					Code: "InternalServerException", Message: "An internal error occurred."})
				return createExpecting(t, r, "FAILED", "")
			},
		},
	}
}

// createExpecting sends a Create and checks the answer: status, a Reason
// containing reasonHas, the physical id and the profiles left.
func createExpecting(t *testing.T, r *rig, status, reasonHas string) string {
	t.Helper()
	name := "rel-" + strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(t.Name(), "TestFaults/"), "/", "-"))
	o := r.send(r.createEvent(name))
	resp := mustAnswer(t, r, o)
	if resp.Status != status {
		t.Errorf("Status %s (%s), want %s", resp.Status, resp.Reason, status)
	}
	if reasonHas != "" && !strings.Contains(strings.ToLower(resp.Reason), strings.ToLower(reasonHas)) {
		t.Errorf("Reason %q does not mention %q", resp.Reason, reasonHas)
	}
	switch status {
	case "SUCCESS":
		if resp.PhysicalResourceID != name || resp.Data["ConnectorProfileArn"] == nil {
			t.Errorf("PhysicalResourceId %q, Data %v; want the profile name and its ARN", resp.PhysicalResourceID, resp.Data)
		}
		checkOwned(t, r, []string{resp.PhysicalResourceID}, 1)
	case "FAILED":
		if !strings.HasPrefix(resp.PhysicalResourceID, failedPrefix) {
			t.Errorf("PhysicalResourceId %q names a profile", resp.PhysicalResourceID)
		}
		checkOwned(t, r, nil, 0)
		return describe(o, r) + "; " + rollback(t, r, o)
	}
	return describe(o, r)
}

// rollback sends the Delete CloudFormation sends after a failed Create, with
// the faults cleared, and says what came of it.
func rollback(t *testing.T, r *rig, o outcome) string {
	t.Helper()
	r.app.ClearFaults()
	r.front.clear()
	before := len(r.app.CallsTo("DeleteConnectorProfile"))
	d := r.send(deleteEvent(o.Event, o.Response().PhysicalResourceID))
	resp := mustAnswer(t, r, d)
	if resp.Status != "SUCCESS" {
		t.Errorf("rollback Delete: %s %s; the stack would end in ROLLBACK_FAILED", resp.Status, resp.Reason)
	}
	calls := len(r.app.CallsTo("DeleteConnectorProfile")) - before
	return fmt.Sprintf("rollback Delete %s with %d AppFlow call(s), %d profile(s) left", resp.Status, calls, len(r.profiles()))
}

// createMaybeOrphan sends a Create where AppFlow acted but the answer was
// lost. The promise: any profile left is named by the response. Breaking it
// fails the test, unless knownGap explains why it cannot be kept; then it is
// recorded as a GAP.
func createMaybeOrphan(t *testing.T, r *rig, reasonHas, knownGap string) string {
	t.Helper()
	name := "rel-" + strings.ToLower(strings.TrimPrefix(t.Name(), "TestFaults/"))
	ev := r.createEvent(name)
	o := r.send(ev)
	resp := mustAnswer(t, r, o)
	if resp.Status != "FAILED" {
		t.Errorf("Status %s, want FAILED", resp.Status)
	}
	if !strings.Contains(strings.ToLower(resp.Reason), reasonHas) {
		t.Errorf("Reason %q does not mention %q", resp.Reason, reasonHas)
	}
	obs := describe(o, r)
	orphan := slices.Contains(r.profiles(), name) && resp.PhysicalResourceID != name
	if !orphan {
		checkOwned(t, r, []string{resp.PhysicalResourceID}, -1)
	}
	obs += "; " + rollback(t, r, o)
	if orphan && knownGap == "" {
		t.Errorf("profile %s exists but the response names %q: the rollback did not delete it", name, resp.PhysicalResourceID)
	}
	if orphan {
		t.Logf("GAP: profile %s exists but the response names %q: the rollback did not delete it", name, resp.PhysicalResourceID)
		return "**GAP**: " + obs + ": " + knownGap + ", so the rollback leaves the new profile behind " +
			"and a retried deployment fails with ConflictException until someone deletes it"
	}
	if len(r.profiles()) != 0 {
		t.Errorf("profiles left after the rollback: %v", r.profiles())
	}
	return obs
}

// replacementMaybeOrphan creates a profile, then sends an Update renaming it
// (a replacement) with fault injected after the Create. The failed Update
// must keep the old id, and leave no new profile behind.
func replacementMaybeOrphan(t *testing.T, r *rig, fault func()) string {
	t.Helper()
	oldName, newName := "rel-"+strings.ToLower(strings.TrimPrefix(t.Name(), "TestFaults/"))+"-old", "rel-"+strings.ToLower(strings.TrimPrefix(t.Name(), "TestFaults/"))+"-new"
	ev := r.createEvent(oldName)
	created := mustAnswer(t, r, r.send(ev))
	up := ev.Fresh()
	up.RequestType = "Update"
	up.PhysicalResourceID = created.PhysicalResourceID
	up.OldResourceProperties = ev.Clone().ResourceProperties
	up.ResourceProperties["connectorProfileName"] = newName
	up = r.canary.apply(up)
	fault()
	o := r.send(up)
	resp := mustAnswer(t, r, o)
	if resp.Status != "FAILED" || resp.PhysicalResourceID != oldName {
		t.Errorf("got %s %q, want FAILED keeping the old id %q", resp.Status, resp.PhysicalResourceID, oldName)
	}
	obs := describe(o, r)
	if slices.Contains(r.profiles(), newName) {
		t.Errorf("replacement profile %s exists but nothing names it", newName)
		return "**GAP**: " + obs + " (the old and the new): the new profile was created, but a failed Update keeps the old id, " +
			"so CloudFormation never learns of the new one and nothing deletes it"
	}
	checkOwned(t, r, []string{oldName}, 1)
	return obs
}

// mustReturnDeliveryError checks that the function itself reported the lost
// response as an error (so Lambda delivers the event again) rather than being
// stopped at its deadline.
func mustReturnDeliveryError(t *testing.T, r *rig, o outcome) {
	t.Helper()
	if o.InvokeErr != nil || !o.functionError() || !strings.Contains(string(o.Invoke.Body), "deliver response") {
		t.Errorf("want the function's own delivery error, got %v %s", o.InvokeErr, o.Invoke.Body)
	}
	// The emulator's own overhead counts here; the function stops 100 ms early.
	if o.Invoke.Duration >= r.lambda.Timeout+time.Second {
		t.Errorf("took %v, not before the %v deadline", o.Invoke.Duration, r.lambda.Timeout)
	}
}

// mustAnswer checks that CloudFormation accepted exactly one response for
// the delivery, before the function's deadline, and returns it.
func mustAnswer(t *testing.T, r *rig, o outcome) responseView {
	t.Helper()
	if o.InvokeErr != nil {
		t.Fatalf("invoke: %v", o.InvokeErr)
	}
	if o.Accepted == nil {
		t.Fatalf("no response accepted; invoke answered %d %s; PUTs %d", o.Invoke.Status, o.Invoke.Body, len(o.Puts))
	}
	accepted := 0
	for _, p := range o.Puts {
		if p.Accepted() {
			accepted++
		}
		if p.Status == http.StatusOK && !p.Accepted() {
			t.Errorf("CloudFormation would reject the response: %v", p.Problems)
		}
	}
	if accepted != 1 {
		t.Errorf("%d responses accepted for one delivery, want 1", accepted)
	}
	if o.Elapsed >= r.lambda.Timeout {
		t.Errorf("answered after %v, not before the %v deadline", o.Elapsed, r.lambda.Timeout)
	}
	resp := o.Accepted.Response
	return responseView{Status: resp.Status, Reason: resp.Reason, PhysicalResourceID: resp.PhysicalResourceID, Data: resp.Data}
}

type responseView struct {
	Status, Reason, PhysicalResourceID string
	Data                               map[string]any
}

// checkOwned checks that AppFlow holds want profiles (-1: any number), each
// named by one of the physical ids in owners.
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
func describe(o outcome, r *rig) string {
	if o.Accepted == nil {
		return "no response"
	}
	resp := o.Accepted.Response
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
	return s + fmt.Sprintf(", answered in %.1f s of %d s; %d profile(s)", o.Elapsed.Seconds(), int(r.lambda.Timeout.Seconds()), len(r.profiles()))
}
