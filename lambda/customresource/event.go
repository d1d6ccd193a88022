package customresource

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// RequestType is what CloudFormation asks of the resource.
type RequestType string

const (
	Create RequestType = "Create"
	Update RequestType = "Update"
	Delete RequestType = "Delete"
)

// Event is a custom resource request. The properties stay raw so that
// numbers keep the form they were written in.
type Event struct {
	RequestType           RequestType     `json:"RequestType"`
	RequestID             string          `json:"RequestId"`
	ResponseURL           string          `json:"ResponseURL"`
	ResourceType          string          `json:"ResourceType"`
	LogicalResourceID     string          `json:"LogicalResourceId"`
	StackID               string          `json:"StackId"`
	PhysicalResourceID    string          `json:"PhysicalResourceId,omitempty"`
	ResourceProperties    json.RawMessage `json:"ResourceProperties,omitempty"`
	OldResourceProperties json.RawMessage `json:"OldResourceProperties,omitempty"`
}

// ReadEvent decodes a request as Lambda hands it over. An error says what
// makes the event unusable; the event then still holds every identifier that
// could be read, so that it can be answered FAILED.
func ReadEvent(payload []byte) (Event, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(payload, &members); err != nil {
		ev, tooDeep := scanIdentifiers(payload)
		if tooDeep != "" {
			return ev, fmt.Errorf("the event is not one CloudFormation sends: %s is nested deeper than %d levels", tooDeep, maxDepth)
		}
		return ev, fmt.Errorf("the event is not a JSON object CloudFormation sends: %w", err)
	}
	var ev Event
	var wrong []string
	for name, dst := range map[string]*string{
		"RequestType": (*string)(&ev.RequestType), "RequestId": &ev.RequestID, "ResponseURL": &ev.ResponseURL,
		"ResourceType": &ev.ResourceType, "LogicalResourceId": &ev.LogicalResourceID, "StackId": &ev.StackID,
		"PhysicalResourceId": &ev.PhysicalResourceID,
	} {
		if raw, ok := members[name]; ok && json.Unmarshal(raw, dst) != nil {
			wrong = append(wrong, name+" is not a string")
		}
	}
	for name, dst := range map[string]*json.RawMessage{
		"ResourceProperties": &ev.ResourceProperties, "OldResourceProperties": &ev.OldResourceProperties,
	} {
		if raw, ok := members[name]; ok && string(raw) != "null" {
			if bytes.TrimSpace(raw)[0] != '{' {
				wrong = append(wrong, name+" is not an object")
				continue
			}
			*dst = raw
		}
	}
	if len(wrong) > 0 {
		slices.Sort(wrong)
		return ev, errors.New("the event is not one CloudFormation sends: " + strings.Join(wrong, ", "))
	}
	return ev, nil
}

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

// scanIdentifiers reads the top-level strings of an event that cannot be
// decoded whole token by token, and names a member nested past encoding/json's
// depth limit, if one is.
func scanIdentifiers(payload []byte) (ev Event, tooDeep string) {
	fields := map[string]*string{
		"RequestId": &ev.RequestID, "ResponseURL": &ev.ResponseURL, "LogicalResourceId": &ev.LogicalResourceID,
		"StackId": &ev.StackID, "PhysicalResourceId": &ev.PhysicalResourceID, "RequestType": (*string)(&ev.RequestType),
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ev, ""
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return ev, tooDeep
		}
		value, err := dec.Token()
		if err != nil {
			return ev, tooDeep
		}
		name, _ := key.(string)
		if s, ok := value.(string); ok && fields[name] != nil {
			*fields[name] = s
		}
		deepest, err := skipRest(dec, value)
		if deepest > maxDepth-1 && tooDeep == "" { // the top-level object is one level more
			tooDeep = name
		}
		if err != nil {
			return ev, tooDeep
		}
	}
	return ev, tooDeep
}

// skipRest reads past the object or list that first opened, if it is one,
// and says how deep it nests.
func skipRest(dec *json.Decoder, first json.Token) (deepest int, err error) {
	depth := 0
	for t := first; ; {
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
			deepest = max(deepest, depth)
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return deepest, nil
		}
		if t, err = dec.Token(); err != nil {
			return deepest, err
		}
	}
}
