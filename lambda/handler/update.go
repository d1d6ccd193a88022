package handler

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"

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
	if errorCode(err) == "ConflictException" {
		if r, ok := h.rollBackTo(ctx, ev, p); ok {
			return r
		}
	}
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

// rollBackTo handles the rollback of a replacement: CloudFormation sends an Update
// back to the old properties under the new profile's id, while the old profile
// still exists (it is deleted only once the stack is done). The old profile is
// taken back only if it is exactly what the properties describe; otherwise the
// name is someone else's, and the Update fails on the conflict.
func (h *Handler) rollBackTo(ctx context.Context, ev customresource.Event, p *profile.Properties) (result, bool) {
	detail, err := h.describe(ctx, p.Identity().Name)
	if err != nil || !describes(p, detail) {
		return result{}, false
	}
	return succeededWith(ev, p, detail, ""), true
}

// describes reports whether the profile AppFlow lists matches p in everything it shows.
func describes(p *profile.Properties, detail types.ConnectorProfile) bool {
	in := p.Input
	return detail.ConnectorType == in.ConnectorType &&
		aws.ToString(detail.ConnectorLabel) == aws.ToString(in.ConnectorLabel) &&
		detail.ConnectionMode == in.ConnectionMode &&
		reflect.DeepEqual(detail.ConnectorProfileProperties, in.ConnectorProfileConfig.ConnectorProfileProperties)
}
