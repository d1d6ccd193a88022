package handler

import (
	"context"
	"time"
)

const (
	// budgetWithoutDeadline bounds a request whose context has no deadline.
	budgetWithoutDeadline = 15 * time.Minute
	// deliveryMargin is left after the last delivery attempt, to return before Lambda stops us.
	deliveryMargin = 100 * time.Millisecond
)

const timeoutReason = "AppFlow did not answer before the function's deadline; the change may still complete in AppFlow. " +
	"Raise the function's timeout, or retry the stack operation"

func deadline(ctx context.Context, now time.Time) time.Time {
	if d, ok := ctx.Deadline(); ok {
		return d
	}
	return now.Add(budgetWithoutDeadline)
}

// workDeadline ends the AppFlow work early enough to settle what it did
// (settleGrace, then settleTimeout) and deliver the answer: a tenth of the
// remaining time, between 1.5 s and 5 s, and never more than half.
func workDeadline(ctx context.Context, now time.Time) time.Time {
	end := deadline(ctx, now)
	remaining := end.Sub(now)
	reserve := min(max(remaining/10, 1500*time.Millisecond), 5*time.Second, remaining/2)
	return end.Add(-reserve)
}
