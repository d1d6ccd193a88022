package cfnfake

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"
)

// Stack events and statuses, as CloudFormation keeps them: the function reads
// them (DescribeStacks, DescribeStackEvents) to prove it owned a profile.

// StackEvent is one entry of a stack's history.
type StackEvent struct {
	EventID, StackID, StackName     string
	LogicalResourceID, ResourceType string
	PhysicalResourceID              string
	ResourceStatus, Reason          string
	Time                            time.Time
}

// Invocation is what CloudFormation knows of a request to a custom resource
// as it sends it.
type Invocation struct {
	RequestType, RequestID, StackID, LogicalResourceID, PhysicalResourceID, ResourceType string
}

type stack struct {
	id, name, status string
	events           []StackEvent // oldest first
}

var eventCounter atomic.Int64

// StackName is the name part of a stack ARN (arn:...:stack/<name>/<id>), or
// the argument itself when it is no ARN.
func StackName(stackID string) string {
	if _, rest, ok := strings.Cut(stackID, ":stack/"); ok {
		name, _, _ := strings.Cut(rest, "/")
		return name
	}
	return stackID
}

// stackLocked returns the stack stackID names, adding it if new; s.mu is held.
func (s *Server) stackLocked(stackID string) *stack {
	if s.stacks == nil {
		s.stacks = map[string]*stack{}
	}
	st := s.stacks[stackID]
	if st == nil {
		st = &stack{id: stackID, name: StackName(stackID), status: "CREATE_IN_PROGRESS"}
		s.stacks[stackID] = st
	}
	return st
}

func (st *stack) record(logicalID, resourceType, physicalID, status, reason string) {
	st.events = append(st.events, StackEvent{
		EventID: fmt.Sprintf("%s-%d", logicalID, eventCounter.Add(1)), StackID: st.id, StackName: st.name,
		LogicalResourceID: logicalID, ResourceType: resourceType, PhysicalResourceID: physicalID,
		ResourceStatus: status, Reason: reason, Time: time.Now().UTC(),
	})
}

// SetStackStatus moves the stack into status (UPDATE_IN_PROGRESS,
// UPDATE_ROLLBACK_IN_PROGRESS, ...), with the stack event CloudFormation writes.
func (s *Server) SetStackStatus(stackID, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stackLocked(stackID)
	st.status = status
	st.record(st.name, "AWS::CloudFormation::Stack", stackID, status, "")
}

// Invoking records the resource's <TYPE>_IN_PROGRESS event, carrying the
// physical id it has, as CloudFormation does before it sends a request; the
// answer then records <TYPE>_COMPLETE or _FAILED with the id it carries.
func (s *Server) Invoking(inv Invocation) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.invocations == nil {
		s.invocations = map[string]Invocation{}
	}
	s.invocations[inv.RequestID] = inv
	reason := ""
	if inv.RequestType == "Update" {
		reason = "Requested update requires the creation of a new physical resource; hence creating one."
	}
	s.stackLocked(inv.StackID).record(inv.LogicalResourceID, inv.ResourceType, inv.PhysicalResourceID,
		strings.ToUpper(inv.RequestType)+"_IN_PROGRESS", reason)
}

// answeredLocked records the outcome of an invocation whose answer was accepted; s.mu is held.
func (s *Server) answeredLocked(r Response) {
	inv, ok := s.invocations[r.RequestID]
	if !ok {
		return
	}
	delete(s.invocations, r.RequestID)
	status := strings.ToUpper(inv.RequestType) + "_COMPLETE"
	if r.Status != "SUCCESS" {
		status = strings.ToUpper(inv.RequestType) + "_FAILED"
	}
	s.stackLocked(inv.StackID).record(inv.LogicalResourceID, inv.ResourceType, r.PhysicalResourceID, status, r.Reason)
}

// StackEvents returns the stack's events, newest first, as DescribeStackEvents does.
func (s *Server) StackEvents(stackID string) []StackEvent {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stacks[stackID]
	if st == nil {
		return nil
	}
	out := make([]StackEvent, len(st.events))
	for i, e := range st.events {
		out[len(out)-1-i] = e
	}
	return out
}
