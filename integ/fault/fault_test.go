package fault_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/fault"
)

func TestQueue(t *testing.T) {
	var q fault.Queue
	q.Inject(
		fault.Fault{Op: "Create", Count: 2, Kind: fault.Error, Code: "Throttling"},
		fault.Fault{Count: -1, Kind: fault.Hang},
	)
	var got []string
	for _, op := range []string{"Describe", "Create", "Create", "Create"} {
		got = append(got, op+":"+q.Take(op).String())
	}
	want := []string{"Describe:hang", "Create:Throttling", "Create:Throttling", "Create:hang"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("taken %q, want %q", got, want)
		}
	}
	q.Clear()
	if f := q.Take("Create"); f != nil || f.Answers() || f.Skips() || f.String() != "" {
		t.Errorf("after Clear: %v", f)
	}
	q.Inject(fault.Fault{Kind: fault.Reset, After: true})
	if f := q.Take("x"); !f.Answers() || f.Skips() || f.String() != "reset after acting" || q.Take("x") != nil {
		t.Errorf("a Count of 0 means one request, answered after acting: %v", f)
	}
}

func TestWait(t *testing.T) {
	f := &fault.Fault{Delay: 50 * time.Millisecond}
	start := time.Now()
	if !f.Wait(context.Background()) || time.Since(start) < f.Delay {
		t.Errorf("Wait returned early")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if (&fault.Fault{Delay: time.Hour}).Wait(ctx) {
		t.Errorf("Wait outlived its context")
	}
}

func TestServe(t *testing.T) {
	kinds := map[string]fault.Kind{"/hang": fault.Hang, "/reset": fault.Reset, "/truncate": fault.Truncate}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		(&fault.Fault{Kind: kinds[r.URL.Path]}).Serve(w, r)
	}))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/truncate")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(body) == 0 || body[len(body)-1] == '}' {
		t.Errorf("truncate: %d %s", resp.StatusCode, body)
	}
	if _, err := http.Get(srv.URL + "/reset"); !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("reset: %v, want a connection reset", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/hang", nil)
	if _, err := http.DefaultClient.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("hang: %v, want the caller's deadline", err)
	}
}

func TestQuote(t *testing.T) {
	body := []byte(`{"config":{"password":"pa\"ss&wörd/1"},"name":"p","list":[{"password":"two"}]}`)
	tests := []struct {
		quote fault.Quote
		want  string
	}{
		{fault.Quote{}, string(body)},
		{fault.Quote{Member: "password"}, `password: pa"ss&wörd/1; password: two`},
		{fault.Quote{Member: "password", Prefix: 4}, `password: pa"s; password: two`},
		{fault.Quote{Member: "name", Form: fault.Base64}, "name: cA=="},
		{fault.Quote{Member: "config", Form: fault.Base64}, ""}, // an object is no string to quote
		{fault.Quote{Member: "password", Prefix: 11, Form: fault.URLEncoded}, `password: pa%22ss%26w%C3%B6rd; password: two`},
		{fault.Quote{Member: "password", Form: fault.JacksonEscaped}, `password: pa\"ss&wörd/1; password: two`},
		{fault.Quote{Member: "name", Form: fault.UnicodeEscaped}, `name: \u0070`},
		{fault.Quote{Member: "password", Prefix: 6, Form: fault.UnicodeEscaped}, `password: \u0070\u0061\u0022\u0073\u0073\u0026; password: \u0074\u0077\u006f`},
	}
	for _, tt := range tests {
		if got := tt.quote.Of(body); got != tt.want {
			t.Errorf("%+v quotes %q, want %q", tt.quote, got, tt.want)
		}
	}
	f := fault.Fault{Kind: fault.Error, Message: "Bad request:", Quote: &fault.Quote{Member: "name"}}
	if got := f.ErrorMessage(body); got != "Bad request: name: p" {
		t.Errorf("ErrorMessage = %q", got)
	}
	if got := (&fault.Fault{Message: "Bad request"}).ErrorMessage(body); got != "Bad request" {
		t.Errorf("ErrorMessage without a Quote = %q", got)
	}
}
