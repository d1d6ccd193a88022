package handler

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// takeBack answers a replacing Update whose new name is taken. In the rollback
// of a replacement that is expected: CloudFormation sends the old properties
// under the new profile's id while the old profile still exists, and the
// answer must carry the old name. The event cannot tell that rollback from a
// rename onto someone else's profile; CloudFormation can. Without its proof
// the name belongs to another owner, and nothing of that owner is touched.
func (h *Handler) takeBack(ctx context.Context, req *request, p *profile.Properties) result {
	name := p.Identity().Name
	var unproven unprovenError
	switch err := h.ownedBefore(ctx, req.Event, name); {
	case errors.As(err, &unproven):
		return failedWith(req.Event, p, req.PhysicalResourceID, fmt.Sprintf(
			"a connector profile named %q already exists, and nothing proves it was this resource's: %s. "+
				"If this is the rollback of a replacement, let the provider call cloudformation:DescribeStacks and "+
				"DescribeStackEvents on the stack and continue the rollback; otherwise choose another connectorProfileName",
			name, redactFor(err.Error(), p)))
	case err != nil:
		return failedWith(req.Event, p, req.PhysicalResourceID, fmt.Sprintf(
			"a connector profile named %q already exists and belongs to another owner: %s. "+
				"Choose another connectorProfileName, or delete that profile if nothing uses it",
			name, redactFor(err.Error(), p)))
	}
	detail, err := h.describe(ctx, name)
	if err != nil {
		return failedWith(req.Event, p, req.PhysicalResourceID, explain("read back the connector profile", err, p))
	}
	if detail.ConnectorType != p.Input.ConnectorType || aws.ToString(detail.ConnectorLabel) != aws.ToString(p.Input.ConnectorLabel) {
		return failedWith(req.Event, p, req.PhysicalResourceID, fmt.Sprintf(
			"connector profile %q, which this resource had before, is now of connectorType %q with connectorLabel %q; "+
				"the rollback expects %q with %q: restore it by hand, then continue the rollback",
			name, detail.ConnectorType, aws.ToString(detail.ConnectorLabel), p.Input.ConnectorType, aws.ToString(p.Input.ConnectorLabel)))
	}
	return succeededWith(req.Event, p, detail, "")
}

// ownedBefore returns nil if CloudFormation shows that the event's resource
// had name as its physical id before the update now rolling back: the stack is
// in UPDATE_ROLLBACK_IN_PROGRESS, and since that update began, an event of the
// resource carries the name. Otherwise it says what is missing.
func (h *Handler) ownedBefore(ctx context.Context, ev customresource.Event, name string) error {
	stacks, err := h.CloudFormation.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(ev.StackID)})
	if err != nil {
		return unprovenError{"the stack's status could not be read (" + brief(err) + ")"}
	}
	if len(stacks.Stacks) == 0 || stacks.Stacks[0].StackStatus != cfntypes.StackStatusUpdateRollbackInProgress {
		return errors.New("the stack is not rolling back an update, so the name was not this resource's")
	}
	events := cloudformation.NewDescribeStackEventsPaginator(h.CloudFormation, &cloudformation.DescribeStackEventsInput{StackName: aws.String(ev.StackID)})
	for events.HasMorePages() {
		page, err := events.NextPage(ctx)
		if err != nil {
			return unprovenError{"the stack's events could not be read (" + brief(err) + ")"}
		}
		for _, e := range page.StackEvents { // newest first
			switch {
			case aws.ToString(e.LogicalResourceId) == ev.LogicalResourceID && aws.ToString(e.PhysicalResourceId) == name:
				return nil
			case aws.ToString(e.PhysicalResourceId) == ev.StackID && e.ResourceStatus == cfntypes.ResourceStatusUpdateInProgress:
				return errors.New("the stack's events show no such physical id for this resource since the update began")
			}
		}
	}
	return errors.New("the stack's events show no such physical id for this resource")
}

// unprovenError says why CloudFormation could not be asked for the proof.
type unprovenError struct{ why string }

func (e unprovenError) Error() string { return e.why }
