package connectorprofile

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/appflow-iac/connectorprofile/cdk/connectorprofile/internal/gentypes"
)

var update = flag.Bool("update", false, "rewrite config.go from the SDK's types")

// TestConfigUpToDate fails when config.go differs from what the SDK's types
// generate; go test -update (make generate) rewrites it.
func TestConfigUpToDate(t *testing.T) {
	want, err := gentypes.Generate()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("config.go", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile("config.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("config.go is stale: run make generate (or go test ./cdk/connectorprofile -run ConfigUpToDate -update)")
	}
}
