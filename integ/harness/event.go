package harness

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"strings"
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
	c.RequestID = NewUUID()
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
// new), for leak checks.
func (e Event) Secrets() []string {
	var out []string
	for _, props := range []map[string]any{e.ResourceProperties, e.OldResourceProperties} {
		collectSecrets(props, false, &out)
	}
	return out
}

func collectSecrets(v any, in bool, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			collectSecrets(e, in || strings.EqualFold(k, "connectorProfileCredentials"), out)
		}
	case []any:
		for _, e := range x {
			collectSecrets(e, in, out)
		}
	case string:
		if in && len(x) >= 8 { // shorter values would match by accident
			*out = append(*out, x)
		}
	}
}

// Leaks returns the secrets that occur in text.
func Leaks(text string, secrets []string) []string {
	var found []string
	for _, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			found = append(found, s)
		}
	}
	return found
}

// NewUUID returns a random UUID (version 4), like a CloudFormation RequestId.
func NewUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
