package appflowfake_test

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/fault"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/aws/smithy-go"
)

const (
	accessKey = "AKIDEXAMPLEFAKE"
	secretKey = "fake-secret-do-not-use"
)

func start(t *testing.T, opts appflowfake.Options) (*appflowfake.Server, *appflow.Client) {
	t.Helper()
	if opts.Credentials == nil {
		opts.Credentials = map[string]string{accessKey: secretKey}
	}
	opts.Strict = true
	srv, err := appflowfake.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, client(srv.URL, "us-east-1", secretKey)
}

func client(url, region, secret string) *appflow.Client {
	return appflow.New(appflow.Options{
		Region:       region,
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider(accessKey, secret, ""),
	})
}

func datadog(name string) *appflow.CreateConnectorProfileInput {
	return &appflow.CreateConnectorProfileInput{
		ConnectorProfileName: aws.String(name),
		ConnectorType:        types.ConnectorTypeDatadog,
		ConnectionMode:       types.ConnectionModePublic,
		ConnectorProfileConfig: &types.ConnectorProfileConfig{
			ConnectorProfileProperties: &types.ConnectorProfileProperties{
				Datadog: &types.DatadogConnectorProfileProperties{InstanceUrl: aws.String("https://api.datadoghq.com")},
			},
			ConnectorProfileCredentials: &types.ConnectorProfileCredentials{
				Datadog: &types.DatadogConnectorProfileCredentials{ApiKey: aws.String("api-key-secret-1"), ApplicationKey: aws.String("app-key-secret-1")},
			},
		},
	}
}

func errorCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

