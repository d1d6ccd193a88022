package template

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
			for _, f := range Check(filepath.Base(file), data) {
				b.WriteString(f.String() + "\n")
			}
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

func TestCleanTemplatesHaveNoFindings(t *testing.T) {
	for _, name := range []string{"good.yaml", "good.json", "cdk.template.json"} {
		findings, err := CheckFiles(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range findings {
			t.Errorf("%s", f)
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
	findings, err := CheckFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) == 0 || !strings.HasPrefix(findings[0].File, dir) {
		t.Errorf("got %v, want findings in %s", findings, dir)
	}
	if _, err := CheckFiles(t.TempDir()); err == nil {
		t.Error("an empty directory passed")
	}
}

func TestCheckTemplate(t *testing.T) {
	tmpl := map[string]any{"Resources": map[string]any{
		"Profile": map[string]any{"Type": ResourceType, "Properties": map[string]any{
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
	if got := CheckTemplate("stack", tmpl); len(got) != 0 {
		t.Errorf("CheckTemplate = %v, want none", got)
	}
	tmpl["Resources"].(map[string]any)["Fn"] = map[string]any{"Type": "AWS::SNS::Topic"}
	got := CheckTemplate("stack", tmpl)
	if len(got) != 1 || got[0].Path != "Resources.Profile.Properties.ServiceToken" || got[0].Line == 0 {
		t.Errorf("CheckTemplate = %v, want one ServiceToken finding with a line", got)
	}
}
