package handler

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// advice says what to do about an AppFlow error code.
var advice = map[string]string{
	"ServiceQuotaExceededException": "AppFlow allows 100 connector profiles per account and Region (a soft quota): delete unused profiles or ask AWS Support to raise the quota",
	"ConnectorAuthenticationException": "the connector rejected the credentials: check connectorProfileConfig.connectorProfileCredentials, " +
		"and that tokens are current and the instanceUrl is right",
	"ConnectorServerException": "the connector's endpoint returned an error: check that it is reachable and the properties point at it",
	"AccessDeniedException": "the function's role lacks a permission: it needs the appflow:*ConnectorProfile(s) actions, " +
		"and the Secrets Manager and KMS permissions AppFlow uses to store credentials",
	"ValidationException":           "AppFlow rejected a property: correct it and deploy again",
	"ThrottlingException":           "AppFlow kept throttling after retries: retry the stack operation later",
	"InternalServerException":       "AppFlow kept failing after retries: retry the stack operation later",
	"UnsupportedOperationException": "AppFlow does not support this for the connector type",
}

const timeoutReason = "AppFlow did not answer before the function's deadline; the change may still complete in AppFlow. " +
	"Raise the function's timeout, or retry the stack operation"

// explain turns an AppFlow error into a Reason: what failed, AppFlow's own
// message, and what to do. Credential values are scrubbed from it.
func explain(action string, err error, p *profile.Properties) string {
	var reason string
	var apiErr smithy.APIError
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		reason = timeoutReason
	case errors.As(err, &apiErr):
		reason = fmt.Sprintf("could not %s: AppFlow said %s: %s", action, apiErr.ErrorCode(), apiErr.ErrorMessage())
		if hint := hintFor(apiErr.ErrorCode(), action, p); hint != "" {
			reason += " (" + hint + ")"
		}
	default:
		reason = fmt.Sprintf("could not %s: %v", action, err)
	}
	return redactFor(reason, p)
}

func hintFor(code, action string, p *profile.Properties) string {
	if code != "ConflictException" {
		return advice[code]
	}
	if strings.HasPrefix(action, "delete") {
		return "the profile is still used by flows: delete those flows first, or set forceDelete: true"
	}
	name := ""
	if p != nil {
		name = aws.ToString(p.Input.ConnectorProfileName)
	}
	return fmt.Sprintf("a connector profile named %q already exists, or this RequestId was used with other properties: "+
		"choose another connectorProfileName, or delete the existing profile if it is not in use", name)
}

// errorCode is AppFlow's error code for err, or "" if AppFlow did not answer with one.
func errorCode(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return ""
}

// answered reports whether AppFlow answered the call that failed with err; if
// not, the call may have been applied without our hearing of it.
func answered(err error) bool { return errorCode(err) != "" }

func isNotFound(err error) bool { return errorCode(err) == "ResourceNotFoundException" }

// isFinal reports whether the service answered err and asking again would not change it.
func isFinal(err error) bool {
	switch errorCode(err) {
	case "", "ThrottlingException", "Throttling", "InternalServerException", "InternalFailure", "ServiceUnavailable":
		return false
	}
	return true
}

// brief is the error code and message of a service error, or the error itself.
func brief(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode() + ": " + apiErr.ErrorMessage()
	}
	return err.Error()
}
