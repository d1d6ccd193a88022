package handler

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
)

// Every profile a request creates stays owned by the stack, whatever the answer.
func TestCreatedProfilesStayOwned(t *testing.T) {
	renamed := salesforce(func(p map[string]any) { p["ConnectorProfileName"] = "sales-v2" })
	unheard := 0
	tests := []struct {
		name       string
		ev         customresource.Event
		fake       *fakeAppFlow
		wantStatus customresource.Status
		wantID     string
		wantCalls  []string
		wantDelete string
	}{
		{
			name: "create whose read-back outlives the deadline names the profile for the rollback",
			ev:   event(customresource.Create, "", salesforce(nil), nil),
			fake: &fakeAppFlow{describe: func(*appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error) {
				time.Sleep(3 * time.Second) // deaf to its context
				return nil, context.DeadlineExceeded
			}},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Describe"},
		},
		{
			name: "create that panics after the profile exists names it",
			ev:   event(customresource.Create, "", salesforce(nil), nil),
			fake: &fakeAppFlow{describe: func(*appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error) {
				panic("read-back")
			}},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Describe"},
		},
		{
			name: "create whose answer was lost is settled by replaying its clientToken",
			ev:   event(customresource.Create, "", salesforce(nil), nil),
			fake: &fakeAppFlow{create: func(in *appflow.CreateConnectorProfileInput) (*appflow.CreateConnectorProfileOutput, error) {
				if unheard++; unheard == 1 {
					return nil, errors.New("read: connection reset by peer")
				}
				return &appflow.CreateConnectorProfileOutput{ConnectorProfileArn: arnOf(in.ConnectorProfileName)}, nil
			}},
			wantStatus: customresource.Success, wantID: "sales", wantCalls: []string{"Create", "Create", "Describe"},
		},
		{
			name:       "replacement that cannot be read back is deleted, keeping the old profile",
			ev:         event(customresource.Update, "sales", renamed, salesforce(nil)),
			fake:       &fakeAppFlow{describe: failing[appflow.DescribeConnectorProfilesInput, appflow.DescribeConnectorProfilesOutput](apiError("InternalServerException", "boom"))},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Describe", "Delete"}, wantDelete: "sales-v2",
		},
		{
			name: "replacement whose read-back outlives the deadline is deleted",
			ev:   event(customresource.Update, "sales", renamed, salesforce(nil)),
			fake: &fakeAppFlow{describe: func(*appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error) {
				time.Sleep(3 * time.Second)
				return nil, context.DeadlineExceeded
			}},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Describe", "Delete"}, wantDelete: "sales-v2",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cf := newCloudFormation(t)
			logs := &lockedBuffer{}
			tt.ev.ResponseURL = cf.url()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()

			if err := newTestHandler(tt.fake, logs).Handle(ctx, tt.ev); err != nil {
				t.Fatalf("Handle: %v", err)
			}
			got := cf.responses(t)
			if len(got) != 1 || got[0].Status != tt.wantStatus || got[0].PhysicalResourceID != tt.wantID {
				t.Fatalf("responses %+v, want one %s %q", got, tt.wantStatus, tt.wantID)
			}
			tt.fake.mu.Lock()
			defer tt.fake.mu.Unlock()
			if diff := cmp.Diff(tt.wantCalls, tt.fake.calls); diff != "" {
				t.Errorf("AppFlow calls (-want +got):\n%s", diff)
			}
			for _, in := range tt.fake.inputs {
				if del, ok := in.(*appflow.DeleteConnectorProfileInput); ok && aws.ToString(del.ConnectorProfileName) != tt.wantDelete {
					t.Errorf("deleted %q, want %q", aws.ToString(del.ConnectorProfileName), tt.wantDelete)
				}
			}
			assertNoLeak(t, logs.String())
		})
	}
}
