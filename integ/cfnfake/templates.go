package cfnfake

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/appflow-iac/connectorprofile/integ/cfnresolve"
)

// A template's stack: what CloudFormation sends the custom resources of a
// template when it creates, updates and deletes the stack. The template is
// resolved with package cfnresolve; the requests go out through a Send, which
// delivers them to the provider, and the stack's status and events are
// recorded as for any other stack.

// Request is one request CloudFormation sends a custom resource; scalars in
// its properties are strings, as CloudFormation sends them.
type Request struct {
	RequestType, RequestID, StackID           string
	LogicalResourceID, ResourceType           string
	PhysicalResourceID, ServiceToken          string
	ResourceProperties, OldResourceProperties map[string]any
}

// Send delivers a request to its provider and returns the response
// CloudFormation took.
type Send func(Request) (Response, error)

// TemplateStack is a stack made from a template.
type TemplateStack struct {
	server   *Server
	template map[string]any
	stack    cfnresolve.Stack
	order    []string                  // custom resources in the order created
	props    map[string]map[string]any // the properties each was last sent
}

// TemplateStack makes a stack of template (long form, see template.Decode)
// with the account, parameters, exports and dynamic references in stack;
// stack.StackID names it.
func (s *Server) TemplateStack(template map[string]any, stack cfnresolve.Stack) *TemplateStack {
	stack.Resources = maps.Clone(stack.Resources)
	if stack.Resources == nil {
		stack.Resources = map[string]cfnresolve.Resource{}
	}
	return &TemplateStack{server: s, template: template, stack: stack, props: map[string]map[string]any{}}
}

// Create sends every custom resource a Create, each after those its
// properties refer to.
func (ts *TemplateStack) Create(send Send) error {
	ts.server.SetStackStatus(ts.stack.StackID, "CREATE_IN_PROGRESS")
	resolver, err := cfnresolve.New(ts.template, ts.stack)
	if err != nil {
		return ts.fail("CREATE_FAILED", err)
	}
	resources, _ := ts.template["Resources"].(map[string]any)
	var pending []string
	for _, id := range slices.Sorted(maps.Keys(resources)) {
		res, _ := resources[id].(map[string]any)
		typ, _ := res["Type"].(string)
		if !custom(typ) {
			return ts.fail("CREATE_FAILED", fmt.Errorf("%s is a %s: the stand-in creates custom resources only", id, typ))
		}
		if cond, ok := res["Condition"].(string); ok {
			if on, err := resolver.Condition(cond); err != nil || !on {
				continue
			}
		}
		pending = append(pending, id)
	}
	for len(pending) > 0 {
		var later []string
		var lastErr error
		for _, id := range pending {
			props, err := ts.properties(resolver, id)
			if err != nil { // it may refer to a resource not created yet
				later, lastErr = append(later, id), err
				continue
			}
			req := ts.request("Create", id, "", props, nil)
			resp, err := send(req)
			if err == nil && resp.Status != "SUCCESS" {
				err = fmt.Errorf("FAILED: %s", resp.Reason)
			}
			if err != nil {
				return ts.fail("CREATE_FAILED", fmt.Errorf("create %s: %w", id, err))
			}
			ts.created(id, props, resp)
			ts.order = append(ts.order, id)
			resolver, _ = cfnresolve.New(ts.template, ts.stack)
		}
		if len(later) == len(pending) {
			return ts.fail("CREATE_FAILED", fmt.Errorf("resolve %s: %w", later[0], lastErr))
		}
		pending = later
	}
	ts.server.SetStackStatus(ts.stack.StackID, "CREATE_COMPLETE")
	return nil
}

