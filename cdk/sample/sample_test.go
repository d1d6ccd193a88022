package sample

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
	"github.com/google/go-cmp/cmp"

	cfntemplate "github.com/appflow-iac/connectorprofile/lambda/template"
)

var update = flag.Bool("update", false, "rewrite testdata/sample.template.json")

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}

var assetHash = regexp.MustCompile(`[0-9a-f]{64}`)

// TestSampleStack synthesizes the sample stack once, with cdk-nag's
// AwsSolutions pack, and checks the nag report, the secrets and the golden
// template (asset hashes masked).
func TestSampleStack(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := NewStack(app, "AppFlowConnectorProfileSample", nil)
	awscdk.Aspects_Of(stack).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)

	template := assertions.Template_FromStack(stack, nil)
	var raw strings.Builder
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(template.ToJSON()); err != nil {
		t.Fatal(err)
	}
	got := assetHash.ReplaceAllString(raw.String(), "<asset-hash>")

	t.Run("golden", func(t *testing.T) {
		golden := filepath.Join("testdata", "sample.template.json")
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./cdk/sample -update)", err)
		}
		if diff := cmp.Diff(string(want), got); diff != "" {
			t.Errorf("template differs from %s (-want +got); run go test ./cdk/sample -update if intended:\n%s", golden, diff)
		}
	})

	t.Run("cdk-nag", func(t *testing.T) {
		ann := assertions.Annotations_FromStack(stack)
		for _, m := range *ann.FindError(jsii.String("*"), assertions.Match_AnyValue()) {
			t.Errorf("error at %s: %v", *m.Id, m.Entry.Data)
		}
		for _, m := range *ann.FindWarning(jsii.String("*"), assertions.Match_AnyValue()) {
			t.Errorf("warning at %s: %v", *m.Id, m.Entry.Data)
		}
	})

	t.Run("validates clean", func(t *testing.T) {
		var tmpl map[string]any
		if err := json.Unmarshal([]byte(raw.String()), &tmpl); err != nil {
			t.Fatal(err)
		}
		report := cfntemplate.CheckTemplate("sample.template.json", tmpl)
		for _, f := range report.Findings {
			t.Error(f)
		}
		if report.Profiles != 2 {
			t.Errorf("checked %d profiles, want the sample's 2", report.Profiles)
		}
	})

	t.Run("profiles", func(t *testing.T) {
		count := strings.Count(got, `"Type": "Custom::AppFlowConnectorProfile"`)
		if count != 2 {
			t.Errorf("%d connector profiles, want 2", count)
		}
		if n := strings.Count(got, `"Type": "AWS::Lambda::Function"`); n != 1 {
			t.Errorf("%d functions, want 1", n)
		}
		for _, field := range []string{"salesforceAccessToken", "salesforceRefreshToken", "customApiKey"} {
			ref := "{{resolve:secretsmanager:appflow/sample:SecretString:" + field + "::}}"
			if !strings.Contains(got, ref) {
				t.Errorf("template lacks the dynamic reference %s", ref)
			}
		}
	})
}
