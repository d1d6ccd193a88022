package profile

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from what the SDK sends")

// appflowRecorder is a stand-in AppFlow on 127.0.0.1 that keeps each request body.
type appflowRecorder struct {
	path string
	body []byte
}

func newAppFlow(t *testing.T) (*appflow.Client, *appflowRecorder) {
	t.Helper()
	rec := &appflowRecorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Error(err)
		}
		rec.path, rec.body = r.URL.Path, body
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"connectorProfileArn":"arn:aws:appflow:us-east-1:111122223333:connectorprofile/golden"}`)
	}))
	t.Cleanup(srv.Close)
	client := appflow.New(appflow.Options{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDGOLDEN", "golden-aws-secret", ""),
		BaseEndpoint:     aws.String(srv.URL),
		RetryMaxAttempts: 1,
	})
	return client, rec
}

// TestGolden sends every connector's full properties (testdata/connectors) through
// Decode, CreateInput and the real SDK client, and compares the body AppFlow
// receives with testdata/golden. Refresh with: go test ./lambda/profile -run TestGolden -update
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "connectors", "*.json"))
	if err != nil || len(inputs) < 20 {
		t.Fatalf("found %d inputs (%v); want one per connector key and more", len(inputs), err)
	}
	client, rec := newAppFlow(t)
	sent := map[string]bool{}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".json")
		t.Run(name, func(t *testing.T) {
			p := mustDecode(t, readEvent(t, name))
			if _, err := client.CreateConnectorProfile(context.Background(), p.CreateInput("golden-request-"+name)); err != nil {
				t.Fatalf("CreateConnectorProfile: %v", err)
			}
			if rec.path != "/create-connector-profile" {
				t.Errorf("request path = %q, want /create-connector-profile", rec.path)
			}
			got := canonical(t, rec.body)
			for _, s := range allCredentials(p) {
				if !bytes.Contains(got, []byte(mustJSON(t, s))) {
					t.Errorf("the credential %q is not in the request body", s)
				}
			}
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("request body mismatch with %s (-want +got):\n%s", golden, diff)
			}
			sent[string(p.Input.ConnectorType)] = true
		})
	}
	for _, key := range connectorKeys() {
		found := false
		for typ := range sent {
			found = found || strings.EqualFold(typ, key)
		}
		if !found {
			t.Errorf("no golden request for connector key %s", key)
		}
	}
}

// canonical re-indents a JSON body with sorted keys, so map order does not matter.
func canonical(t *testing.T, body []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("request body is not JSON: %v\n%s", err, body)
	}
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

func mustJSON(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGoldenUpdate does the same for UpdateConnectorProfile, with the booleans
// CloudFormation sends as "true", which the SDK puts on the wire only when set.
func TestGoldenUpdate(t *testing.T) {
	client, rec := newAppFlow(t)
	p := mustDecode(t, edit(t, "Salesforce", map[string]any{
		"connectionMode": "Private",
		propertiesPath + ".Salesforce.isSandboxEnvironment":                      "true",
		propertiesPath + ".Salesforce.usePrivateLinkForMetadataAndAuthorization": "true",
	}))
	if _, err := client.UpdateConnectorProfile(context.Background(), p.UpdateInput("golden-request-update")); err != nil {
		t.Fatalf("UpdateConnectorProfile: %v", err)
	}
	if rec.path != "/update-connector-profile" {
		t.Errorf("request path = %q, want /update-connector-profile", rec.path)
	}
	got := canonical(t, rec.body)
	golden := filepath.Join("testdata", "golden", "update", "Salesforce.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("request body mismatch with %s (-want +got):\n%s", golden, diff)
	}
}
