package profile

import (
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Identity is what a profile is created with and cannot change in place:
// a change to any part needs a new profile.
type Identity struct {
	Name, Type, Label, KMSArn string
}

// Identity of the decoded properties.
func (p *Properties) Identity() Identity {
	return Identity{
		Name:   aws.ToString(p.Input.ConnectorProfileName),
		Type:   string(p.Input.ConnectorType),
		Label:  aws.ToString(p.Input.ConnectorLabel),
		KMSArn: aws.ToString(p.Input.KmsArn),
	}
}

// Changes names the members that differ from old, in the API's spelling.
func (id Identity) Changes(old Identity) []string {
	var out []string
	for _, c := range []struct {
		name     string
		now, was string
	}{
		{"connectorProfileName", id.Name, old.Name},
		{"connectorType", id.Type, old.Type},
		{"connectorLabel", id.Label, old.Label},
		{"kmsArn", id.KMSArn, old.KMSArn},
	} {
		if c.now != c.was {
			out = append(out, c.name)
		}
	}
	return out
}

// PeekIdentity reads the identity from properties that may not pass Decode,
// such as the old properties of an Update.
func PeekIdentity(raw json.RawMessage) Identity {
	p := peek(raw)
	return Identity{Name: p.str(p.ConnectorProfileName), Type: p.str(p.ConnectorType), Label: p.str(p.ConnectorLabel), KMSArn: p.str(p.KmsArn)}
}

// PeekForceDelete reads forceDelete leniently: anything but true is false,
// so a Delete never fails over properties.
func PeekForceDelete(raw json.RawMessage) bool {
	force := peek(raw).ForceDelete
	return force == true || force == "true" // as Decode reads it
}

// peeked are the members the Peek functions read, as encoding/json matches
// keys: in any letter case, the last one given counting.
type peeked struct {
	ConnectorProfileName, ConnectorType, ConnectorLabel, KmsArn, ForceDelete any
}

func peek(raw json.RawMessage) peeked {
	var p peeked
	if json.Unmarshal(raw, &p) != nil {
		return peeked{}
	}
	return p
}

func (peeked) str(v any) string {
	s, _ := v.(string)
	return s
}

// IsProfileName reports whether s can name a connector profile; a physical id that
// cannot was never one of ours.
func IsProfileName(s string) bool {
	return textProblem(s, nameRule, false) == ""
}
