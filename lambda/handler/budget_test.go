package handler

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
)

func TestDefaultTimingSharesOutTheTime(t *testing.T) {
	start := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		left                            time.Duration
		work, replay, settle, deliverBy time.Duration // from the start
	}{
		// The construct's two minutes: every reserve at its most.
		{left: 2 * time.Minute, work: 104 * time.Second, replay: 109 * time.Second, settle: 114 * time.Second, deliverBy: 119 * time.Second},
		// Twenty seconds: shares of the time left.
		{left: 20 * time.Second, work: 14600 * time.Millisecond, replay: 16100 * time.Millisecond, settle: 17600 * time.Millisecond, deliverBy: 19600 * time.Millisecond},
		// The least that works: every reserve at its floor, one second of work.
		{left: 2150 * time.Millisecond, work: time.Second, replay: 1300 * time.Millisecond, settle: 1600 * time.Millisecond, deliverBy: 1900 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.left.String(), func(t *testing.T) {
			ctx, cancel := context.WithDeadline(context.Background(), start.Add(tt.left))
			defer cancel()
			b := DefaultTiming().budget(ctx, start)
			got := []time.Duration{b.workBy.Sub(start), b.replayBy.Sub(start), b.settleBy.Sub(start), b.deliverBy.Sub(start)}
			want := []time.Duration{tt.work, tt.replay, tt.settle, tt.deliverBy}
			for i, name := range []string{"work", "replay", "settle", "deliver"} {
				if got[i] != want[i] {
					t.Errorf("%s ends %v after the start, want %v", name, got[i], want[i])
				}
			}
		})
	}
	if got := DefaultTiming().MinimumTime(); got != 2150*time.Millisecond {
		t.Errorf("MinimumTime = %v, want 2.15s", got)
	}
}

// A function whose timeout cannot hold the work and its reserves refuses
// before calling AppFlow, and still answers in time.
func TestTooShortATimeoutIsRefused(t *testing.T) {
	for _, requestType := range []customresource.RequestType{customresource.Create, customresource.Update, customresource.Delete} {
		t.Run(string(requestType), func(t *testing.T) {
			cf := newCloudFormation(t)
			fake := &fakeAppFlow{}
			h := newTestHandler(fake, nil, &lockedBuffer{})
			h.Timing = DefaultTiming()
			ev := event(requestType, "sales", salesforce(nil), salesforce(nil))
			ev.ResponseURL = cf.url()
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()

			if err := handle(ctx, h, ev); err != nil {
				t.Fatalf("Invoke: %v", err)
			}
			got := cf.responses(t)
			if len(got) != 1 || got[0].Status != customresource.Failed ||
				!strings.Contains(got[0].Reason, "needs at least 2.2 s to change AppFlow and still answer: raise the function's timeout") {
				t.Errorf("responses = %+v, want FAILED asking for a longer timeout", got)
			}
			if calls := fake.callList(); len(calls) != 0 {
				t.Errorf("AppFlow calls %v with too little time", calls)
			}
		})
	}
}
