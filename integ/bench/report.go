package bench

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// The targets the report holds the figures to.
const (
	coldStartFraction = 0.1              // ours at most this fraction of the reference's
	peakRSSTarget     = 25e6             // bytes
	zipTarget         = 5e6              // bytes
	decodeTarget      = time.Millisecond // decode and validate the at-limits profile
)

// DecodeBenchmark is the microbenchmark held to the Decode target.
const DecodeBenchmark = "DecodeCustomConnector"

// Report is one run's figures.
type Report struct {
	Go, Node         Result
	GoPkg, NodePkg   Package
	Micro            []Micro
	MicroError       string // why Micro is empty
	Cold, Warm       int
	Machine, Command string
	Elapsed          time.Duration
}

type row struct {
	metric, ours, ref, ratio, target, verdict, explain string
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
func µs(ns float64) string      { return fmt.Sprintf("%.1f µs", ns/1e3) }
func mb(n int64) string         { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "MISS"
}

func medianBytes(xs []int64) int64 {
	ds := make([]time.Duration, len(xs))
	for i, x := range xs {
		ds[i] = time.Duration(x)
	}
	return int64(median(ds))
}

func (r Report) rows() []row {
	g, n := r.Go, r.Node
	goCold, nodeCold := median(g.Cold), median(n.Cold)
	gInv, nInv := g.Invokes(), n.Invokes()
	rows := []row{
		{metric: fmt.Sprintf("Cold start, median of %d fresh emulators", r.Cold),
			ours: ms(goCold), ref: ms(nodeCold), ratio: ratio(float64(goCold), float64(nodeCold)),
			target: "≤ 1/10 of Node.js", verdict: verdict(float64(goCold) <= coldStartFraction*float64(nodeCold)),
			explain: "the durationMs of the emulator's `INIT REPORT` line for the first invocation, i.e. from starting the function process until it first asks the runtime API for an event (for Node.js this includes loading the SDK and building the client)."},
		{metric: fmt.Sprintf("Warm Create, median of %d", r.Warm),
			ours: ms(median(gInv)), ref: ms(median(nInv)), ratio: ratio(float64(median(gInv)), float64(median(nInv))),
			explain: "the time from POSTing a Create event to the emulator until it answers, with CreateConnectorProfile, DescribeConnectorProfiles and the PUT to the ResponseURL all inside it; every Create uses a new profile name and RequestId."},
		{metric: "Warm Create, p99",
			ours: ms(quantile(gInv, 0.99)), ref: ms(quantile(nInv, 0.99)), ratio: ratio(float64(quantile(gInv, 0.99)), float64(quantile(nInv, 0.99))),
			explain: "the 99th percentile (nearest rank) of the same invoke times; the emulator's runtime-API hops and the machine's scheduling are in it for both."},
		{metric: "Stand-ins answering, median",
			ours: ms(median(g.StandIns())), ref: ms(median(n.StandIns())),
			explain: "the time the AppFlow and CloudFormation stand-ins' handlers spent answering that function's requests during one Create, measured by a timing wrapper around them."},
		{metric: "Function CPU per warm Create, mean",
			ours: ms(g.CPUPerCreate()), ref: ms(n.CPUPerCreate()), ratio: ratio(float64(g.CPUPerCreate()), float64(n.CPUPerCreate())),
			explain: "what the function itself adds per Create: the CPU time (user and system, all threads) of the function process over the measured warm Creates, from /proc/<pid>/stat, divided by their number."},
		{metric: "Peak RSS after the first invocation, median",
			ours: mb(medianBytes(g.ColdRSS)), ref: mb(medianBytes(n.ColdRSS)), ratio: ratio(float64(medianBytes(g.ColdRSS)), float64(medianBytes(n.ColdRSS))),
			explain: "VmHWM from /proc/<pid>/status of the function process (the emulator's child: the bootstrap, or node) after its cold invocation."},
		{metric: fmt.Sprintf("Peak RSS after %d warm Creates", r.Warm),
			ours: mb(g.PeakRSS), ref: mb(n.PeakRSS), ratio: ratio(float64(g.PeakRSS), float64(n.PeakRSS)),
			target: "≤ 25 MB", verdict: verdict(g.PeakRSS <= peakRSSTarget),
			explain: "VmHWM of the long-lived function process after all warm Creates; the emulator's REPORT line only echoes the configured memory size."},
		{metric: "Deployed files, unpacked",
			ours: mb(r.GoPkg.Unpacked), ref: mb(r.NodePkg.Unpacked), ratio: ratio(float64(r.GoPkg.Unpacked), float64(r.NodePkg.Unpacked)),
			explain: "ours is build/bootstrap for linux/arm64 with the release flags (`make build`); the reference is its handler, runtime loop, bootstrap script and node_modules (the Node.js binary comes with the runtime)."},
		{metric: "Deployment zip",
			ours: mb(r.GoPkg.Zipped), ref: mb(r.NodePkg.Zipped), ratio: ratio(float64(r.GoPkg.Zipped), float64(r.NodePkg.Zipped)),
			target: "≤ 5 MB", verdict: verdict(r.GoPkg.Zipped > 0 && r.GoPkg.Zipped <= zipTarget),
			explain: "ours is build/bootstrap.zip from `make build`; the reference's is the same files zipped with Deflate."},
	}
	if r.MicroError != "" {
		rows = append(rows, row{metric: "Go benchmark " + DecodeBenchmark, ours: r.MicroError, ref: "–",
			target: "< 1 ms", verdict: "MISS", explain: "the microbenchmarks could not be built or run."})
	}
	for _, m := range r.Micro {
		x := row{metric: "Go benchmark " + m.Name + " (time/op, B/op, allocs/op)",
			ours: fmt.Sprintf("%s, %d B, %d allocs", µs(m.NsPerOp), m.BytesPerOp, m.AllocsPerOp), ref: "–"}
		switch m.Name {
		case "CreateInProcess":
			x.metric = "Go benchmark CreateInProcess: the handler's own time and CPU per Create"
			x.ours = fmt.Sprintf("%s, CPU %s", µs(m.NsPerOp-m.StandInNsPerOp), µs(m.CPUNsPerOp))
			x.ref = ms(n.CPUPerCreate()) + " CPU"
			x.explain = "the handler's whole Create (decode, CreateConnectorProfile, DescribeConnectorProfiles, PUT) run in the benchmark's process against the stand-ins, without the emulator: its time per Create less the stand-ins' answering, and the process's CPU time per Create (which the stand-ins' share, in the same process, is part of). Beside it, the Node.js reference's CPU per warm Create under the emulator."
		case DecodeBenchmark:
			x.target = "< 1 ms"
			x.verdict = verdict(time.Duration(m.NsPerOp) < decodeTarget)
			x.explain = "`testing.B` time (fastest of " + fmt.Sprint(MicroCount) + " runs) to decode and validate the raw JSON properties of a CustomConnector profile at the API's limits (50 profile properties, 50 token URL parameters, 50 credential-map entries, every authentication member; about 12 KB): decode + validate of the at-limits profile under 1 ms."
		case "DecodeTypicalCustomConnector":
			x.explain = "the same for an everyday CustomConnector profile (two properties, OAuth 2 client credentials; under 1 KB)."
		case "DecodeMapCustomConnector":
			x.explain = "the same checks on the large profile already parsed into Go maps, as the CDK construct and the template checker hand it over."
		case "DecodeMegabyte":
			x.explain = "properties of 1 MB, a list of `{}` where strings belong: one problem per element, of which 25 are kept; B/op is the memory such a body costs."
		default:
			x.explain = "a Go microbenchmark."
		}
		rows = append(rows, x)
	}
	return rows
}

// Table writes the figures as a Markdown table.
func (r Report) Table(w io.Writer) {
	fmt.Fprintln(w, "| Figure | Go (this project) | Node.js 20 reference | Go / Node.js | Target | Result |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|---|")
	for _, x := range r.rows() {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", x.metric, x.ours, x.ref, orDash(x.ratio), orDash(x.target), x.verdict)
	}
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// Markdown writes BENCHMARKS.md: the table, how to regenerate it, and what each figure means.
func (r Report) Markdown(w io.Writer) {
	fmt.Fprintln(w, "# Benchmarks")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "The Lambda next to a Node.js 20 function that does the same Create with `@aws-sdk/client-appflow`")
	fmt.Fprintln(w, "(the runtime CDK's `AwsCustomResource` uses), both run under the same Lambda Runtime Interface")
	fmt.Fprintln(w, "Emulator against the same local AppFlow and CloudFormation stand-ins, in one run on one machine.")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Regenerate with:\n\n    %s\n\n", r.Command)
	fmt.Fprintf(w, "Machine: %s. Measuring took %s.\n\n", r.Machine, r.Elapsed.Round(time.Second))
	r.Table(w)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## What each figure is")
	fmt.Fprintln(w)
	for _, x := range r.rows() {
		fmt.Fprintf(w, "- **%s**: %s\n", x.metric, x.explain)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "The bench process hosts the stand-ins and sends the invokes; it does not collect garbage during the warm")
	fmt.Fprintln(w, "Creates (GC paused, 1 GiB soft limit), for both columns alike, so that its collections take no CPU from the")
	fmt.Fprintln(w, "emulator and the function inside a timed invoke.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Targets are reported here, not asserted by any test. There is none for invoke times under the emulator: its")
	fmt.Fprintln(w, "runtime-API hops and the machine's scheduling dominate them, so the function's own cost is given as CPU time.")
	fmt.Fprintln(w, "MB are 10^6 bytes. The emulator runs the function on the host's architecture; sizes are for the linux/arm64 release build.")
	fmt.Fprintln(w, "Timings depend on the machine and on whatever else it is running, so compare the two columns of one run")
	fmt.Fprintln(w, "rather than figures across runs.")
}

// Misses lists the targets not met.
func (r Report) Misses() []string {
	var out []string
	for _, x := range r.rows() {
		if x.verdict == "MISS" {
			out = append(out, strings.TrimSpace(x.metric)+": "+x.ours+" (target "+x.target+")")
		}
	}
	return out
}
