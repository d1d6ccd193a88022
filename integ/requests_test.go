package integ_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// The requests CloudFormation sends, from the samples in events/.

func loadEvent(t *testing.T, name string) harness.Event {
	t.Helper()
	ev, err := harness.LoadEvent(filepath.Join("..", "events", name))
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// canaryCreate is events/create.json as a new request for profile name,
// with canaries for credentials.
func canaryCreate(t *testing.T, name string) harness.Event {
	ev := harness.WithCanaries(loadEvent(t, "create.json").Fresh())
	ev.ResourceProperties["connectorProfileName"] = name
	return ev
}

// deleteOf is the Delete CloudFormation sends for physicalID after ev
// (for a replacement: the old id with the old properties).
func deleteOf(ev harness.Event, physicalID string) harness.Event {
	d := ev.Fresh()
	d.RequestType = "Delete"
	d.PhysicalResourceID = physicalID
	if ev.RequestType == "Update" {
		d.ResourceProperties = ev.OldResourceProperties
	}
	d.OldResourceProperties = nil
	return d
}

// rollbackOf is the Update CloudFormation sends to return to the old
// properties after ev, with the stack put in UPDATE_ROLLBACK_IN_PROGRESS
// first, as CloudFormation does.
func (r *rig) rollbackOf(ev harness.Event) harness.Event {
	r.CloudFormation.SetStackStatus(ev.StackID, "UPDATE_ROLLBACK_IN_PROGRESS")
	back := ev.Fresh()
	back.ResourceProperties, back.OldResourceProperties = ev.OldResourceProperties, ev.ResourceProperties
	return back
}

// setProp sets a property at a dotted path (creating objects as needed).
func setProp(ev *harness.Event, path string, v any) {
	m := ev.ResourceProperties
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[parts[len(parts)-1]] = v
}

func clientToken(c appflowfake.Call) string { s, _ := c.Input["clientToken"].(string); return s }
