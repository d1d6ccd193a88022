package handler

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// delete removes the profile the physical id names. A profile already gone is
// deleted; an id that cannot name a profile (a failed Create's) was never ours.
func (h *Handler) delete(ctx context.Context, ev customresource.Event) result {
	id := ev.PhysicalResourceID
	if !profile.IsProfileName(id) {
		return succeeded(ev, id, nil, nil)
	}
	_, err := h.AppFlow.DeleteConnectorProfile(ctx, &appflow.DeleteConnectorProfileInput{
		ConnectorProfileName: aws.String(id),
		ForceDelete:          profile.PeekForceDelete(ev.ResourceProperties),
	})
	if err != nil && !isNotFound(err) {
		r := failed(ev, nil, explain("delete the connector profile", err, nil))
		r.profileName = id
		return r
	}
	r := succeeded(ev, id, nil, nil)
	r.profileName = id
	return r
}
