package handler

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
)

// Credentials that must never reach a log line or a response.
const (
	canaryToken   = "canary-access-token-7f3a9"
	canaryRefresh = "canary-refresh-token-c41d2"
)

const (
	requestID = "5f1c1d6e-0d3a-4a2b-9c8e-2b9f0e7d1a11"
	stackID   = "arn:aws:cloudformation:us-east-1:123456789012:stack/app/1f2e3d4c"
)

// salesforce returns properties for a Salesforce profile; edit adjusts them.
func salesforce(edit func(p map[string]any)) json.RawMessage {
	p := map[string]any{
		"ServiceToken":         "arn:aws:lambda:us-east-1:123456789012:function:provider",
		"ConnectorProfileName": "sales",
		"ConnectorType":        "Salesforce",
		"ConnectionMode":       "Public",
		"ConnectorProfileConfig": map[string]any{
			"ConnectorProfileProperties": map[string]any{
				"Salesforce": map[string]any{"InstanceUrl": "https://example.my.salesforce.com", "isSandboxEnvironment": "false"},
			},
			"ConnectorProfileCredentials": map[string]any{
				"Salesforce": map[string]any{"AccessToken": canaryToken, "RefreshToken": canaryRefresh},
			},
		},
	}
	if edit != nil {
		edit(p)
	}
	b, _ := json.Marshal(p)
	return b
}

func event(requestType customresource.RequestType, physicalID string, props, old json.RawMessage) customresource.Event {
	return customresource.Event{
		RequestType:           requestType,
		RequestID:             requestID,
		ResourceType:          "Custom::AppFlowConnectorProfile",
		LogicalResourceID:     "Profile",
		StackID:               stackID,
		PhysicalResourceID:    physicalID,
		ResourceProperties:    props,
		OldResourceProperties: old,
	}
}

var failedCreateID = failedCreatePrefix + requestID

func dataFor(name string) map[string]string {
	return map[string]string{
		"ConnectorProfileArn":  "arn:aws:appflow:us-east-1:123456789012:connectorprofile/" + name,
		"ConnectorProfileName": name,
		"CredentialsArn":       "arn:aws:secretsmanager:us-east-1:123456789012:secret:appflow!123456789012-" + name + "-1-abcdef",
	}
}

