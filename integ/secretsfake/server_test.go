package secretsfake_test

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/smithy-go"

	"github.com/appflow-iac/connectorprofile/integ/fault"
	"github.com/appflow-iac/connectorprofile/integ/secretsfake"
)

const (
	accessKey = "AKIDEXAMPLEFAKE"
	secretKey = "fake-secret-do-not-use"
)

func start(t *testing.T) (*secretsfake.Server, *secretsmanager.Client) {
	t.Helper()
	srv, err := secretsfake.Start(secretsfake.Options{Credentials: map[string]string{accessKey: secretKey}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, client(srv.URL, "us-east-1", secretKey)
}

func client(url, region, secret string) *secretsmanager.Client {
	return secretsmanager.New(secretsmanager.Options{
		Region:       region,
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider(accessKey, secret, ""),
	})
}

func errorCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

func mustCreate(t *testing.T, c *secretsmanager.Client, name, value string) *secretsmanager.CreateSecretOutput {
	t.Helper()
	out, err := c.CreateSecret(context.Background(), &secretsmanager.CreateSecretInput{Name: aws.String(name), SecretString: aws.String(value)})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustGet(t *testing.T, c *secretsmanager.Client, in *secretsmanager.GetSecretValueInput) *secretsmanager.GetSecretValueOutput {
	t.Helper()
	out, err := c.GetSecretValue(context.Background(), in)
	if err != nil {
		t.Fatalf("GetSecretValue %s: %v", aws.ToString(in.SecretId), err)
	}
	return out
}

var arnRE = regexp.MustCompile(`^arn:aws:secretsmanager:us-east-1:123456789012:secret:appflow/sales-[A-Za-z0-9]{6}$`)

func TestSecretIsFoundByNameAndARN(t *testing.T) {
	_, c := start(t)
	created := mustCreate(t, c, "appflow/sales", `{"apiKey": "v1"}`)
	arn := aws.ToString(created.ARN)
	if !arnRE.MatchString(arn) || aws.ToString(created.Name) != "appflow/sales" || len(aws.ToString(created.VersionId)) < 32 {
		t.Fatalf("CreateSecret answered ARN %q, Name %q, VersionId %q", arn, aws.ToString(created.Name), aws.ToString(created.VersionId))
	}
	for _, id := range []string{"appflow/sales", arn, strings.TrimSuffix(arn, arn[len(arn)-7:])} {
		got := mustGet(t, c, &secretsmanager.GetSecretValueInput{SecretId: aws.String(id)})
		if aws.ToString(got.SecretString) != `{"apiKey": "v1"}` || aws.ToString(got.ARN) != arn ||
			aws.ToString(got.VersionId) != aws.ToString(created.VersionId) || !slices.Equal(got.VersionStages, []string{"AWSCURRENT"}) {
			t.Errorf("GetSecretValue %s: %q %s %s %v", id, aws.ToString(got.SecretString), aws.ToString(got.ARN), aws.ToString(got.VersionId), got.VersionStages)
		}
		if got.CreatedDate == nil || time.Since(*got.CreatedDate) > time.Minute {
			t.Errorf("CreatedDate %v", got.CreatedDate)
		}
	}
	for _, id := range []string{"appflow/sale", arn[:len(arn)-1] + "x", strings.Replace(arn, "us-east-1", "eu-west-1", 1), "appflow/sales-" + arn[len(arn)-6:]} {
		_, err := c.GetSecretValue(context.Background(), &secretsmanager.GetSecretValueInput{SecretId: aws.String(id)})
		if errorCode(err) != "ResourceNotFoundException" || !strings.Contains(err.Error(), "can't find the specified secret") {
			t.Errorf("GetSecretValue %s: %v, want ResourceNotFoundException", id, err)
		}
	}
}

func TestPutSecretValueMovesTheLabels(t *testing.T) {
	_, c := start(t)
	ctx := context.Background()
	first := mustCreate(t, c, "rotating", "v1")
	put, err := c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: first.ARN, SecretString: aws.String("v2")})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(put.VersionStages, []string{"AWSCURRENT"}) || aws.ToString(put.VersionId) == aws.ToString(first.VersionId) {
		t.Errorf("PutSecretValue answered %s %v", aws.ToString(put.VersionId), put.VersionStages)
	}
	pending, err := c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String("rotating"), SecretString: aws.String("v3"),
		VersionStages: []string{"AWSPENDING"}})
	if err != nil {
		t.Fatal(err)
	}
	for stage, want := range map[string]string{"": "v2", "AWSCURRENT": "v2", "AWSPREVIOUS": "v1", "AWSPENDING": "v3"} {
		in := &secretsmanager.GetSecretValueInput{SecretId: aws.String("rotating")}
		if stage != "" {
			in.VersionStage = aws.String(stage)
		}
		if got := aws.ToString(mustGet(t, c, in).SecretString); got != want {
			t.Errorf("stage %q: %q, want %q", stage, got, want)
		}
	}
	byID := mustGet(t, c, &secretsmanager.GetSecretValueInput{SecretId: aws.String("rotating"), VersionId: first.VersionId})
	if aws.ToString(byID.SecretString) != "v1" || !slices.Equal(byID.VersionStages, []string{"AWSPREVIOUS"}) {
		t.Errorf("by VersionId: %q %v", aws.ToString(byID.SecretString), byID.VersionStages)
	}
	_, err = c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("rotating"), VersionId: pending.VersionId,
		VersionStage: aws.String("AWSCURRENT")})
	if errorCode(err) != "ResourceNotFoundException" {
		t.Errorf("a VersionId without the VersionStage asked for: %v", err)
	}
}

