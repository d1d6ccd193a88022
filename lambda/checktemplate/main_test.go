package main

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/lambda/template"
)

var update = flag.Bool("update", false, "rewrite the committed schemas")

// TestSchemasUpToDate fails when a committed schema differs from what the
// SDK types and rules generate; go test -update (make generate) refreshes them.
func TestSchemasUpToDate(t *testing.T) {
	files, err := template.Schemas()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 {
		t.Fatalf("generated %d schemas, want schema.json and template.schema.json", len(files))
	}
	for name, want := range files {
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
			t.Errorf("%s is stale: run make generate (or go test ./lambda/checktemplate -update)", name)
		}
	}
}

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		wantCode int
		wantOut  []string
	}{
		{"clean templates", []string{"../template/testdata/good.yaml", "../template/testdata/good.json"}, 0,
			[]string{"checked 6 profiles in 2 templates: no problems\n"}},
		{"problems", []string{"../template/testdata/bad.yaml"}, 1, []string{
			"bad.yaml:25: Resources.Sap.Properties.ConnectorProfileConfig.ConnectorProfileProperties.SAPOData.portNumber: \"70000\" is out of range 1..65535\n",
			"checked 5 profiles in 1 template: 33 problems\n",
		}},
		{"a warning is no problem", []string{"../template/testdata/honeycode.yaml"}, 0, []string{
			"warning: Amazon Honeycode was discontinued",
			"checked 1 profile in 1 template: no problems, 1 warning\n",
		}},
		{"missing file", []string{"testdata/none.yaml"}, 2, nil},
		{"no arguments", nil, 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := run(tc.args, &stdout, &stderr); got != tc.wantCode {
				t.Errorf("exit %d, want %d; stderr %s", got, tc.wantCode, stderr.String())
			}
			for _, want := range tc.wantOut {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("output lacks %q:\n%s", want, stdout.String())
				}
			}
			if tc.wantOut == nil && stdout.Len() > 0 {
				t.Errorf("output %q, want none", stdout.String())
			}
			if strings.Contains(stdout.String(), "SECRET-") {
				t.Errorf("output quotes a credential:\n%s", stdout.String())
			}
		})
	}
}