// Update changes parameters and sends an Update to each custom resource
// whose properties change; one that answers a new physical id was replaced,
// and the old id gets its Delete in the clean-up, as CloudFormation does.
func (ts *TemplateStack) Update(parameters map[string]string, send Send) error {
	ts.server.SetStackStatus(ts.stack.StackID, "UPDATE_IN_PROGRESS")
	next := ts.stack
	next.Parameters = maps.Clone(ts.stack.Parameters)
	if next.Parameters == nil {
		next.Parameters = map[string]string{}
	}
	maps.Copy(next.Parameters, parameters)
	resolver, err := cfnresolve.New(ts.template, next)
	if err != nil {
		return ts.fail("UPDATE_ROLLBACK_COMPLETE", err)
	}
	ts.stack = next
	var replaced []Request
	for _, id := range ts.order {
		props, err := ts.properties(resolver, id)
		if err != nil {
			return ts.fail("UPDATE_ROLLBACK_COMPLETE", fmt.Errorf("resolve %s: %w", id, err))
		}
		old := ts.props[id]
		if reflect.DeepEqual(props, old) {
			continue
		}
		physical := ts.stack.Resources[id].Ref
		resp, err := send(ts.request("Update", id, physical, props, old))
		if err == nil && resp.Status != "SUCCESS" {
			err = fmt.Errorf("FAILED: %s", resp.Reason)
		}
		if err != nil {
			return ts.fail("UPDATE_ROLLBACK_IN_PROGRESS", fmt.Errorf("update %s: %w", id, err))
		}
		if resp.PhysicalResourceID != physical {
			replaced = append(replaced, ts.request("Delete", id, physical, old, nil))
		}
		ts.created(id, props, resp)
		resolver, _ = cfnresolve.New(ts.template, ts.stack)
	}
	ts.server.SetStackStatus(ts.stack.StackID, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
	for _, req := range replaced {
		if resp, err := send(req); err != nil || resp.Status != "SUCCESS" {
			return ts.fail("UPDATE_COMPLETE", fmt.Errorf("delete the replaced %s: %v %s", req.LogicalResourceID, err, resp.Reason))
		}
	}
	ts.server.SetStackStatus(ts.stack.StackID, "UPDATE_COMPLETE")
	return nil
}

// Delete sends every custom resource a Delete, in the reverse order of
// creation.
func (ts *TemplateStack) Delete(send Send) error {
	ts.server.SetStackStatus(ts.stack.StackID, "DELETE_IN_PROGRESS")
	for _, id := range slices.Backward(ts.order) {
		resp, err := send(ts.request("Delete", id, ts.stack.Resources[id].Ref, ts.props[id], nil))
		if err == nil && resp.Status != "SUCCESS" {
			err = fmt.Errorf("FAILED: %s", resp.Reason)
		}
		if err != nil {
			return ts.fail("DELETE_FAILED", fmt.Errorf("delete %s: %w", id, err))
		}
	}
	ts.order = nil
	ts.server.SetStackStatus(ts.stack.StackID, "DELETE_COMPLETE")
	return nil
}

// Outputs resolves the template's outputs with what the resources answered.
func (ts *TemplateStack) Outputs() (map[string]any, error) {
	resolver, err := cfnresolve.New(ts.template, ts.stack)
	if err != nil {
		return nil, err
	}
	outputs, _ := ts.template["Outputs"].(map[string]any)
	out := map[string]any{}
	for name, o := range outputs {
		v, err := resolver.Resolve(o.(map[string]any)["Value"])
		if err != nil {
			return nil, fmt.Errorf("output %s: %w", name, err)
		}
		out[name] = v
	}
	return out, nil
}

func (ts *TemplateStack) properties(resolver *cfnresolve.Template, id string) (map[string]any, error) {
	res := ts.template["Resources"].(map[string]any)[id].(map[string]any)
	props, err := resolver.Resolve(res["Properties"])
	if err != nil {
		return nil, err
	}
	m, ok := wire(props).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s has no properties", id)
	}
	if _, ok := m["ServiceToken"].(string); !ok {
		return nil, fmt.Errorf("%s has no ServiceToken", id)
	}
	return m, nil
}

func (ts *TemplateStack) request(requestType, id, physical string, props, old map[string]any) Request {
	typ := ts.template["Resources"].(map[string]any)[id].(map[string]any)["Type"].(string)
	return Request{
		RequestType: requestType, RequestID: uuid.NewString(), StackID: ts.stack.StackID,
		LogicalResourceID: id, ResourceType: typ, PhysicalResourceID: physical,
		ServiceToken: props["ServiceToken"].(string), ResourceProperties: props, OldResourceProperties: old,
	}
}

// created keeps what a resource answered: its physical id for Ref and its
// Data for Fn::GetAtt.
func (ts *TemplateStack) created(id string, props map[string]any, resp Response) {
	attrs := map[string]string{}
	for k, v := range resp.Data {
		attrs[k] = fmt.Sprint(v)
	}
	ts.stack.Resources[id] = cfnresolve.Resource{Ref: resp.PhysicalResourceID, Attributes: attrs}
	ts.props[id] = props
}

func (ts *TemplateStack) fail(status string, err error) error {
	ts.server.SetStackStatus(ts.stack.StackID, status)
	return err
}

func custom(resourceType string) bool {
	return strings.HasPrefix(resourceType, "Custom::") || resourceType == "AWS::CloudFormation::CustomResource"
}

// wire turns every scalar into the string CloudFormation sends a custom
// resource.
func wire(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = wire(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = wire(x)
		}
		return out
	case json.Number:
		return v.String()
	case bool:
		return fmt.Sprint(v)
	}
	return v
}
