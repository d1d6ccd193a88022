package cfnfake_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/cfnfake"
	"github.com/appflow-iac/connectorprofile/integ/fault"
)

func put(t *testing.T, url, contentType, body string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, url, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestServer(t *testing.T) {
	s, err := cfnfake.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u := s.ResponseURL("arn:aws:cloudformation:us-east-1:123456789012:stack/s/1", "Profile", "r1")
	good := `{"Status":"SUCCESS","PhysicalResourceId":"p","StackId":"s","RequestId":"r1","LogicalResourceId":"Profile","Data":{"A":"b"}}`
	s.Faults.Inject(fault.Fault{Kind: fault.Error, Status: 503, Code: "SlowDown"})
	if got := put(t, u, "", good); got != 503 {
		t.Errorf("first put: %d, want 503", got)
	}
	if got := put(t, u, "application/json", good); got != 403 {
		t.Errorf("with content type: %d, want 403", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	go func() {
		req, _ := http.NewRequest(http.MethodPut, u, strings.NewReader(good))
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	p, err := s.Wait(ctx, "r1")
	if err != nil || !p.Accepted() || p.Response.Data["A"] != "b" {
		t.Fatalf("wait: %+v %v", p, err)
	}
	if n := len(s.PutsFor("r1")); n != 3 {
		t.Errorf("puts for r1 = %d, want 3", n)
	}
	put(t, u, "", `{"Status":"FAILED","RequestId":"r2"}`)
	if p := s.PutsFor("r2")[0]; p.Accepted() || len(p.Problems) < 4 {
		t.Errorf("bad body accepted: %+v", p.Problems)
	}
	short, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	if _, err := s.Wait(short, "nope"); err == nil {
		t.Error("wait for a missing response returned nil error")
	}
}

// A redirect fault answers with its Location, and the PUT counts as not taken.
func TestRedirect(t *testing.T) {
	s, err := cfnfake.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Faults.Inject(fault.Fault{Kind: fault.Error, Status: http.StatusFound, Code: "Found", Location: "http://127.0.0.1:9/elsewhere"})
	body := `{"Status":"SUCCESS","PhysicalResourceId":"p","StackId":"s","RequestId":"r1","LogicalResourceId":"Profile"}`
	req, _ := http.NewRequest(http.MethodPut, s.ResponseURL("s", "Profile", "r1"), strings.NewReader(body))
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "http://127.0.0.1:9/elsewhere" {
		t.Errorf("answered %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if p := s.PutsFor("r1"); len(p) != 1 || p[0].Accepted() {
		t.Errorf("puts %+v: want one, not taken", p)
	}
}
