package handler

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
)

// TestMain scans every log line and response body the tests captured for the
// credentials they used, and for the ResponseURL's signature.
func TestMain(m *testing.M) {
	code := m.Run()
	captured := everything.String()
	for _, secret := range []string{canaryToken, canaryRefresh, fuzzCanary[:16], secretCanary[:16], "X-Amz-Signature", "presigned"} {
		if strings.Contains(captured, secret) {
			fmt.Printf("leak scan: %q appears in the captured logs or responses\n", secret)
			code = 1
		}
	}
	os.Exit(code)
}

// The scan in TestMain sees what handlers log and what CloudFormation receives.
func TestLeakScanSeesEverything(t *testing.T) {
	cf := newCloudFormation(t)
	ev := event(customresource.Create, "", salesforce(nil), nil)
	ev.RequestID = "scan-sees-this-request"
	ev.ResponseURL = cf.url()
	if err := handle(context.Background(), newTestHandler(&fakeAppFlow{}, nil, &lockedBuffer{}), ev); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(everything.String(), ev.RequestID); got < 2 {
		t.Errorf("the scan saw the request %d times, want its log line and its response", got)
	}
}
