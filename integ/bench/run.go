package bench

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// Function is one Lambda under test.
type Function struct {
	Key       string // short name used in profile names, e.g. "go"
	Artifacts harness.Artifacts
	Env       []string // extra environment, KEY=value
}

// Config says how much to measure.
type Config struct {
	Go, Node Function
	Cold     int // fresh emulators per function for the cold start
	Warmup   int // unmeasured warm Creates per function
	Warm     int // measured warm Creates per function
	Progress io.Writer
}

// Result is what was measured for one function.
type Result struct {
	Cold    []time.Duration // INIT REPORT durationMs, one per fresh emulator
	ColdRSS []int64         // VmHWM after the first (cold) invocation, bytes
	Warm    []Outcome       // measured warm Creates
	PeakRSS int64           // VmHWM after all warm Creates, bytes
	// CPU is the function process's CPU time (user and system, all threads)
	// over the measured warm Creates.
	CPU time.Duration
}

// Invokes and StandIns list the warm figures.
func (r Result) Invokes() []time.Duration {
	return r.pick(func(o Outcome) time.Duration { return o.Invoke })
}
func (r Result) StandIns() []time.Duration {
	return r.pick(func(o Outcome) time.Duration { return o.StandIns })
}

// CPUPerCreate is the function's mean CPU time per warm Create.
func (r Result) CPUPerCreate() time.Duration {
	if len(r.Warm) == 0 {
		return 0
	}
	return r.CPU / time.Duration(len(r.Warm))
}

func (r Result) pick(f func(Outcome) time.Duration) []time.Duration {
	out := make([]time.Duration, len(r.Warm))
	for i, o := range r.Warm {
		out[i] = f(o)
	}
	return out
}

// Measure runs both functions side by side, interleaved so that changing
// load on the machine affects both alike.
func Measure(ctx context.Context, cfg Config) (goRes, nodeRes Result, err error) {
	s, err := StartStandIns()
	if err != nil {
		return Result{}, Result{}, err
	}
	defer s.Close()
	base, err := CreateEvent()
	if err != nil {
		return Result{}, Result{}, err
	}
	fns := []Function{cfg.Go, cfg.Node}
	res := []*Result{&goRes, &nodeRes}
	order := func(i int) []int {
		if i%2 == 1 {
			return []int{1, 0}
		}
		return []int{0, 1}
	}

	for i := 0; i < cfg.Cold; i++ {
		for _, k := range order(i) {
			d, rss, err := coldStart(ctx, s, fns[k], base, fmt.Sprintf("bench-%s-cold-%d", fns[k].Key, i))
			if err != nil {
				return goRes, nodeRes, err
			}
			res[k].Cold = append(res[k].Cold, d)
			res[k].ColdRSS = append(res[k].ColdRSS, rss)
		}
		progress(cfg.Progress, "cold start %d/%d: go %v, node %v", i+1, cfg.Cold, goRes.Cold[i], nodeRes.Cold[i])
	}

	emus := make([]*harness.Emulator, len(fns))
	defer func() {
		for _, e := range emus {
			if e != nil {
				e.Close()
			}
		}
	}()
	for k, fn := range fns {
		if emus[k], err = harness.StartEmulator(ctx, harness.EmulatorConfig{Artifacts: fn.Artifacts, AppFlowURL: s.AppFlowURL, Env: fn.Env}); err != nil {
			return goRes, nodeRes, fmt.Errorf("%s: %w", fn.Key, err)
		}
	}
	cpuBefore := make([]time.Duration, len(fns))
	resume := pauseGC()
	defer resume()
	for i := 0; i < cfg.Warmup+cfg.Warm; i++ {
		if i == cfg.Warmup {
			for k, fn := range fns {
				if cpuBefore[k], err = emus[k].CPUTime(); err != nil {
					return goRes, nodeRes, fmt.Errorf("%s: CPU time: %w", fn.Key, err)
				}
			}
		}
		for _, k := range order(i) {
			o, err := s.create(ctx, emus[k], base, fmt.Sprintf("bench-%s-warm-%d", fns[k].Key, i))
			if err == nil && o.Status != "SUCCESS" {
				err = fmt.Errorf("%s: Create answered %s: %s", fns[k].Key, o.Status, o.Reason)
			}
			if err != nil {
				return goRes, nodeRes, fmt.Errorf("%w\n%s", err, tail(emus[k].Output(), 2000))
			}
			if i >= cfg.Warmup {
				res[k].Warm = append(res[k].Warm, o)
			}
		}
		if n := i + 1 - cfg.Warmup; n > 0 && n%50 == 0 {
			progress(cfg.Progress, "warm Creates: %d/%d each", n, cfg.Warm)
		}
	}
	for k, fn := range fns {
		cpu, err := emus[k].CPUTime()
		if err == nil {
			res[k].CPU = cpu - cpuBefore[k]
			res[k].PeakRSS, err = emus[k].PeakRSS()
		}
		if err != nil {
			return goRes, nodeRes, fmt.Errorf("%s: %w", fn.Key, err)
		}
	}
	return goRes, nodeRes, nil
}

// coldStart starts a fresh emulator, sends one Create and reads the init
// duration and the function process's peak RSS.
func coldStart(ctx context.Context, s *StandIns, fn Function, base harness.Event, name string) (time.Duration, int64, error) {
	e, err := harness.StartEmulator(ctx, harness.EmulatorConfig{Artifacts: fn.Artifacts, AppFlowURL: s.AppFlowURL, Env: fn.Env})
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", fn.Key, err)
	}
	defer e.Close()
	o, err := s.create(ctx, e, base, name)
	if err == nil && o.Status != "SUCCESS" {
		err = fmt.Errorf("Create answered %s: %s", o.Status, o.Reason)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("%s cold start: %w\n%s", fn.Key, err, tail(e.Output(), 2000))
	}
	d, err := initDuration(e.Output())
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w\n%s", fn.Key, err, tail(e.Output(), 2000))
	}
	rss, err := e.PeakRSS()
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", fn.Key, err)
	}
	return d, rss, nil
}

func progress(w io.Writer, format string, a ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", a...)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}
