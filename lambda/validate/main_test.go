package main

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

var update = flag.Bool("update", false, "rewrite the committed schemas")

// TestSchemasUpToDate fails when a committed schema differs from what the
// SDK types and rules generate; go test -update (or go generate) refreshes them.
func TestSchemasUpToDate(t *testing.T) {
	for name, schema := range schemaFiles {
		want, err := profile.MarshalSchema(schema())
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(name, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go generate ./lambda/validate (or go test ./lambda/validate -update)", name)
		}
	}
}

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
	}{
		{"clean templates", []string{"../template/testdata/good.yaml", "../template/testdata/good.json"}, 0, ""},
		{"problems", []string{"../template/testdata/bad.yaml"}, 1, "bad.yaml:25: Resources.Sap.Properties.ConnectorProfileConfig.ConnectorProfileProperties.SAPOData.portNumber: \"70000\" is out of range 1..65535\n"},
		{"missing file", []string{"testdata/none.yaml"}, 2, ""},
		{"no arguments", nil, 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := run(tc.args, &stdout, &stderr); got != tc.wantCode {
				t.Errorf("exit %d, want %d; stderr %s", got, tc.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), tc.wantOut) {
				t.Errorf("output lacks %q:\n%s", tc.wantOut, stdout.String())
			}
			if strings.Contains(stdout.String(), "SECRET-") {
				t.Errorf("output quotes a credential:\n%s", stdout.String())
			}
		})
	}
}
