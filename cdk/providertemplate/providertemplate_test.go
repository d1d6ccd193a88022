package main

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/cdk/providerdef"
	"github.com/appflow-iac/connectorprofile/lambda/template"
)

// hostArchitecture is the Lambda architecture of this test binary, an ELF
// file the tests zip as a bootstrap.
func hostArchitecture(t *testing.T) (providerdef.Architecture, providerdef.Architecture) {
	switch runtime.GOARCH {
	case "amd64":
		return providerdef.X86_64, providerdef.ARM64
	case "arm64":
		return providerdef.ARM64, providerdef.X86_64
	}
	t.Skipf("no Lambda architecture for %s/%s", runtime.GOOS, runtime.GOARCH)
	return "", ""
}

func TestZipBootstrap(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the test binary is the bootstrap, so it must be a Linux executable")
	}
	host, other := hostArchitecture(t)
	// A small executable of the host's architecture: true(1), or else this test binary.
	path := "/proc/self/exe"
	if p, err := exec.LookPath("true"); err == nil {
		path = p
	}
	exe, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bootstrap"), exe, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := zipBootstrap(dir, other); err == nil || !strings.Contains(err.Error(), "not "+string(other)) {
		t.Errorf("a bootstrap for %s zipped as %s: %v", host, other, err)
	}
	var zips [][]byte
	for range 2 {
		if err := zipBootstrap(dir, host); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "bootstrap.zip"))
		if err != nil {
			t.Fatal(err)
		}
		zips = append(zips, data)
	}
	if !bytes.Equal(zips[0], zips[1]) {
		t.Error("the same bootstrap zipped twice differs")
	}
	r, err := zip.NewReader(bytes.NewReader(zips[0]), int64(len(zips[0])))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.File) != 1 || r.File[0].Name != "bootstrap" || r.File[0].Mode().Perm() != 0o755 {
		t.Errorf("zip holds %v, want bootstrap alone, mode 0755", r.File)
	}

	if err := os.WriteFile(filepath.Join(dir, "bootstrap"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := zipBootstrap(dir, host); err == nil {
		t.Error("a shell script zipped as a bootstrap")
	}
	if err := zipBootstrap(t.TempDir(), host); err == nil || !strings.Contains(err.Error(), "make provider ARCH=") {
		t.Errorf("no bootstrap: %v, want how to build one", err)
	}
}

func TestRun(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the test binary is the bootstrap, so it must be a Linux executable")
	}
	host, _ := hostArchitecture(t)
	out := t.TempDir()
	code := filepath.Join(out, "provider", string(host))
	exe, err := os.ReadFile("/proc/self/exe")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(code, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(code, "bootstrap"), exe, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := run("amd64", out, ""); err == nil {
		t.Error("Go's amd64 passed as a Lambda architecture")
	}
	if err := run(string(host), out, "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	for name, standins := range map[string]bool{"provider.yaml": false, "provider-standins.yaml": true} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		tmpl, err := template.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		fn := tmpl["Resources"].(map[string]any)[functionID].(map[string]any)["Properties"].(map[string]any)
		if got, want := fn["Code"], "provider/"+string(host)+"/bootstrap.zip"; got != want {
			t.Errorf("%s: Code %v, want %s", name, got, want)
		}
		arch := tmpl["Parameters"].(map[string]any)["Architecture"].(map[string]any)
		if arch["Default"] != string(host) || len(arch["AllowedValues"].([]any)) != 1 {
			t.Errorf("%s: Architecture %v, want %s alone", name, arch, host)
		}
		env, hasEnv := fn["Environment"].(map[string]any)
		if hasEnv != standins {
			t.Errorf("%s: Environment %v", name, env)
		}
		if standins {
			vars := env["Variables"].(map[string]any)
			if vars["AWS_ENDPOINT_URL_APPFLOW"] != "http://127.0.0.1:8124" || vars["AWS_ENDPOINT_URL_CLOUDFORMATION"] != "http://127.0.0.1:8123" {
				t.Errorf("%s: stand-ins at %v", name, vars)
			}
			if !strings.HasPrefix(tmpl["Description"].(string), "FOR sam local invoke ONLY") {
				t.Errorf("%s does not say it is not to be deployed", name)
			}
		}
	}
}

// `make provider` builds the bootstrap for ARCH as providerdef maps it to
// Go's architecture.
func TestMakefileBuildsEachArchitecture(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^GOARCH_(\w+) := (\w+)$`).FindAllStringSubmatch(string(data), -1) {
		got[m[1]] = m[2]
	}
	for _, a := range providerdef.Architectures {
		if got[string(a)] != a.GOARCH() {
			t.Errorf("the Makefile builds ARCH=%s with GOARCH=%q, want %s", a, got[string(a)], a.GOARCH())
		}
	}
	if len(got) != len(providerdef.Architectures) {
		t.Errorf("the Makefile maps %v, providerdef knows %v", got, providerdef.Architectures)
	}
	if !regexp.MustCompile(`(?m)^ARCH \?= ` + string(providerdef.Architectures[0]) + `$`).Match(data) {
		t.Errorf("the Makefile's default ARCH is not %s", providerdef.Architectures[0])
	}
}
