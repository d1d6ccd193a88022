package handler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// properties decodes an event's properties. With a CredentialsSecret, its
// credentials are read and merged in; reason then says what went wrong,
// quoting nothing from the secret.
func (h *Handler) properties(ctx context.Context, raw json.RawMessage) (p *profile.Properties, reason string) {
	p, err := profile.Decode(raw)
	if err != nil {
		return nil, problemsReason(err)
	}
	return h.withSecret(ctx, raw, p)
}

// withSecret merges the credentials of p's CredentialsSecret, if it names one,
// into the properties raw decoded to p.
func (h *Handler) withSecret(ctx context.Context, raw json.RawMessage, p *profile.Properties) (*profile.Properties, string) {
	if p.CredentialsSecret == "" {
		return p, ""
	}
	secret, err := h.readSecret(ctx, p.CredentialsSecret)
	if err != nil {
		return nil, explainSecret(p.CredentialsSecret, err)
	}
	merged, err := profile.DecodeWithSecret(raw, secret)
	if err != nil {
		return nil, redact(problemsReason(err), stringsIn(secret), nil)
	}
	return merged, ""
}

// reasonBudget is what a Reason of problems may take of the 4096-byte
// response, leaving room for the longest ids CloudFormation sends.
const reasonBudget = 2048

// problemsReason lists the problems Decode found within reasonBudget,
// counting those that do not fit.
func problemsReason(err error) string {
	var ps profile.Problems
	if errors.As(err, &ps) {
		return ps.Within(reasonBudget)
	}
	return err.Error()
}

// readSecret is the current SecretString of the secret id names.
func (h *Handler) readSecret(ctx context.Context, id string) (string, error) {
	out, err := h.SecretsManager.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(id)})
	if err != nil {
		return "", err
	}
	if out.SecretString == nil {
		return "", errNoSecretString
	}
	return *out.SecretString, nil
}

var errNoSecretString = errors.New("the secret has no SecretString: store the credentials as key/value pairs")

var secretAdvice = map[string]string{
	"ResourceNotFoundException": "check the secret's name or ARN, and that it is in the function's account and Region",
	"AccessDeniedException": "the function's role needs secretsmanager:GetSecretValue on the secret, " +
		"and kms:Decrypt through Secrets Manager if a customer managed key encrypts it",
	"DecryptionFailure":       "KMS could not decrypt the secret: the function's role needs kms:Decrypt on the secret's key",
	"InvalidRequestException": "the secret may be scheduled for deletion: restore it or name another",
	"ThrottlingException":     "Secrets Manager kept throttling after retries: retry the stack operation later",
}

// explainSecret turns a failure to read CredentialsSecret into a Reason.
func explainSecret(id string, err error) string {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return "Secrets Manager did not answer before the function's deadline: raise the function's timeout, or retry the stack operation"
	}
	reason := fmt.Sprintf("could not read CredentialsSecret %q: %s", id, brief(err))
	if hint := secretAdvice[errorCode(err)]; hint != "" {
		reason += " (" + hint + ")"
	}
	return reason
}

// stringsIn lists the string values in a secret's JSON, to mask them.
func stringsIn(secret string) []string {
	var v any
	if json.Unmarshal([]byte(secret), &v) != nil {
		return []string{secret}
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			out = append(out, x)
		}
	}
	walk(v)
	return out
}
