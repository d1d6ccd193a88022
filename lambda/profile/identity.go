package profile

import (
	"encoding/json"
	"strings"

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
	props, _ := parseObject(raw)
	return Identity{
		Name:   peekString(props, "connectorProfileName"),
		Type:   peekString(props, "connectorType"),
		Label:  peekString(props, "connectorLabel"),
		KMSArn: peekString(props, "kmsArn"),
	}
}

// PeekForceDelete reads forceDelete leniently: anything but true is false,
// so a Delete never fails over properties.
func PeekForceDelete(raw json.RawMessage) bool {
	props, _ := parseObject(raw)
	force := false
	for _, e := range props.entries { // the last one counts, as in encoding/json
		if strings.EqualFold(e.key, "forceDelete") {
			force = (e.value.kind == boolValue || e.value.kind == stringValue) && e.value.text == "true" // as Decode reads it
		}
	}
	return force
}

// peekString is the last string given for name, as encoding/json would read it.
func peekString(props value, name string) string {
	found := ""
	for _, e := range props.entries {
		if e.value.kind == stringValue && strings.EqualFold(e.key, name) {
			found = e.value.text
		}
	}
	return found
}

var namePattern = nameRule.pattern

// IsProfileName reports whether s can name a connector profile; a physical id that
// cannot was never one of ours.
func IsProfileName(s string) bool {
	return len([]rune(s)) <= 256 && namePattern.MatchString(s)
}