func TestLifecycle(t *testing.T) {
	renamed := salesforce(func(p map[string]any) { p["ConnectorProfileName"] = "sales-v2" })
	labelled := salesforce(func(p map[string]any) { p["ConnectorLabel"] = "label2" })
	private := salesforce(func(p map[string]any) { p["ConnectionMode"] = "Private" })
	forced := salesforce(func(p map[string]any) { p["forceDelete"] = "true" })
	echoSecret := apiError("ConnectorAuthenticationException", "token "+canaryToken+" is expired")

	tests := []struct {
		name       string
		ev         customresource.Event
		fake       *fakeAppFlow
		cfn        *fakeCloudFormation
		wantStatus customresource.Status
		wantID     string
		wantCalls  []string
		wantReason string
		wantData   map[string]string
	}{
		{
			name:       "create",
			ev:         event(customresource.Create, "", salesforce(nil), nil),
			wantStatus: customresource.Success, wantID: "sales", wantCalls: []string{"Create", "Describe"},
			wantData: dataFor("sales"),
		},
		{
			name:       "create with invalid properties changes nothing",
			ev:         event(customresource.Create, "", salesforce(func(p map[string]any) { p["ConnectionMode"] = "Hybrid" }), nil),
			wantStatus: customresource.Failed, wantID: failedCreateID,
			wantReason: `ConnectionMode: "Hybrid" is not allowed; use one of Public, Private`,
		},
		{
			name:       "create conflicts with a profile someone else owns",
			ev:         event(customresource.Create, "", salesforce(nil), nil),
			fake:       &fakeAppFlow{create: answer[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput](apiError("ConflictException", "Connector profile sales already exists"))},
			wantStatus: customresource.Failed, wantID: failedCreateID, wantCalls: []string{"Create"},
			wantReason: `a connector profile named "sales" already exists`,
		},
		{
			name:       "create over the quota",
			ev:         event(customresource.Create, "", salesforce(nil), nil),
			fake:       &fakeAppFlow{create: answer[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput](apiError("ServiceQuotaExceededException", "limit reached"))},
			wantStatus: customresource.Failed, wantID: failedCreateID, wantCalls: []string{"Create"},
			wantReason: "100 connector profiles per account",
		},
		{
			name:       "create rejected by the SaaS, whose message quotes the token",
			ev:         event(customresource.Create, "", salesforce(nil), nil),
			fake:       &fakeAppFlow{create: answer[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput](echoSecret)},
			wantStatus: customresource.Failed, wantID: failedCreateID, wantCalls: []string{"Create"},
			wantReason: "token **** is expired (the connector rejected the credentials",
		},
		{
			name:       "create that cannot be read back names the profile so the rollback deletes it",
			ev:         event(customresource.Create, "", salesforce(nil), nil),
			fake:       &fakeAppFlow{describe: answer[appflow.DescribeConnectorProfilesInput, appflow.DescribeConnectorProfilesOutput](apiError("InternalServerException", "boom"))},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Describe"},
			wantReason: "could not read back the connector profile",
		},
		{
			name:       "update in place",
			ev:         event(customresource.Update, "sales", private, salesforce(nil)),
			wantStatus: customresource.Success, wantID: "sales", wantCalls: []string{"Update", "Describe"},
			wantData: dataFor("sales"),
		},
		{
			name:       "update that fails keeps the old id",
			ev:         event(customresource.Update, "sales", private, salesforce(nil)),
			fake:       &fakeAppFlow{update: answer[appflow.UpdateConnectorProfileInput, appflow.UpdateConnectorProfileOutput](apiError("ResourceNotFoundException", "no such profile"))},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Update"},
			wantReason: "could not update the connector profile: AppFlow said ResourceNotFoundException",
		},
		{
			name:       "update with invalid properties keeps the old id",
			ev:         event(customresource.Update, "sales", salesforce(func(p map[string]any) { p["Bogus"] = 1 }), salesforce(nil)),
			wantStatus: customresource.Failed, wantID: "sales",
			wantReason: "Bogus: is not a known property",
		},
		{
			name:       "rename replaces",
			ev:         event(customresource.Update, "sales", renamed, salesforce(nil)),
			wantStatus: customresource.Success, wantID: "sales-v2", wantCalls: []string{"Create", "Describe"},
			wantData: dataFor("sales-v2"),
		},
		{
			name:       "rename onto someone else's profile keeps the old id and touches nothing of theirs",
			ev:         event(customresource.Update, "sales", renamed, salesforce(nil)),
			fake:       &fakeAppFlow{create: answer[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput](apiError("ConflictException", "exists"))},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create"},
			wantReason: `a connector profile named "sales-v2" already exists and belongs to another owner: the stack is not rolling back an update`,
		},
		{
			name:       "rollback of a replacement takes the old profile back, as AppFlow lists it",
			ev:         event(customresource.Update, "sales-v2", salesforce(nil), renamed),
			cfn:        rollingBack("sales", "sales-v2"),
			fake:       &fakeAppFlow{create: answer[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput](apiError("ConflictException", "exists")), describe: listing("sales-old", "sales")},
			wantStatus: customresource.Success, wantID: "sales", wantCalls: []string{"Create", "Describe"},
			wantData: dataFor("sales"),
		},
		{
			name:       "rollback onto a name the stack's events do not show keeps the new id",
			ev:         event(customresource.Update, "sales-v2", salesforce(nil), renamed),
			cfn:        rollingBack("someone-elses", "sales-v2"),
			fake:       &fakeAppFlow{create: answer[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput](apiError("ConflictException", "exists"))},
			wantStatus: customresource.Failed, wantID: "sales-v2", wantCalls: []string{"Create"},
			wantReason: "belongs to another owner: the stack's events show no such physical id for this resource since the update began",
		},
		{
			name:       "rollback by a provider that may not read the stack keeps the new id",
			ev:         event(customresource.Update, "sales-v2", salesforce(nil), renamed),
			cfn:        &fakeCloudFormation{err: apiError("AccessDenied", "not authorized to perform: cloudformation:DescribeStacks")},
			fake:       &fakeAppFlow{create: answer[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput](apiError("ConflictException", "exists"))},
			wantStatus: customresource.Failed, wantID: "sales-v2", wantCalls: []string{"Create"},
			wantReason: `a connector profile named "sales" already exists, and nothing proves it was this resource's: the stack's status could not be read (AccessDenied: not authorized to perform: cloudformation:DescribeStacks). If this is the rollback of a replacement, let the provider call`,
		},
		{
			name: "rollback onto a profile that changed type is not taken back",
			ev:   event(customresource.Update, "sales-v2", salesforce(nil), renamed),
			cfn:  rollingBack("sales", "sales-v2"),
			fake: &fakeAppFlow{
				create: answer[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput](apiError("ConflictException", "exists")),
				describe: func(context.Context, *appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error) {
					d := detailOf("sales")
					d.ConnectorType = types.ConnectorTypeZendesk
					return &appflow.DescribeConnectorProfilesOutput{ConnectorProfileDetails: []types.ConnectorProfile{d}}, nil
				},
			},
			wantStatus: customresource.Failed, wantID: "sales-v2", wantCalls: []string{"Create", "Describe"},
			wantReason: `connector profile "sales", which this resource had before, is now of connectorType "Zendesk"`,
		},
		{
			name:       "replacing change under the same name",
			ev:         event(customresource.Update, "sales", labelled, salesforce(nil)),
			wantStatus: customresource.Failed, wantID: "sales",
			wantReason: `changing connectorLabel needs a new connector profile, and AppFlow cannot hold two profiles named "sales": choose a new connectorProfileName`,
		},
		{
			name:       "delete",
			ev:         event(customresource.Delete, "sales", salesforce(nil), nil),
			wantStatus: customresource.Success, wantID: "sales", wantCalls: []string{"Delete"},
		},
		{
			name:       "delete of a profile already gone",
			ev:         event(customresource.Delete, "sales", salesforce(nil), nil),
			fake:       &fakeAppFlow{delete: answer[appflow.DeleteConnectorProfileInput, appflow.DeleteConnectorProfileOutput](apiError("ResourceNotFoundException", "gone"))},
			wantStatus: customresource.Success, wantID: "sales", wantCalls: []string{"Delete"},
		},
		{
			name:       "delete after a failed create that made nothing",
			ev:         event(customresource.Delete, failedCreateID, salesforce(nil), nil),
			fake:       &fakeAppFlow{describe: listing()},
			wantStatus: customresource.Success, wantID: failedCreateID, wantCalls: []string{"Describe"},
		},
		{
			name:       "delete after a failed create removes the profile AppFlow made unheard",
			ev:         event(customresource.Delete, failedCreateID, salesforce(nil), nil),
			wantStatus: customresource.Success, wantID: failedCreateID, wantCalls: []string{"Describe", "Create", "Delete"},
		},
		{
			name:       "delete after a failed create leaves someone else's profile alone",
			ev:         event(customresource.Delete, failedCreateID, salesforce(nil), nil),
			fake:       &fakeAppFlow{create: answer[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput](apiError("ConflictException", "exists"))},
			wantStatus: customresource.Success, wantID: failedCreateID, wantCalls: []string{"Describe", "Create"},
		},
		{
			name:       "delete after a create refused for its properties leaves the profile of that name alone",
			ev:         event(customresource.Delete, failedCreateID, salesforce(func(p map[string]any) { p["ConnectionMode"] = "Hybrid" }), nil),
			wantStatus: customresource.Success, wantID: failedCreateID, wantCalls: []string{"Describe"},
		},
		{
			name:       "delete of an id no profile can have",
			ev:         event(customresource.Delete, "2026/11/27/[$LATEST]abc def", salesforce(nil), nil),
			wantStatus: customresource.Success, wantID: "2026/11/27/[$LATEST]abc def",
		},
		{
			name:       "delete of a profile in use",
			ev:         event(customresource.Delete, "sales", salesforce(nil), nil),
			fake:       &fakeAppFlow{delete: answer[appflow.DeleteConnectorProfileInput, appflow.DeleteConnectorProfileOutput](apiError("ConflictException", "in use"))},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Delete"},
			wantReason: "set forceDelete: true",
		},
		{
			name:       "delete with invalid properties still deletes",
			ev:         event(customresource.Delete, "sales", json.RawMessage(`{"connectorType":"Nope"}`), nil),
			wantStatus: customresource.Success, wantID: "sales", wantCalls: []string{"Delete"},
		},
		{
			name:       "unknown request type",
			ev:         event("Refresh", "sales", salesforce(nil), nil),
			wantStatus: customresource.Failed, wantID: "sales",
			wantReason: "unknown RequestType Refresh",
		},
		{
			name:       "forceDelete reaches AppFlow",
			ev:         event(customresource.Delete, "sales", forced, nil),
			wantStatus: customresource.Success, wantID: "sales", wantCalls: []string{"Delete"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cf := newCloudFormation(t)
			logs := &lockedBuffer{}
			fake := tt.fake
			if fake == nil {
				fake = &fakeAppFlow{}
			}
			tt.ev.ResponseURL = cf.url()

			cfn := tt.cfn
			if cfn == nil {
				cfn = &fakeCloudFormation{}
			}
			if err := handle(context.Background(), newTestHandler(fake, cfn, logs), tt.ev); err != nil {
				t.Fatalf("Invoke: %v", err)
			}

			responses := cf.responses(t)
			if len(responses) != 1 {
				t.Fatalf("got %d responses, want exactly 1", len(responses))
			}
			got := responses[0]
			if got.Status != tt.wantStatus || got.PhysicalResourceID != tt.wantID {
				t.Errorf("got %s %q, want %s %q (reason %q)", got.Status, got.PhysicalResourceID, tt.wantStatus, tt.wantID, got.Reason)
			}
			if !strings.Contains(got.Reason, tt.wantReason) || (tt.wantReason == "") != (got.Reason == "") {
				t.Errorf("reason %q, want it to contain %q", got.Reason, tt.wantReason)
			}
			if diff := cmp.Diff(tt.wantData, got.Data); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
			if got.StackID != stackID || got.RequestID != requestID || got.LogicalResourceID != "Profile" {
				t.Errorf("identifiers not echoed: %+v", got)
			}
			if diff := cmp.Diff(tt.wantCalls, fake.calls); diff != "" {
				t.Errorf("AppFlow calls (-want +got):\n%s", diff)
			}
			checkInputs(t, tt.ev, fake.inputs)
			assertNoLeak(t, logs.String()+string(cf.bodies[0]))
		})
	}
}

