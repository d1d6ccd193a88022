package handler

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

func succeeded(ev customresource.Event, physicalID string, p *profile.Properties, data map[string]string) result {
	r := about(customresource.NewResponse(ev, customresource.Success, physicalID, ""), p)
	r.Data = data
	return r
}

// failed answers FAILED with the physical id CloudFormation must keep:
// the old one on Update and Delete, one naming no profile on Create.
func failed(ev customresource.Event, p *profile.Properties, reason string) result {
	id := ev.PhysicalResourceID
	if ev.RequestType == customresource.Create || id == "" {
		id = failedCreatePrefix + ev.RequestID
	}
	return failedWith(ev, p, id, reason)
}

func failedWith(ev customresource.Event, p *profile.Properties, physicalID, reason string) result {
	return about(customresource.NewResponse(ev, customresource.Failed, physicalID, reason), p)
}

// about adds what the log says of the profile.
func about(resp customresource.Response, p *profile.Properties) result {
	r := result{Response: resp}
	if p != nil {
		r.profileName = aws.ToString(p.Input.ConnectorProfileName)
		r.connectorType = string(p.Input.ConnectorType)
	}
	return r
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
