package harness

import (
	"context"
	"encoding/json"
)

// Rotate invokes the function as an EventBridge rule does when the secret a
// profile's CredentialsSecret names changes: with the rule's constant input,
//
//	{"CredentialsSecretChanged": {"ConnectorProfileName": "...", "CredentialsSecret": "..."}}
//
// Nobody waits for an answer: the Delivery (with no Event and no response)
// says what the invoke returned; a function error makes Lambda retry.
func (s *Stack) Rotate(ctx context.Context, profileName, secretID string) Delivery {
	var d Delivery
	payload, err := json.Marshal(map[string]any{"CredentialsSecretChanged": map[string]string{
		"ConnectorProfileName": profileName, "CredentialsSecret": secretID}})
	if err != nil {
		d.InvokeErr = err
		return d
	}
	d.Invoke, d.InvokeErr = s.Lambda.Invoke(ctx, payload)
	d.Elapsed = d.Invoke.Duration
	s.mu.Lock()
	s.deliveries = append(s.deliveries, d)
	s.mu.Unlock()
	return d
}
