package bench

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// quantile is the nearest-rank q-quantile (0 < q <= 1) of xs.
func quantile(xs []time.Duration, q float64) time.Duration {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	rank := int(q*float64(len(s))+0.999999) - 1
	return s[max(0, min(rank, len(s)-1))]
}

func median(xs []time.Duration) time.Duration { return quantile(xs, 0.5) }

// initReport matches the emulator's log line for a finished init phase,
// e.g. "INIT REPORT(durationMs: 20.705000)".
var initReport = regexp.MustCompile(`INIT REPORT\(durationMs: ([0-9.]+)\)`)

// initDuration reads the first INIT REPORT from the emulator's output.
func initDuration(output string) (time.Duration, error) {
	m := initReport.FindStringSubmatch(output)
	if m == nil {
		return 0, fmt.Errorf("no INIT REPORT(durationMs: ...) line in the emulator output")
	}
	ms, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("INIT REPORT: %w", err)
	}
	return time.Duration(ms * float64(time.Millisecond)), nil
}
