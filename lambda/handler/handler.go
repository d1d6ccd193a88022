package handler

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// Handler answers custom resource events, and updates a profile whose
// CredentialsSecret changed.
type Handler struct {
	Clients
	Sender *customresource.Sender
	Log    *slog.Logger
	Timing Timing
}

// New builds a Handler that delivers responses over HTTP.
func New(clients Clients, log *slog.Logger) *Handler {
	return &Handler{Clients: clients, Sender: customresource.NewSender(), Log: log, Timing: DefaultTiming()}
}

// request is one event being answered, with its share of time and the profile
// it created once AppFlow confirmed it.
type request struct {
	customresource.Event
	budget
	made string
}

var errPanicked = errors.New("the handler panicked; the function's log has the stack")

// result is a response and what the log says about it.
type result struct {
	customresource.Response
	profileName, connectorType string
}

// Invoke answers one event as Lambda hands it over: raw, so that an event
// of the wrong shape still gets an answer. It returns an error only when no
// answer could be delivered, so that Lambda retries the event. An EventBridge
// rule's rotation input updates a profile from its CredentialsSecret instead.
func (h *Handler) Invoke(ctx context.Context, payload []byte) (_ []byte, err error) {
	if r, ok := readRotation(payload); ok {
		return nil, h.rotate(ctx, r)
	}
	defer func() {
		if recover() != nil { // outside the request, in reading the event or delivering the answer
			// Only the stack: the panic value may quote a property, a credential among them.
			h.Log.ErrorContext(ctx, "handler panicked outside the request", "stack", string(debug.Stack()))
			err = errPanicked
		}
	}()
	start := time.Now()
	ev, unreadable := customresource.ReadEvent(payload)
	if err := customresource.CheckURL(ev.ResponseURL); err != nil {
		// Nothing to answer, and nothing a retry could answer: no error for Lambda.
		h.Log.ErrorContext(ctx, "event not answerable: nothing done",
			"cloudFormationRequestId", ev.RequestID, "requestType", ev.RequestType, "error", err.Error())
		return nil, nil
	}
	req := &request{Event: ev, budget: h.Timing.budget(ctx, start)}
	var r result
	switch {
	case unreadable != nil:
		r = failed(ev, nil, unreadable.Error())
	case req.work() < h.Timing.MinWork:
		r = failed(ev, nil, req.tooShort(h.Timing))
	default:
		r = h.answer(ctx, req)
	}
	deliverCtx, cancel := context.WithDeadline(ctx, req.deliverBy)
	defer cancel()
	attempts, err := h.Sender.Send(deliverCtx, ev.ResponseURL, r.Response)
	h.logOutcome(ctx, ev, r, time.Since(start), attempts, err)
	return nil, err
}

// answer runs the request: its work until the work deadline, and what
// settles it (a replayed Create, a read-back after it, a clean-up) within the
// reserves beyond. Every AWS call honours its context, so the request itself
// says what happened; a panic is answered FAILED with what the request made
// accounted for.
func (h *Handler) answer(ctx context.Context, req *request) (r result) {
	workCtx, cancel := context.WithDeadline(ctx, req.workBy)
	defer cancel()
	defer func() {
		if recover() != nil {
			// Only the stack: the panic value may quote a property, a credential among them.
			h.Log.ErrorContext(ctx, "handler panicked", "stack", string(debug.Stack()))
			r = h.abandoned(ctx, req, "internal error in the handler; the function's log has the details")
		}
	}()
	switch req.RequestType {
	case customresource.Create:
		return h.create(workCtx, req)
	case customresource.Update:
		return h.update(workCtx, req)
	case customresource.Delete:
		return h.delete(workCtx, req)
	}
	return failed(req.Event, nil, "unknown RequestType "+string(req.RequestType)+"; expected Create, Update or Delete")
}

// abandoned answers FAILED for a request that could not finish. A profile it
// created stays owned: a Create names it, so the rollback deletes it; a
// replacing Update keeps the old id, so the new profile is deleted now.
func (h *Handler) abandoned(ctx context.Context, req *request, reason string) result {
	switch {
	case req.made == "":
		return failed(req.Event, nil, reason)
	case req.RequestType == customresource.Create:
		return failedWith(req.Event, nil, req.made, reason)
	}
	h.discard(ctx, req, nil)
	return failed(req.Event, nil, reason)
}

func (h *Handler) logOutcome(ctx context.Context, ev customresource.Event, r result, took time.Duration, attempts int, err error) {
	if r.profileName == "" || r.connectorType == "" { // the properties were not decoded
		id := profile.PeekIdentity(ev.ResourceProperties)
		r.profileName = cmp.Or(r.profileName, id.Name)
		r.connectorType = cmp.Or(r.connectorType, id.Type)
	}
	attrs := []any{
		"cloudFormationRequestId", ev.RequestID,
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
