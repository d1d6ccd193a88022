package handler

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// failedCreatePrefix starts the physical id of a failed Create. The ':' keeps it
// outside the profile-name pattern, so it never names a profile, and the rollback's
// Delete knows to leave AppFlow alone.
const failedCreatePrefix = "create-failed:"

// errAnswered ends a request whose answer the deadline guard has given.
var errAnswered = errors.New("the request was answered on its behalf")

func (h *Handler) create(ctx context.Context, ev customresource.Event, m *made) result {
	p, err := profile.Decode(ev.ResourceProperties)
	if err != nil {
		return failed(ev, nil, err.Error())
	}
	arn, err := h.createProfile(ctx, ev, p, m)
	if err != nil {
		return failedWith(ev, p, failedCreatePrefix+ev.RequestID, explain("create the connector profile", err, p))
	}
	// Once created, the profile is ours: a FAILED answer names it so the rollback deletes it.
	return h.readBack(ctx, ev, p, arn, aws.ToString(p.Input.ConnectorProfileName))
}

// createProfile creates p with the event's RequestId as clientToken, so a repeated
// delivery of one request creates one profile, and records it in m.
func (h *Handler) createProfile(ctx context.Context, ev customresource.Event, p *profile.Properties, m *made) (arn string, err error) {
	in := p.CreateInput(ev.RequestID)
	out, err := h.AppFlow.CreateConnectorProfile(ctx, in)
	if err != nil && !answered(err) {
		// AppFlow may have created it unheard. The same clientToken again replays
		// the original answer if so, and cannot match a profile someone else made.
		settleCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
		defer cancel()
		out, err = h.AppFlow.CreateConnectorProfile(settleCtx, in, singleAttempt)
	}
	if err != nil {
		return "", err
	}
	if name := aws.ToString(in.ConnectorProfileName); !m.created(name) {
		h.discard(ctx, name) // answered already, without it
		return "", errAnswered
	}
	return aws.ToString(out.ConnectorProfileArn), nil
}