func TestClientRequestTokenMakesOneVersion(t *testing.T) {
	_, c := start(t)
	ctx := context.Background()
	mustCreate(t, c, "idem", "v1")
	token := "0123456789abcdef0123456789abcdef"
	in := &secretsmanager.PutSecretValueInput{SecretId: aws.String("idem"), SecretString: aws.String("v2"), ClientRequestToken: aws.String(token)}
	for range 2 {
		out, err := c.PutSecretValue(ctx, in)
		if err != nil || aws.ToString(out.VersionId) != token {
			t.Fatalf("PutSecretValue: %v %v", out, err)
		}
	}
	if prev := mustGet(t, c, &secretsmanager.GetSecretValueInput{SecretId: aws.String("idem"), VersionStage: aws.String("AWSPREVIOUS")}); aws.ToString(prev.SecretString) != "v1" {
		t.Errorf("the repeated Put made another version: AWSPREVIOUS holds %q", aws.ToString(prev.SecretString))
	}
	in.SecretString = aws.String("v3")
	if _, err := c.PutSecretValue(ctx, in); errorCode(err) != "ResourceExistsException" {
		t.Errorf("another value with the same token: %v, want ResourceExistsException", err)
	}
}

func TestStateErrors(t *testing.T) {
	srv, c := start(t)
	ctx := context.Background()
	created := mustCreate(t, c, "doomed", "v1")
	if _, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("doomed"), SecretString: aws.String("v1")}); errorCode(err) != "ResourceExistsException" {
		t.Errorf("CreateSecret of an existing name: %v", err)
	}
	if _, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("two"), SecretString: aws.String("s"), SecretBinary: []byte("b")}); errorCode(err) != "InvalidParameterException" {
		t.Errorf("CreateSecret with a string and a binary: %v", err)
	}
	if _, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("no spaces")}); errorCode(err) != "InvalidParameterException" {
		t.Errorf("CreateSecret with a space in the name: %v", err)
	}
	if _, err := c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String("doomed")}); errorCode(err) != "InvalidParameterException" {
		t.Errorf("PutSecretValue without a value: %v", err)
	}
	empty, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("empty")})
	if err != nil || empty.VersionId != nil {
		t.Fatalf("CreateSecret without a value: %v %v", empty, err)
	}
	if _, err := c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("empty")}); errorCode(err) != "ResourceNotFoundException" ||
		!strings.Contains(err.Error(), "staging label: AWSCURRENT") {
		t.Errorf("GetSecretValue of a secret without a value: %v", err)
	}

	if err := srv.ScheduleDeletion(aws.ToString(created.ARN)); err != nil {
		t.Fatal(err)
	}
	_, getErr := c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("doomed")})
	_, putErr := c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String("doomed"), SecretString: aws.String("v2")})
	_, createErr := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("doomed")})
	for op, err := range map[string]error{"GetSecretValue": getErr, "PutSecretValue": putErr, "CreateSecret": createErr} {
		if errorCode(err) != "InvalidRequestException" || !strings.Contains(err.Error(), "deletion") {
			t.Errorf("%s of a secret scheduled for deletion: %v", op, err)
		}
	}
}

func TestBinarySecret(t *testing.T) {
	_, c := start(t)
	value := []byte{0, 1, 2, 0xff, 'x'}
	if _, err := c.CreateSecret(context.Background(), &secretsmanager.CreateSecretInput{Name: aws.String("bin"), SecretBinary: value}); err != nil {
		t.Fatal(err)
	}
	got := mustGet(t, c, &secretsmanager.GetSecretValueInput{SecretId: aws.String("bin")})
	if got.SecretString != nil || string(got.SecretBinary) != string(value) {
		t.Errorf("SecretString %v, SecretBinary %v", got.SecretString, got.SecretBinary)
	}
}

