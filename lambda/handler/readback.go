package handler

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// readBack answers SUCCESS for a profile just written, with the attributes
// DescribeConnectorProfiles gives; if it cannot be read, FAILED with failedID.
func (h *Handler) readBack(ctx context.Context, ev customresource.Event, p *profile.Properties, arn, failedID string) result {
	detail, err := h.describe(ctx, aws.ToString(p.Input.ConnectorProfileName))
	if err != nil {
		return failedWith(ev, p, failedID, explain("read back the connector profile", err, p))
	}
	return succeededWith(ev, p, detail, arn)
}

// describe reads one profile; a name AppFlow does not list is an error.
func (h *Handler) describe(ctx context.Context, name string) (types.ConnectorProfile, error) {
	out, err := h.AppFlow.DescribeConnectorProfiles(ctx, &appflow.DescribeConnectorProfilesInput{
		ConnectorProfileNames: []string{name},
	})
	if err != nil {
		return types.ConnectorProfile{}, err
	}
	if len(out.ConnectorProfileDetails) == 0 {
		return types.ConnectorProfile{}, fmt.Errorf("AppFlow lists no profile named %q", name)
	}
	return out.ConnectorProfileDetails[0], nil
}

// succeededWith answers SUCCESS for the profile detail describes, with its attributes.
func succeededWith(ev customresource.Event, p *profile.Properties, detail types.ConnectorProfile, arn string) result {
	name := aws.ToString(detail.ConnectorProfileName)
	if arn == "" {
		arn = aws.ToString(detail.ConnectorProfileArn)
	}
	return succeeded(ev, name, p, map[string]string{
		"ConnectorProfileArn":  arn,
		"ConnectorProfileName": name,
		"CredentialsArn":       aws.ToString(detail.CredentialsArn),
	})
}