// checkInputs holds every write to the event's RequestId as clientToken (a
// failed Create's, for its Delete), and Delete to forceDelete.
func checkInputs(t *testing.T, ev customresource.Event, inputs []any) {
	t.Helper()
	token, failedCreate := strings.CutPrefix(ev.PhysicalResourceID, failedCreatePrefix)
	if !failedCreate {
		token = ev.RequestID
	}
	for _, in := range inputs {
		switch in := in.(type) {
		case *appflow.CreateConnectorProfileInput:
			if aws.ToString(in.ClientToken) != token {
				t.Errorf("create clientToken = %q, want %q", aws.ToString(in.ClientToken), token)
			}
		case *appflow.UpdateConnectorProfileInput:
			if aws.ToString(in.ClientToken) != ev.RequestID || aws.ToString(in.ConnectorProfileName) != ev.PhysicalResourceID {
				t.Errorf("update of %q with token %q, want %q with the RequestId", aws.ToString(in.ConnectorProfileName), aws.ToString(in.ClientToken), ev.PhysicalResourceID)
			}
		case *appflow.DeleteConnectorProfileInput:
			wantName, wantForce := ev.PhysicalResourceID, strings.Contains(string(ev.ResourceProperties), `"forceDelete":"true"`)
			if failedCreate {
				wantName, wantForce = "sales", false
			}
			if in.ForceDelete != wantForce || aws.ToString(in.ConnectorProfileName) != wantName {
				t.Errorf("delete %q force=%v, want %q force=%v", aws.ToString(in.ConnectorProfileName), in.ForceDelete, wantName, wantForce)
			}
		}
	}
}

