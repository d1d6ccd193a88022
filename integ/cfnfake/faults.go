package cfnfake

import "net/http"

// APIFault is an injected failure of the next Count matching API requests,
// as the AppFlow stand-in's faults are.
type APIFault struct {
	Action  string // "DescribeStacks", "DescribeStackEvents"; "" matches any
	Count   int    // matching requests to fail; < 0 means every one
	Hang    bool   // hold the request until the client gives up or the server closes
	Status  int    // HTTP status of the error response
	Code    string // the error's Code
	Message string
}

// InjectAPI queues a fault. Faults are consumed in the order they were added.
func (s *Server) InjectAPI(f APIFault) {
	if f.Count == 0 {
		f.Count = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apiFaults = append(s.apiFaults, &f)
}

// DenyAPI answers every API request with AccessDenied, as for a role without
// the cloudformation:Describe* permissions.
func (s *Server) DenyAPI() {
	s.InjectAPI(APIFault{Count: -1, Status: http.StatusForbidden, Code: "AccessDenied",
		Message: "User: arn:aws:sts::123456789012:assumed-role/provider/fn is not authorized to perform: cloudformation:DescribeStacks"})
}

func (s *Server) takeAPIFault(action string) *APIFault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.apiFaults {
		if f.Action != "" && f.Action != action {
			continue
		}
		taken := *f
		if f.Count > 0 {
			f.Count--
			if f.Count == 0 {
				s.apiFaults = append(s.apiFaults[:i:i], s.apiFaults[i+1:]...)
			}
		}
		return &taken
	}
	return nil
}
