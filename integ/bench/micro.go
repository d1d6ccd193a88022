package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// Micro is one Go benchmark result.
type Micro struct {
	Name        string // without the Benchmark prefix and -GOMAXPROCS suffix
	NsPerOp     float64
	BytesPerOp  int64
	AllocsPerOp int64
}

// MicroPackage holds the decoding benchmarks.
const MicroPackage = "./lambda/profile"

// RunMicro runs the package's Benchmark functions once with -benchmem in the
// module root and parses their results.
func RunMicro(ctx context.Context, root string) ([]Micro, string, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", ".", "-benchmem", "-count", "1", MicroPackage)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, string(out), fmt.Errorf("go test -bench %s: %w\n%s", MicroPackage, err, out)
	}
	ms, err := parseBench(out)
	return ms, string(out), err
}

// parseBench reads lines such as
// "BenchmarkDecodeCustomConnector-2  2428  635134 ns/op  19.56 MB/s  153228 B/op  1317 allocs/op".
func parseBench(out []byte) ([]Micro, error) {
	var ms []Micro
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := strings.TrimPrefix(f[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			name = name[:i]
		}
		m := Micro{Name: name}
		for i := 2; i+1 < len(f); i += 2 {
			v, unit := f[i], f[i+1]
			switch unit {
			case "ns/op":
				m.NsPerOp, _ = strconv.ParseFloat(v, 64)
			case "B/op":
				m.BytesPerOp, _ = strconv.ParseInt(v, 10, 64)
			case "allocs/op":
				m.AllocsPerOp, _ = strconv.ParseInt(v, 10, 64)
			}
		}
		ms = append(ms, m)
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("no benchmark results in the output of go test -bench")
	}
	return ms, nil
}
