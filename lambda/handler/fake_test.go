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
	"github.com/aws/smithy-go"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
)

// fakeAppFlow records calls; each func field, when set, decides that call's answer.
type fakeAppFlow struct {
	mu       sync.Mutex
	calls    []string
	create   func(*appflow.CreateConnectorProfileInput) (*appflow.CreateConnectorProfileOutput, error)
	update   func(*appflow.UpdateConnectorProfileInput) (*appflow.UpdateConnectorProfileOutput, error)
	delete   func(*appflow.DeleteConnectorProfileInput) (*appflow.DeleteConnectorProfileOutput, error)
	describe func(*appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error)
	block    bool // every call waits for its context to end
	inputs   []any
}

func (f *fakeAppFlow) record(ctx context.Context, op string, in any) error {
	f.mu.Lock()
	f.calls = append(f.calls, op)
	f.inputs = append(f.inputs, in)
	f.mu.Unlock()
	if f.block {
		<-ctx.Done()
		return ctx.Err()
	}
	return nil
}

func arnOf(name *string) *string {
	return aws.String("arn:aws:appflow:us-east-1:123456789012:connectorprofile/" + aws.ToString(name))
}

func (f *fakeAppFlow) CreateConnectorProfile(ctx context.Context, in *appflow.CreateConnectorProfileInput, _ ...func(*appflow.Options)) (*appflow.CreateConnectorProfileOutput, error) {
	if err := f.record(ctx, "Create", in); err != nil {
		return nil, err
	}
	if f.create != nil {
		return f.create(in)
	}
	return &appflow.CreateConnectorProfileOutput{ConnectorProfileArn: arnOf(in.ConnectorProfileName)}, nil
}

func (f *fakeAppFlow) UpdateConnectorProfile(ctx context.Context, in *appflow.UpdateConnectorProfileInput, _ ...func(*appflow.Options)) (*appflow.UpdateConnectorProfileOutput, error) {
	if err := f.record(ctx, "Update", in); err != nil {
		return nil, err
	}
	if f.update != nil {
		return f.update(in)
	}
	return &appflow.UpdateConnectorProfileOutput{ConnectorProfileArn: arnOf(in.ConnectorProfileName)}, nil
}

func (f *fakeAppFlow) DeleteConnectorProfile(ctx context.Context, in *appflow.DeleteConnectorProfileInput, _ ...func(*appflow.Options)) (*appflow.DeleteConnectorProfileOutput, error) {
	if err := f.record(ctx, "Delete", in); err != nil {
		return nil, err
	}
	if f.delete != nil {
		return f.delete(in)
	}
	return &appflow.DeleteConnectorProfileOutput{}, nil
}

func (f *fakeAppFlow) DescribeConnectorProfiles(ctx context.Context, in *appflow.DescribeConnectorProfilesInput, _ ...func(*appflow.Options)) (*appflow.DescribeConnectorProfilesOutput, error) {
	if err := f.record(ctx, "Describe", in); err != nil {
		return nil, err
	}
	if f.describe != nil {
		return f.describe(in)
	}
	var details []types.ConnectorProfile
	for _, name := range in.ConnectorProfileNames {
		details = append(details, types.ConnectorProfile{
			ConnectorProfileName: aws.String(name),
			ConnectorProfileArn:  arnOf(aws.String(name)),
			CredentialsArn:       aws.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:appflow!123456789012-" + name + "-1-abcdef"),
		})
	}
	return &appflow.DescribeConnectorProfilesOutput{ConnectorProfileDetails: details}, nil
}

func apiError(code, message string) error {
	return &smithy.GenericAPIError{Code: code, Message: message}
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

func newTestHandler(api AppFlow, logs io.Writer) *Handler {
	h := New(api, slog.New(slog.NewJSONHandler(io.MultiWriter(logs, &everything), nil)))
	h.Sender.FirstBackoff, h.Sender.MaxBackoff = time.Millisecond, 5*time.Millisecond
	return h
}
