package harness

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// RIEPackage is the emulator's main package, pinned by go.mod's tool directive.
const RIEPackage = "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie"

// Artifacts are the built executables.
type Artifacts struct {
	Bootstrap string // the Lambda, built from ./lambda for the host
	RIE       string // aws-lambda-rie
}

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
// OS/arch) and the emulator into dir.
func Build(ctx context.Context, dir string) (Artifacts, error) {
	root, err := ModuleRoot(ctx)
	if err != nil {
		return Artifacts{}, err
	}
	a := Artifacts{Bootstrap: filepath.Join(dir, "bootstrap"), RIE: filepath.Join(dir, "aws-lambda-rie")}
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
