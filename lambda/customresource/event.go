package customresource

import "encoding/json"

// RequestType is what CloudFormation asks of the resource.
type RequestType string

const (
	Create RequestType = "Create"
	Update RequestType = "Update"
	Delete RequestType = "Delete"
)

// Event is a custom resource request. The properties stay raw so that
// numbers keep the form they were written in.
type Event struct {
	RequestType           RequestType     `json:"RequestType"`
	RequestID             string          `json:"RequestId"`
	ResponseURL           string          `json:"ResponseURL"`
	ResourceType          string          `json:"ResourceType"`
	LogicalResourceID     string          `json:"LogicalResourceId"`
	StackID               string          `json:"StackId"`
	PhysicalResourceID    string          `json:"PhysicalResourceId,omitempty"`
	ResourceProperties    json.RawMessage `json:"ResourceProperties,omitempty"`
	OldResourceProperties json.RawMessage `json:"OldResourceProperties,omitempty"`
}
