package handler

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestMain scans every log line and response body the tests captured for the
// credentials they used, and for the ResponseURL's signature.
func TestMain(m *testing.M) {
	code := m.Run()
	captured := everything.String()
	if code == 0 && !strings.Contains(captured, `"Status":"SUCCESS"`) {
		fmt.Println("leak scan: nothing was captured, so it proves nothing")
		code = 1
	}
	for _, secret := range []string{canaryToken, canaryRefresh, fuzzCanary[:16], "X-Amz-Signature", "presigned"} {
		if strings.Contains(captured, secret) {
			fmt.Printf("leak scan: %q appears in the captured logs or responses\n", secret)
			code = 1
		}
	}
	os.Exit(code)
}
