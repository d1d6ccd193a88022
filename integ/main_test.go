package integ_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

var update = flag.Bool("update", false, "rewrite RELIABILITY.md from this run")

// artifacts are built once per test binary.
var artifacts harness.Artifacts

func TestMain(m *testing.M) {
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	var err error
	artifacts, err = harness.Build(ctx)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "integ:", err)
		os.Exit(1)
	}
	code := m.Run()
	artifacts.Remove()
	if code == 0 && *update {
		if err := writeReport(); err != nil {
			fmt.Fprintln(os.Stderr, "integ:", err)
			code = 1
		}
	}
	os.Exit(code)
}
