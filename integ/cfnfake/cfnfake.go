// Package cfnfake is a local stand-in for CloudFormation as a custom resource
// meets it: the pre-signed S3 URLs it hands out as ResponseURL, and the API
// calls the function makes of it. On the ResponseURLs it records every
// request, checks each body against the custom resource response contract
// and takes injected faults (package fault) in its Faults queue. Its API
// (DescribeStacks, DescribeStackEvents, in the query protocol with SigV4)
// answers from the stacks' statuses and events, which the answers it
// receives add to, and takes injected faults.
package cfnfake

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/fault"
	"github.com/appflow-iac/connectorprofile/integ/standin"
)

// MaxBody is CloudFormation's limit on a custom resource response.
const MaxBody = 4096

// Response is the body a custom resource sends back.
type Response struct {
	Status             string         `json:"Status"`
	Reason             string         `json:"Reason,omitempty"`
	PhysicalResourceID string         `json:"PhysicalResourceId"`
	StackID            string         `json:"StackId"`
	RequestID          string         `json:"RequestId"`
	LogicalResourceID  string         `json:"LogicalResourceId"`
	NoEcho             bool           `json:"NoEcho,omitempty"`
	Data               map[string]any `json:"Data,omitempty"`
}

// Put is one request received on a ResponseURL.
type Put struct {
	Time     time.Time
	Method   string
	URL      string // path and query as received
	Header   http.Header
	Body     []byte
	Status   int      // what the stand-in answered
	Problems []string // contract violations CloudFormation would reject
	Response Response
}

// Accepted reports whether CloudFormation would have taken this response.
func (p Put) Accepted() bool { return p.Status == http.StatusOK && len(p.Problems) == 0 }

// Server records responses. The zero value is not usable; call Start.
type Server struct {
	URL string // base URL, e.g. http://127.0.0.1:8123

	// Faults are the faults injected into the answers to ResponseURL PUTs
	// (Op "PUT"), APIFaults those of the API (Op: the Action).
	Faults, APIFaults fault.Queue

	srv *http.Server

	mu      sync.Mutex
	puts    []Put
	changed chan struct{}

	// The CloudFormation API (api.go, stacks.go).
	stacks      map[string]*stack
	invocations map[string]Invocation
	apiCalls    standin.CallLog[APICall]
	pageSize    int
	region      string
	credentials map[string]string
}

// Start starts a Server on 127.0.0.1 with a free port.
func Start() (*Server, error) { return Listen("127.0.0.1:0") }

