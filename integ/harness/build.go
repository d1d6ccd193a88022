package harness

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// RIEPackage is the emulator's main package, pinned by go.mod's tool directive.
const RIEPackage = "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie"

// Artifacts are the built executables, in a temporary directory of their own.
type Artifacts struct {
	Bootstrap string // the Lambda, built from ./lambda for the host
	RIE       string // aws-lambda-rie
	Dir       string // holds both; Remove deletes it
}

// Remove deletes the directory the artifacts were built in.
func (a Artifacts) Remove() error { return os.RemoveAll(a.Dir) }

// ModuleRoot returns the directory holding the project's go.mod.
func ModuleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == "/dev/null" {
		return "", fmt.Errorf("not inside the module")
	}
	return filepath.Dir(gomod), nil
}

// Build compiles the bootstrap (CGO_ENABLED=0, -tags lambda.norpc, host
// OS/arch) and the emulator into a new temporary directory.
func Build(ctx context.Context) (a Artifacts, err error) {
	root, err := ModuleRoot(ctx)
	if err != nil {
		return Artifacts{}, err
	}
	dir, err := os.MkdirTemp("", "appflow-lambda-build-")
	if err != nil {
		return Artifacts{}, err
	}
	a = Artifacts{Bootstrap: filepath.Join(dir, "bootstrap"), RIE: filepath.Join(dir, "aws-lambda-rie"), Dir: dir}
	defer func() {
		if err != nil {
			a.Remove()
		}
	}()
	if err := goBuild(ctx, root, "-tags", "lambda.norpc", "-trimpath", "-o", a.Bootstrap, "./lambda"); err != nil {
		return Artifacts{}, fmt.Errorf("build bootstrap: %w", err)
	}
	if err := goBuild(ctx, root, "-o", a.RIE, RIEPackage); err != nil {
		return Artifacts{}, fmt.Errorf("build emulator: %w", err)
	}
	return a, nil
}

func goBuild(ctx context.Context, root string, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", append([]string{"build"}, args...)...)
	cmd.Dir = root
	cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0", "GOOS=", "GOARCH=")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%w\n%s", err, out.String())
	}
	return nil
}
