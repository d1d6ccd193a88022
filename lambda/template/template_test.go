package template

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden checks every template in testdata against its .golden findings.
func TestGolden(t *testing.T) {
	files := templates(t)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			report := Check(filepath.Base(file), data)
			for _, f := range report.Findings {
				b.WriteString(f.String() + "\n")
			}
			b.WriteString(report.Summary() + "\n")
			got := b.String()
			if strings.Contains(got, "SECRET-") {
				t.Errorf("findings quote a credential value:\n%s", got)
			}
			golden := file + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("findings differ from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	for _, tc := range []struct {
		report Report
		want   string
	}{
		{Report{Templates: 1, Profiles: 1}, "checked 1 profile in 1 template: no problems"},
		{Report{Templates: 2, Profiles: 3, Findings: []Finding{{}, {}, {Warning: true}}}, "checked 3 profiles in 2 templates: 2 problems, 1 warning"},
		{Report{Templates: 1, Findings: []Finding{{}}}, "checked no profiles in 1 template: 1 problem"},
	} {
		if got := tc.report.Summary(); got != tc.want {
			t.Errorf("Summary() = %q, want %q", got, tc.want)
		}
	}
}

func templates(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"testdata/*.yaml", "testdata/*.json"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no templates in testdata")
	}
	return files
}

func TestCleanTemplatesHaveNoProblems(t *testing.T) {
	for _, name := range []string{"good.yaml", "good.json", "cdk.template.json", "honeycode.yaml"} {
		report, err := CheckFiles(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if report.Problems() != 0 || report.Profiles == 0 {
			t.Errorf("%s: %s:\n%v", name, report.Summary(), report.Findings)
		}
	}
}

func TestCheckFilesReadsACloudAssembly(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/bad.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Stack.template.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	report, err := CheckFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if report.Templates != 1 || len(report.Findings) == 0 || !strings.HasPrefix(report.Findings[0].File, dir) {
		t.Errorf("got %+v, want findings in one template in %s", report, dir)
	}
	if _, err := CheckFiles(t.TempDir()); err == nil {
		t.Error("an empty directory passed")
	}
}

func TestCheckTemplate(t *testing.T) {
	tmpl := map[string]any{"Resources": map[string]any{
		"Profile": map[string]any{"Type": profile.ResourceType, "Properties": map[string]any{
			"ServiceToken":         map[string]any{"Fn::GetAtt": []any{"Fn", "Arn"}},
			"ConnectorProfileName": "p",
			"ConnectorType":        "Singular",
			"ConnectionMode":       "Public",
			"ConnectorProfileConfig": map[string]any{
				"ConnectorProfileProperties": map[string]any{},
			},
		}},
		"Fn": map[string]any{"Type": "AWS::Lambda::Function"},
	}}
	if got := CheckTemplate("stack", tmpl); len(got.Findings) != 0 || got.Profiles != 1 {
		t.Errorf("CheckTemplate = %+v, want one profile and no findings", got)
	}
	tmpl["Resources"].(map[string]any)["Fn"] = map[string]any{"Type": "AWS::SNS::Topic"}
	got := CheckTemplate("stack", tmpl).Findings
	if len(got) != 1 || got[0].Path != "Resources.Profile.Properties.ServiceToken" || got[0].Line == 0 {
		t.Errorf("CheckTemplate = %v, want one ServiceToken finding with a line", got)
	}
}

func TestDecode(t *testing.T) {
	got, err := Decode([]byte("Resources:\n  R:\n    Properties:\n      A: !Sub \"${AWS::Region}\"\n      B: !GetAtt X.Arn\n      C: [!Ref P, 3, true]\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"Resources": map[string]any{"R": map[string]any{"Properties": map[string]any{
		"A": map[string]any{"Fn::Sub": "${AWS::Region}"},
		"B": map[string]any{"Fn::GetAtt": []any{"X", "Arn"}},
		"C": []any{map[string]any{"Ref": "P"}, json.Number("3"), true},
	}}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
	if _, err := Decode([]byte("[1]")); err == nil {
		t.Error("a list decoded as a template")
	}
}