func assertNoLeak(t *testing.T, text string) {
	t.Helper()
	for _, secret := range []string{canaryToken, canaryRefresh, "X-Amz-Signature", "presigned"} {
		if strings.Contains(text, secret) {
			t.Errorf("%q leaked into logs or responses:\n%s", secret, text)
		}
	}
}

// listing answers Describe with Salesforce profiles of these names, in this order.
func listing(names ...string) func(context.Context, *appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error) {
	return func(context.Context, *appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error) {
		out := &appflow.DescribeConnectorProfilesOutput{}
		for _, name := range names {
			d := detailOf(name)
			// As AppFlow may store it: not byte for byte what was sent.
			d.ConnectorProfileProperties = &types.ConnectorProfileProperties{Salesforce: &types.SalesforceConnectorProfileProperties{
				InstanceUrl: aws.String("https://example.my.salesforce.com/"),
			}}
			out.ConnectorProfileDetails = append(out.ConnectorProfileDetails, d)
		}
		return out, nil
	}
}

func TestAnswersBeforeTheDeadline(t *testing.T) {
	t.Parallel() // each case waits for its deadline
	tests := []struct {
		name       string
		fake       *fakeAppFlow
		wantReason string
	}{
		{"AppFlow hangs", &fakeAppFlow{create: hang[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput]()},
			"did not answer before the function's deadline"},
		{"the handler panics", &fakeAppFlow{create: func(context.Context, *appflow.CreateConnectorProfileInput) (*appflow.CreateConnectorProfileOutput, error) {
			panic("unexpected " + canaryToken)
		}}, "internal error in the handler"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cf := newCloudFormation(t)
			logs := &lockedBuffer{}
			ev := event(customresource.Create, "", salesforce(nil), nil)
			ev.ResponseURL = cf.url()
			ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
			defer cancel()

			// Delivered means the answer went out while the delivery context,
			// which ends before the deadline, was alive.
			if err := handle(ctx, newTestHandler(tt.fake, nil, logs), ev); err != nil {
				t.Fatalf("Invoke: %v", err)
			}
			responses := cf.responses(t)
			if len(responses) != 1 || responses[0].Status != customresource.Failed || responses[0].PhysicalResourceID != failedCreateID {
				t.Fatalf("responses = %+v, want one FAILED with the failed-create id", responses)
			}
			if !strings.Contains(responses[0].Reason, tt.wantReason) {
				t.Errorf("reason %q, want %q", responses[0].Reason, tt.wantReason)
			}
			assertNoLeak(t, logs.String())
		})
	}
}

