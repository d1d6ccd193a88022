package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/cdk/providerdef"
	"github.com/appflow-iac/connectorprofile/integ/cfnresolve"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
	"github.com/appflow-iac/connectorprofile/lambda/template"
)

const root = "../.."

// repositoryTemplate is a template of the repository, and whether it is
// ours to keep free of cfn-lint's warnings too (a synthesized CDK template
// has warnings CDK puts there).
type repositoryTemplate struct {
	path     string
	authored bool
	// profiles is whether it must declare profiles.
	profiles bool
}

// repositoryTemplates writes the provider templates and the README's
// templates into dir and lists them with every other template of the
// repository that is meant to be valid.
func repositoryTemplates(t *testing.T, dir string) []repositoryTemplate {
	t.Helper()
	var out []repositoryTemplate
	for name, o := range map[string]options{
		"provider.yaml":          {arch: providerdef.ARM64, code: "provider/arm64/bootstrap.zip"},
		"provider-standins.yaml": {arch: providerdef.X86_64, code: "provider/x86_64/bootstrap.zip", standins: "127.0.0.1"},
	} {
		data, err := render(o)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, repositoryTemplate{path: path, authored: true})
	}
	examples, err := filepath.Glob(filepath.Join(root, "events", "templates", "*.yaml"))
	if err != nil || len(examples) < 6 {
		t.Fatalf("examples %v: %v", examples, err)
	}
	for _, e := range examples {
		out = append(out, repositoryTemplate{path: e, authored: true, profiles: true})
	}
	for i, block := range readmeTemplates(t) {
		path := filepath.Join(dir, "README-"+string(rune('a'+i))+".yaml")
		if err := os.WriteFile(path, []byte(block), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, repositoryTemplate{path: path, authored: true, profiles: true})
	}
	for _, name := range []string{"good.yaml", "good.json", "honeycode.yaml"} {
		out = append(out, repositoryTemplate{path: filepath.Join(root, "lambda", "template", "testdata", name), authored: true, profiles: true})
	}
	for _, synthesized := range []string{"lambda/template/testdata/cdk.template.json", "cdk/sample/testdata/sample.template.json"} {
		out = append(out, repositoryTemplate{path: filepath.Join(root, filepath.FromSlash(synthesized)), profiles: true})
	}
	return out
}

var yamlBlock = regexp.MustCompile("(?s)```yaml\n(.*?)```")

// readmeTemplates are the README's YAML blocks that are templates (fragments
// of one, like a single property, are not).
func readmeTemplates(t *testing.T) []string {
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range yamlBlock.FindAllStringSubmatch(string(data), -1) {
		if strings.Contains(m[1], "\nResources:") || strings.HasPrefix(m[1], "Resources:") {
			out = append(out, m[1])
		}
	}
	if len(out) == 0 {
		t.Fatal("the README has no template")
	}
	return out
}

// TestTemplatesPassTheChecker runs the project's own checker on every
// template.
func TestTemplatesPassTheChecker(t *testing.T) {
	for _, tmpl := range repositoryTemplates(t, t.TempDir()) {
		report, err := template.CheckFiles(tmpl.path)
		if err != nil {
			t.Fatal(err)
		}
		if report.Problems() > 0 || (tmpl.profiles && report.Profiles == 0) {
			t.Errorf("%s: %s\n%v", tmpl.path, report.Summary(), report.Findings)
		}
	}
}

// TestTemplatesPassCfnLint runs cfn-lint on every template at once: no
// errors, and no warnings in the templates written here, but W3002 on the
// provider's Code, a local path that sam deploy or aws cloudformation package
// uploads.
func TestTemplatesPassCfnLint(t *testing.T) {
	lint, err := exec.LookPath("cfn-lint")
	if err != nil {
		t.Skip("cfn-lint is not installed (pip install cfn-lint)")
	}
	templates := repositoryTemplates(t, t.TempDir())
	args := []string{"--format", "json", "--non-zero-exit-code", "none"}
	authored := map[string]bool{}
	for _, tmpl := range templates {
		args = append(args, tmpl.path)
		authored[filepath.Clean(tmpl.path)] = tmpl.authored
	}
	var stderr bytes.Buffer
	cmd := exec.Command(lint, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("cfn-lint: %v\n%s", err, stderr.String())
	}
	var findings []struct {
		Filename string
		Level    string
		Message  string
		Rule     struct{ Id string }
		Location struct{ Start struct{ LineNumber int } }
	}
	if err := json.Unmarshal(out, &findings); err != nil {
		t.Fatalf("cfn-lint's output: %v\n%s", err, out)
	}
	for _, f := range findings {
		file := filepath.Clean(f.Filename)
		switch {
		case f.Level == "Error":
		case f.Level == "Warning" && authored[file] && !(f.Rule.Id == "W3002" && strings.HasPrefix(filepath.Base(file), "provider")):
		default:
			continue
		}
		t.Errorf("%s:%d: %s %s %s", file, f.Location.Start.LineNumber, f.Level, f.Rule.Id, f.Message)
	}
}

