package integ_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// RELIABILITY.md is written by the tests that have a row in it (go test
// ./integ -update) and checked against them in every run (TestReport).

type section int

const (
	faultMatrix section = iota
	loadSection
	leakHunt
)

var sectionTitles = []string{faultMatrix: "Fault matrix", loadSection: "Load", leakHunt: "Leak hunt"}

// row is one line of RELIABILITY.md.
type row struct {
	Section                   section
	Test                      string // the full test name, for -run
	Fault, Expected, Observed string
}

var report struct {
	mu   sync.Mutex
	rows []*row
}

// reportRow starts the row of test t; it is reported if t passes, checks at
// cleanup included, with the Observed the test has filled in by then.
func reportRow(t *testing.T, s section, fault, expected string) *row {
	r := &row{Section: s, Test: t.Name(), Fault: fault, Expected: expected}
	t.Cleanup(func() {
		if !t.Failed() {
			report.mu.Lock()
			defer report.mu.Unlock()
			report.rows = append(report.rows, r)
		}
	})
	return r
}

// reportedTests lists the tests RELIABILITY.md has a row for, in its order.
func reportedTests() ([]string, error) {
	var names []string
	for _, c := range faultCases() {
		names = append(names, "TestFaults/"+c.name)
	}
	names = append(names, "TestLoad")
	files, err := eventFiles()
	for _, f := range files {
		names = append(names, "TestLeakHunt/"+strings.TrimSuffix(f, ".json"))
	}
	return names, err
}

// eventFiles lists the sample events in events/.
func eventFiles() ([]string, error) {
	files, err := filepath.Glob(filepath.Join("..", "events", "*.json"))
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("no sample events under events/")
	}
	for i, f := range files {
		files[i] = filepath.Base(f)
	}
	return files, err
}

const reportPath = "../RELIABILITY.md"

// writeReport rewrites RELIABILITY.md with the rows of this run, keeping the
// rows of tests that did not run and dropping those of tests that are gone.
func writeReport() error {
	old, err := readReport()
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	rows := map[string]*row{}
	for _, r := range old {
		rows[r.Test] = r
	}
	for _, r := range report.rows {
		rows[r.Test] = r
	}
	tests, err := reportedTests()
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(reportIntro)
	last := section(-1)
	for _, test := range tests {
		r, ok := rows[test]
		if !ok {
			continue
		}
		if r.Section != last {
			last = r.Section
			fmt.Fprintf(&b, "\n## %s\n\n| fault | expected | observed | test | rerun |\n|---|---|---|---|---|\n", sectionTitles[last])
		}
		fmt.Fprintf(&b, "| %s | %s | %s | `%s` | %s |\n", cell(r.Fault), cell(r.Expected), cell(r.Observed), r.Test, rerun(r.Test))
	}
	b.WriteString(reportGaps)
	return os.WriteFile(reportPath, []byte(b.String()), 0o644)
}

// readReport reads the rows of RELIABILITY.md.
func readReport() ([]*row, error) {
	b, err := os.ReadFile(reportPath)
	if err != nil {
		return nil, err
	}
	var rows []*row
	s := section(-1)
	for _, line := range strings.Split(string(b), "\n") {
		if title, ok := strings.CutPrefix(line, "## "); ok {
			s = section(slices.Index(sectionTitles, title))
			continue
		}
		cells := splitRow(line)
		if s < 0 || len(cells) != 5 || !strings.HasPrefix(cells[3], "`") {
			continue
		}
		rows = append(rows, &row{Section: s, Test: strings.Trim(cells[3], "`"), Fault: cells[0], Expected: cells[1], Observed: cells[2]})
	}
	return rows, nil
}

// splitRow returns the cells of a table row, unescaped.
func splitRow(line string) []string {
	if !strings.HasPrefix(line, "| ") || !strings.HasSuffix(line, " |") {
		return nil
	}
	const bar = "\x00"
	cells := strings.Split(strings.ReplaceAll(line[2:len(line)-2], `\|`, bar), " | ")
	for i, c := range cells {
		cells[i] = strings.ReplaceAll(c, bar, "|")
	}
	return cells
}

func cell(s string) string { return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s) }

func rerun(test string) string {
	parts := strings.Split(test, "/")
	for i, p := range parts {
		parts[i] = "^" + p + "$"
	}
	return fmt.Sprintf("`go test ./integ -run '%s'`", strings.Join(parts, "/"))
}

