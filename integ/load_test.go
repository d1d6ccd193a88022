package integ_test

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/fault"
	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// loadSize is how many Create events TestLoad sends and the quota they meet:
// LOAD_EVENTS (default 200, or 40 when CI=true), quota half of it.
func loadSize(t *testing.T) (events, quota, procs int) {
	events = 200
	if os.Getenv("CI") == "true" {
		events = 40
	}
	if s := os.Getenv("LOAD_EVENTS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 2 {
			t.Fatalf("LOAD_EVENTS=%q: want a number of at least 2", s)
		}
		events = n
	}
	procs = 8
	if events < 80 {
		procs = 4
	}
	return events, events / 2, procs
}

// TestLoad sends Create events from several emulators at once to one AppFlow
// with a quota of half as many profiles, then deletes everything at once.
func TestLoad(t *testing.T) {
	t.Parallel()
	n, quota, procs := loadSize(t)
	row := reportRow(t, loadSection,
		fmt.Sprintf("%d concurrent Create events over %d emulator processes, one AppFlow with a quota of %d (LOAD_EVENTS=%d)", n, procs, quota, n),
		fmt.Sprintf("exactly %d SUCCESS, %d FAILED naming the quota, one response each, every profile owned by a SUCCESS; then concurrent Deletes leave none", quota, n-quota))
	app, err := appflowfake.Start(appflowfake.Options{Quota: quota, Strict: true,
		Credentials: map[string]string{harness.FakeAccessKeyID: harness.FakeSecretAccessKey}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.Close() })
	// A little latency makes the requests overlap, so the quota is raced for.
	app.Faults.Inject(fault.Fault{Count: -1, Delay: 10 * time.Millisecond})
	rigs := make([]*rig, procs)
	for i := range rigs {
		rigs[i] = newRig(t, withTimeout(30*time.Second), withAppFlow(app))
	}
	events := make([]harness.Event, n)
	for i := range events {
		events[i] = canaryCreate(t, fmt.Sprintf("load-%04d", i))
	}

	start := time.Now()
	creates := fanOut(rigs, events)
	createTook := time.Since(start)

	var succeeded, failed []string
	for i, d := range creates {
		resp := mustAnswer(t, rigs[i%procs], d)
		switch resp.Status {
		case "SUCCESS":
			succeeded = append(succeeded, resp.PhysicalResourceID)
		case "FAILED":
			failed = append(failed, resp.PhysicalResourceID)
			if !strings.Contains(strings.ToLower(resp.Reason), "quota") {
				t.Errorf("%s FAILED without naming the quota: %s", events[i].ProfileName(), resp.Reason)
			}
			if !strings.HasPrefix(resp.PhysicalResourceID, failedPrefix) {
				t.Errorf("failed Create names %q", resp.PhysicalResourceID)
			}
		}
	}
	if len(succeeded) != quota || len(failed) != n-quota {
		t.Errorf("%d SUCCESS and %d FAILED, want %d and %d", len(succeeded), len(failed), quota, n-quota)
	}
	left := rigs[0].profiles()
	if len(left) != quota {
		t.Errorf("AppFlow holds %d profiles, want %d", len(left), quota)
	}
	for _, name := range left {
		if !slices.Contains(succeeded, name) {
			t.Errorf("profile %s is owned by no SUCCESS response", name)
		}
	}

	deletes := make([]harness.Event, n)
	for i, d := range creates {
		deletes[i] = deleteOf(events[i], d.Response().PhysicalResourceID)
	}
	start = time.Now()
	deleted := fanOut(rigs, deletes)
	deleteTook := time.Since(start)
	for i, d := range deleted {
		if resp := mustAnswer(t, rigs[i%procs], d); resp.Status != "SUCCESS" {
			t.Errorf("Delete %s: %s %s", deletes[i].PhysicalResourceID, resp.Status, resp.Reason)
		}
	}
	if left := rigs[0].profiles(); len(left) != 0 {
		t.Errorf("%d profiles left after deleting everything: %v", len(left), left)
	}
	t.Logf("%d Creates over %d emulators in %v, %d Deletes in %v", n, procs, createTook, n, deleteTook)
	row.Observed = fmt.Sprintf("%d SUCCESS, %d FAILED (quota), %d responses, %d profiles all owned; %d Deletes SUCCESS, 0 left",
		len(succeeded), len(failed), n, quota, n)
}

// fanOut delivers events[i] through rigs[i%len(rigs)], each rig one event at
// a time (as one Lambda execution environment does), all rigs at once.
func fanOut(rigs []*rig, events []harness.Event) []harness.Delivery {
	out := make([]harness.Delivery, len(events))
	var wg sync.WaitGroup
	for w := range rigs {
		wg.Go(func() {
			for i := w; i < len(events); i += len(rigs) {
				out[i] = rigs[w].send(events[i])
			}
		})
	}
	wg.Wait()
	return out
}
