package handler

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/smithy-go"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
)

// fakeAppFlow records calls; each func field, when set, decides that call's answer.
type fakeAppFlow struct {
	mu       sync.Mutex
	calls    []string
	inputs   []any
	create   func(context.Context, *appflow.CreateConnectorProfileInput) (*appflow.CreateConnectorProfileOutput, error)
	update   func(context.Context, *appflow.UpdateConnectorProfileInput) (*appflow.UpdateConnectorProfileOutput, error)
	delete   func(context.Context, *appflow.DeleteConnectorProfileInput) (*appflow.DeleteConnectorProfileOutput, error)
	describe func(context.Context, *appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error)
}

func (f *fakeAppFlow) record(op string, in any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, op)
	f.inputs = append(f.inputs, in)
}

func (f *fakeAppFlow) callList() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

func arnOf(name *string) *string {
	return aws.String("arn:aws:appflow:us-east-1:123456789012:connectorprofile/" + aws.ToString(name))
}

func (f *fakeAppFlow) CreateConnectorProfile(ctx context.Context, in *appflow.CreateConnectorProfileInput, _ ...func(*appflow.Options)) (*appflow.CreateConnectorProfileOutput, error) {
	f.record("Create", in)
	if f.create != nil {
		return f.create(ctx, in)
	}
	return &appflow.CreateConnectorProfileOutput{ConnectorProfileArn: arnOf(in.ConnectorProfileName)}, nil
}

func (f *fakeAppFlow) UpdateConnectorProfile(ctx context.Context, in *appflow.UpdateConnectorProfileInput, _ ...func(*appflow.Options)) (*appflow.UpdateConnectorProfileOutput, error) {
	f.record("Update", in)
	if f.update != nil {
		return f.update(ctx, in)
	}
	return &appflow.UpdateConnectorProfileOutput{ConnectorProfileArn: arnOf(in.ConnectorProfileName)}, nil
}

func (f *fakeAppFlow) DeleteConnectorProfile(ctx context.Context, in *appflow.DeleteConnectorProfileInput, _ ...func(*appflow.Options)) (*appflow.DeleteConnectorProfileOutput, error) {
	f.record("Delete", in)
	if f.delete != nil {
		return f.delete(ctx, in)
	}
	return &appflow.DeleteConnectorProfileOutput{}, nil
}

func (f *fakeAppFlow) DescribeConnectorProfiles(ctx context.Context, in *appflow.DescribeConnectorProfilesInput, _ ...func(*appflow.Options)) (*appflow.DescribeConnectorProfilesOutput, error) {
	f.record("Describe", in)
	if f.describe != nil {
		return f.describe(ctx, in)
	}
	var details []types.ConnectorProfile
	for _, name := range in.ConnectorProfileNames {
		details = append(details, detailOf(name))
	}
	return &appflow.DescribeConnectorProfilesOutput{ConnectorProfileDetails: details}, nil
}

// detailOf is what AppFlow lists for the Salesforce profile of salesforce().
func detailOf(name string) types.ConnectorProfile {
	return types.ConnectorProfile{
		ConnectorProfileName: aws.String(name),
		ConnectorProfileArn:  arnOf(aws.String(name)),
		CredentialsArn:       aws.String(dataFor(name)["CredentialsArn"]),
		ConnectorType:        types.ConnectorTypeSalesforce,
		ConnectionMode:       types.ConnectionModePublic,
	}
}

func apiError(code, message string) error {
	return &smithy.GenericAPIError{Code: code, Message: message}
}

// answer returns a fake call that answers err.
func answer[In, Out any](err error) func(context.Context, *In) (*Out, error) {
	return func(context.Context, *In) (*Out, error) { return nil, err }
}

// hang returns a fake call that answers only when its context ends, as the
// SDK does when a service does not answer.
func hang[In, Out any]() func(context.Context, *In) (*Out, error) {
	return func(ctx context.Context, _ *In) (*Out, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
}

// fakeCloudFormation is a stack: its status and its events, newest first.
type fakeCloudFormation struct {
	mu     sync.Mutex
	calls  []string
	status cfntypes.StackStatus
	events []cfntypes.StackEvent
	err    error // every call's answer, when set
}

func (f *fakeCloudFormation) DescribeStacks(_ context.Context, in *cloudformation.DescribeStacksInput, _ ...func(*cloudformation.Options)) (*cloudformation.DescribeStacksOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "DescribeStacks")
	if f.err != nil {
		return nil, f.err
	}
	status := f.status
	if status == "" {
		status = cfntypes.StackStatusUpdateInProgress
	}
	return &cloudformation.DescribeStacksOutput{Stacks: []cfntypes.Stack{{StackId: in.StackName, StackStatus: status}}}, nil
}

