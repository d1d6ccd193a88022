package profile

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/google/go-cmp/cmp"
)

// TestCreateInput is the whole request, with the client token it is given.
func TestCreateInput(t *testing.T) {
	p := mustDecode(t, readEvent(t, "Singular"))
	got := p.CreateInput("req-1")
	want := &appflow.CreateConnectorProfileInput{
		ClientToken:          aws.String("req-1"),
		ConnectorProfileName: aws.String("golden-singular"),
		ConnectorType:        types.ConnectorTypeSingular,
		ConnectionMode:       types.ConnectionModePublic,
		ConnectorProfileConfig: &types.ConnectorProfileConfig{
			ConnectorProfileProperties:  &types.ConnectorProfileProperties{Singular: &types.SingularConnectorProfileProperties{}},
			ConnectorProfileCredentials: &types.ConnectorProfileCredentials{Singular: &types.SingularConnectorProfileCredentials{ApiKey: aws.String("fake-singular-apikey-G1")}},
		},
	}
	if diff := cmp.Diff(want, got, sdkTypes); diff != "" {
		t.Errorf("CreateInput mismatch (-want +got):\n%s", diff)
	}
	if p.Input.ClientToken != nil {
		t.Errorf("CreateInput set the token on the decoded properties too")
	}
}

// TestUpdateInput carries only what can change in place: connectionMode and the config.
func TestUpdateInput(t *testing.T) {
	p := mustDecode(t, readEvent(t, "CustomConnector"))
	got := p.UpdateInput("req-2")
	want := &appflow.UpdateConnectorProfileInput{
		ConnectorProfileName:   aws.String("golden-customconnector"),
		ConnectionMode:         "Public",
		ConnectorProfileConfig: p.Input.ConnectorProfileConfig,
		ClientToken:            aws.String("req-2"),
	}
	if diff := cmp.Diff(want, got, sdkTypes); diff != "" {
		t.Errorf("UpdateInput mismatch (-want +got):\n%s", diff)
	}
}

// TestDecodeMapUnresolved: values only known at deploy time (intrinsic functions,
// dynamic references) are taken as valid and left out.
func TestDecodeMapUnresolved(t *testing.T) {
	isRef := func(raw any) bool {
		m, ok := raw.(map[string]any)
		_, ref := m["Ref"]
		return ok && ref
	}
	ref := map[string]any{"Ref": "Something"}
	props := map[string]any{
		"connectorProfileName": ref,
		"forceDelete":          ref,
		"connectorType":        "Zendesk",
		"connectionMode":       "Public",
		"connectorProfileConfig": map[string]any{
			"connectorProfileProperties":  map[string]any{"Zendesk": map[string]any{"instanceUrl": ref}},
			"connectorProfileCredentials": map[string]any{"Zendesk": map[string]any{"clientId": ref, "clientSecret": ref}},
		},
	}
	p, err := DecodeMap(props, Options{Unresolved: isRef})
	if err != nil {
		t.Fatalf("DecodeMap: %v", err)
	}
	if p.Input.ConnectorProfileName != nil || p.Input.ConnectorProfileConfig.ConnectorProfileProperties.Zendesk.InstanceUrl != nil {
		t.Errorf("unresolved values were decoded: %+v", p.Input)
	}

	_, err = DecodeMap(props, Options{})
	want := []string{
		`connectorProfileConfig.connectorProfileCredentials.Zendesk.clientId: must be a string`,
		`connectorProfileConfig.connectorProfileCredentials.Zendesk.clientSecret: must be a string`,
		`connectorProfileConfig.connectorProfileProperties.Zendesk.instanceUrl: must be a string`,
		`connectorProfileName: must be a string`,
		`forceDelete: an object is not a boolean; use true or false`,
	}
	if diff := cmp.Diff(want, problemLines(t, err)); diff != "" {
		t.Errorf("without Unresolved, problems mismatch (-want +got):\n%s", diff)
	}
}
