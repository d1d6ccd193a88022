package handler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// RotationKey is the one key of the input an EventBridge rule sends when a
// profile's CredentialsSecret changes (rotated, or a new value put):
//
//	{"CredentialsSecretChanged": {"ConnectorProfileName": "sales", "CredentialsSecret": "arn:aws:secretsmanager:..."}}
const RotationKey = "CredentialsSecretChanged"

// rotation names the profile whose secret changed.
type rotation struct {
	ConnectorProfileName string `json:"ConnectorProfileName"`
	CredentialsSecret    string `json:"CredentialsSecret"`
}

// readRotation reads a rotation input; ok is false for anything else.
func readRotation(payload []byte) (r rotation, ok bool) {
	var in map[string]json.RawMessage
	if json.Unmarshal(payload, &in) != nil || len(in) != 1 || in[RotationKey] == nil {
		return rotation{}, false
	}
	return r, json.Unmarshal(in[RotationKey], &r) == nil && r.ConnectorProfileName != "" && r.CredentialsSecret != ""
}

// rotate updates a profile's credentials from its secret. Nobody waits for
// an answer, so it logs what it did; it returns an error only when Lambda's
// retry of the event may succeed, and that error says nothing of the secret
// (aws-lambda-go logs it). A profile that no longer exists, or a secret that
// lacks what AppFlow requires, changes nothing.
func (h *Handler) rotate(ctx context.Context, r rotation) (err error) {
	start := time.Now()
	ctx, cancel := context.WithDeadline(ctx, h.Timing.budget(ctx, start).workBy)
	defer cancel()
	log := h.Log.With("profileName", r.ConnectorProfileName, "credentialsSecret", r.CredentialsSecret)
	defer func() {
		if recover() != nil {
			// Only the stack: the panic value may quote the secret.
			log.ErrorContext(ctx, "rotation: the handler panicked; nothing changed", "stack", string(debug.Stack()))
			err = errRotationPanicked
		}
	}()
	detail, found, err := h.find(ctx, r.ConnectorProfileName)
	switch {
	case err != nil:
		log.ErrorContext(ctx, "rotation: could not read the profile; nothing changed", "error", brief(err))
		return retryable(err)
	case !found:
		log.WarnContext(ctx, "rotation: the profile no longer exists; nothing changed")
		return nil
	}
	secret, err := h.readSecret(ctx, r.CredentialsSecret)
	if err != nil {
		log.ErrorContext(ctx, "rotation: "+explainSecret(r.CredentialsSecret, err)+"; nothing changed")
		return retryable(err)
	}
	raw, err := json.Marshal(currentProperties(detail, r.CredentialsSecret))
	if err != nil {
		return fmt.Errorf("rotation: read the listed properties: %w", err)
	}
	p, err := profile.DecodeWithSecret(raw, secret)
	if err != nil {
		log.ErrorContext(ctx, "rotation: the secret does not make valid credentials; nothing changed",
			"problems", redact(problemsReason(err), stringsIn(secret), nil))
		return nil
	}
	if _, err := h.AppFlow.UpdateConnectorProfile(ctx, p.UpdateInput(clientToken(ctx))); err != nil {
		log.ErrorContext(ctx, "rotation: "+explain("update the connector profile", err, p))
		return retryable(err)
	}
	log.InfoContext(ctx, "rotation: credentials updated from the secret", "connectorType", string(detail.ConnectorType),
		"durationMs", time.Since(start).Milliseconds())
	return nil
}

// currentProperties are a profile's properties as AppFlow lists them, with
// CredentialsSecret to supply every credential.
func currentProperties(detail types.ConnectorProfile, secret string) map[string]any {
	props := map[string]any{
		"connectorProfileName":   aws.ToString(detail.ConnectorProfileName),
		"connectorType":          string(detail.ConnectorType),
		"connectionMode":         string(detail.ConnectionMode),
		"connectorProfileConfig": map[string]any{"connectorProfileProperties": detail.ConnectorProfileProperties},
		"credentialsSecret":      secret,
	}
	if detail.ConnectorLabel != nil {
		props["connectorLabel"] = *detail.ConnectorLabel
	}
	return props
}

// clientToken makes Lambda's retries of one event one update.
func clientToken(ctx context.Context) string {
	if lc, ok := lambdacontext.FromContext(ctx); ok && lc.AwsRequestID != "" {
		return lc.AwsRequestID
	}
	return time.Now().UTC().Format(time.RFC3339Nano)
}

var (
	errRotationIncomplete = errors.New("rotation: the profile was not updated yet; the function's log says why")
	errRotationPanicked   = errors.New("rotation: the handler panicked; the function's log has the stack")
)

// retryable is an error that carries no service message, for Lambda to
// retry the event, if retrying may help; nil if not: the failure is logged.
func retryable(err error) error {
	if isFinal(err) || errors.Is(err, errNoSecretString) {
		return nil
	}
	return errRotationIncomplete
}
