package handler

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// failedCreatePrefix starts the physical id of a failed Create. The ':' keeps it
// outside the profile-name pattern, so it never names a profile, and the rollback's
// Delete knows to leave AppFlow alone.
const failedCreatePrefix = "create-failed:"

func (h *Handler) create(ctx context.Context, ev customresource.Event) result {
	p, err := profile.Decode(ev.ResourceProperties)
	if err != nil {
		return failed(ev, nil, err.Error())
	}
	arn, err := h.createProfile(ctx, ev, p)
	if err != nil {
		return failedWith(ev, p, failedCreatePrefix+ev.RequestID, explain("create the connector profile", err, p))
	}
	// Once created, the profile is ours: a FAILED answer names it so the rollback deletes it.
	return h.readBack(ctx, ev, p, arn, aws.ToString(p.Input.ConnectorProfileName))
}

// createProfile creates p with the event's RequestId as clientToken, so a repeated
// delivery of one request creates one profile.
func (h *Handler) createProfile(ctx context.Context, ev customresource.Event, p *profile.Properties) (arn string, err error) {
	out, err := h.AppFlow.CreateConnectorProfile(ctx, p.CreateInput(ev.RequestID))
	if err != nil {
		return "", err
	}
	return aws.ToString(out.ConnectorProfileArn), nil
}
