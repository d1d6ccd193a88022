package bench

import (
	"testing"
	"time"
)

func TestInitDuration(t *testing.T) {
	out := "27 Nov 2026 23:53:17,637 [INFO] (rapid) INIT RTDONE(status: success)\n" +
		"27 Nov 2026 23:53:17,637 [INFO] (rapid) INIT REPORT(durationMs: 20.705000)\n"
	got, err := initDuration(out)
	if want := 20705 * time.Microsecond; err != nil || got != want {
		t.Errorf("initDuration = %v, %v; want %v", got, err, want)
	}
	if _, err := initDuration("REPORT RequestId: x\tInit Duration: 0.02 ms"); err == nil {
		t.Error("initDuration took the REPORT line's Init Duration")
	}
}

func TestQuantile(t *testing.T) {
	var xs []time.Duration
	for i := 100; i >= 1; i-- {
		xs = append(xs, time.Duration(i))
	}
	for _, c := range []struct {
		q    float64
		want time.Duration
	}{{0.5, 50}, {0.99, 99}, {1, 100}, {0.001, 1}} {
		if got := quantile(xs, c.q); got != c.want {
			t.Errorf("quantile(1..100, %v) = %v, want %v", c.q, got, c.want)
		}
	}
	if got := quantile(nil, 0.5); got != 0 {
		t.Errorf("quantile(nil) = %v, want 0", got)
	}
}

func TestParseBench(t *testing.T) {
	out := []byte(`goos: linux
BenchmarkDecodeCustomConnector-2   2428   635134 ns/op   19.56 MB/s   153228 B/op   1317 allocs/op
BenchmarkDecodeCustomConnector-2   2500   600000 ns/op   19.56 MB/s   153228 B/op   1317 allocs/op
BenchmarkCreateInProcess-2   1366   941571 ns/op   1203344 cpu-ns/op   222990 standin-ns/op   159149 B/op   1772 allocs/op
PASS
`)
	ms, err := parseBench(out)
	if err != nil {
		t.Fatal(err)
	}
	got := fastest(ms)
	want := []Micro{
		{Name: "DecodeCustomConnector", NsPerOp: 600000, BytesPerOp: 153228, AllocsPerOp: 1317},
		{Name: "CreateInProcess", NsPerOp: 941571, BytesPerOp: 159149, AllocsPerOp: 1772, StandInNsPerOp: 222990, CPUNsPerOp: 1203344},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("result %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
