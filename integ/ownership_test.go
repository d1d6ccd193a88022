package integ_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// Whose profile a name is: the function takes a name back only with
// CloudFormation's proof that the resource had it before.

// otherStack is a second stack of the same template in the same account.
const otherStack = "arn:aws:cloudformation:us-east-1:123456789012:stack/other-stack/9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"

// stackStatus moves ev's stack into status, as CloudFormation does between requests.
func (r *rig) stackStatus(ev harness.Event, status string) {
	r.CloudFormation.SetStackStatus(ev.StackID, status)
}

// renamed is the Update CloudFormation sends when the template renames the
// profile ev made, whose physical id is physicalID.
func renamed(ev harness.Event, physicalID, name string) harness.Event {
	up := ev.Fresh()
	up.RequestType = "Update"
	up.PhysicalResourceID = physicalID
	up.OldResourceProperties = ev.Clone().ResourceProperties
	up.ResourceProperties["connectorProfileName"] = name
	return up
}

// renameOntoAnotherStack: stack B owns a profile; stack A, of the same
// template, renames its own profile onto that name. What CloudFormation does
// next follows each answer, so a take-over shows as the harm it would do.
func renameOntoAnotherStack(file string) scenario {
	return func(t *testing.T, r *rig, f harness.Faults) string {
		ours, shared := profileName(t)+"-a", profileName(t)+"-shared"
		b := harness.WithCanaries(loadEvent(t, file).Fresh())
		b.StackID = otherStack
		b.ResourceProperties["connectorProfileName"] = shared
		expect(t, r, b, "SUCCESS")
		r.stackStatus(b, "CREATE_COMPLETE")
		theirs, _ := r.AppFlow.Get(shared)

		a := harness.WithCanaries(loadEvent(t, file).Fresh())
		a.ResourceProperties["connectorProfileName"] = ours
		expect(t, r, a, "SUCCESS")
		r.stackStatus(a, "CREATE_COMPLETE")
		r.stackStatus(a, "UPDATE_IN_PROGRESS")
		up := renamed(a, ours, shared)
		r.Inject(f)
		d := r.send(up)
		resp := mustAnswer(t, r, d)
		r.ClearFaults()
		obs := "rename: " + describe(d, r)
		current := ours
		if resp.Status == "SUCCESS" {
			t.Errorf("the rename took stack B's profile over: SUCCESS %q", resp.PhysicalResourceID)
			current = resp.PhysicalResourceID
			expect(t, r, deleteOf(up, ours), "SUCCESS") // the update complete, CloudFormation deletes the old id
		} else {
			if resp.PhysicalResourceID != ours || !strings.Contains(resp.Reason, "belongs to another owner") {
				t.Errorf("got %s %q (%s), want FAILED keeping %q, saying the name belongs to another owner", resp.Status, resp.PhysicalResourceID, resp.Reason, ours)
			}
			back := r.rollbackOf(up)
			res := expect(t, r, back, "SUCCESS")
			if res.PhysicalResourceID != ours {
				t.Errorf("rollback: PhysicalResourceId %q, want %q", res.PhysicalResourceID, ours)
			}
			obs += fmt.Sprintf("; A's rollback, in place: %s %s", res.Status, res.PhysicalResourceID)
		}
		r.stackStatus(a, "DELETE_IN_PROGRESS")
		expect(t, r, deleteOf(a, current), "SUCCESS")
		if _, ok := r.AppFlow.Get(ours); ok {
			t.Errorf("deleting stack A left its profile %s", ours)
		}
		got, ok := r.AppFlow.Get(shared)
		switch {
		case !ok:
			t.Errorf("deleting stack A deleted stack B's profile %s", shared)
		case !got.UpdatedAt.Equal(theirs.UpdatedAt) || string(got.Properties) != string(theirs.Properties) || got.CredentialsArn != theirs.CredentialsArn:
			t.Errorf("stack B's profile changed: %+v, was %+v", got, theirs)
		}
		return obs + fmt.Sprintf("; deleting stack A deletes %s only; stack B's %s unchanged", current, shared)
	}
}

// replaced creates a profile and replaces it under a new name, as a stack
// update does, then puts the stack in UPDATE_ROLLBACK_IN_PROGRESS and returns
// the Update CloudFormation sends to roll the replacement back: the old
// properties under the new id.
func replaced(t *testing.T, r *rig) (back harness.Event, oldName, newName string) {
	t.Helper()
	oldName, newName = profileName(t)+"-old", profileName(t)+"-new"
	ev := canaryCreate(t, oldName)
	expect(t, r, ev, "SUCCESS")
	r.stackStatus(ev, "CREATE_COMPLETE")
	r.stackStatus(ev, "UPDATE_IN_PROGRESS")
	up := renamed(ev, oldName, newName)
	if res := expect(t, r, up, "SUCCESS"); res.PhysicalResourceID != newName {
		t.Fatalf("replacement: PhysicalResourceId %q, want %q", res.PhysicalResourceID, newName)
	}
	back = r.rollbackOf(up)
	back.PhysicalResourceID = newName
	return back, oldName, newName
}

