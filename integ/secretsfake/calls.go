package secretsfake

import (
	"fmt"
	"strings"
	"time"
)

// Call is one request the server received and how it answered.
type Call struct {
	Time         time.Time
	Op           string // from X-Amz-Target
	RequestID    string // X-Amzn-Requestid sent back
	Attempt      string // Amz-Sdk-Request header, e.g. "attempt=2; max=3"
	Body         []byte // the raw request (a value put holds secrets)
	Input        map[string]any
	Fault        string // the injected fault, if any
	Status       int    // 0 when the request hung
	ErrorCode    string
	ErrorMessage string
	Response     []byte // the answer's body (GetSecretValue's holds the secret)
}

// String is a one-line summary that names the secret and never a value.
func (c Call) String() string {
	outcome := "200"
	switch {
	case c.Status == 0:
		outcome = "no answer (" + c.Fault + ")"
	case c.ErrorCode != "":
		outcome = fmt.Sprintf("%d %s", c.Status, c.ErrorCode)
	}
	var parts []string
	for _, k := range []string{"SecretId", "Name", "VersionId", "VersionStage", "VersionStages"} {
		if v, ok := c.Input[k]; ok {
			parts = append(parts, fmt.Sprintf("%s=%v", k, v))
		}
	}
	for _, k := range []string{"SecretString", "SecretBinary"} {
		if _, ok := c.Input[k]; ok {
			parts = append(parts, k+"=***")
		}
	}
	return fmt.Sprintf("%s %s -> %s", c.Op, strings.Join(parts, " "), outcome)
}

func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
}

// Calls returns every request received so far, in order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// CallsTo returns the requests for one operation.
func (s *Server) CallsTo(op string) []Call {
	var out []Call
	for _, c := range s.Calls() {
		if c.Op == op {
			out = append(out, c)
		}
	}
	return out
}

// Summary lists the calls received, one line each, naming no value.
func (s *Server) Summary() string {
	var b strings.Builder
	for _, c := range s.Calls() {
		b.WriteString(c.String() + "\n")
	}
	return b.String()
}
