package handler

import (
	"context"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
)

const (
	// settleTimeout bounds one call that settles an outcome after the work context ended.
	settleTimeout = 300 * time.Millisecond
	// settleGrace is how long the deadline guard waits for the request to say
	// what it did: its AppFlow calls share the work context and end with it, and
	// it may then settle a lost answer and discard a replacement.
	settleGrace = 2*settleTimeout + 100*time.Millisecond
)

// made records the profile a request created, so that every answer, the
// deadline guard's and the panic handler's too, accounts for it.
type made struct {
	mu     sync.Mutex
	name   string
	sealed bool // an answer has been given for what was made so far
}

// created records name; false if the answer has already gone out without it.
func (m *made) created(name string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.sealed {
		return false
	}
	m.name = name
	return true
}

// seal ends the record, for an answer given on the request's behalf, and says what it holds.
func (m *made) seal() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sealed = true
	return m.name
}

// abandoned answers FAILED for a request that could not finish. A profile it
// created stays owned: a Create names it, so the rollback deletes it; a replacing
// Update keeps the old id, so the new profile is deleted now.
func (h *Handler) abandoned(ctx context.Context, ev customresource.Event, m *made, reason string) result {
	name := m.seal()
	switch {
	case name == "":
		return failed(ev, nil, reason)
	case ev.RequestType == customresource.Create:
		return failedWith(ev, nil, name, reason)
	}
	h.discard(ctx, name)
	return failed(ev, nil, reason)
}

// discard deletes a replacement profile this request created but cannot report,
// so that nothing is left without an owner. It is best effort, within settleTimeout.
func (h *Handler) discard(ctx context.Context, name string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	_, err := h.AppFlow.DeleteConnectorProfile(ctx, &appflow.DeleteConnectorProfileInput{ConnectorProfileName: aws.String(name)}, singleAttempt)
	if err != nil && !isNotFound(err) {
		h.Log.WarnContext(ctx, "replacement profile left in AppFlow: delete it by hand", "profileName", name, "error", err.Error())
	}
}

func singleAttempt(o *appflow.Options) { o.RetryMaxAttempts = 1 }