// rollingBackReplacement: the rollback of a replacement takes the old name
// back, with CloudFormation's proof, and the clean-up deletes the new profile.
func rollingBackReplacement(t *testing.T, r *rig, f harness.Faults) string {
	back, oldName, newName := replaced(t, r)
	r.Inject(f)
	d := r.send(back)
	resp := mustAnswer(t, r, d)
	if resp.Status != "SUCCESS" || resp.PhysicalResourceID != oldName {
		t.Errorf("rollback: %s %q (%s), want SUCCESS taking back %q", resp.Status, resp.PhysicalResourceID, resp.Reason, oldName)
	}
	obs := "rollback: " + describe(d, r)
	r.ClearFaults()
	expect(t, r, deleteOf(back, newName), "SUCCESS")
	checkOwned(t, r, []string{oldName}, 1)
	return obs + "; the clean-up Delete removes " + newName
}

// rollbackWithoutProof: the rollback of a replacement, by a provider whose
// role may not read the stack. Nothing is taken back and nothing deleted;
// once the operator grants the permission and continues the rollback,
// CloudFormation sends the Update again and it succeeds.
func rollbackWithoutProof(t *testing.T, r *rig, f harness.Faults) string {
	back, oldName, newName := replaced(t, r)
	r.Inject(f)
	d := r.send(back)
	resp := mustAnswer(t, r, d)
	if resp.Status != "FAILED" || resp.PhysicalResourceID != newName {
		t.Errorf("rollback: %s %q (%s), want FAILED keeping %q", resp.Status, resp.PhysicalResourceID, resp.Reason, newName)
	}
	denied := false
	for _, c := range r.CloudFormation.APICalls() {
		denied = denied || c.Code == "AccessDenied"
	}
	if !denied || !strings.Contains(resp.Reason, "AccessDenied") {
		t.Errorf("the function did not meet, or did not report, the denied CloudFormation call: %q", resp.Reason)
	}
	if n := len(r.AppFlow.CallsTo("DeleteConnectorProfile")); n != 0 {
		t.Errorf("DeleteConnectorProfile called %d times", n)
	}
	checkOwned(t, r, []string{oldName, newName}, 2)
	obs := "rollback: " + describe(d, r)

	r.ClearFaults()
	r.stackStatus(back, "UPDATE_ROLLBACK_FAILED")
	r.stackStatus(back, "UPDATE_ROLLBACK_IN_PROGRESS") // ContinueUpdateRollback
	again := back.Fresh()
	if res := expect(t, r, again, "SUCCESS"); res.PhysicalResourceID != oldName {
		t.Errorf("continued rollback: PhysicalResourceId %q, want %q", res.PhysicalResourceID, oldName)
	}
	expect(t, r, deleteOf(again, newName), "SUCCESS")
	checkOwned(t, r, []string{oldName}, 1)
	return obs + "; with the permission granted, the continued rollback takes " + oldName + " back and the clean-up deletes " + newName
}

// replacementUnheard: AppFlow makes the replacement but answers neither the
// Create nor its replay with the same clientToken. The function cannot prove
// the new profile is this request's, so it neither names nor deletes it, and
// no later request carries that clientToken: the profile is left (a GAP).
func replacementUnheard(t *testing.T, r *rig, f harness.Faults) string {
	oldName, newName := profileName(t)+"-old", profileName(t)+"-new"
	ev := canaryCreate(t, oldName)
	expect(t, r, ev, "SUCCESS")
	up := renamed(ev, oldName, newName)
	r.Inject(f)
	d := r.send(up)
	resp := mustAnswer(t, r, d)
	if resp.Status != "FAILED" || resp.PhysicalResourceID != oldName || !strings.Contains(resp.Reason, "deadline") {
		t.Errorf("%s %q (%s), want FAILED keeping %q, naming the deadline", resp.Status, resp.PhysicalResourceID, resp.Reason, oldName)
	}
	creates := r.AppFlow.CallsTo(opCreate)
	if len(creates) != 3 || creates[1].Status != 0 || creates[2].Status != 0 || clientToken(creates[1]) != clientToken(creates[2]) {
		t.Errorf("want the first Create, then the replacement's and its replay unanswered with one clientToken: %v", creates)
	}
	obs := describe(d, r)
	r.ClearFaults()
	if res := expect(t, r, r.rollbackOf(up), "SUCCESS"); res.PhysicalResourceID != oldName {
		t.Errorf("rollback: PhysicalResourceId %q, want %q", res.PhysicalResourceID, oldName)
	}
	if !slices.Contains(r.profiles(), newName) {
		t.Errorf("the unheard replacement %s is gone: this GAP has closed, so say so in RELIABILITY.md", newName)
	}
	r.stackStatus(up, "UPDATE_IN_PROGRESS")
	if again := expect(t, r, up.Fresh(), "FAILED"); !strings.Contains(again.Reason, "belongs to another owner") {
		t.Errorf("the rename deployed again: %s, want it refused as another owner's", again.Reason)
	}
	return "**GAP**: " + obs + "; the rollback, in place, SUCCESS; " + newName +
		" stays in AppFlow, named by no response: deleting the stack leaves it, and renaming onto it again fails as another owner's until it is deleted by hand"
}
