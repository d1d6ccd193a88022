package handler

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
)

// find reads the profile named name; found is false if AppFlow lists none.
func (h *Handler) find(ctx context.Context, name string) (detail types.ConnectorProfile, found bool, err error) {
	out, err := h.AppFlow.DescribeConnectorProfiles(ctx, &appflow.DescribeConnectorProfilesInput{
		ConnectorProfileNames: []string{name},
	})
	if err != nil {
		return types.ConnectorProfile{}, false, err
	}
	for _, d := range out.ConnectorProfileDetails {
		if aws.ToString(d.ConnectorProfileName) == name {
			return d, true, nil
		}
	}
	return types.ConnectorProfile{}, false, nil
}

// describe reads the profile named name; one AppFlow does not list is an error.
func (h *Handler) describe(ctx context.Context, name string) (types.ConnectorProfile, error) {
	detail, found, err := h.find(ctx, name)
	if err == nil && !found {
		err = fmt.Errorf("AppFlow lists no profile named %q", name)
	}
	return detail, err
}
