package handler

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// Handler answers custom resource events.
type Handler struct {
	AppFlow AppFlow
	Sender  *customresource.Sender
	Log     *slog.Logger
}

// New builds a Handler that delivers responses over HTTP.
func New(api AppFlow, log *slog.Logger) *Handler {
	return &Handler{
		AppFlow: api,
		Sender:  customresource.NewSender(&http.Client{Timeout: 10 * time.Second}),
		Log:     log,
	}
}

// result is a response and what the log says about it.
type result struct {
	customresource.Response
	profileName, connectorType string
}

// Handle answers one event. It returns an error only when the response could not
// be delivered, so that Lambda retries the event.
func (h *Handler) Handle(ctx context.Context, ev customresource.Event) error {
	start := time.Now()
	deliverCtx, cancelDeliver := context.WithDeadline(ctx, deadline(ctx, start).Add(-deliveryMargin))
	defer cancelDeliver()
	workCtx, cancelWork := context.WithDeadline(ctx, workDeadline(ctx, start))
	defer cancelWork()

	if err := customresource.CheckURL(ev.ResponseURL); err != nil {
		h.Log.ErrorContext(ctx, "event not answerable: nothing done", "requestId", ev.RequestID, "requestType", ev.RequestType, "error", err.Error())
		return err
	}
	r := h.answer(workCtx, ev)
	attempts, err := h.Sender.Send(deliverCtx, ev.ResponseURL, r.Response)
	h.logOutcome(ctx, ev, r, time.Since(start), attempts, err)
	return err
}

// answer runs the request, but answers FAILED if it panics or outlives ctx.
func (h *Handler) answer(ctx context.Context, ev customresource.Event) result {
	m := &made{}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				h.Log.ErrorContext(ctx, "handler panicked", "stack", string(debug.Stack()))
				done <- h.abandoned(ctx, ev, m, "internal error in the handler; the function's log has the details")
			}
		}()
		done <- h.dispatch(ctx, ev, m)
	}()
	select {
	case r := <-done:
		return r
	case <-ctx.Done():
	}
	select {
	case r := <-done:
		return r
	case <-time.After(settleGrace):
		return h.abandoned(ctx, ev, m, timeoutReason)
	}
}

func (h *Handler) dispatch(ctx context.Context, ev customresource.Event, m *made) result {
	switch ev.RequestType {
	case customresource.Create:
		return h.create(ctx, ev, m)
	case customresource.Update:
		return h.update(ctx, ev, m)
	case customresource.Delete:
		return h.delete(ctx, ev)
	}
	return failed(ev, nil, "unknown RequestType "+string(ev.RequestType)+"; expected Create, Update or Delete")
}

func (h *Handler) logOutcome(ctx context.Context, ev customresource.Event, r result, took time.Duration, attempts int, err error) {
	if r.profileName == "" || r.connectorType == "" { // the properties were not decoded
		id := profile.PeekIdentity(ev.ResourceProperties)
		r.profileName = cmp.Or(r.profileName, id.Name)
		r.connectorType = cmp.Or(r.connectorType, id.Type)
	}
	attrs := []any{
		"requestId", ev.RequestID,
		"requestType", ev.RequestType,
		"stackId", ev.StackID,
		"logicalResourceId", ev.LogicalResourceID,
		"physicalResourceId", r.PhysicalResourceID,
		"profileName", r.profileName,
		"connectorType", r.connectorType,
		"outcome", r.Status,
		"durationMs", took.Milliseconds(),
		"deliveryAttempts", attempts,
	}
	if r.Reason != "" {
		attrs = append(attrs, "reason", r.Reason)
	}
	if err != nil {
		h.Log.ErrorContext(ctx, "response not delivered", append(attrs, "error", err.Error())...)
		return
	}
	h.Log.InfoContext(ctx, "response delivered", attrs...)
}