// TestReport checks that RELIABILITY.md has a row for every test that
// reports one and no other, and that the fault matrix rows say what the
// cases say.
func TestReport(t *testing.T) {
	if *update {
		t.Skip("RELIABILITY.md is being rewritten")
	}
	rows, err := readReport()
	if err != nil {
		t.Fatalf("%v: run go test ./integ -update", err)
	}
	var listed []string
	for _, r := range rows {
		listed = append(listed, r.Test)
	}
	want, err := reportedTests()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(listed, want) {
		t.Errorf("RELIABILITY.md lists\n%q\nwant\n%q\nrun go test ./integ -update", listed, want)
	}
	for _, c := range faultCases() {
		i := slices.Index(listed, "TestFaults/"+c.name)
		if i >= 0 && (rows[i].Fault != c.fault || rows[i].Expected != c.expected) {
			t.Errorf("RELIABILITY.md says %q, expected %q for %s: run go test ./integ -update", rows[i].Fault, rows[i].Expected, c.name)
		}
	}
}

const reportIntro = `# Reliability

What the Custom::AppFlowConnectorProfile Lambda does under every fault we can
make locally: the real bootstrap under the Lambda Runtime Interface Emulator,
against the AppFlow stand-in (integ/appflowfake), the CloudFormation
stand-in (integ/cfnfake: the ResponseURLs and DescribeStacks,
DescribeStackEvents) and the Secrets Manager stand-in (integ/secretsfake,
for CredentialsSecret), each told by the test what to get
wrong (integ/fault: errors, latency, hangs, resets, truncated answers,
redirects and errors that quote the request, before or after the stand-in
acts). Every scenario sends canary credentials, inline or in a secret, and
fails if one, or a part of one, shows up in a log line, in what the function
returns, in a response, in an AppFlow or Secrets Manager answer (but
GetSecretValue's) or in a file the function wrote: as written, escaped as
JSON by any writer, URL-encoded or base64-encoded.

For each event the tests check what CloudFormation would see (the response
body), that exactly one profile exists or none, that every profile left is
named by a response (so the stack owns it and its Delete removes it), and
that the answer arrived before the function's deadline.

This file is written by the tests, and every run checks it lists them:

    go test ./integ -update      # rerun everything, rewrite this file
    go test ./integ -run 'TestFaults/AppFlowSlow' -update   # rewrite one row
    LOAD_EVENTS=200 go test ./integ -run TestLoad -v

Rows marked **GAP** are behaviour the tests observe that leaves something
behind; the Gaps section at the end says what is left and why.

## Fuzzing

Two go test -fuzz targets run for 30 s each in make test (make fuzz,
FUZZTIME to change it); their seeds (events/, the connector samples, the
unit-test cases) run in every go test:

| target | checks |
|---|---|
| FuzzDecode (lambda/profile) | no panic; every error is a list of problems, each with its property path; a canary credential never appears in an error |
| FuzzHandle (lambda/handler) | no panic; exactly one response per event, within 4096 bytes; a rejected event makes no AppFlow call; a failed Create never names a profile it did not make; a failed Update or Delete keeps the old id; every log line is JSON; no canary or ResponseURL in logs or responses |

The lifecycle, contract and events tests in integ/ run through the same rig
and the same leak check.
`

const reportGaps = `
## Gaps

What is left to an operator. Each comes from the same rule: the function
never deletes a profile it cannot prove it made, and never names one it
cannot prove is its own.

- **An unheard replacement** (ReplacementCreateUnheard). When an Update
  replaces the profile and AppFlow makes the new one but answers neither the
  Create nor its replay with the same clientToken before the deadline (or
  keeps failing them with 5xx), the Update fails keeping the old id, with a
  Reason and a log line naming the new profile, which may exist in AppFlow,
  and the profile stays, named by no response. Unlike a Create's
  (AppFlowHangAfterCreate), no later request carries that clientToken to
  prove it. Deploying the rename again fails as another owner's until the
  profile is deleted by hand.
- **A clean-up that never gets through.** A replacement the function made
  but cannot report is deleted with retries within the settle reserve
  (ReplacementCleanupMeets500). If AppFlow fails or hangs for the whole
  reserve, the profile stays and the function logs "replacement profile left
  in AppFlow: delete it by hand" with its name.
- **A rollback Delete that cannot ask.** The rollback's Delete of
  create-failed:<RequestId> replays that Create's clientToken to learn
  whether AppFlow made the profile (AppFlowHangAfterCreate). If AppFlow does
  not answer the Describe or the replay, or keeps failing them past retries,
  or answers the replay with an error for good (AccessDenied, say), or the
  properties name a CredentialsSecret that cannot be read, the Delete answers
  SUCCESS and logs "a failed Create's profile may exist in AppFlow" with the
  profile's name and why. A replay more than 8 hours after the Create meets
  a conflict, as AppFlow has forgotten the clientToken, and is taken for
  another owner's profile: the Delete logs that it left the profile alone.
`
