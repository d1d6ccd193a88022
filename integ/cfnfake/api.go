package cfnfake

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/fault"
	"github.com/appflow-iac/connectorprofile/integ/sigv4"
	"github.com/google/uuid"
)

// The CloudFormation API speaks AWS's query protocol: a form-encoded POST to
// "/" naming an Action, answered in XML.
const apiNamespace = "http://cloudformation.amazonaws.com/doc/2010-05-15/"

// APICall is one request the API received.
type APICall struct {
	Time   time.Time
	Action string
	Form   url.Values
	Status int
	Code   string // the error code answered, if any
}

// apiError is an error as the query protocol carries it.
type apiError struct {
	status          int
	kind, code, msg string
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	form, _ := url.ParseQuery(string(body))
	call := APICall{Time: time.Now(), Action: form.Get("Action"), Form: form}
	f := s.APIFaults.Take(call.Action)
	if !f.Wait(r.Context()) {
		call.Code = f.String()
		s.apiCalls.Add(call)
		return
	}
	var out any
	var aerr *apiError
	if !f.Skips() {
		s.mu.Lock()
		region, creds := s.region, s.credentials
		s.mu.Unlock()
		if fail := sigv4.Verify(r, body, "cloudformation", region, creds); fail != nil {
			aerr = &apiError{fail.Status, "Sender", fail.Code, fail.Message}
		} else {
			out, aerr = s.dispatch(form)
		}
	}
	if f.Answers() {
		if f.Kind != fault.Error {
			call.Status, call.Code = f.AnswerStatus(), f.String()
			s.apiCalls.Add(call)
			f.Serve(w, r)
			return
		}
		aerr = &apiError{f.Status, "Sender", f.Code, f.ErrorMessage(body)}
		if f.Status >= 500 {
			aerr.kind = "Receiver"
		}
	}
	call.Status = http.StatusOK
	if aerr != nil {
		call.Status, call.Code = aerr.status, aerr.code
		out = errorResponse{Xmlns: apiNamespace, Error: errorBody{Type: aerr.kind, Code: aerr.code, Message: aerr.msg}, RequestID: uuid.NewString()}
	}
	s.apiCalls.Add(call)
	b, _ := xml.Marshal(out)
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", uuid.NewString())
	w.WriteHeader(call.Status)
	io.WriteString(w, xml.Header)
	w.Write(b)
}

func (s *Server) dispatch(form url.Values) (any, *apiError) {
	if v := form.Get("Version"); v != "2010-05-15" {
		return nil, &apiError{http.StatusBadRequest, "Sender", "InvalidParameterValue", fmt.Sprintf("Version %q is not 2010-05-15", v)}
	}
	name := form.Get("StackName")
	switch form.Get("Action") {
	case "DescribeStacks":
		st, aerr := s.find(name)
		if aerr != nil {
			return nil, aerr
		}
		return describeStacksResponse{Xmlns: apiNamespace, Result: describeStacksResult{Stacks: []stackXML{st}}, Meta: meta()}, nil
	case "DescribeStackEvents":
		if name == "" {
			return nil, &apiError{http.StatusBadRequest, "Sender", "ValidationError", "1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null"}
		}
		st, aerr := s.find(name)
		if aerr != nil {
			return nil, aerr
		}
		return s.eventsPage(st.StackID, form.Get("NextToken"))
	}
	return nil, &apiError{http.StatusBadRequest, "Sender", "InvalidAction", fmt.Sprintf("Could not find operation %s for version 2010-05-15", form.Get("Action"))}
}

// find describes the stack named by its id (or, for a running stack, its name).
func (s *Server) find(name string) (stackXML, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.stacks {
		if st.id == name || st.name == name {
			return stackXML{StackID: st.id, StackName: st.name, StackStatus: st.status, CreationTime: st.events[0].Time}, nil
		}
	}
	if name == "" {
		return stackXML{}, &apiError{http.StatusBadRequest, "Sender", "ValidationError", "this stand-in describes one named stack at a time"}
	}
	return stackXML{}, &apiError{http.StatusBadRequest, "Sender", "ValidationError", fmt.Sprintf("Stack with id %s does not exist", name)}
}