// DescribeStackEvents answers two events a page.
func (f *fakeCloudFormation) DescribeStackEvents(_ context.Context, in *cloudformation.DescribeStackEventsInput, _ ...func(*cloudformation.Options)) (*cloudformation.DescribeStackEventsOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "DescribeStackEvents")
	if f.err != nil {
		return nil, f.err
	}
	from := 0
	if in.NextToken != nil {
		json.Unmarshal([]byte(*in.NextToken), &from)
	}
	to := min(from+2, len(f.events))
	out := &cloudformation.DescribeStackEventsOutput{StackEvents: f.events[from:to]}
	if to < len(f.events) {
		b, _ := json.Marshal(to)
		out.NextToken = aws.String(string(b))
	}
	return out, nil
}

// rollingBack is a stack rolling back the replacement of Profile's profile
// from old to renamed, with unrelated events on either side.
func rollingBack(old, renamed string) *fakeCloudFormation {
	ev := func(logicalID, physicalID string, status cfntypes.ResourceStatus) cfntypes.StackEvent {
		return cfntypes.StackEvent{LogicalResourceId: aws.String(logicalID), PhysicalResourceId: aws.String(physicalID), ResourceStatus: status}
	}
	return &fakeCloudFormation{
		status: cfntypes.StackStatusUpdateRollbackInProgress,
		events: []cfntypes.StackEvent{
			ev("Profile", renamed, cfntypes.ResourceStatusUpdateInProgress),
			ev("app", stackID, cfntypes.ResourceStatusUpdateRollbackInProgress),
			ev("Other", "other-1", cfntypes.ResourceStatusUpdateFailed),
			ev("Profile", renamed, cfntypes.ResourceStatusUpdateComplete),
			ev("Profile", renamed, cfntypes.ResourceStatusUpdateInProgress),
			ev("Profile", old, cfntypes.ResourceStatusUpdateInProgress),
			ev("app", stackID, cfntypes.ResourceStatusUpdateInProgress),
			ev("Profile", "older-name", cfntypes.ResourceStatusCreateComplete),
		},
	}
}

// fakeSecrets holds secrets by id; a missing one is ResourceNotFoundException.
type fakeSecrets map[string]string

func (f fakeSecrets) GetSecretValue(_ context.Context, in *secretsmanager.GetSecretValueInput, _ ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error) {
	value, ok := f[aws.ToString(in.SecretId)]
	if !ok {
		return nil, apiError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.")
	}
	return &secretsmanager.GetSecretValueOutput{ARN: in.SecretId, SecretString: aws.String(value)}, nil
}

// cloudFormation is the ResponseURL: it records each response body.
type cloudFormation struct {
	mu        sync.Mutex
	failFirst int
	status    int
	bodies    [][]byte
	server    *httptest.Server
}

func newCloudFormation(t *testing.T) *cloudFormation {
	cf := &cloudFormation{}
	cf.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		cf.mu.Lock()
		defer cf.mu.Unlock()
		cf.bodies = append(cf.bodies, body)
		everything.Write(append(body, '\n'))
		switch {
		case len(cf.bodies) <= cf.failFirst:
			w.WriteHeader(http.StatusServiceUnavailable)
		case cf.status != 0:
			w.WriteHeader(cf.status)
		}
	}))
	t.Cleanup(cf.server.Close)
	return cf
}

func (cf *cloudFormation) url() string {
	return cf.server.URL + "/stack/response?X-Amz-Signature=presigned"
}

func (cf *cloudFormation) responses(t *testing.T) []customresource.Response {
	t.Helper()
	cf.mu.Lock()
	defer cf.mu.Unlock()
	var out []customresource.Response
	for _, b := range cf.bodies {
		var r customresource.Response
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("response body %s: %v", b, err)
		}
		out = append(out, r)
	}
	return out
}

// lockedBuffer collects log output from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// everything holds every log line and response body of the package's tests,
// for TestMain to scan for credentials once they have all run.
var everything lockedBuffer

// testTiming shares out time as DefaultTiming does, without its floors and
// with a quarter for the work, so that a test's deadline can be short.
var testTiming = Timing{
	Settle:  Reserve{Share: 0.3, Max: time.Second},
	Deliver: Reserve{Share: 0.4, Max: time.Second},
	Margin:  Reserve{Share: 0.05, Max: time.Second},
	MinWork: 10 * time.Millisecond,
}

func newTestHandler(api AppFlow, cfn CloudFormation, logs io.Writer) *Handler {
	if cfn == nil {
		cfn = &fakeCloudFormation{}
	}
	clients := Clients{AppFlow: api, CloudFormation: cfn, SecretsManager: fakeSecrets{}}
	h := New(clients, slog.New(slog.NewJSONHandler(io.MultiWriter(logs, &everything), nil)))
	h.Sender.FirstBackoff, h.Sender.MaxBackoff = time.Millisecond, 5*time.Millisecond
	h.Timing = testTiming
	return h
}

// handle hands ev to h as Lambda would.
func handle(ctx context.Context, h *Handler, ev customresource.Event) error {
	payload, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	_, err = h.Invoke(ctx, payload)
	return err
}
