package harness_test

import (
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

func TestEventHelpers(t *testing.T) {
	ev, err := harness.LoadEvent(filepath.Join("..", "..", "events", "create-googleanalytics.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got := ev.ProfileName(); got != "appflow-demo-googleanalytics" {
		t.Errorf("ProfileName = %q", got)
	}
	secrets := ev.Secrets()
	// Every value under connectorProfileCredentials counts, redirectUri too.
	if len(secrets) != 6 { // clientId, clientSecret, accessToken, refreshToken, authCode, redirectUri
		t.Errorf("Secrets = %q", secrets)
	}
	if got := harness.Leaks("x "+secrets[0]+" y", secrets); !reflect.DeepEqual(got, secrets[:1]) {
		t.Errorf("Leaks = %q", got)
	}
	fresh := ev.Fresh()
	if fresh.RequestID == ev.RequestID || !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(fresh.RequestID) {
		t.Errorf("Fresh RequestId %q", fresh.RequestID)
	}
	fresh.ResourceProperties["connectorProfileName"] = "changed"
	if ev.ProfileName() == "changed" {
		t.Error("Fresh shares properties with the original")
	}
}

func TestFunctionLines(t *testing.T) {
	out := "START RequestId: 1 Version: $LATEST\n" +
		"27 Nov 2026 23:43:46,715 [INFO] (rapid) INVOKE START(requestId: 1)\n" +
		`{"level":"INFO","msg":"response delivered"}` + "\n" +
		"END RequestId: 1\nREPORT RequestId: 1\tDuration: 1.29 ms\n\n"
	if got := harness.FunctionLines(out); len(got) != 1 || !strings.HasPrefix(got[0], `{"level"`) {
		t.Errorf("FunctionLines = %q", got)
	}
}
