package integ_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// lifecycleFiles run in this order against one profile.
var lifecycleFiles = []string{"create.json", "update-in-place.json", "update-replace.json", "delete.json"}

// TestEvents sends every file in events/, so none can go stale.
func TestEvents(t *testing.T) {
	t.Parallel()
	files, err := eventFiles()
	if err != nil {
		t.Fatal(err)
	}
	r := newRig(t)
	var connectorFiles []string
	for _, base := range files {
		switch {
		case slices.Contains(lifecycleFiles, base):
		case strings.HasPrefix(base, "create-"):
			connectorFiles = append(connectorFiles, base)
		default:
			t.Errorf("%s: not exercised; add it to TestEvents", base)
		}
	}
	for _, base := range connectorFiles {
		t.Run(base, func(t *testing.T) {
			ev := loadEvent(t, base)
			checkSample(t, ev)
			res := expect(t, r, ev, "SUCCESS")
			name := ev.ProfileName()
			p, ok := r.AppFlow.Get(name)
			if !ok || res.PhysicalResourceID != name {
				t.Fatalf("profile %s: created %v, PhysicalResourceId %q", name, ok, res.PhysicalResourceID)
			}
			if want := ev.Prop("connectorType"); p.ConnectorType != want {
				t.Errorf("connectorType %q, want %v", p.ConnectorType, want)
			}
			expect(t, r, deleteOf(ev, name), "SUCCESS")
			if _, ok := r.AppFlow.Get(name); ok {
				t.Errorf("profile %s not deleted", name)
			}
		})
	}
	t.Run("lifecycle", func(t *testing.T) {
		var prev string
		for _, base := range lifecycleFiles {
			ev := loadEvent(t, base)
			checkSample(t, ev)
			res := expect(t, r, ev, "SUCCESS")
			if ev.RequestType == "Update" && res.PhysicalResourceID != ev.PhysicalResourceID {
				// replaced: CloudFormation deletes the old id next
				expect(t, r, deleteOf(ev, ev.PhysicalResourceID), "SUCCESS")
			}
			prev = res.PhysicalResourceID
		}
		if ps := r.AppFlow.Profiles(); len(ps) != 0 {
			t.Errorf("profiles left after %s (last id %s): %v", lifecycleFiles, prev, ps)
		}
	})
	for _, c := range r.AppFlow.Calls() {
		if len(c.Unknown) > 0 {
			t.Errorf("%s sent members AppFlow does not know: %v", c.Op, c.Unknown)
		}
	}
}

// checkSample checks that a sample looks like what CloudFormation sends.
func checkSample(t *testing.T, ev harness.Event) {
	t.Helper()
	if ev.ResourceType != "Custom::AppFlowConnectorProfile" || !strings.HasPrefix(ev.StackID, "arn:aws:cloudformation:us-east-1:123456789012:stack/") ||
		len(ev.RequestID) != 36 || ev.Prop("ServiceToken") == nil || ev.ServiceToken == "" ||
		!strings.HasPrefix(ev.ResponseURL, "http://127.0.0.1:8123/") {
		t.Errorf("sample does not look like a CloudFormation request: %+v", ev)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(path+"."+k, e)
			}
		case []any:
			for _, e := range x {
				walk(path, e)
			}
		case string:
		default:
			t.Errorf("%s: %T scalar; CloudFormation sends strings", path, v)
		}
	}
	walk("ResourceProperties", ev.ResourceProperties)
	walk("OldResourceProperties", ev.OldResourceProperties)
}
