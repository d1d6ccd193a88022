package connectorprofile

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestModuleDirInVendorMode: where `go list -m` names no directory, as in a
// vendored app, the source is the replacement's directory or the module
// cache's copy of the version; a version the cache lacks gets an error that
// says how to fetch it. go-cmp stands in for a module from the cache.
func TestModuleDirInVendorMode(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-json", "github.com/google/go-cmp").Output()
	if err != nil {
		t.Fatal(err)
	}
	var cached listedModule
	if err := json.Unmarshal(out, &cached); err != nil || cached.Dir == "" || cached.Version == "" {
		t.Fatalf("go list -m github.com/google/go-cmp = %s, %v; want a module in the cache", out, err)
	}
	tests := []struct {
		name    string
		m       listedModule
		want    string
		wantErr string
	}{
		{"directory", listedModule{Path: modulePath, Dir: "/src/app"}, "/src/app", ""},
		{"replaced by a directory", listedModule{Path: modulePath, Version: "v1.0.0", Replace: &listedModule{Path: "../fork", Dir: "/src/fork"}}, "/src/fork", ""},
		{"vendored, from the cache", listedModule{Path: cached.Path, Version: cached.Version}, cached.Dir, ""},
		{"replaced by a module from the cache", listedModule{Path: modulePath, Version: "v1.0.0", Replace: &listedModule{Path: cached.Path, Version: cached.Version}}, cached.Dir, ""},
		{"vendored, not in the cache", listedModule{Path: cached.Path, Version: "v0.0.1-missing"}, "",
			"the module cache does not hold (a vendored app's vendor/ has only the packages it imports): run `go mod download github.com/google/go-cmp@v0.0.1-missing`"},
		{"no version", listedModule{Path: modulePath}, "", "the go command names neither its directory nor its version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.m.dir()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("dir() = %q, %v; want an error containing %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("dir() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestVendoredApp synthesizes an app that vendors its dependencies, this
// module among them through a replace directive, as `go mod vendor` leaves
// it: vendor/ holds the construct but not the handler's main package. The
// handler's code key is the one this checkout gives in process.
func TestVendoredApp(t *testing.T) {
	if testing.Short() {
		t.Skip("vendors, builds and synthesizes an app")
	}
	root, err := moduleDir()
	if err != nil {
		t.Fatal(err)
	}
	wantKey := stackKey(t, nil)
	app := t.TempDir()
	writeVendoredApp(t, root, app)
	// Vendoring also lists the modules of jsii-runtime-go's own tools, which
	// nothing here builds: on a fresh machine they come from the module proxy.
	goCmd(t, app, []string{"GOFLAGS=-mod=mod"}, "mod", "vendor")
	if _, err := os.Stat(filepath.Join(app, "vendor", filepath.FromSlash(modulePath), "cdk", "connectorprofile")); err != nil {
		t.Fatalf("vendor/ lacks the construct: %v", err)
	}
	if _, err := os.Stat(filepath.Join(app, "vendor", filepath.FromSlash(modulePath), "lambda", "main.go")); err == nil {
		t.Fatal("vendor/ holds the handler's main package, so this is not the case a vendored app meets")
	}
	// -trimpath lets the build cache serve the vendored CDK packages from
	// any temporary directory.
	goCmd(t, app, nil, "build", "-trimpath", "-o", "synth", ".")

	outdir := filepath.Join(app, "cdk.out")
	cmd := exec.Command(filepath.Join(app, "synth"))
	cmd.Dir = app
	cmd.Env = append(os.Environ(), "CDK_OUTDIR="+outdir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("synthesize the vendored app: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(filepath.Join(outdir, "Vendored.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tmpl map[string]interface{}
	if err := json.Unmarshal(raw, &tmpl); err != nil {
		t.Fatal(err)
	}
	profiles := 0
	for _, r := range tmpl["Resources"].(map[string]interface{}) {
		if r.(map[string]interface{})["Type"] == ResourceType {
			profiles++
		}
	}
	if profiles != 1 {
		t.Errorf("the template holds %d connector profiles, want 1", profiles)
	}
	if keys := s3Keys(&tmpl); len(keys) != 1 || keys[0] != wantKey {
		t.Errorf("code keys %v, want [%s]", keys, wantKey)
	}
}

const vendoredMain = `package main

import (
	"github.com/appflow-iac/connectorprofile/cdk/connectorprofile"
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Vendored"), nil)
	connectorprofile.NewConnectorProfile(stack, jsii.String("Singular"), &connectorprofile.ConnectorProfileProps{
		ConnectorProfileConfig: &connectorprofile.ConnectorProfileConfig{
			ConnectorProfileProperties: &connectorprofile.ConnectorProfileProperties{
				Singular: &connectorprofile.SingularConnectorProfileProperties{},
			},
		},
	})
	app.Synth(nil)
}
`

// writeVendoredApp writes an app module into dir that requires this module
// (at root, through a replace directive) and this module's requirements, so
// that vendoring needs nothing but the module cache.
func writeVendoredApp(t *testing.T, root, dir string) {
	t.Helper()
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	requires := regexp.MustCompile(`(?ms)^require \(.*?^\)$`).FindAll(gomod, -1)
	if goVersion == nil || len(requires) == 0 {
		t.Fatalf("%s/go.mod has no go line or require block", root)
	}
	app := "module example.com/vendored\n\ngo " + string(goVersion[1]) + "\n\n" +
		"require " + modulePath + " v0.0.0\n\nreplace " + modulePath + " => " + root + "\n"
	for _, r := range requires {
		app += "\n" + string(r) + "\n"
	}
	gosum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"go.mod": []byte(app), "go.sum": gosum, "main.go": []byte(vendoredMain)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func goCmd(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
