package connectorprofile

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/jsii-runtime-go"
)

// copyHandlerModule copies what the handler build needs (go.mod, go.sum and
// the handler's package files) from the module root to dst.
func copyHandlerModule(t *testing.T, root, dst string) {
	t.Helper()
	files, err := handlerSources(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range append(files, "go.mod", "go.sum") {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(dst, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readOnly makes a tree read-only, as the module cache is, and undoes it
// at cleanup so the temp dir can be removed.
func readOnly(t *testing.T, dir string) {
	t.Helper()
	chmod := func(dirMode, fileMode fs.FileMode) {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return os.Chmod(p, dirMode)
			}
			return os.Chmod(p, fileMode)
		})
	}
	chmod(0o555, 0o444)
	t.Cleanup(func() { chmod(0o755, 0o644) })
}

// stackKey synthesizes a stack with one profile and returns the provider's
// code key; code nil builds the handler from source.
func stackKey(t *testing.T, code awslambda.Code) string {
	t.Helper()
	stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("Checkout"), nil)
	NewProvider(stack, &ProviderProps{Code: code})
	NewConnectorProfile(stack, jsii.String("Singular"), &ConnectorProfileProps{
		ConnectorProfileConfig: &ConnectorProfileConfig{
			ConnectorProfileProperties: &ConnectorProfileProperties{Singular: &SingularConnectorProfileProperties{}},
		},
	})
	keys := s3Keys(assertions.Template_FromStack(stack, nil).ToJSON())
	if len(keys) != 1 {
		t.Fatalf("code keys %v, want one", keys)
	}
	return keys[0]
}

// TestAssetHashSameFromAnyCheckout synthesizes from two copies of the
// module at different paths (read-only, like the module cache, and found
// through `go list -m` from the working directory) and gets one asset hash.
func TestAssetHashSameFromAnyCheckout(t *testing.T) {
	synth(t)
	root, err := moduleDir()
	if err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(t.TempDir(), "checkout")
	second := filepath.Join(t.TempDir(), "somewhere", "else", "connectorprofile@v0.0.0")
	copyHandlerModule(t, root, first)
	copyHandlerModule(t, first, second) // from the first copy: the checkout may be edited meanwhile
	want, err := sourceHash(first)
	if err != nil {
		t.Fatal(err)
	}
	// CDK derives the S3 key from the custom hash alone: the same hash
	// over any content gives the same key.
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "bootstrap"), []byte("other"), 0o755); err != nil {
		t.Fatal(err)
	}
	wantKey := stackKey(t, awslambda.Code_FromAsset(jsii.String(other), &awss3assets.AssetOptions{
		AssetHash: jsii.String(want), AssetHashType: awscdk.AssetHashType_CUSTOM,
	}))
	for _, dir := range []string{first, second} {
		readOnly(t, dir)
		t.Chdir(dir)
		if got, err := moduleDir(); err != nil || got != dir {
			t.Fatalf("moduleDir() = %q, %v; want %q", got, err, dir)
		}
		if got := stackKey(t, nil); got != wantKey {
			t.Errorf("from %s: S3Key %s, want %s", dir, got, wantKey)
		}
	}
}

// TestBuildInReadOnlyCopy builds the handler in a read-only copy of the
// module, as happens when the construct is imported with `go get`.
func TestBuildInReadOnlyCopy(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the handler")
	}
	root, err := moduleDir()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "mod")
	copyHandlerModule(t, root, dir)
	readOnly(t, dir)
	out := filepath.Join(t.TempDir(), "out")
	if err := goBuild(dir, out); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(out, "bootstrap"))
	if err != nil || info.Mode()&0o111 == 0 {
		t.Fatalf("bootstrap: %v, %v; want an executable", info, err)
	}
	// go version -m names the main package and the build settings of a Go binary.
	desc, err := exec.Command("go", "version", "-m", filepath.Join(out, "bootstrap")).Output()
	if err != nil {
		t.Fatalf("go version -m bootstrap: %v", err)
	}
	for _, want := range []string{"\tpath\t" + modulePath + "/lambda\n", "\tbuild\tGOARCH=arm64\n", "\tbuild\tGOOS=linux\n", "\tbuild\t-tags=lambda.norpc\n"} {
		if !strings.Contains(string(desc), want) {
			t.Errorf("go version -m bootstrap lacks %q:\n%s", want, desc)
		}
	}
}

// TestAssetHashTracksSources: the hash changes with a compiled file and
// not with a test file.
func TestAssetHashTracksSources(t *testing.T) {
	root, err := moduleDir()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copyHandlerModule(t, root, dir)
	base, err := sourceHash(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "lambda", "extra_test.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := sourceHash(dir); err != nil || got != base {
		t.Errorf("with a test file added: sourceHash = %q, %v; want %q", got, err, base)
	}
	main := filepath.Join(dir, "lambda", "main.go")
	data, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(main, append(data, []byte("\n// changed\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := sourceHash(dir); err != nil || got == base {
		t.Errorf("with a handler source changed: sourceHash = %q, %v; want another hash", got, err)
	}
}
