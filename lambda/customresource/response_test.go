package customresource

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBodyKeepsWithinLimit(t *testing.T) {
	ev := Event{RequestID: "r1", StackID: "arn:aws:cloudformation:us-east-1:123456789012:stack/s/1", LogicalResourceID: "Profile"}
	tests := []struct {
		name    string
		reason  string
		wantCut bool
	}{
		{"short reason untouched", "bad property", false},
		{"long ASCII reason cut", strings.Repeat("x", 5000), true},
		{"long multi-byte reason cut on a rune", strings.Repeat("é€", 2000), true},
		{"characters JSON escapes", strings.Repeat("<\"\\>\n", 1500), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, err := NewResponse(ev, Failed, "id", tt.reason).Body()
			if err != nil {
				t.Fatal(err)
			}
			if len(body) > MaxBodyBytes {
				t.Fatalf("body is %d bytes, want at most %d", len(body), MaxBodyBytes)
			}
			var got Response
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("body is not JSON: %v", err)
			}
			if !utf8.ValidString(got.Reason) {
				t.Error("reason is not valid UTF-8")
			}
			if cut := got.Reason != tt.reason; cut != tt.wantCut {
				t.Errorf("reason cut = %v, want %v", cut, tt.wantCut)
			}
			if tt.wantCut && !strings.HasSuffix(got.Reason, ellipsis) {
				t.Errorf("a cut reason should end with %q", ellipsis)
			}
			if got.RequestID != "r1" || got.PhysicalResourceID != "id" || got.Status != Failed {
				t.Errorf("identifiers lost: %+v", got)
			}
		})
	}
}

func TestBodyWireNames(t *testing.T) {
	r := NewResponse(Event{RequestID: "r", StackID: "s", LogicalResourceID: "l"}, Success, "p", "")
	r.Data = map[string]string{"ConnectorProfileArn": "arn"}
	body, err := r.Body()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Status":"SUCCESS","PhysicalResourceId":"p","StackId":"s","RequestId":"r","LogicalResourceId":"l","Data":{"ConnectorProfileArn":"arn"}}`
	if string(body) != want {
		t.Errorf("body\n got %s\nwant %s", body, want)
	}
}
