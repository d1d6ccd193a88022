// Command demo builds the Lambda, runs it under the Lambda Runtime Interface
// Emulator on loopback with local AppFlow, CloudFormation and Secrets Manager
// stand-ins, and sends it Create, Update (in place, then with replacement and
// the Delete of the old profile) and Delete from events/. Then it creates a
// profile whose credentials a secret holds (CredentialsSecret), puts a new
// value in the secret and sends the rotation input an EventBridge rule would.
// It prints each response CloudFormation received and a redacted summary of
// what AppFlow and Secrets Manager received, checks that no credential
// reached any output, and exits non-zero if any step fails.
//
// With -target aws (or DEMO_TARGET=aws) the Lambda calls the real AppFlow
// with your default AWS credentials and region; responses are still caught
// locally, and the secret's steps are left out. The sample events hold
// placeholder credentials that a real connector rejects, so point -events at
// a directory with your own.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

type step struct {
	title string
	event harness.Event
}

func run() error {
	target := flag.String("target", envOr("DEMO_TARGET", "local"), "local (stand-ins) or aws (real AppFlow, default credentials)")
	events := flag.String("events", "", "directory with create.json, update-in-place.json, update-replace.json, delete.json (default: the module's events/)")
	verbose := flag.Bool("v", false, "also print the emulator's and the Lambda's output")
	timeout := flag.Duration("timeout", 30*time.Second, "the Lambda's timeout")
	flag.Parse()
	if *target != "local" && *target != "aws" {
		return fmt.Errorf("-target must be local or aws, not %q", *target)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	root, err := harness.ModuleRoot(ctx)
	if err != nil {
		return err
	}
	if *events == "" {
		*events = filepath.Join(root, "events")
	}
	steps, err := loadSteps(*events)
	if err != nil {
		return err
	}

	fmt.Println("Building the Lambda (bootstrap) and the Runtime Interface Emulator ...")
	art, err := harness.Build(ctx)
	if err != nil {
		return err
	}
	defer art.Remove()
	cfg := harness.StackConfig{Artifacts: art, Timeout: *timeout, RealAWS: *target == "aws"}
	cfg.AppFlow.Strict = true
	if cfg.RealAWS {
		cfg.Region = envOr("AWS_REGION", envOr("AWS_DEFAULT_REGION", "us-east-1"))
	}
	if *verbose {
		cfg.Output = os.Stderr
	}
	st, err := harness.StartStack(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if st.AppFlow != nil {
		fmt.Printf("AppFlow stand-in:         %s (region %s, account %s)\n", st.AppFlow.URL, st.AppFlow.Region(), st.AppFlow.Account())
	} else {
		fmt.Printf("AppFlow:                  the real service in %s, default credentials\n", cfg.Region)
	}
	fmt.Printf("CloudFormation stand-in:  %s\nLambda (emulator):        %s\n", st.CloudFormation.URL, st.Lambda.URL)

	seen := 0
	report := func() {
		if st.AppFlow == nil {
			return
		}
		calls := st.AppFlow.Calls()
		fmt.Println("   AppFlow received:")
		if len(calls) == seen {
			fmt.Println("     nothing")
		}
		for _, c := range calls[seen:] {
			fmt.Printf("     %s\n", c)
		}
		seen = len(calls)
	}
	n := 0
	step := func(title string) {
		n++
		fmt.Printf("\n== %d. %s\n", n, title)
	}
	// live maps each physical id that exists to the event that made it, so
	// a failed run can delete what it created (as a rollback would).
	live := map[string]harness.Event{}
	var failed string
	for _, s := range steps {
		step(s.title)
		d := st.Send(ctx, s.event)
		printResponse(os.Stdout, d)
		report()
		if d.Response().Status != "SUCCESS" {
			failed = s.title
			break
		}
		if s.event.RequestType == "Delete" {
			delete(live, s.event.PhysicalResourceID)
		} else {
			live[d.Response().PhysicalResourceID] = s.event
		}
	}
	switch {
	case failed != "":
	case st.SecretsManager == nil:
		fmt.Println("\n(The CredentialsSecret and rotation steps need the Secrets Manager stand-in: left out.)")
	default:
		if err := newSecretDemo(st, step, report).run(ctx, steps[0].event); err != nil {
			failed = err.Error()
		}
	}
	if failed != "" {
		for id, ev := range live {
			fmt.Printf("\n== Cleanup: Delete %s\n", id)
			del := ev.Fresh()
			del.RequestType, del.PhysicalResourceID, del.OldResourceProperties = "Delete", id, nil
			printResponse(os.Stdout, st.Send(ctx, del))
			report()
		}
	}
	if st.AppFlow != nil {
		fmt.Printf("\nProfiles left in the AppFlow stand-in: %d\n", len(st.AppFlow.Profiles()))
	}
	st.Close() // the function's output is whole
	if leaks := st.Leaks(); len(leaks) > 0 {
		// Where, not what: each leak quotes the credential.
		fmt.Fprintf(os.Stderr, "\n%d credential(s) found where none may be; go test ./integ names the places\n", len(leaks))
		failed = cmp.Or(failed, "the leak check")
	} else {
		fmt.Println("No credential in the function's log, its responses, AppFlow's or Secrets Manager's answers.")
	}
	if failed != "" {
		if !*verbose {
			fmt.Fprintf(os.Stderr, "\nLambda output:\n%s\n", st.Lambda.Output())
		}
		return fmt.Errorf("step failed: %s", failed)
	}
	fmt.Println("\nAll steps succeeded.")
	return nil
}

// loadSteps reads the lifecycle CloudFormation would send for the samples.
func loadSteps(dir string) ([]step, error) {
	load := func(name string) (harness.Event, error) { return harness.LoadEvent(filepath.Join(dir, name)) }
	create, err1 := load("create.json")
	inPlace, err2 := load("update-in-place.json")
	replace, err3 := load("update-replace.json")
	del, err4 := load("delete.json")
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return nil, err
	}
	deleteOld := replace.Fresh()
	deleteOld.RequestType = "Delete"
	deleteOld.ResourceProperties, deleteOld.OldResourceProperties = replace.OldResourceProperties, nil
	return []step{
		{"Create " + create.ProfileName() + " (create.json)", create},
		{"Update in place (update-in-place.json)", inPlace},
		{"Update with replacement: new name " + replace.ProfileName() + " (update-replace.json)", replace},
		{"Delete of the replaced profile " + deleteOld.PhysicalResourceID + " (sent by CloudFormation after the replacement)", deleteOld},
		{"Delete " + del.PhysicalResourceID + " (delete.json)", del},
	}, nil
}

func printResponse(w io.Writer, d harness.Delivery) {
	if d.Accepted == nil {
		fmt.Fprintf(w, "   no response reached CloudFormation (%d attempt(s)); the invoke answered %d %s %v\n",
			len(d.Puts), d.Invoke.Status, d.Invoke.Body, d.InvokeErr)
		return
	}
	r := d.Response()
	fmt.Fprintln(w, "   CloudFormation received:")
	fmt.Fprintf(w, "     %-27s%s\n", "Status:", r.Status)
	fmt.Fprintf(w, "     %-27s%s\n", "PhysicalResourceId:", r.PhysicalResourceID)
	if r.Reason != "" {
		fmt.Fprintf(w, "     %-27s%s\n", "Reason:", r.Reason)
	}
	for _, k := range slices.Sorted(maps.Keys(r.Data)) {
		v, _ := json.Marshal(r.Data[k])
		fmt.Fprintf(w, "     %-27s%s\n", "Data."+k+":", strings.Trim(string(v), `"`))
	}
	fmt.Fprintf(w, "     (%d-byte PUT, %d attempt(s), invoke took %v)\n", len(d.Accepted.Body), len(d.Puts), d.Invoke.Duration.Round(time.Millisecond))
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
