package appflowfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/fault"
	"github.com/appflow-iac/connectorprofile/integ/sigv4"
	"github.com/appflow-iac/connectorprofile/integ/standin"
	"github.com/google/uuid"
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
	// SlashInstanceURL stores every instanceUrl with a trailing slash, so
	// that DescribeConnectorProfiles lists it otherwise than it was sent, as
	// AppFlow has been seen to normalise it. Off, the stand-in lists
	// properties byte for byte as received.
	SlashInstanceURL bool
	// Now is the clock; default time.Now.
	Now func() time.Time
}

// Server is a local stand-in for the Amazon AppFlow connector-profile API.
type Server struct {
	URL string // base URL, e.g. http://127.0.0.1:41234

	opts Options
	srv  *http.Server

	// CallLog holds every request received (Calls, CallsTo, Summary).
	standin.CallLog[Call]

	// Faults are the faults injected into the stand-in's answers.
	Faults fault.Queue

	mu       sync.Mutex
	profiles map[string]*profile
	tokens   map[string]tokenEntry
	inUse    map[string]bool
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
	var err error
	if s.srv, s.URL, err = standin.Listen(addr, s); err != nil {
		return nil, err
	}
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
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	op := paths[r.URL.Path]
	call := Call{Time: s.opts.Now(), Op: op, Path: r.URL.Path, RequestID: uuid.NewString(), Header: r.Header.Clone(),
		Body: body, Attempt: r.Header.Get("Amz-Sdk-Request")}
	in, perr := decode(body)
	call.Input = in
	f := s.Faults.Take(op)
	if !f.Wait(r.Context()) {
		call.Fault = f.String()
		s.record(call, 0, "", nil) // status 0: never answered
		return
	}
	var out []byte
	var aerr *apiError
	if !f.Skips() {
		out, aerr = s.handle(r, op, in, perr, body, &call)
	}
	if f.Answers() {
		call.Fault = f.String()
		if f.Kind != fault.Error {
			s.record(call, f.AnswerStatus(), "", nil)
			f.Serve(w, r)
			return
		}
		aerr = errorf(f.Status, f.Code, "%s", f.ErrorMessage(body))
	}
	status, code := http.StatusOK, ""
	if aerr != nil {
		status, code = aerr.status, aerr.code
		call.ErrorMessage = aerr.message
		out, _ = json.Marshal(map[string]string{"__type": aerr.code, "message": aerr.message})
		w.Header().Set("X-Amzn-ErrorType", aerr.code)
	}
	// Record before answering, so a client that saw the answer finds the call.
	s.record(call, status, code, out)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-Requestid", call.RequestID)
	w.WriteHeader(status)
	w.Write(out)
}

// handle carries a request out, as the service would.
func (s *Server) handle(r *http.Request, op string, in map[string]any, perr error, body []byte, call *Call) ([]byte, *apiError) {
	switch {
	case r.Method != http.MethodPost:
		return nil, errorf(http.StatusMethodNotAllowed, "UnknownOperationException", "method %s not allowed", r.Method)
	case op == "":
		return nil, errorf(http.StatusNotFound, "UnknownOperationException", "unknown operation %s", r.URL.Path)
	}
	if f := sigv4.Verify(r, body, "appflow", s.opts.Region, s.opts.Credentials); f != nil {
		return nil, errorf(f.Status, f.Code, "%s", f.Message)
	}
	return s.dispatch(op, in, perr, call)
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
