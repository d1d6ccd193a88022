package harness

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/google/uuid"
)

// Event is a CloudFormation custom resource request as CloudFormation sends it.
type Event struct {
	RequestType           string         `json:"RequestType"`
	ServiceToken          string         `json:"ServiceToken,omitempty"`
	ResponseURL           string         `json:"ResponseURL"`
	StackID               string         `json:"StackId"`
	RequestID             string         `json:"RequestId"`
	LogicalResourceID     string         `json:"LogicalResourceId"`
	PhysicalResourceID    string         `json:"PhysicalResourceId,omitempty"`
	ResourceType          string         `json:"ResourceType"`
	ResourceProperties    map[string]any `json:"ResourceProperties,omitempty"`
	OldResourceProperties map[string]any `json:"OldResourceProperties,omitempty"`
}

// LoadEvent reads an event file (for example events/create.json).
func LoadEvent(path string) (Event, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Event{}, err
	}
	var e Event
	if err := json.Unmarshal(b, &e); err != nil {
		return Event{}, fmt.Errorf("%s: %w", path, err)
	}
	return e, nil
}

// Clone returns a deep copy.
func (e Event) Clone() Event {
	b, _ := json.Marshal(e)
	var c Event
	json.Unmarshal(b, &c)
	return c
}

// Fresh returns a copy with a new RequestId, as a new CloudFormation request.
func (e Event) Fresh() Event {
	c := e.Clone()
	c.RequestID = uuid.NewString()
	return c
}

// Prop returns a top-level resource property (matched case-insensitively).
func (e Event) Prop(name string) any {
	for k, v := range e.ResourceProperties {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return nil
}

// ProfileName is the connectorProfileName property.
func (e Event) ProfileName() string { s, _ := e.Prop("connectorProfileName").(string); return s }

// Secrets lists the credential values in the event's properties (old and
// new) that are long enough to find again, for leak checks.
func (e Event) Secrets() []string {
	var out []string
	e.eachCredential(func(v string) string {
		if findable(v) {
			out = append(out, v)
		}
		return v
	})
	return out
}

// findable reports whether a credential is long enough to look for: a
// shorter one would match by accident.
func findable(v string) bool { return len(v) >= 8 }

// eachCredential calls f with every credential value in the properties (old
// and new) and puts back what f returns.
func (e Event) eachCredential(f func(string) string) {
	eachCredential(e.ResourceProperties, false, f)
	eachCredential(e.OldResourceProperties, false, f)
}

// eachCredential calls f with every string in v that is a credential (under
// connectorProfileCredentials, or anywhere when in) and puts back what f
// returns. Members that only choose a mode (authenticationType,
// oAuth2GrantType) hold no secret and are skipped.
func eachCredential(v any, in bool, f func(string) string) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			lk := strings.ToLower(k)
			if in && (lk == "authenticationtype" || lk == "oauth2granttype") {
				continue
			}
			x[k] = eachCredential(e, in || lk == "connectorprofilecredentials", f)
		}
	case []any:
		for i, e := range x {
			x[i] = eachCredential(e, in, f)
		}
	case string:
		if in {
			return f(x)
		}
	}
	return v
}
