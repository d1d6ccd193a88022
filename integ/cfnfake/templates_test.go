package cfnfake_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/integ/cfnfake"
	"github.com/appflow-iac/connectorprofile/integ/cfnresolve"
	"github.com/appflow-iac/connectorprofile/lambda/template"
)

const twoProfiles = `
Parameters:
  Name: {Type: String, Default: a}
  WithC: {Type: String, Default: "no"}
Conditions:
  C: !Equals [!Ref WithC, "yes"]
Resources:
  B:
    Type: Custom::Thing
    Properties:
      ServiceToken: !ImportValue Provider
      From: !GetAtt A.Arn
      Count: 3
      On: true
  A:
    Type: Custom::Thing
    Properties:
      ServiceToken: !ImportValue Provider
      Name: !Ref Name
  C:
    Type: Custom::Thing
    Condition: C
    Properties:
      ServiceToken: !ImportValue Provider
Outputs:
  A: {Value: !Ref A}
`

// TestTemplateStack follows a stack's life: Create in the order of
// references, with CloudFormation's strings; an Update that replaces A and
// so B, then deletes the old A in the clean-up; Delete in reverse order.
func TestTemplateStack(t *testing.T) {
	s, err := cfnfake.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tmpl, err := template.Decode([]byte(twoProfiles))
	if err != nil {
		t.Fatal(err)
	}
	const id = "arn:aws:cloudformation:us-east-1:123456789012:stack/s/1"
	ts := s.TemplateStack(tmpl, cfnresolve.Stack{Partition: "aws", Region: "us-east-1", AccountID: "123456789012", StackID: id,
		Exports: map[string]string{"Provider": "arn:aws:lambda:us-east-1:123456789012:function:p"}})
	var sent []string
	send := func(req cfnfake.Request) (cfnfake.Response, error) {
		physical := req.PhysicalResourceID
		if req.RequestType != "Delete" {
			physical = fmt.Sprintf("%s-%v", req.LogicalResourceID, req.ResourceProperties["Name"])
		}
		sent = append(sent, fmt.Sprintf("%s %s %s %v", req.RequestType, req.LogicalResourceID, req.PhysicalResourceID, req.ResourceProperties))
		return cfnfake.Response{Status: "SUCCESS", PhysicalResourceID: physical, Data: map[string]any{"Arn": "arn:" + physical}}, nil
	}
	if err := ts.Create(send); err != nil {
		t.Fatal(err)
	}
	if out, err := ts.Outputs(); err != nil || out["A"] != "A-a" {
		t.Errorf("outputs %v, %v", out, err)
	}
	if err := ts.Update(map[string]string{"Name": "b"}, send); err != nil {
		t.Fatal(err)
	}
	if err := ts.Delete(send); err != nil {
		t.Fatal(err)
	}
	token := "ServiceToken:arn:aws:lambda:us-east-1:123456789012:function:p"
	want := []string{
		"Create A  map[Name:a " + token + "]",
		"Create B  map[Count:3 From:arn:A-a On:true " + token + "]",
		"Update A A-a map[Name:b " + token + "]",
		"Update B B-<nil> map[Count:3 From:arn:A-b On:true " + token + "]",
		"Delete A A-a map[Name:a " + token + "]",
		"Delete B B-<nil> map[Count:3 From:arn:A-b On:true " + token + "]",
		"Delete A A-b map[Name:b " + token + "]",
	}
	if diff := cmp.Diff(want, sent); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	var statuses []string
	for _, e := range s.StackEvents(id) {
		if e.ResourceType == "AWS::CloudFormation::Stack" {
			statuses = append([]string{e.ResourceStatus}, statuses...)
		}
	}
	if got := strings.Join(statuses, " "); got != "CREATE_IN_PROGRESS CREATE_COMPLETE UPDATE_IN_PROGRESS UPDATE_COMPLETE_CLEANUP_IN_PROGRESS UPDATE_COMPLETE DELETE_IN_PROGRESS DELETE_COMPLETE" {
		t.Errorf("stack statuses %s", got)
	}
}

func TestTemplateStackFailures(t *testing.T) {
	s, err := cfnfake.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ok := func(req cfnfake.Request) (cfnfake.Response, error) {
		return cfnfake.Response{Status: "SUCCESS", PhysicalResourceID: "p"}, nil
	}
	for _, tc := range []struct{ name, tmpl, want string }{
		{"not custom", "Resources: {Q: {Type: AWS::SQS::Queue}}", "custom resources only"},
		{"a reference to nothing", "Resources: {X: {Type: Custom::T, Properties: {ServiceToken: t, A: !GetAtt Y.Arn}}}", "resolve X"},
		{"no import", "Resources: {X: {Type: Custom::T, Properties: {ServiceToken: !ImportValue Missing}}}", "no export"},
	} {
		tmpl, err := template.Decode([]byte(tc.tmpl))
		if err != nil {
			t.Fatal(err)
		}
		err = s.TemplateStack(tmpl, cfnresolve.Stack{StackID: "stack/" + tc.name}).Create(ok)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	tmpl, _ := template.Decode([]byte("Resources: {X: {Type: Custom::T, Properties: {ServiceToken: t}}}"))
	failed := func(req cfnfake.Request) (cfnfake.Response, error) {
		return cfnfake.Response{Status: "FAILED", Reason: "no", PhysicalResourceID: "p"}, nil
	}
	if err := s.TemplateStack(tmpl, cfnresolve.Stack{StackID: "stack/failed"}).Create(failed); err == nil || !strings.Contains(err.Error(), "FAILED: no") {
		t.Errorf("a FAILED create: %v", err)
	}
}
