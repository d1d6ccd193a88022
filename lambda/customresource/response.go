package customresource

import (
	"encoding/json"
	"unicode/utf8"
)

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
	NoEcho             bool              `json:"NoEcho,omitempty"`
	Data               map[string]string `json:"Data,omitempty"`
}

// NewResponse answers ev with status, keeping the event's identifiers.
func NewResponse(ev Event, status Status, physicalID, reason string) Response {
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
	for {
		body, err := json.Marshal(r)
		if err != nil || len(body) <= MaxBodyBytes || r.Reason == "" {
			return body, err
		}
		r.Reason = cut(r.Reason, len(body)-MaxBodyBytes)
	}
}

const ellipsis = " [...]"

// cut drops at least excess bytes from the end of s, on a rune boundary, and marks the cut.
func cut(s string, excess int) string {
	keep := len(s) - excess - len(ellipsis)
	if keep <= 0 {
		return ""
	}
	for keep > 0 && !utf8.RuneStart(s[keep]) {
		keep--
	}
	return s[:keep] + ellipsis
}
