package integ_test

import (
	"net/http"
	"testing"

	"github.com/appflow-iac/connectorprofile/integ/fault"
	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// AppFlow quoting a credential back in its error, in some form: the Reason
// and the log carry AppFlow's message, and no part of a secret, in any form.

// quoting is AppFlow refusing a Create with an error that quotes q of it.
func quoting(q fault.Quote) harness.Faults {
	return harness.Faults{AppFlow: []fault.Fault{{Op: opCreate, Kind: fault.Error, Status: http.StatusBadRequest,
		Code: "ValidationException", Message: "Invalid credentials:", Quote: &q}}}
}

// datadogKeys are Datadog's apiKey and applicationKey, made of canaries.
type datadogKeys func() (apiKey, applicationKey string)

// canaries makes each key a canary of its own.
func canaries() (string, string) { return harness.NewCanary(), harness.NewCanary() }

// joined makes apiKey two canaries joined by sep.
func joined(sep string) datadogKeys {
	return func() (string, string) {
		return harness.NewCanary() + sep + harness.NewCanary(), harness.NewCanary()
	}
}

// nested makes applicationKey start with apiKey.
func nested() (string, string) {
	c := harness.NewCanary()
	return c, c + harness.NewCanary()
}

// quotedBack sends a Create with the credentials creds makes, to an AppFlow
// whose error quotes one back (the case's fault). The answer must carry
// AppFlow's message masked, and the rig's leak check finds no canary, in any
// form, anywhere.
func quotedBack(creds datadogKeys) scenario {
	return func(t *testing.T, r *rig, f harness.Faults) string {
		ev := canaryCreate(t, profileName(t))
		apiKey, applicationKey := creds()
		setProp(&ev, "connectorProfileConfig.connectorProfileCredentials.Datadog.apiKey", apiKey)
		setProp(&ev, "connectorProfileConfig.connectorProfileCredentials.Datadog.applicationKey", applicationKey)
		obs, _ := expectCreate(t, r, f, ev, "FAILED", "Invalid credentials: "+f.AppFlow[0].Quote.Member+": ****")
		if calls := r.AppFlow.CallsTo(opCreate); len(calls) == 0 || harness.FindSecret(calls[0].ErrorMessage, ev.Secrets()) == "" {
			t.Errorf("AppFlow's error quoted no credential, so this case proves nothing: %v", calls)
		}
		return obs
	}
}