func TestModelConstraints(t *testing.T) {
	srv, c := start(t)
	ctx := context.Background()
	mustCreate(t, c, "model", "v1")
	tests := map[string]error{}
	_, tests["SecretString longer than 65536"] = c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String("model"),
		SecretString: aws.String(strings.Repeat("x", 65537))})
	_, tests["ClientRequestToken shorter than 32"] = c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String("model"),
		SecretString: aws.String("v2"), ClientRequestToken: aws.String("short")})
	_, tests["VersionStage empty"] = c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("model"), VersionStage: aws.String("")})
	_, tests["SecretId longer than 2048"] = c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(strings.Repeat("x", 2049))})
	for name, err := range tests {
		if errorCode(err) != "ValidationException" || !strings.Contains(err.Error(), "failed to satisfy constraint") {
			t.Errorf("%s: %v, want ValidationException", name, err)
		}
		if strings.Contains(err.Error(), "xxxxxxxx") {
			t.Errorf("%s: the error quotes the value: %.200v", name, err)
		}
	}
	if got := aws.ToString(mustGet(t, c, &secretsmanager.GetSecretValueInput{SecretId: aws.String("model")}).SecretString); got != "v1" {
		t.Errorf("a refused request changed the secret to %q", got)
	}
	if s := srv.Summary(); strings.Contains(s, "v1") || !strings.Contains(s, "SecretString=***") {
		t.Errorf("Summary names a value, or not which was set:\n%s", s)
	}
}

func TestFaults(t *testing.T) {
	srv, c := start(t)
	ctx := context.Background()
	mustCreate(t, c, "faulty", "v1")
	get := &secretsmanager.GetSecretValueInput{SecretId: aws.String("faulty")}

	srv.Faults.Inject(secretsfake.Throttled("GetSecretValue", 2))
	if _, err := c.GetSecretValue(ctx, get); err != nil {
		t.Errorf("two throttled attempts, then the SDK's third: %v", err)
	}
	srv.Faults.Inject(secretsfake.Throttled("GetSecretValue", -1))
	if _, err := c.GetSecretValue(ctx, get); errorCode(err) != "ThrottlingException" {
		t.Errorf("throttled past the SDK's retries: %v", err)
	}
	srv.Faults.Clear()
	var attempts []string
	for _, call := range srv.CallsTo("GetSecretValue") {
		attempts = append(attempts, call.ErrorCode)
	}
	if want := []string{"ThrottlingException", "ThrottlingException", "", "ThrottlingException", "ThrottlingException", "ThrottlingException"}; !slices.Equal(attempts, want) {
		t.Errorf("answers %q, want %q", attempts, want)
	}

	for fault, code := range map[string]string{"denied": "AccessDeniedException", "undecryptable": "DecryptionFailure"} {
		f := secretsfake.Denied("GetSecretValue", 1)
		if fault == "undecryptable" {
			f = secretsfake.Undecryptable("GetSecretValue", 1)
		}
		srv.Faults.Inject(f)
		if _, err := c.GetSecretValue(ctx, get); errorCode(err) != code {
			t.Errorf("%s: %v, want %s", fault, err, code)
		}
	}

	srv.Faults.Inject(fault.Fault{Op: "PutSecretValue", Kind: fault.Reset, After: true})
	if _, err := c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String("faulty"), SecretString: aws.String("v2")}); err != nil {
		t.Errorf("a Put whose answer was lost, retried with its token: %v", err)
	}
	if prev := mustGet(t, c, &secretsmanager.GetSecretValueInput{SecretId: aws.String("faulty"), VersionStage: aws.String("AWSPREVIOUS")}); aws.ToString(prev.SecretString) != "v1" {
		t.Errorf("the retried Put made two versions: AWSPREVIOUS holds %q", aws.ToString(prev.SecretString))
	}

	srv.Faults.Inject(fault.Fault{Op: "GetSecretValue", Kind: fault.Hang})
	hangCtx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if _, err := c.GetSecretValue(hangCtx, get); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a hanging answer: %v", err)
	}
}

func TestSignature(t *testing.T) {
	srv, _ := start(t)
	for name, tc := range map[string]struct{ region, secret, code string }{
		"wrong secret key": {"us-east-1", "not-the-key", "InvalidSignatureException"},
		"other region":     {"eu-west-1", secretKey, "InvalidSignatureException"},
	} {
		_, err := client(srv.URL, tc.region, tc.secret).GetSecretValue(context.Background(), &secretsmanager.GetSecretValueInput{SecretId: aws.String("x")})
		if errorCode(err) != tc.code {
			t.Errorf("%s: %v, want %s", name, err, tc.code)
		}
	}
}
