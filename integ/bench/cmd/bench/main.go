// Command bench measures the Lambda side by side with the Node.js 20
// reference, prints a table and writes BENCHMARKS.md.
//
//	make bench
//
// expects `make build` (build/bootstrap, build/bootstrap.zip) and
// `npm ci --prefix integ/bench/nodejs` to have run.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/bench"
	"github.com/appflow-iac/connectorprofile/integ/harness"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run() error {
	bootstrap := flag.String("bootstrap", "build/bootstrap", "the linux/arm64 release bootstrap, for its size")
	zipFile := flag.String("zip", "build/bootstrap.zip", "its deployment zip")
	nodeDir := flag.String("nodejs", "integ/bench/nodejs", "the Node.js reference, after npm ci")
	cold := flag.Int("cold", 10, "fresh emulators per function for the cold start")
	warmup := flag.Int("warmup", 20, "unmeasured warm Creates per function")
	// A p99 of 1000 is the 10th slowest; of 200 it would be the 2nd, which one stray stall decides.
	warm := flag.Int("warm", 1000, "measured warm Creates per function")
	out := flag.String("out", "BENCHMARKS.md", "where to write the report; empty for none")
	command := flag.String("command", "make bench", "the command that regenerates the report, as written in it")
	var goEnv envFlag
	flag.Var(&goEnv, "go-env", "extra KEY=value for the Go function's environment (repeatable), to try settings")
	flag.Parse()

	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Minute)
	defer cancel()
	root, err := harness.ModuleRoot(ctx)
	if err != nil {
		return err
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(root, p)
	}
	r := bench.Report{Cold: *cold, Warm: *warm, Command: *command}
	if r.GoPkg, err = bench.GoPackage(abs(*bootstrap), abs(*zipFile)); err != nil {
		return fmt.Errorf("%w (run make build)", err)
	}
	if r.NodePkg, err = bench.NodePackage(abs(*nodeDir)); err != nil {
		return err
	}

	fmt.Fprintln(os.Stderr, "building the bootstrap for the host and the emulator...")
	art, err := harness.Build(ctx)
	if err != nil {
		return err
	}
	defer art.Remove()
	cfg := bench.Config{
		Go:       bench.Function{Key: "go", Artifacts: art, Env: goEnv},
		Node:     bench.Function{Key: "node", Artifacts: harness.Artifacts{Bootstrap: filepath.Join(abs(*nodeDir), "bootstrap"), RIE: art.RIE}},
		Cold:     *cold,
		Warmup:   *warmup,
		Warm:     *warm,
		Progress: os.Stderr,
	}
	load := loadAvg()
	if r.Go, r.Node, err = bench.Measure(ctx, cfg); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "running the Go microbenchmarks...")
	if r.Micro, _, err = bench.RunMicro(ctx, root); err != nil {
		fmt.Fprintln(os.Stderr, "bench: the microbenchmarks did not run:", err)
		r.MicroError = "did not run: " + strings.SplitN(err.Error(), "\n", 2)[0]
	}
	r.Elapsed = time.Since(start)
	r.Machine = fmt.Sprintf("%s/%s, %d CPUs, %s, Node.js %s, load average %s at the start and %s at the end",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), nodeVersion(ctx), load, loadAvg())

	r.Table(os.Stdout)
	if misses := r.Misses(); len(misses) > 0 {
		fmt.Printf("\nMissed targets:\n- %s\n", strings.Join(misses, "\n- "))
	}
	if *out != "" {
		var b bytes.Buffer
		r.Markdown(&b)
		if err := os.WriteFile(abs(*out), b.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintln(os.Stderr, "wrote", *out)
	}
	return nil
}

type envFlag []string

func (e *envFlag) String() string     { return strings.Join(*e, " ") }
func (e *envFlag) Set(v string) error { *e = append(*e, v); return nil }

func nodeVersion(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "node", "--version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

// loadAvg is the one-minute load average, a hint of what else the machine was doing.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Fields(string(b))[0]
}
