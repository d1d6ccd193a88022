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
func (h *Handler) update(ctx context.Context, req *request) result {
	p, reason := h.properties(ctx, req.ResourceProperties)
	if reason != "" {
		return failed(req.Event, nil, reason)
	}
	old := profile.PeekIdentity(req.OldResourceProperties)
	old.Name = req.PhysicalResourceID // the live profile's name
	changes := p.Identity().Changes(old)
	switch {
	case len(changes) == 0:
		return h.updateInPlace(ctx, req, p)
	case p.Identity().Name == old.Name:
		return failedWith(req.Event, p, req.PhysicalResourceID, fmt.Sprintf(
			"changing %s needs a new connector profile, and AppFlow cannot hold two profiles named %q: choose a new connectorProfileName",
			strings.Join(changes, " and "), old.Name))
	}
	return h.replace(ctx, req, p)
}

func (h *Handler) updateInPlace(ctx context.Context, req *request, p *profile.Properties) result {
	out, err := h.AppFlow.UpdateConnectorProfile(ctx, p.UpdateInput(req.RequestID))
	if err != nil {
		return failedWith(req.Event, p, req.PhysicalResourceID, explain("update the connector profile", err, p))
	}
	return h.readBack(ctx, req.Event, p, aws.ToString(out.ConnectorProfileArn), req.PhysicalResourceID)
}

// replace creates the profile under its new name; CloudFormation deletes the
// old one once the whole stack update has succeeded.
func (h *Handler) replace(ctx context.Context, req *request, p *profile.Properties) result {
	arn, err := h.createProfile(ctx, req, p)
	switch {
	case errorCode(err) == "ConflictException":
		return h.takeBack(ctx, req, p)
	case err != nil && !isFinal(err):
		// AppFlow may have made it, and no later request can prove it: say so.
		name := p.Identity().Name
		h.Log.WarnContext(ctx, "a replacement profile may exist in AppFlow, unknown to CloudFormation: if nothing else owns it, delete it by hand",
			"profileName", name, "error", redactFor(brief(err), p))
		return failedWith(req.Event, p, req.PhysicalResourceID, explain("create the replacement connector profile", err, p)+
			fmt.Sprintf(". The new profile %q may exist in AppFlow; if nothing uses it, delete it before deploying again", name))
	case err != nil:
		return failedWith(req.Event, p, req.PhysicalResourceID, explain("create the replacement connector profile", err, p))
	}
	ctx, cancel := onward(ctx, req)
	defer cancel()
	r := h.readBack(ctx, req.Event, p, arn, req.PhysicalResourceID)
	if r.Status == customresource.Failed {
		h.discard(ctx, req, p) // the answer keeps the old profile
	}
	return r
}
