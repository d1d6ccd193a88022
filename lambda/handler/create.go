package handler

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// failedCreatePrefix starts the physical id of a failed Create, followed by its
// RequestId. The ':' keeps it outside the profile-name pattern, so it never
// names a profile, and the rollback's Delete knows what to look for.
const failedCreatePrefix = "create-failed:"

func (h *Handler) create(ctx context.Context, req *request) result {
	p, reason := h.properties(ctx, req.ResourceProperties)
	if reason != "" {
		return failed(req.Event, nil, reason)
	}
	arn, err := h.createProfile(ctx, req, p)
	if err != nil {
		return failedWith(req.Event, p, failedCreatePrefix+req.RequestID, explain("create the connector profile", err, p))
	}
	// Once created, the profile is ours: a FAILED answer names it so the rollback deletes it.
	ctx, cancel := onward(ctx, req)
	defer cancel()
	return h.readBack(ctx, req.Event, p, arn, req.made)
}

// onward is ctx, or, when a replayed Create ran past the work deadline, a
// context that lasts as long as the replay's reserve: time to read the
// profile back rather than answer without it.
func onward(ctx context.Context, req *request) (context.Context, context.CancelFunc) {
	if ctx.Err() == nil {
		return ctx, func() {}
	}
	return settleContext(ctx, req.replayBy)
}

// createProfile creates p with the event's RequestId as clientToken, so a
// repeated delivery of one request creates one profile, and records it as made.
func (h *Handler) createProfile(ctx context.Context, req *request, p *profile.Properties) (arn string, err error) {
	in := p.CreateInput(req.RequestID)
	out, err := h.AppFlow.CreateConnectorProfile(ctx, in)
	if err != nil && !answered(err) {
		// AppFlow may have created it unheard. The same clientToken again replays
		// the original answer if so, and cannot match a profile someone else made.
		replayCtx, cancel := settleContext(ctx, req.replayBy)
		defer cancel()
		out, err = h.AppFlow.CreateConnectorProfile(replayCtx, in)
	}
	if err != nil {
		return "", err
	}
	req.made = aws.ToString(in.ConnectorProfileName)
	return aws.ToString(out.ConnectorProfileArn), nil
}

// readBack answers SUCCESS for a profile just written, with the attributes
// DescribeConnectorProfiles gives; if it cannot be read, FAILED with failedID.
func (h *Handler) readBack(ctx context.Context, ev customresource.Event, p *profile.Properties, arn, failedID string) result {
	detail, err := h.describe(ctx, p.Identity().Name)
	if err != nil {
		return failedWith(ev, p, failedID, explain("read back the connector profile", err, p))
	}
	return succeededWith(ev, p, detail, arn)
}
