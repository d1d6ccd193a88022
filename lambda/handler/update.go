package handler

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// update changes the profile in place, or replaces it when a member that
// AppFlow cannot change in place differs. A failure keeps the old physical id.
func (h *Handler) update(ctx context.Context, ev customresource.Event, m *made) result {
	p, err := profile.Decode(ev.ResourceProperties)
	if err != nil {
		return failed(ev, nil, err.Error())
	}
	old := profile.PeekIdentity(ev.OldResourceProperties)
	old.Name = ev.PhysicalResourceID // the live profile's name
	changes := p.Identity().Changes(old)
	switch {
	case len(changes) == 0:
		return h.updateInPlace(ctx, ev, p)
	case p.Identity().Name == old.Name:
		return failedWith(ev, p, ev.PhysicalResourceID, fmt.Sprintf(
			"changing %s needs a new connector profile, and AppFlow cannot hold two profiles named %q: choose a new connectorProfileName",
			strings.Join(changes, " and "), old.Name))
	}
	arn, err := h.createProfile(ctx, ev, p, m)
	if err != nil {
		return failedWith(ev, p, ev.PhysicalResourceID, explain("create the replacement connector profile", err, p))
	}
	r := h.readBack(ctx, ev, p, arn, ev.PhysicalResourceID)
	if r.Status == customresource.Failed {
		h.discard(ctx, p.Identity().Name) // the answer keeps the old profile
	}
	return r
}

func (h *Handler) updateInPlace(ctx context.Context, ev customresource.Event, p *profile.Properties) result {
	out, err := h.AppFlow.UpdateConnectorProfile(ctx, p.UpdateInput(ev.RequestID))
	if err != nil {
		return failedWith(ev, p, ev.PhysicalResourceID, explain("update the connector profile", err, p))
	}
	return h.readBack(ctx, ev, p, aws.ToString(out.ConnectorProfileArn), ev.PhysicalResourceID)
}
