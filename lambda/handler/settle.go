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
	// settleGrace is how long the deadline guard waits for the request to say
	// what it did: its AppFlow calls share the work context and end with it.
	settleGrace = 500 * time.Millisecond
	// settleTimeout bounds one call that settles an outcome after the work context ended.
	settleTimeout = 300 * time.Millisecond
)

// made records the profile a request created, so that every answer, the
// deadline guard's and the panic handler's too, accounts for it.
type made struct {
	mu   sync.Mutex
	name string
}

func (m *made) created(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.name = name
}

func (m *made) profile() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.name
}

// abandoned answers FAILED for a request that could not finish. A profile it
// created stays owned: a Create names it, so the rollback deletes it; a replacing
// Update keeps the old id, so the new profile is deleted now.
func (h *Handler) abandoned(ctx context.Context, ev customresource.Event, m *made, reason string) result {
	name := m.profile()
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
