package handler

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// delete removes the profile the physical id names. A profile already gone is
// deleted; an id that cannot name a profile was never one of ours, except a
// failed Create's, whose profile may exist unheard.
func (h *Handler) delete(ctx context.Context, req *request) result {
	id := req.PhysicalResourceID
	if requestID, ok := strings.CutPrefix(id, failedCreatePrefix); ok {
		return h.deleteUnheard(ctx, req, requestID)
	}
	if !profile.IsProfileName(id) {
		return succeeded(req.Event, id, nil, nil)
	}
	return h.deleteProfile(ctx, req, id, profile.PeekForceDelete(req.ResourceProperties))
}

func (h *Handler) deleteProfile(ctx context.Context, req *request, name string, force bool) result {
	_, err := h.AppFlow.DeleteConnectorProfile(ctx, &appflow.DeleteConnectorProfileInput{
		ConnectorProfileName: aws.String(name),
		ForceDelete:          force,
	})
	r := succeeded(req.Event, req.PhysicalResourceID, nil, nil)
	if err != nil && !isNotFound(err) {
		r = failed(req.Event, nil, explain("delete the connector profile", err, nil))
	}
	r.profileName = name
	return r
}

// deleteUnheard answers the rollback's Delete of a failed Create. If AppFlow
// made that Create's profile without the answer reaching the function, it is
// deleted now: the Delete carries the Create's properties and, in the physical
// id, its RequestId, and replaying CreateConnectorProfile with that clientToken
// returns the original result only if AppFlow made the profile for that request
// (within AppFlow's 8 hours for a clientToken). A conflict means the name is
// someone else's, and AppFlow is left alone.
func (h *Handler) deleteUnheard(ctx context.Context, req *request, createRequestID string) result {
	done := succeeded(req.Event, req.PhysicalResourceID, nil, nil)
	id := profile.PeekIdentity(req.ResourceProperties)
	done.profileName, done.connectorType = id.Name, id.Type
	if !profile.IsProfileName(id.Name) {
		return done // the Create was refused before AppFlow was called
	}
	mayExist := func(why string) result {
		h.Log.WarnContext(ctx, "a failed Create's profile may exist in AppFlow, unknown to CloudFormation: if nothing else owns it, delete it by hand",
			"profileName", id.Name, "cloudFormationRequestId", createRequestID, "why", why)
		return done
	}
	// Look before decoding: most failed Creates made nothing, and the
	// properties may be large.
	switch _, found, err := h.find(ctx, id.Name); {
	case err != nil:
		return mayExist("it could not be looked up: " + brief(err))
	case !found:
		return done
	}
	decoded, err := profile.Decode(req.ResourceProperties)
	if err != nil {
		return done // refused before AppFlow was called, so the profile is someone else's
	}
	p, reason := h.withSecret(ctx, req.ResourceProperties, decoded)
	if reason != "" {
		return mayExist("its CredentialsSecret could not be read to replay the Create: " + reason)
	}
	switch _, err := h.AppFlow.CreateConnectorProfile(ctx, p.CreateInput(createRequestID)); {
	case err == nil:
		return h.deleteProfile(ctx, req, id.Name, false)
	case errorCode(err) == "ConflictException":
		// Someone else's, or a Create more than 8 hours old, whose token AppFlow has forgotten.
		h.Log.InfoContext(ctx, "a profile of the failed Create's name exists, and AppFlow does not know it as that Create's: left alone",
			"profileName", id.Name, "cloudFormationRequestId", createRequestID)
		return done
	default:
		return mayExist("the replayed Create was answered " + redactFor(brief(err), p))
	}
}