func TestDelivery(t *testing.T) {
	tests := []struct {
		name          string
		failFirst     int
		status        int
		wantErr       bool
		wantDelivered int
	}{
		{"ResponseURL answers 503 twice, then takes it", 2, 0, false, 3},
		{"ResponseURL refuses with 403", 0, 403, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cf := newCloudFormation(t)
			cf.failFirst, cf.status = tt.failFirst, tt.status
			logs := &lockedBuffer{}
			ev := event(customresource.Create, "", salesforce(nil), nil)
			ev.ResponseURL = cf.url()

			err := handle(context.Background(), newTestHandler(&fakeAppFlow{}, nil, logs), ev)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Invoke error = %v, want error: %v", err, tt.wantErr)
			}
			if got := len(cf.responses(t)); got != tt.wantDelivered {
				t.Errorf("%d PUTs, want %d", got, tt.wantDelivered)
			}
			if err != nil && !strings.Contains(logs.String(), "response not delivered") {
				t.Errorf("log does not say the response was lost:\n%s", logs)
			}
			assertNoLeak(t, logs.String())
		})
	}
}

// An event with no usable ResponseURL is logged and left: nothing can answer
// it, so Lambda is not asked to retry it either.
func TestUnanswerableEventChangesNothing(t *testing.T) {
	fake := &fakeAppFlow{}
	logs := &lockedBuffer{}
	ev := event(customresource.Create, "", salesforce(nil), nil)
	ev.ResponseURL = "not a URL"
	if err := handle(context.Background(), newTestHandler(fake, nil, logs), ev); err != nil {
		t.Errorf("Invoke = %v, want no error: a retry could not answer it either", err)
	}
	if len(fake.calls) != 0 {
		t.Errorf("AppFlow calls %v for an event that cannot be answered", fake.calls)
	}
	if !strings.Contains(logs.String(), "event not answerable: nothing done") {
		t.Errorf("the log does not say the event was left:\n%s", logs)
	}
}