// TestExamples holds each example template to what a user copies: the
// provider through its export, the ServiceTimeout of providerdef, and every
// credential a Secrets Manager dynamic reference.
func TestExamples(t *testing.T) {
	examples, _ := filepath.Glob(filepath.Join(root, "events", "templates", "*.yaml"))
	for _, path := range examples {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		tmpl, err := template.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		resolved, err := cfnresolve.New(tmpl, cfnresolve.Stack{
			Partition: "aws", Region: "us-east-1", AccountID: "111122223333",
			Parameters: exampleParameters(tmpl),
			Exports:    map[string]string{providerdef.ExportName: "arn:aws:lambda:us-east-1:111122223333:function:provider"},
		})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for id, r := range tmpl["Resources"].(map[string]any) {
			res := r.(map[string]any)
			if res["Type"] != profile.ResourceType {
				continue
			}
			props := res["Properties"].(map[string]any)
			token, err := resolved.Resolve(props["ServiceToken"])
			if err != nil || token != "arn:aws:lambda:us-east-1:111122223333:function:provider" {
				t.Errorf("%s: %s: ServiceToken %v (%v), want !ImportValue %s", path, id, token, err, providerdef.ExportName)
			}
			if got, want := props["ServiceTimeout"], json.Number(strings.TrimSuffix((providerdef.ServiceTimeout/time.Second).String(), "ns")); got != want {
				t.Errorf("%s: %s: ServiceTimeout %v, want %v", path, id, got, want)
			}
			creds := 0
			walkCredentials(props, false, func(v any) {
				creds++
				s, _ := v.(string)
				if m, ok := v.(map[string]any); ok {
					s, _ = m["Fn::Sub"].(string)
				}
				if !strings.HasPrefix(s, "{{resolve:secretsmanager:") {
					t.Errorf("%s: %s: credential %v is no Secrets Manager dynamic reference", path, id, v)
				}
			})
			if creds == 0 {
				t.Errorf("%s: %s has no credentials", path, id)
			}
		}
	}
}

// walkCredentials calls fn with every value under ConnectorProfileCredentials
// that holds a secret.
func walkCredentials(v any, inCredentials bool, fn func(any)) {
	switch v := v.(type) {
	case map[string]any:
		if _, _, ok := intrinsicOf(v); ok && inCredentials {
			fn(v)
			return
		}
		for k, x := range v {
			in := inCredentials || strings.EqualFold(k, "ConnectorProfileCredentials")
			if in && !strings.EqualFold(k, "ConnectorProfileCredentials") && !isMap(x) && !holdsSecret(k) {
				continue
			}
			walkCredentials(x, in, fn)
		}
	case string:
		if inCredentials {
			fn(v)
		}
	}
}

// holdsSecret is profile.HoldsSecret for a template's key, which also
// names enums such as AuthenticationType.
func holdsSecret(key string) bool {
	if strings.EqualFold(key, "AuthenticationType") || strings.EqualFold(key, "OAuth2GrantType") {
		return false
	}
	return profile.HoldsSecret(strings.ToUpper(key[:1]) + key[1:])
}

func intrinsicOf(m map[string]any) (string, any, bool) {
	if len(m) != 1 {
		return "", nil, false
	}
	for k, v := range m {
		return k, v, k == "Ref" || strings.HasPrefix(k, "Fn::")
	}
	return "", nil, false
}

func isMap(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	_, _, fn := intrinsicOf(m)
	return !fn
}

// exampleParameters gives each parameter without a default a value: the
// ServiceToken, all this test resolves, takes none of them.
func exampleParameters(tmpl map[string]any) map[string]string {
	out := map[string]string{}
	decls, _ := tmpl["Parameters"].(map[string]any)
	for name, d := range decls {
		if _, ok := d.(map[string]any)["Default"]; !ok {
			out[name] = "example"
		}
	}
	return out
}
