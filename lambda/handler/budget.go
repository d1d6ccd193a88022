package handler

import (
	"context"
	"fmt"
	"math"
	"time"
)

// Timing shares out the time an invocation has left when it starts: the
// AppFlow work first, then settling what the work left open (replaying a
// Create whose answer was lost, deleting a replacement that cannot be
// reported), then delivering the answer, then a margin to return before
// Lambda stops the function.
type Timing struct {
	Settle, Deliver, Margin Reserve
	// MinWork is the least time the work needs: with less, the request is
	// answered FAILED before AppFlow is called.
	MinWork time.Duration
}

// Reserve is a share of the time left, kept within [Min, Max].
type Reserve struct {
	Share    float64
	Min, Max time.Duration
}

func (r Reserve) of(left time.Duration) time.Duration {
	return min(max(time.Duration(r.Share*float64(left)), r.Min), r.Max)
}

// DefaultTiming keeps 15 s of a two-minute timeout (the construct's) for
// settling and delivery and 1 s of margin, and works with as little as MinimumTime. The margin
// is wide enough for a starved CPU to return in time.
func DefaultTiming() Timing {
	return Timing{
		Settle:  Reserve{Share: 0.15, Min: 600 * time.Millisecond, Max: 10 * time.Second},
		Deliver: Reserve{Share: 0.10, Min: 300 * time.Millisecond, Max: 5 * time.Second},
		Margin:  Reserve{Share: 0.02, Min: 250 * time.Millisecond, Max: time.Second},
		MinWork: time.Second,
	}
}

// MinimumTime is the least time a request can be left with: every reserve
// at its minimum, and MinWork.
func (t Timing) MinimumTime() time.Duration {
	return t.Settle.Min + t.Deliver.Min + t.Margin.Min + t.MinWork
}

// budgetWithoutDeadline bounds a request whose context has no deadline.
const budgetWithoutDeadline = 15 * time.Minute

// budget is one request's share of time, as instants.
type budget struct {
	start time.Time
	left  time.Duration
	// workBy ends the work; replayBy a replayed Create; settleBy the clean-up;
	// deliverBy the last delivery attempt.
	workBy, replayBy, settleBy, deliverBy time.Time
}

func (t Timing) budget(ctx context.Context, now time.Time) budget {
	end, ok := ctx.Deadline()
	if !ok {
		end = now.Add(budgetWithoutDeadline)
	}
	left := end.Sub(now)
	deliverBy := end.Add(-t.Margin.of(left))
	settleBy := deliverBy.Add(-t.Deliver.of(left))
	workBy := settleBy.Add(-t.Settle.of(left))
	return budget{
		start: now, left: left,
		workBy: workBy, replayBy: workBy.Add(settleBy.Sub(workBy) / 2), settleBy: settleBy, deliverBy: deliverBy,
	}
}

func (b budget) work() time.Duration { return b.workBy.Sub(b.start) }

func (b budget) tooShort(t Timing) string {
	need := math.Ceil(t.MinimumTime().Seconds()*10) / 10
	return fmt.Sprintf("the function had %.1f s left for this event and needs at least %.1f s to change AppFlow and still answer: "+
		"raise the function's timeout (the provider's is 2 minutes)", b.left.Seconds(), need)
}

// settleContext bounds a clean-up call by the settle reserve, even when the
// work context has ended.
func settleContext(ctx context.Context, by time.Time) (context.Context, context.CancelFunc) {
	return context.WithDeadline(context.WithoutCancel(ctx), by)
}
