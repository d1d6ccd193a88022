package appflowfake

import (
	"net/http"
	"time"
)

// Fault is an injected failure for the next Count matching requests.
type Fault struct {
	Op    string // operation name (e.g. "CreateConnectorProfile"); "" matches any
	Count int    // matching requests to fail; < 0 means every one
	Hang  bool   // hold the request until the client gives up or the server closes
	// AfterApply carries the request out before answering with the error,
	// as when a response is lost on the way back.
	AfterApply bool
	Status     int    // HTTP status of the error response
	Code       string // X-Amzn-ErrorType / __type
	Message    string
}

// Inject queues a fault. Faults are consumed in the order they were added.
func (s *Server) Inject(f Fault) {
	if f.Count == 0 {
		f.Count = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// ThrottleNext answers the next n requests with 429 ThrottlingException.
func (s *Server) ThrottleNext(n int) {
	s.Inject(Fault{Count: n, Status: http.StatusTooManyRequests, Code: "ThrottlingException", Message: "Rate exceeded"})
}

// FailNext answers the next n requests with 500 InternalServerException.
func (s *Server) FailNext(n int) {
	s.Inject(Fault{Count: n, Status: http.StatusInternalServerError, Code: "InternalServerException",
		Message: "An internal error occurred."})
}

// HangNext holds the next n requests (n < 0: all) until the client's context ends.
func (s *Server) HangNext(n int) { s.Inject(Fault{Count: n, Hang: true}) }

// SetLatency delays every request by d.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// ClearFaults removes queued faults and latency.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults, s.latency = nil, 0
}

func (s *Server) takeFault(op string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.Op != "" && f.Op != op {
			continue
		}
		taken := *f
		if f.Count > 0 {
			f.Count--
			if f.Count == 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return &taken
	}
	return nil
}