// Listen starts a Server on addr (host:port).
func Listen(addr string) (*Server, error) {
	s := &Server{changed: make(chan struct{}), region: "us-east-1"}
	var err error
	if s.srv, s.URL, err = standin.Listen(addr, s); err != nil {
		return nil, err
	}
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// ResponseURL returns a pre-signed-looking URL for one request, in the
// shape CloudFormation uses: /<bucket>/<url-encoded stack|logical|request>?X-Amz-...
func (s *Server) ResponseURL(stackID, logicalID, requestID string) string {
	key := url.PathEscape(stackID + "|" + logicalID + "|" + requestID)
	return s.URL + "/cloudformation-custom-resource-response-useast1/" + key +
		"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20250101T000000Z&X-Amz-SignedHeaders=host" +
		"&X-Amz-Expires=7200&X-Amz-Credential=AKIAEXAMPLE%2F20250101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=0123456789abcdef"
}

// ServeHTTP implements http.Handler: the CloudFormation API at "/", the
// ResponseURLs everywhere else.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/" && r.Method == http.MethodPost {
		s.serveAPI(w, r)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	f := s.Faults.Take(r.Method)
	if !f.Wait(r.Context()) {
		return // the client gave up: nothing is stored
	}
	p := Put{Time: time.Now(), Method: r.Method, URL: r.URL.RequestURI(), Header: r.Header.Clone(), Body: body}
	switch {
	case f.Skips():
		p.Status = f.AnswerStatus()
		p.Problems = append(p.Problems, "injected "+f.String())
	case r.Method != http.MethodPut:
		p.Status = http.StatusMethodNotAllowed
		p.Problems = append(p.Problems, "method "+r.Method+", want PUT")
	case r.Header.Get("Content-Type") != "":
		// The URL is signed without a content type; S3 rejects the mismatch.
		p.Status = http.StatusForbidden
		p.Problems = append(p.Problems, "Content-Type "+r.Header.Get("Content-Type")+" set; the pre-signed URL does not allow it")
	default:
		p.Status = http.StatusOK
		p.Problems = append(p.Problems, check(body, &p.Response)...)
	}
	if p.Status != http.StatusOK {
		json.Unmarshal(body, &p.Response)
	}
	// Record before answering, so a client that saw the answer finds the request.
	s.mu.Lock()
	s.puts = append(s.puts, p)
	if p.Accepted() {
		s.answeredLocked(p.Response)
	}
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	switch {
	case f.Answers() && f.Kind != fault.Error:
		f.Serve(w, r)
	case f.Answers():
		if f.Location != "" {
			w.Header().Set("Location", f.Location)
		}
		writeError(w, f.Status, f.Code)
	case p.Status != http.StatusOK:
		writeError(w, p.Status, "")
	default:
		w.Header().Set("ETag", `"d41d8cd98f00b204e9800998ecf8427e"`)
		w.WriteHeader(http.StatusOK)
	}
}

// writeError answers as S3 does; code defaults to the status text.
func writeError(w http.ResponseWriter, status int, code string) {
	if code == "" {
		code = strings.ReplaceAll(http.StatusText(status), " ", "")
	}
	w.WriteHeader(status)
	fmt.Fprintf(w, "<Error><Code>%s</Code></Error>", code)
}

// check applies CloudFormation's rules for a response body.
func check(body []byte, r *Response) []string {
	var probs []string
	if len(body) > MaxBody {
		probs = append(probs, fmt.Sprintf("body is %d bytes, limit %d", len(body), MaxBody))
	}
	if err := json.Unmarshal(body, r); err != nil {
		return append(probs, "body is not a JSON response object")
	}
	if r.Status != "SUCCESS" && r.Status != "FAILED" {
		probs = append(probs, fmt.Sprintf("Status %q, want SUCCESS or FAILED", r.Status))
	}
	for name, v := range map[string]string{"PhysicalResourceId": r.PhysicalResourceID, "StackId": r.StackID,
		"RequestId": r.RequestID, "LogicalResourceId": r.LogicalResourceID} {
		if v == "" {
			probs = append(probs, name+" is empty")
		}
	}
	if len(r.PhysicalResourceID) > 1024 {
		probs = append(probs, "PhysicalResourceId longer than 1 KB")
	}
	if r.Status == "FAILED" && r.Reason == "" {
		probs = append(probs, "FAILED without a Reason")
	}
	return probs
}

// Puts returns every request received so far.
func (s *Server) Puts() []Put {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Put(nil), s.puts...)
}

// PutsFor returns the requests whose body carried requestID.
func (s *Server) PutsFor(requestID string) []Put {
	var out []Put
	for _, p := range s.Puts() {
		if p.Response.RequestID == requestID {
			out = append(out, p)
		}
	}
	return out
}

// Wait waits until a response for requestID was accepted (HTTP 200) and
// returns it. Rejected attempts (503, bad body) do not end the wait; ctx does.
func (s *Server) Wait(ctx context.Context, requestID string) (Put, error) {
	for {
		s.mu.Lock()
		ch := s.changed
		for _, p := range s.puts {
			if p.Response.RequestID == requestID && p.Status == http.StatusOK {
				s.mu.Unlock()
				return p, nil
			}
		}
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return Put{}, fmt.Errorf("no response for request %s: %w", requestID, ctx.Err())
		}
	}
}
