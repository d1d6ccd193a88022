package customresource

import "encoding/json"

// Status is the outcome CloudFormation is told.
type Status string

const (
	Success Status = "SUCCESS"
	Failed  Status = "FAILED"
)

// MaxBodyBytes is the largest response CloudFormation accepts.
const MaxBodyBytes = 4096

// Response is the custom resource response object.
type Response struct {
	Status             Status            `json:"Status"`
	Reason             string            `json:"Reason,omitempty"`
	PhysicalResourceID string            `json:"PhysicalResourceId"`
	StackID            string            `json:"StackId"`
	RequestID          string            `json:"RequestId"`
	LogicalResourceID  string            `json:"LogicalResourceId"`
	Data               map[string]string `json:"Data,omitempty"`
}

// NewResponse answers ev with status, keeping the event's identifiers. A
// Reason longer than a response can hold is cut now, so that no larger text
// travels further (to a log line, say).
func NewResponse(ev Event, status Status, physicalID, reason string) Response {
	if len(reason) > MaxBodyBytes {
		reason = cut(reason, MaxBodyBytes) + ellipsis
	}
	return Response{
		Status:             status,
		Reason:             reason,
		PhysicalResourceID: physicalID,
		StackID:            ev.StackID,
		RequestID:          ev.RequestID,
		LogicalResourceID:  ev.LogicalResourceID,
	}
}

// Body is the response as JSON within MaxBodyBytes: a long Reason is cut, never the JSON.
func (r Response) Body() ([]byte, error) {
	body, err := json.Marshal(r)
	if err != nil || len(body) <= MaxBodyBytes {
		return body, err
	}
	room := MaxBodyBytes - (len(body) - jsonLen(r.Reason)) - jsonLen(ellipsis)
	r.Reason = cut(r.Reason, room) + ellipsis
	return json.Marshal(r)
}

const ellipsis = " [...]"

// cut keeps the longest prefix of s, in whole runes, whose JSON form fits in room bytes.
func cut(s string, room int) string {
	used := 0
	for i, c := range s {
		used += jsonLen(string(c))
		if used > room {
			return s[:i]
		}
	}
	return s
}

// jsonLen is the length of s once encoded as a JSON string, without the quotes.
func jsonLen(s string) int {
	b, _ := json.Marshal(s)
	return len(b) - 2
}