// Every event with a usable ResponseURL is answered, however wrong the rest.
func TestOddEventsAreAnswered(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 20000) + "1" + strings.Repeat("}", 20000)
	tests := []struct {
		name, payload, wantReason, wantID string
	}{
		{"RequestType not a string", `{"RequestType":1,"RequestId":"r1","StackId":"s","LogicalResourceId":"L","ResponseURL":@URL@}`,
			"RequestType is not a string", "create-failed:r1"},
		{"PhysicalResourceId a list", `{"RequestType":"Delete","RequestId":"r1","StackId":"s","LogicalResourceId":"L","PhysicalResourceId":["a"],"ResponseURL":@URL@}`,
			"PhysicalResourceId is not a string", "create-failed:r1"},
		{"properties nested past the JSON depth limit", `{"RequestType":"Update","RequestId":"r1","StackId":"s","LogicalResourceId":"L","PhysicalResourceId":"sales","ResourceProperties":` + deep + `,"ResponseURL":@URL@}`,
			"ResourceProperties is nested deeper than 10000 levels", "sales"},
		{"properties a list", `{"RequestType":"Create","RequestId":"r1","StackId":"s","LogicalResourceId":"L","ResourceProperties":[],"ResponseURL":@URL@}`,
			"ResourceProperties is not an object", "create-failed:r1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cf := newCloudFormation(t)
			fake := &fakeAppFlow{}
			payload := strings.Replace(tt.payload, "@URL@", strconv.Quote(cf.url()), 1)
			if _, err := newTestHandler(fake, nil, &lockedBuffer{}).Invoke(context.Background(), []byte(payload)); err != nil {
				t.Fatalf("Invoke: %v", err)
			}
			got := cf.responses(t)
			if len(got) != 1 || got[0].Status != customresource.Failed || got[0].RequestID != "r1" || got[0].PhysicalResourceID != tt.wantID ||
				!strings.Contains(got[0].Reason, tt.wantReason) {
				t.Errorf("responses = %+v, want one FAILED %q for r1 saying %q", got, tt.wantID, tt.wantReason)
			}
			if len(fake.calls) != 0 {
				t.Errorf("AppFlow calls %v for an event that cannot be read", fake.calls)
			}
		})
	}
}

func TestConfigurationErrorStillAnswers(t *testing.T) {
	cf := newCloudFormation(t)
	ev := event(customresource.Create, "", salesforce(nil), nil)
	ev.ResponseURL = cf.url()
	down := Unavailable(errors.New("load the AWS configuration: bad profile"))

	h := newTestHandler(nil, nil, &lockedBuffer{})
	h.Clients = down
	if err := handle(context.Background(), h, ev); err != nil {
		t.Fatal(err)
	}
	got := cf.responses(t)
	if len(got) != 1 || got[0].Status != customresource.Failed || !strings.Contains(got[0].Reason, "bad profile") {
		t.Errorf("responses = %+v, want FAILED naming the configuration error", got)
	}
}

func TestLogLineNamesTheRequest(t *testing.T) {
	cf := newCloudFormation(t)
	logs := &lockedBuffer{}
	ev := event(customresource.Create, "", salesforce(nil), nil)
	ev.ResponseURL = cf.url()
	if err := handle(context.Background(), newTestHandler(&fakeAppFlow{}, nil, logs), ev); err != nil {
		t.Fatal(err)
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(logs.String())), &line); err != nil {
		t.Fatalf("log is not one JSON line: %v\n%s", err, logs)
	}
	want := map[string]any{
		"requestType": "Create", "stackId": stackID, "logicalResourceId": "Profile", "profileName": "sales",
		"connectorType": "Salesforce", "outcome": "SUCCESS", "cloudFormationRequestId": requestID,
	}
	for k, v := range want {
		if line[k] != v {
			t.Errorf("log %s = %v, want %v", k, line[k], v)
		}
	}
	if _, ok := line["durationMs"]; !ok {
		t.Error("log lacks durationMs")
	}
}
