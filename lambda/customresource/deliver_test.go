package customresource

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// responseURL is a stand-in for the pre-signed S3 URL: it answers the first
// failures with 503 and records every PUT.
type responseURL struct {
	mu       sync.Mutex
	failures int
	status   int // for the rest; 0 means 200
	puts     []recordedPut
}

type recordedPut struct {
	method string
	header http.Header
	body   string
}

func (s *responseURL) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.puts = append(s.puts, recordedPut{r.Method, r.Header.Clone(), string(body)})
	switch {
	case len(s.puts) <= s.failures:
		w.WriteHeader(http.StatusServiceUnavailable)
	case s.status != 0:
		w.WriteHeader(s.status)
	}
}

func fastSender() *Sender {
	s := NewSender()
	s.FirstBackoff, s.MaxBackoff = time.Millisecond, 5*time.Millisecond
	return s
}

const secretQuery = "?X-Amz-Signature=s3cr3tsignature"

func TestSend(t *testing.T) {
	tests := []struct {
		name         string
		failures     int
		status       int
		wantAttempts int
		wantErr      string
	}{
		{name: "first attempt", wantAttempts: 1},
		{name: "503s then success", failures: 3, wantAttempts: 4},
		{name: "403 is final", status: http.StatusForbidden, wantAttempts: 1, wantErr: "403"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := &responseURL{failures: tt.failures, status: tt.status}
			ts := httptest.NewServer(srv)
			defer ts.Close()

			attempts, err := fastSender().Send(context.Background(), ts.URL+"/response"+secretQuery, NewResponse(Event{RequestID: "r"}, Success, "p", ""))
			if attempts != tt.wantAttempts {
				t.Errorf("attempts = %d, want %d", attempts, tt.wantAttempts)
			}
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
			}
			for _, put := range srv.puts {
				if put.method != http.MethodPut {
					t.Errorf("method = %s, want PUT", put.method)
				}
				if ct, ok := put.header["Content-Type"]; ok {
					t.Errorf("Content-Type %q sent; the pre-signed URL is signed without one", ct)
				}
				if !strings.Contains(put.body, `"Status":"SUCCESS"`) {
					t.Errorf("body %s lacks the status", put.body)
				}
			}
		})
	}
}

func TestSendGivesUpWhenTimeRunsOut(t *testing.T) {
	tests := []struct {
		name string
		url  func(t *testing.T) string
	}{
		{"ResponseURL always 503", func(t *testing.T) string {
			ts := httptest.NewServer(&responseURL{failures: 1 << 30})
			t.Cleanup(ts.Close)
			return ts.URL
		}},
		{"connection refused", func(t *testing.T) string {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			addr := l.Addr().String()
			l.Close()
			return "http://" + addr
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			attempts, err := fastSender().Send(ctx, tt.url(t)+"/r"+secretQuery, NewResponse(Event{}, Failed, "p", "x"))
			if err == nil {
				t.Fatal("want an error once the deadline passes")
			}
			if attempts < 2 {
				t.Errorf("attempts = %d, want retries before giving up", attempts)
			}
			if strings.Contains(err.Error(), "s3cr3t") || strings.Contains(err.Error(), "/r") {
				t.Errorf("error %q reveals the ResponseURL", err)
			}
		})
	}
}

func TestSendRefusesAURLItCannotReach(t *testing.T) {
	for _, u := range []string{"", "not a url", "ftp://example.com/x", "http:///path-only"} {
		attempts, err := fastSender().Send(context.Background(), u, NewResponse(Event{}, Success, "p", ""))
		if err == nil || attempts != 0 {
			t.Errorf("Send(%q) = %d attempts, %v; want no attempt and an error", u, attempts, err)
		}
	}
}

// A redirect is not delivery, and the answer never reaches the host it points at.
func TestSendFollowsNoRedirect(t *testing.T) {
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			elsewhere := &responseURL{}
			other := httptest.NewServer(elsewhere)
			defer other.Close()
			redirecting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, other.URL+"/taken", status)
			}))
			defer redirecting.Close()

			attempts, err := fastSender().Send(context.Background(), redirecting.URL+"/r"+secretQuery, NewResponse(Event{}, Success, "p", ""))
			if err == nil || !strings.Contains(err.Error(), strconv.Itoa(status)) {
				t.Errorf("err = %v, want the %d reported as not delivered", err, status)
			}
			if attempts != 1 {
				t.Errorf("attempts = %d, want 1", attempts)
			}
			if len(elsewhere.puts) != 0 {
				t.Errorf("the redirect's target received %d requests", len(elsewhere.puts))
			}
		})
	}
}