func (s *Server) eventsPage(stackID, token string) (any, *apiError) {
	events := s.StackEvents(stackID)
	from := 0
	if token != "" {
		n, err := strconv.Atoi(token)
		if err != nil || n < 0 || n > len(events) {
			return nil, &apiError{http.StatusBadRequest, "Sender", "ValidationError", "Invalid NextToken"}
		}
		from = n
	}
	to := min(from+s.eventsPerPage(), len(events))
	res := describeStackEventsResult{}
	for _, e := range events[from:to] {
		res.Events = append(res.Events, eventXML(e))
	}
	if to < len(events) {
		res.NextToken = strconv.Itoa(to)
	}
	return describeStackEventsResponse{Xmlns: apiNamespace, Result: res, Meta: meta()}, nil
}

func (s *Server) eventsPerPage() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pageSize > 0 {
		return s.pageSize
	}
	return 100
}

// SetEventsPerPage sets how many events one DescribeStackEvents page holds.
func (s *Server) SetEventsPerPage(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pageSize = n
}

// RequireSignature makes the API check SigV4 for region against these keys
// (access key to secret key); with none, any signed request is taken.
func (s *Server) RequireSignature(region string, credentials map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.region, s.credentials = region, credentials
}

// APICalls returns every API request received so far.
func (s *Server) APICalls() []APICall { return s.apiCalls.Calls() }

// Operation is the call's action.
func (c APICall) Operation() string { return c.Action }

// The XML shapes of the answers.

type responseMetadata struct {
	RequestID string `xml:"RequestId"`
}

func meta() responseMetadata { return responseMetadata{RequestID: uuid.NewString()} }

type stackXML struct {
	StackID      string    `xml:"StackId"`
	StackName    string    `xml:"StackName"`
	StackStatus  string    `xml:"StackStatus"`
	CreationTime time.Time `xml:"CreationTime"`
}

type describeStacksResult struct {
	Stacks []stackXML `xml:"Stacks>member"`
}

type describeStacksResponse struct {
	XMLName xml.Name             `xml:"DescribeStacksResponse"`
	Xmlns   string               `xml:"xmlns,attr"`
	Result  describeStacksResult `xml:"DescribeStacksResult"`
	Meta    responseMetadata     `xml:"ResponseMetadata"`
}

type stackEventXML struct {
	EventID              string    `xml:"EventId"`
	StackID              string    `xml:"StackId"`
	StackName            string    `xml:"StackName"`
	LogicalResourceID    string    `xml:"LogicalResourceId"`
	PhysicalResourceID   string    `xml:"PhysicalResourceId"`
	ResourceType         string    `xml:"ResourceType"`
	Timestamp            time.Time `xml:"Timestamp"`
	ResourceStatus       string    `xml:"ResourceStatus"`
	ResourceStatusReason string    `xml:"ResourceStatusReason,omitempty"`
}

func eventXML(e StackEvent) stackEventXML {
	return stackEventXML{e.EventID, e.StackID, e.StackName, e.LogicalResourceID, e.PhysicalResourceID, e.ResourceType, e.Time, e.ResourceStatus, e.Reason}
}

type describeStackEventsResult struct {
	Events    []stackEventXML `xml:"StackEvents>member"`
	NextToken string          `xml:"NextToken,omitempty"`
}

type describeStackEventsResponse struct {
	XMLName xml.Name                  `xml:"DescribeStackEventsResponse"`
	Xmlns   string                    `xml:"xmlns,attr"`
	Result  describeStackEventsResult `xml:"DescribeStackEventsResult"`
	Meta    responseMetadata          `xml:"ResponseMetadata"`
}

type errorBody struct {
	Type    string `xml:"Type"`
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

type errorResponse struct {
	XMLName   xml.Name  `xml:"ErrorResponse"`
	Xmlns     string    `xml:"xmlns,attr"`
	Error     errorBody `xml:"Error"`
	RequestID string    `xml:"RequestId"`
}
