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
	// StandInNsPerOp is the stand-ins' share of NsPerOp, for benchmarks that
	// run them in process.
	StandInNsPerOp float64
	// CPUNsPerOp is the process's CPU time per op, where a benchmark reports it.
	CPUNsPerOp float64
}

// MicroPackages hold the benchmarks: decoding, and the handler's Create in process.
var MicroPackages = []string{"./lambda/profile", "./integ/bench"}

// MicroCount is how often each benchmark runs; the report keeps the fastest
// run, the one least disturbed by whatever else the machine does.
const MicroCount = 5

// RunMicro runs the packages' Benchmark functions with -benchmem in the
// module root and returns each one's fastest run.
func RunMicro(ctx context.Context, root string) ([]Micro, string, error) {
	args := append([]string{"test", "-run", "^$", "-bench", ".", "-benchmem", "-count", strconv.Itoa(MicroCount)}, MicroPackages...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, string(out), fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	ms, err := parseBench(out)
	return fastest(ms), string(out), err
}

// fastest keeps the run with the least ns/op of each benchmark, in first-seen order.
func fastest(ms []Micro) []Micro {
	var out []Micro
	index := map[string]int{}
	for _, m := range ms {
		i, ok := index[m.Name]
		switch {
		case !ok:
			index[m.Name] = len(out)
			out = append(out, m)
		case m.NsPerOp < out[i].NsPerOp:
			out[i] = m
		}
	}
	return out
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
			case "standin-ns/op":
				m.StandInNsPerOp, _ = strconv.ParseFloat(v, 64)
			case "cpu-ns/op":
				m.CPUNsPerOp, _ = strconv.ParseFloat(v, 64)
			}
		}
		ms = append(ms, m)
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("no benchmark results in the output of go test -bench")
	}
	return ms, nil
}
