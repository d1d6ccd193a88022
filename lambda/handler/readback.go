package handler

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// readBack answers SUCCESS for a profile just written, with the attributes
// DescribeConnectorProfiles gives; if it cannot be read, FAILED with failedID.
func (h *Handler) readBack(ctx context.Context, ev customresource.Event, p *profile.Properties, arn, failedID string) result {
	name := aws.ToString(p.Input.ConnectorProfileName)
	out, err := h.AppFlow.DescribeConnectorProfiles(ctx, &appflow.DescribeConnectorProfilesInput{
		ConnectorProfileNames: []string{name},
	})
	if err == nil && len(out.ConnectorProfileDetails) == 0 {
		err = fmt.Errorf("AppFlow lists no profile named %q", name)
	}
	if err != nil {
		return failedWith(ev, p, failedID, explain("read back the connector profile", err, p))
	}
	detail := out.ConnectorProfileDetails[0]
	if arn == "" {
		arn = aws.ToString(detail.ConnectorProfileArn)
	}
	return succeeded(ev, name, p, map[string]string{
		"ConnectorProfileArn":  arn,
		"ConnectorProfileName": name,
		"CredentialsArn":       aws.ToString(detail.CredentialsArn),
	})
}
