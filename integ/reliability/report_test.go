package reliability

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// row is one line of RELIABILITY.md.
type row struct {
	section  int // 0 fault matrix, 1 load, 2 leak hunt
	order    int
	Fault    string
	Expected string
	Observed string
	Test     string // full test name, for -run
}

var report struct {
	mu   sync.Mutex
	rows []row
}

var sections = []string{"Fault matrix", "Load", "Leak hunt"}

func record(t *testing.T, section, order int, fault, expected, observed string) {
	report.mu.Lock()
	defer report.mu.Unlock()
	report.rows = append(report.rows, row{section, order, fault, expected, observed, t.Name()})
}

func rerun(test string) string {
	parts := strings.Split(test, "/")
	for i, p := range parts {
		parts[i] = "^" + p + "$"
	}
	return fmt.Sprintf("`go test ./integ/reliability -run '%s'`", strings.Join(parts, "/"))
}

func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// writeReport rewrites RELIABILITY.md at the module root from this run.
func writeReport() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	root, err := harness.ModuleRoot(ctx)
	if err != nil {
		return err
	}
	report.mu.Lock()
	rows := append([]row(nil), report.rows...)
	report.mu.Unlock()
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].section != rows[j].section {
			return rows[i].section < rows[j].section
		}
		return rows[i].order < rows[j].order
	})
	var b strings.Builder
	b.WriteString(`# Reliability

What the Custom::AppFlowConnectorProfile Lambda does under every fault we can
make locally: the real bootstrap under the Lambda Runtime Interface Emulator,
the AppFlow stand-in (integ/appflowfake) behind a front that can cut or garble
its answers, and the CloudFormation ResponseURL stand-in (integ/cfnfake)
behind a front that can slow it down. Every scenario sends canary
credentials and fails if one shows up in a log line, a response or a file.

For each event the tests check what CloudFormation would see (the response
body), that exactly one profile exists or none, that every profile left is
named by a response (so the stack owns it and its Delete removes it), and
that the answer arrived before the function's deadline.

This file is written by the tests:

    go test ./integ/reliability -update      # rerun everything, rewrite this file
    LOAD_EVENTS=200 go test ./integ/reliability -run TestLoad -v

Rows marked **GAP** are behaviour the tests observe and tolerate today but
that leaves something behind; see the row's text.

## Fuzzing

Two go test -fuzz targets run for 30 s each in make test (make fuzz,
FUZZTIME to change it); their seeds (events/, the connector samples, the
unit-test cases) run in every go test:

| target | checks |
|---|---|
| FuzzDecode (lambda/profile) | no panic; every error is a list of problems, each with its property path; a canary credential never appears in an error |
| FuzzHandle (lambda/handler) | no panic; exactly one response per event, within 4096 bytes; a rejected event makes no AppFlow call; a failed Create never names a profile it did not make; a failed Update or Delete keeps the old id; every log line is JSON; no canary or ResponseURL in logs or responses |

The integration suite (integ/) runs the same lifecycles, rollbacks and faults
through the emulator with its own credential check on every test.
`)
	last := -1
	for _, r := range rows {
		if r.section != last {
			last = r.section
			fmt.Fprintf(&b, "\n## %s\n\n| fault | expected | observed | test | rerun |\n|---|---|---|---|---|\n", sections[r.section])
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", cell(r.Fault), cell(r.Expected), cell(r.Observed), "`"+r.Test+"`", rerun(r.Test))
	}
	return os.WriteFile(filepath.Join(root, "RELIABILITY.md"), []byte(b.String()), 0o644)
}

// TestReportListsEveryScenario keeps RELIABILITY.md in step with the scenarios.
func TestReportListsEveryScenario(t *testing.T) {
	if *update {
		t.Skip("RELIABILITY.md is being rewritten")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	root, err := harness.ModuleRoot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join(root, "RELIABILITY.md"))
	if err != nil {
		t.Fatalf("%v: run go test ./integ/reliability -update", err)
	}
	var names []string
	for _, s := range faultScenarios() {
		names = append(names, "TestFaults/"+s.name)
	}
	names = append(names, "TestLoad", "TestLeakHunt/")
	for _, name := range names {
		if !strings.Contains(string(doc), "`"+name) {
			t.Errorf("RELIABILITY.md does not list %s: run go test ./integ/reliability -update", name)
		}
	}
}
