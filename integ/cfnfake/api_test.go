package cfnfake_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/smithy-go"

	"github.com/appflow-iac/connectorprofile/integ/cfnfake"
	"github.com/appflow-iac/connectorprofile/integ/fault"
)

const stackID = "arn:aws:cloudformation:us-east-1:123456789012:stack/app/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"

func apiClient(s *cfnfake.Server, secret string) *cloudformation.Client {
	return cloudformation.New(cloudformation.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDCFNFAKE", secret, ""),
	})
}

func startAPI(t *testing.T) *cfnfake.Server {
	t.Helper()
	s, err := cfnfake.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.RequireSignature("us-east-1", map[string]string{"AKIDCFNFAKE": "secret"})
	return s
}

// A replacement and its rollback, as the function reads them through the SDK.
func TestAPITellsARollbackFromItsEvents(t *testing.T) {
	s := startAPI(t)
	s.SetEventsPerPage(2)
	s.SetStackStatus(stackID, "CREATE_IN_PROGRESS")
	s.Invoking(cfnfake.Invocation{RequestType: "Create", RequestID: "r1", StackID: stackID, LogicalResourceID: "Profile", ResourceType: "Custom::AppFlowConnectorProfile"})
	answer(t, s, "r1", "sales")
	s.SetStackStatus(stackID, "CREATE_COMPLETE")
	s.SetStackStatus(stackID, "UPDATE_IN_PROGRESS")
	s.Invoking(cfnfake.Invocation{RequestType: "Update", RequestID: "r2", StackID: stackID, LogicalResourceID: "Profile", PhysicalResourceID: "sales", ResourceType: "Custom::AppFlowConnectorProfile"})
	answer(t, s, "r2", "sales-v2")
	s.SetStackStatus(stackID, "UPDATE_ROLLBACK_IN_PROGRESS")

	ctx := context.Background()
	client := apiClient(s, "secret")
	stacks, err := client.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(stackID)})
	if err != nil {
		t.Fatal(err)
	}
	if len(stacks.Stacks) != 1 || stacks.Stacks[0].StackStatus != types.StackStatusUpdateRollbackInProgress || aws.ToString(stacks.Stacks[0].StackName) != "app" {
		t.Fatalf("stacks = %+v", stacks.Stacks)
	}
	var got []string
	pages := cloudformation.NewDescribeStackEventsPaginator(client, &cloudformation.DescribeStackEventsInput{StackName: aws.String("app")})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.StackEvents {
			got = append(got, aws.ToString(e.LogicalResourceId)+" "+string(e.ResourceStatus)+" "+aws.ToString(e.PhysicalResourceId))
		}
	}
	want := []string{
		"app UPDATE_ROLLBACK_IN_PROGRESS " + stackID,
		"Profile UPDATE_COMPLETE sales-v2",
		"Profile UPDATE_IN_PROGRESS sales",
		"app UPDATE_IN_PROGRESS " + stackID,
		"app CREATE_COMPLETE " + stackID,
		"Profile CREATE_COMPLETE sales",
		"Profile CREATE_IN_PROGRESS ",
		"app CREATE_IN_PROGRESS " + stackID,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events, newest first:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func answer(t *testing.T, s *cfnfake.Server, requestID, physicalID string) {
	t.Helper()
	body := `{"Status":"SUCCESS","PhysicalResourceId":"` + physicalID + `","StackId":"` + stackID + `","RequestId":"` + requestID + `","LogicalResourceId":"Profile"}`
	if status := put(t, s.ResponseURL(stackID, "Profile", requestID), "", body); status != http.StatusOK {
		t.Fatalf("PUT answered %d", status)
	}
}

func TestAPIErrors(t *testing.T) {
	tests := []struct {
		name     string
		fault    *fault.Fault
		secret   string
		stack    string
		wantCode string
	}{
		{name: "access denied", fault: &cfnfake.DeniedAPI, wantCode: "AccessDenied"},
		{name: "throttled past the SDK's retries", fault: &fault.Fault{Count: 3, Kind: fault.Error, Status: 400, Code: "Throttling", Message: "Rate exceeded"}, wantCode: "Throttling"},
		{name: "a wrong signature", secret: "wrong", wantCode: "InvalidSignatureException"},
		{name: "an unknown stack", stack: "arn:aws:cloudformation:us-east-1:123456789012:stack/other/1", wantCode: "ValidationError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startAPI(t)
			s.SetStackStatus(stackID, "UPDATE_IN_PROGRESS")
			if tt.fault != nil {
				s.APIFaults.Inject(*tt.fault)
			}
			secret, stack := "secret", stackID
			if tt.secret != "" {
				secret = tt.secret
			}
			if tt.stack != "" {
				stack = tt.stack
			}
			_, err := apiClient(s, secret).DescribeStacks(context.Background(), &cloudformation.DescribeStacksInput{StackName: aws.String(stack)})
			var apiErr smithy.APIError
			if !errors.As(err, &apiErr) || apiErr.ErrorCode() != tt.wantCode {
				t.Fatalf("err = %v, want %s", err, tt.wantCode)
			}
		})
	}
}

func TestAPIHangsUntilTheClientGivesUp(t *testing.T) {
	s := startAPI(t)
	s.SetStackStatus(stackID, "UPDATE_IN_PROGRESS")
	s.APIFaults.Inject(fault.Fault{Op: "DescribeStacks", Kind: fault.Hang})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := apiClient(s, "secret").DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(stackID)})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the client's deadline", err)
	}
	if calls := s.APICalls(); len(calls) != 1 || calls[0].Code != "hang" {
		t.Errorf("calls = %+v", calls)
	}
}