func TestLifecycle(t *testing.T) {
	srv, c := start(t, appflowfake.Options{})
	ctx := context.Background()
	out, err := c.CreateConnectorProfile(ctx, datadog("p1"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := aws.ToString(out.ConnectorProfileArn), "arn:aws:appflow:us-east-1:123456789012:connectorprofile/p1"; got != want {
		t.Errorf("arn = %q, want %q", got, want)
	}
	d, err := c.DescribeConnectorProfiles(ctx, &appflow.DescribeConnectorProfilesInput{ConnectorProfileNames: []string{"p1"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.ConnectorProfileDetails) != 1 {
		t.Fatalf("describe returned %d profiles", len(d.ConnectorProfileDetails))
	}
	p := d.ConnectorProfileDetails[0]
	if !regexp.MustCompile(`^arn:aws:secretsmanager:us-east-1:123456789012:secret:appflow!123456789012-p1-\d{13}-[A-Za-z0-9]{6}$`).MatchString(aws.ToString(p.CredentialsArn)) {
		t.Errorf("credentialsArn = %q", aws.ToString(p.CredentialsArn))
	}
	if p.CreatedAt == nil || time.Since(*p.CreatedAt) > time.Minute {
		t.Errorf("createdAt = %v", p.CreatedAt)
	}
	if aws.ToString(p.ConnectorProfileProperties.Datadog.InstanceUrl) != "https://api.datadoghq.com" {
		t.Errorf("properties not returned: %+v", p.ConnectorProfileProperties)
	}
	for _, call := range srv.Calls() {
		if strings.Contains(string(call.Response), "secret-1") {
			t.Errorf("%s response contains a credential", call.Op)
		}
	}
	_, err = c.UpdateConnectorProfile(ctx, &appflow.UpdateConnectorProfileInput{
		ConnectorProfileName: aws.String("p1"), ConnectionMode: types.ConnectionModePrivate,
		ConnectorProfileConfig: datadog("p1").ConnectorProfileConfig,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := srv.Get("p1"); got.ConnectionMode != "Private" {
		t.Errorf("mode after update = %q", got.ConnectionMode)
	}
	if _, err := c.DeleteConnectorProfile(ctx, &appflow.DeleteConnectorProfileInput{ConnectorProfileName: aws.String("p1")}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DeleteConnectorProfile(ctx, &appflow.DeleteConnectorProfileInput{ConnectorProfileName: aws.String("p1")})
	if got := errorCode(err); got != "ResourceNotFoundException" {
		t.Errorf("second delete: %v", err)
	}
	d, err = c.DescribeConnectorProfiles(ctx, &appflow.DescribeConnectorProfilesInput{ConnectorProfileNames: []string{"p1"}})
	if err != nil || len(d.ConnectorProfileDetails) != 0 {
		t.Errorf("describe after delete: %v %v", d, err)
	}
	summary := srv.Summary()
	if strings.Contains(summary, "secret-1") || !strings.Contains(summary, "CreateConnectorProfile connectorProfileName=p1") {
		t.Errorf("summary:\n%s", summary)
	}
	if red := srv.CallsTo("CreateConnectorProfile")[0].Redacted(); strings.Contains(red, "secret-1") || !strings.Contains(red, `"apiKey":"***"`) {
		t.Errorf("redacted = %s", red)
	}
}

// SlashInstanceURL lists an instanceUrl otherwise than it was sent.
func TestSlashInstanceURL(t *testing.T) {
	srv, c := start(t, appflowfake.Options{SlashInstanceURL: true})
	ctx := context.Background()
	if _, err := c.CreateConnectorProfile(ctx, datadog("p1")); err != nil {
		t.Fatal(err)
	}
	d, err := c.DescribeConnectorProfiles(ctx, &appflow.DescribeConnectorProfilesInput{ConnectorProfileNames: []string{"p1"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(d.ConnectorProfileDetails[0].ConnectorProfileProperties.Datadog.InstanceUrl); got != "https://api.datadoghq.com/" {
		t.Errorf("instanceUrl listed as %q, want a trailing slash", got)
	}
	in := srv.CallsTo("CreateConnectorProfile")[0].Input
	cfg, _ := in["connectorProfileConfig"].(map[string]any)
	props, _ := cfg["connectorProfileProperties"].(map[string]any)
	if dd, _ := props["Datadog"].(map[string]any); dd["instanceUrl"] != "https://api.datadoghq.com" {
		t.Errorf("the request as recorded changed: %v", props)
	}
}

func TestStateErrors(t *testing.T) {
	srv, c := start(t, appflowfake.Options{Quota: 2})
	ctx := context.Background()
	if _, err := c.CreateConnectorProfile(ctx, datadog("a")); err != nil {
		t.Fatal(err)
	}
	_, err := c.CreateConnectorProfile(ctx, datadog("a"))
	var conflict *types.ConflictException
	if !errors.As(err, &conflict) {
		t.Errorf("duplicate name: %v", err)
	}
	srv.Seed("b", "Datadog")
	_, err = c.CreateConnectorProfile(ctx, datadog("c"))
	var quota *types.ServiceQuotaExceededException
	if !errors.As(err, &quota) {
		t.Errorf("over quota: %v", err)
	}
	_, err = c.UpdateConnectorProfile(ctx, &appflow.UpdateConnectorProfileInput{
		ConnectorProfileName: aws.String("missing"), ConnectionMode: types.ConnectionModePublic,
		ConnectorProfileConfig: datadog("x").ConnectorProfileConfig,
	})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("update missing: %v", err)
	}
	srv.SetInUse("a", true)
	_, err = c.DeleteConnectorProfile(ctx, &appflow.DeleteConnectorProfileInput{ConnectorProfileName: aws.String("a")})
	if !errors.As(err, &conflict) {
		t.Errorf("delete in use: %v", err)
	}
	if _, err = c.DeleteConnectorProfile(ctx, &appflow.DeleteConnectorProfileInput{ConnectorProfileName: aws.String("a"), ForceDelete: true}); err != nil {
		t.Errorf("force delete: %v", err)
	}
}

func TestClientTokenReplay(t *testing.T) {
	srv, c := start(t, appflowfake.Options{})
	ctx := context.Background()
	in := datadog("t1")
	in.ClientToken = aws.String("token-1")
	first, err := c.CreateConnectorProfile(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.CreateConnectorProfile(ctx, in)
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	if aws.ToString(again.ConnectorProfileArn) != aws.ToString(first.ConnectorProfileArn) {
		t.Errorf("replay arn %q != %q", aws.ToString(again.ConnectorProfileArn), aws.ToString(first.ConnectorProfileArn))
	}
	other := datadog("t2")
	other.ClientToken = aws.String("token-1")
	_, err = c.CreateConnectorProfile(ctx, other)
	var conflict *types.ConflictException
	if !errors.As(err, &conflict) {
		t.Errorf("same token, different input: %v", err)
	}
	if len(srv.Profiles()) != 1 {
		t.Errorf("profiles = %d, want 1", len(srv.Profiles()))
	}
}

func TestValidation(t *testing.T) {
	_, c := start(t, appflowfake.Options{})
	ctx := context.Background()
	tests := map[string]struct {
		mutate func(*appflow.CreateConnectorProfileInput)
		want   string
	}{
		"name pattern":    {func(in *appflow.CreateConnectorProfileInput) { in.ConnectorProfileName = aws.String("create-failed:x") }, "'connectorProfileName'"},
		"name empty":      {func(in *appflow.CreateConnectorProfileInput) { in.ConnectorProfileName = aws.String("") }, "'connectorProfileName'"},
		"type enum":       {func(in *appflow.CreateConnectorProfileInput) { in.ConnectorType = "Datadogg" }, "enum value set"},
		"mode enum":       {func(in *appflow.CreateConnectorProfileInput) { in.ConnectionMode = "public" }, "'connectionMode'"},
		"kms prefix":      {func(in *appflow.CreateConnectorProfileInput) { in.KmsArn = aws.String("arn:aws-cn:kms:x:1:key/abcd") }, "'kmsArn'"},
		"label too short": {func(in *appflow.CreateConnectorProfileInput) { in.ConnectorLabel = aws.String("a") }, "'connectorLabel'"},
		"instanceUrl spaces": {func(in *appflow.CreateConnectorProfileInput) {
			in.ConnectorProfileConfig.ConnectorProfileProperties.Datadog.InstanceUrl = aws.String("a b")
		}, "connectorProfileProperties.Datadog.instanceUrl"},
		"missing nested": {func(in *appflow.CreateConnectorProfileInput) {
			in.ConnectorProfileConfig.ConnectorProfileCredentials.Datadog.ApplicationKey = aws.String("")
		}, "connectorProfileCredentials.Datadog.applicationKey"},
		"key mismatch": {func(in *appflow.CreateConnectorProfileInput) {
			in.ConnectorType = types.ConnectorTypeDynatrace
		}, "does not match connectorType"},
		"custom needs label": {func(in *appflow.CreateConnectorProfileInput) {
			in.ConnectorType = types.ConnectorTypeCustomconnector
			in.ConnectorProfileConfig = &types.ConnectorProfileConfig{ConnectorProfileProperties: &types.ConnectorProfileProperties{}}
		}, "connectorLabel is required"},
		"sapodata port": {func(in *appflow.CreateConnectorProfileInput) {
			in.ConnectorType = types.ConnectorTypeSapodata
			in.ConnectorProfileConfig = &types.ConnectorProfileConfig{ConnectorProfileProperties: &types.ConnectorProfileProperties{
				SAPOData: &types.SAPODataConnectorProfileProperties{ApplicationHostUrl: aws.String("https://sap.example.com"),
					ApplicationServicePath: aws.String("/sap/opu"), PortNumber: aws.Int32(70000), ClientNumber: aws.String("12")}}}
		}, "portNumber' failed to satisfy constraint: Member must have value less than or equal to 65535"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			in := datadog("v-" + strings.ReplaceAll(name, " ", "-"))
			tc.mutate(in)
			_, err := c.CreateConnectorProfile(ctx, in)
			var v *types.ValidationException
			if !errors.As(err, &v) || !strings.Contains(v.ErrorMessage(), tc.want) {
				t.Fatalf("err = %v, want ValidationException containing %q", err, tc.want)
			}
			if strings.Contains(v.ErrorMessage(), "secret-1") {
				t.Errorf("message quotes a credential: %s", v.ErrorMessage())
			}
		})
	}
}

func TestFaults(t *testing.T) {
	srv, c := start(t, appflowfake.Options{})
	ctx := context.Background()
	srv.Faults.Inject(fault.Fault{Count: 2, Kind: fault.Error, Status: http.StatusTooManyRequests, Code: "ThrottlingException", Message: "Rate exceeded"})
	if _, err := c.CreateConnectorProfile(ctx, datadog("f1")); err != nil {
		t.Fatalf("after 2 throttles: %v", err)
	}
	calls := srv.CallsTo("CreateConnectorProfile")
	if len(calls) != 3 || calls[0].Status != http.StatusTooManyRequests || calls[0].Fault != "ThrottlingException" || calls[2].Attempt != "attempt=3; max=3" {
		t.Errorf("calls: %v", calls)
	}
	if tok := calls[0].Input["clientToken"]; tok == nil || tok != calls[2].Input["clientToken"] {
		t.Errorf("retries should reuse the clientToken")
	}
	srv.Faults.Inject(fault.Fault{Count: 3, Kind: fault.Error, Status: http.StatusInternalServerError, Code: "InternalServerException", Message: "An internal error occurred."})
	_, err := c.DescribeConnectorProfiles(ctx, &appflow.DescribeConnectorProfilesInput{})
	if got := errorCode(err); got != "InternalServerException" {
		t.Errorf("after 3 5xx: %v", err)
	}
	srv.Faults.Inject(fault.Fault{Op: "DeleteConnectorProfile", Kind: fault.Error, Status: 403, Code: "AccessDeniedException", Message: "no"})
	if _, err := c.DescribeConnectorProfiles(ctx, &appflow.DescribeConnectorProfilesInput{}); err != nil {
		t.Errorf("fault for another op hit describe: %v", err)
	}
	srv.Faults.Clear()
	srv.Faults.Inject(fault.Fault{Kind: fault.Hang})
	hctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	_, err = c.DescribeConnectorProfiles(hctx, &appflow.DescribeConnectorProfilesInput{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("hang: err=%v, want the caller's deadline", err)
	}
	srv.Faults.Inject(fault.Fault{Delay: 200 * time.Millisecond})
	start := time.Now()
	if _, err := c.DescribeConnectorProfiles(ctx, &appflow.DescribeConnectorProfilesInput{}); err != nil || time.Since(start) < 200*time.Millisecond {
		t.Errorf("latency: err=%v after %v", err, time.Since(start))
	}
}

// A fault after acting loses the answer to a change that was made.
func TestFaultAfterActing(t *testing.T) {
	srv, c := start(t, appflowfake.Options{})
	srv.Faults.Inject(fault.Fault{Op: "CreateConnectorProfile", Count: -1, Kind: fault.Truncate, After: true})
	if _, err := c.CreateConnectorProfile(context.Background(), datadog("lost")); err == nil {
		t.Fatal("a truncated answer was taken for a good one")
	}
	if _, ok := srv.Get("lost"); !ok {
		t.Error("the profile was not created before the answer was spoilt")
	}
	if calls := srv.CallsTo("CreateConnectorProfile"); len(calls) != 1 || calls[0].Status != http.StatusOK || calls[0].Fault != "truncated body after acting" {
		t.Errorf("calls: %v", calls)
	}
}

func TestAuth(t *testing.T) {
	srv, _ := start(t, appflowfake.Options{})
	ctx := context.Background()
	tests := map[string]struct {
		c    *appflow.Client
		want string
	}{
		"wrong secret": {client(srv.URL, "us-east-1", "nope"), "InvalidSignatureException"},
		"wrong region": {client(srv.URL, "eu-west-1", secretKey), "InvalidSignatureException"},
	}
	for name, tc := range tests {
		_, err := tc.c.DescribeConnectorProfiles(ctx, &appflow.DescribeConnectorProfilesInput{})
		if got := errorCode(err); got != tc.want {
			t.Errorf("%s: %v", name, err)
		}
	}
	resp, err := http.Post(srv.URL+"/describe-connector-profiles", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 || resp.Header.Get("X-Amzn-ErrorType") != "MissingAuthenticationTokenException" || resp.Header.Get("X-Amzn-Requestid") == "" {
		t.Errorf("unsigned: %d %v", resp.StatusCode, resp.Header)
	}
}

func TestDescribePagination(t *testing.T) {
	srv, c := start(t, appflowfake.Options{})
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		srv.Seed(n, "Datadog")
	}
	srv.Seed("z", "Slack")
	p := appflow.NewDescribeConnectorProfilesPaginator(c, &appflow.DescribeConnectorProfilesInput{
		ConnectorType: types.ConnectorTypeDatadog, MaxResults: aws.Int32(2)})
	var names []string
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, d := range out.ConnectorProfileDetails {
			names = append(names, aws.ToString(d.ConnectorProfileName))
		}
	}
	if got := strings.Join(names, ","); got != "a,b,c,d,e" || pages != 3 {
		t.Errorf("names = %s over %d pages", got, pages)
	}
}
