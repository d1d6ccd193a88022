package profile

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIdentity(t *testing.T) {
	got := mustDecode(t, readEvent(t, "CustomConnector")).Identity()
	want := Identity{
		Name:   "golden-customconnector",
		Type:   "CustomConnector",
		Label:  "acme-crm",
		KMSArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Identity() mismatch (-want +got):\n%s", diff)
	}
}

func TestIdentityChanges(t *testing.T) {
	old := Identity{Name: "p1", Type: "CustomConnector", Label: "crm", KMSArn: "arn:aws:kms:us-east-1:111122223333:key/k1"}
	tests := []struct {
		name string
		now  func(*Identity)
		want []string
	}{
		{"nothing", func(*Identity) {}, nil},
		{"name", func(id *Identity) { id.Name = "p2" }, []string{"connectorProfileName"}},
		{"type", func(id *Identity) { id.Type = "Salesforce" }, []string{"connectorType"}},
		{"label", func(id *Identity) { id.Label = "erp" }, []string{"connectorLabel"}},
		{"label removed", func(id *Identity) { id.Label = "" }, []string{"connectorLabel"}},
		{"kmsArn", func(id *Identity) { id.KMSArn = "arn:aws:kms:us-east-1:111122223333:key/k2" }, []string{"kmsArn"}},
		{"everything", func(id *Identity) { *id = Identity{Name: "p2", Type: "Slack"} }, []string{"connectorProfileName", "connectorType", "connectorLabel", "kmsArn"}},
		{"case matters", func(id *Identity) { id.Name = "P1" }, []string{"connectorProfileName"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := old
			tt.now(&now)
			if diff := cmp.Diff(tt.want, now.Changes(old)); diff != "" {
				t.Errorf("Changes mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPeekIdentity reads the identity even from properties Decode rejects,
// such as the old properties of an Update.
func TestPeekIdentity(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Identity
	}{
		{"camelCase", `{"connectorProfileName": "p1", "connectorType": "Salesforce", "connectorLabel": "crm", "kmsArn": "arn:aws:kms:us-east-1:1:key/k"}`,
			Identity{Name: "p1", Type: "Salesforce", Label: "crm", KMSArn: "arn:aws:kms:us-east-1:1:key/k"}},
		{"PascalCase", `{"ConnectorProfileName": "p1", "ConnectorType": "Salesforce", "ConnectorLabel": "crm", "KMSArn": "arn:aws:kms:us-east-1:1:key/k"}`,
			Identity{Name: "p1", Type: "Salesforce", Label: "crm", KMSArn: "arn:aws:kms:us-east-1:1:key/k"}},
		{"invalid properties", `{"connectorProfileName": "p 1", "connectorType": "salesforce", "bogus": 1}`,
			Identity{Name: "p 1", Type: "salesforce"}},
		{"values that are not strings", `{"connectorProfileName": 5, "connectorType": null, "connectorLabel": {}, "kmsArn": true}`, Identity{}},
		{"a key given twice: the last counts, as in encoding/json", `{"connectorProfileName": "a", "connectorProfileName": "b"}`, Identity{Name: "b"}},
		{"empty", `{}`, Identity{}},
		{"not an object", `[1]`, Identity{}},
		{"not JSON", `{`, Identity{}},
		{"nothing", ``, Identity{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, PeekIdentity(json.RawMessage(tt.in))); diff != "" {
				t.Errorf("PeekIdentity(%s) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestPeekForceDelete reads forceDelete so that a Delete never fails over properties.
func TestPeekForceDelete(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`{"forceDelete": true}`, true},
		{`{"forceDelete": "true"}`, true},
		{`{"ForceDelete": "true"}`, true},
		{`{"FORCEDELETE": true}`, true},
		{`{"forceDelete": "True"}`, false}, // Decode refuses it, so no profile was made with it
		{`{"forceDelete": false}`, false},
		{`{"forceDelete": "false"}`, false},
		{`{"forceDelete": null}`, false},
		{`{"forceDelete": "true", "forceDelete": false}`, false}, // the last counts, as in encoding/json
		{`{"forceDelete": false, "forceDelete": true}`, true},
		{`{"forceDelete": "yes"}`, false},
		{`{"forceDelete": 1}`, false},
		{`{"connectorProfileName": "p1"}`, false},
		{`{"forceDelete": true, "bogus": {}}`, true},
		{`[true]`, false},
		{`{`, false},
		{``, false},
	}
	for _, tt := range tests {
		if got := PeekForceDelete(json.RawMessage(tt.in)); got != tt.want {
			t.Errorf("PeekForceDelete(%s) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestIsProfileName tells profile names from physical ids that were never profiles.
func TestIsProfileName(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"p1", true},
		{"golden-sapodata", true},
		{"a/b!c@d#e+f=g.h-i_j", true},
		{strings.Repeat("n", 256), true},
		{strings.Repeat("n", 257), false},
		{"", false},
		{"create-failed:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", false},
		{"my profile", false},
		{"profil\u00e9", false},
		{"p1\n", false},
	}
	for _, tt := range tests {
		if got := IsProfileName(tt.in); got != tt.want {
			t.Errorf("IsProfileName(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
