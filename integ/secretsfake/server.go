package secretsfake

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
	opCreate = "CreateSecret"
	opPut    = "PutSecretValue"
	opGet    = "GetSecretValue"

	targetPrefix = "secretsmanager."
	contentType  = "application/x-amz-json-1.1"
)

// Options configures a Server. The zero value is usable.
type Options struct {
	Region  string // default us-east-1; requests signed for another region are rejected
	Account string // default 123456789012
	// Credentials maps access key IDs to secret keys. When the signing key
	// is listed, the SigV4 signature is verified too.
	Credentials map[string]string
	Now         func() time.Time // the clock; default time.Now
}

// Server is a local stand-in for AWS Secrets Manager.
type Server struct {
	URL string // base URL, e.g. http://127.0.0.1:41235

	// Faults are the faults injected into the stand-in's answers (Op: the
	// operation, e.g. "GetSecretValue").
	Faults fault.Queue

	opts Options
	srv  *http.Server

	// CallLog holds every request received (Calls, CallsTo, Summary).
	standin.CallLog[Call]

	mu      sync.Mutex
	secrets map[string]*secret // by name
}

// New returns an unstarted Server; use it as an http.Handler.
func New(opts Options) *Server {
	if opts.Region == "" {
		opts.Region = "us-east-1"
	}
	if opts.Account == "" {
		opts.Account = "123456789012"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Server{opts: opts, secrets: map[string]*secret{}}
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

// apiError is an error as awsJson1_1 carries it.
type apiError struct {
	status  int
	code    string
	message string
}

func errorf(code, format string, a ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, code: code, message: fmt.Sprintf(format, a...)}
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	op, _ := strings.CutPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	call := Call{Time: s.opts.Now(), Op: op, RequestID: uuid.NewString(), Attempt: r.Header.Get("Amz-Sdk-Request"), Body: body}
	f := s.Faults.Take(op)
	if !f.Wait(r.Context()) {
		call.Fault = f.String()
		s.Add(call) // status 0: never answered
		return
	}
	var out any
	var aerr *apiError
	if !f.Skips() {
		out, aerr = s.handle(r, op, body, &call)
	}
	if f.Answers() {
		call.Fault = f.String()
		if f.Kind != fault.Error {
			call.Status = f.AnswerStatus()
			s.Add(call)
			f.Serve(w, r)
			return
		}
		aerr = &apiError{status: f.Status, code: f.Code, message: f.ErrorMessage(body)}
	}
	call.Status = http.StatusOK
	if aerr != nil {
		call.Status, call.ErrorCode, call.ErrorMessage = aerr.status, aerr.code, aerr.message
		out = map[string]string{"__type": aerr.code, "message": aerr.message}
		w.Header().Set("X-Amzn-ErrorType", aerr.code)
	}
	call.Response, _ = json.Marshal(out)
	// Record before answering, so a client that saw the answer finds the call.
	s.Add(call)
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Amzn-Requestid", call.RequestID)
	w.WriteHeader(call.Status)
	w.Write(call.Response)
}

// handle carries a request out, as the service would.
func (s *Server) handle(r *http.Request, op string, body []byte, call *Call) (any, *apiError) {
	model, known := inputs[op]
	switch {
	case r.Method != http.MethodPost || r.URL.Path != "/":
		return nil, &apiError{http.StatusNotFound, "UnknownOperationException", fmt.Sprintf("%s %s: the API takes POST /", r.Method, r.URL.Path)}
	case !known:
		return nil, errorf("UnknownOperationException", "X-Amz-Target %q names no operation of this stand-in", r.Header.Get("X-Amz-Target"))
	case r.Header.Get("Content-Type") != contentType:
		return nil, errorf("SerializationException", "Content-Type must be %s", contentType)
	}
	if f := sigv4.Verify(r, body, "secretsmanager", s.opts.Region, s.opts.Credentials); f != nil {
		return nil, &apiError{f.Status, f.Code, f.Message}
	}
	in, ok := decode(body)
	if !ok {
		return nil, errorf("SerializationException", "the request body is not a JSON object")
	}
	call.Input = in
	var errs, unimplemented []string
	validate("", model, in, &errs, &unimplemented)
	switch {
	case len(errs) == 1:
		return nil, errorf("ValidationException", "1 validation error detected: %s", errs[0])
	case len(errs) > 1:
		return nil, errorf("ValidationException", "%d validation errors detected: %s", len(errs), strings.Join(errs, "; "))
	case len(unimplemented) > 0:
		return nil, &apiError{http.StatusNotImplemented, "NotImplemented", "the Secrets Manager stand-in does not implement " + strings.Join(unimplemented, ", ")}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch op {
	case opCreate:
		return s.create(in)
	case opPut:
		return s.put(in)
	default:
		return s.get(in)
	}
}

func decode(body []byte) (map[string]any, bool) {
	if len(bytes.TrimSpace(body)) == 0 {
		return map[string]any{}, true
	}
	var in map[string]any
	return in, json.Unmarshal(body, &in) == nil && in != nil
}
