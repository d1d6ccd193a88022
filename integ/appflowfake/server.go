package appflowfake

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

const (
	opCreate   = "CreateConnectorProfile"
	opUpdate   = "UpdateConnectorProfile"
	opDelete   = "DeleteConnectorProfile"
	opDescribe = "DescribeConnectorProfiles"
)

var paths = map[string]string{
	"/create-connector-profile":    opCreate,
	"/update-connector-profile":    opUpdate,
	"/delete-connector-profile":    opDelete,
	"/describe-connector-profiles": opDescribe,
}

// Options configures a Server. The zero value is usable.
type Options struct {
	Region  string // default us-east-1; requests signed for another region are rejected
	Account string // default 123456789012
	Quota   int    // maximum number of profiles; default 100

	// Credentials maps access key IDs to secret keys. When the signing key
	// is listed, the SigV4 signature is verified too.
	Credentials map[string]string
	// Strict rejects members that are not in the model. The service itself
	// ignores them; the Go SDK never sends any.
	Strict bool
	// Now is the clock; default time.Now.
	Now func() time.Time
}

// Server is a local stand-in for the Amazon AppFlow connector-profile API.
type Server struct {
	URL string // base URL, e.g. http://127.0.0.1:41234

	opts     Options
	listener net.Listener
	srv      *http.Server

	mu       sync.Mutex
	profiles map[string]*profile
	tokens   map[string]tokenEntry
	inUse    map[string]bool
	faults   []*Fault
	latency  time.Duration
	calls    []Call
}

// New returns an unstarted Server; use it as an http.Handler or call Serve.
func New(opts Options) *Server {
	if opts.Region == "" {
		opts.Region = "us-east-1"
	}
	if opts.Account == "" {
		opts.Account = "123456789012"
	}
	if opts.Quota == 0 {
		opts.Quota = 100
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Server{
		opts:     opts,
		profiles: map[string]*profile{},
		tokens:   map[string]tokenEntry{},
		inUse:    map[string]bool{},
	}
}

// Start starts a Server on 127.0.0.1 with a free port.
func Start(opts Options) (*Server, error) { return Listen("127.0.0.1:0", opts) }

// Listen starts a Server on addr (host:port).
func Listen(addr string, opts Options) (*Server, error) {
	s := New(opts)
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	s.listener = l
	s.URL = "http://" + l.Addr().String()
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(l)
	return s, nil
}

// Close stops the server, cutting off any hanging request.
func (s *Server) Close() error {
	if s.srv == nil {
		return nil
	}
	return s.srv.Close()
}

// Region and Account report the configured values.
func (s *Server) Region() string  { return s.opts.Region }
func (s *Server) Account() string { return s.opts.Account }

// apiError is an AppFlow error response.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func errorf(status int, code, format string, a ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, a...)}
}

func validationError(format string, a ...any) *apiError {
	return errorf(http.StatusBadRequest, "ValidationException", format, a...)
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := s.opts.Now()
	reqID := newUUID()
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	op := paths[r.URL.Path]
	call := Call{Time: start, Op: op, Path: r.URL.Path, RequestID: reqID, Header: r.Header.Clone(), Body: body,
		Attempt: r.Header.Get("Amz-Sdk-Request")}

	in, perr := decode(body)
	call.Input = in
	var status int
	var out []byte
	fault := s.takeFault(op)
	if d := s.currentLatency(); d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
		}
	}
	var aerr *apiError
	switch {
	case fault != nil && fault.Hang:
		call.Fault = "hang"
		s.record(call, 0, "", nil) // status 0: never answered
		<-r.Context().Done()
		return
	case fault != nil:
		call.Fault = fault.Code
		if fault.AfterApply && op != "" && s.checkAuth(r, body) == nil {
			s.dispatch(op, in, perr, &call) // the change happens; the answer is lost
		}
		aerr = errorf(fault.Status, fault.Code, "%s", fault.Message)
	case r.Method != http.MethodPost:
		aerr = errorf(http.StatusMethodNotAllowed, "UnknownOperationException", "method %s not allowed", r.Method)
	case op == "":
		aerr = errorf(http.StatusNotFound, "UnknownOperationException", "unknown operation %s", r.URL.Path)
	default:
		if aerr = s.checkAuth(r, body); aerr == nil {
			out, aerr = s.dispatch(op, in, perr, &call)
		}
	}
	if aerr != nil {
		status = aerr.status
		out, _ = json.Marshal(map[string]string{"__type": aerr.code, "message": aerr.message})
		w.Header().Set("X-Amzn-ErrorType", aerr.code)
	} else {
		status = http.StatusOK
	}
	code := ""
	if aerr != nil {
		code = aerr.code
		call.ErrorMessage = aerr.message
	}
	// Record before answering, so a client that saw the answer finds the call.
	s.record(call, status, code, out)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-Requestid", reqID)
	w.WriteHeader(status)
	w.Write(out)
}

func decode(body []byte) (map[string]any, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return map[string]any{}, nil
	}
	var in map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&in); err != nil || in == nil {
		return nil, fmt.Errorf("not a JSON object")
	}
	return in, nil
}

func (s *Server) dispatch(op string, in map[string]any, perr error, call *Call) ([]byte, *apiError) {
	if perr != nil {
		return nil, errorf(http.StatusBadRequest, "SerializationException", "request body is not a JSON object")
	}
	var errs, unknown []string
	validate("", inputs[op], in, &errs, &unknown)
	call.Unknown = unknown
	if s.opts.Strict && len(unknown) > 0 {
		errs = append(errs, fmt.Sprintf("Unknown member(s): %s", strings.Join(unknown, ", ")))
	}
	if len(errs) > 0 {
		word := "error"
		if len(errs) > 1 {
			word = "errors"
		}
		return nil, validationError("%d validation %s detected: %s", len(errs), word, strings.Join(errs, "; "))
	}
	var out any
	var aerr *apiError
	switch op {
	case opCreate:
		out, aerr = s.create(in)
	case opUpdate:
		out, aerr = s.update(in)
	case opDelete:
		out, aerr = s.delete(in)
	case opDescribe:
		out, aerr = s.describe(in)
	}
	if aerr != nil {
		return nil, aerr
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, errorf(http.StatusInternalServerError, "InternalServerException", "encode response")
	}
	return b, nil
}

func (s *Server) currentLatency() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.latency
}

func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
