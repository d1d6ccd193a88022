package handler

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
)

// Every profile a request creates stays owned by the stack, whatever the answer.
func TestCreatedProfilesStayOwned(t *testing.T) {
	t.Parallel() // each case waits for its deadline
	renamed := salesforce(func(p map[string]any) { p["ConnectorProfileName"] = "sales-v2" })
	tests := []struct {
		name       string
		ev         customresource.Event
		fake       func() *fakeAppFlow
		wantStatus customresource.Status
		wantID     string
		wantCalls  []string
		wantDelete string
		wantReason string
	}{
		{
			name: "create whose read-back outlives the deadline names the profile for the rollback",
			ev:   event(customresource.Create, "", salesforce(nil), nil),
			fake: func() *fakeAppFlow {
				return &fakeAppFlow{describe: hang[appflow.DescribeConnectorProfilesInput, appflow.DescribeConnectorProfilesOutput]()}
			},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Describe"},
		},
		{
			name: "create that panics after the profile exists names it",
			ev:   event(customresource.Create, "", salesforce(nil), nil),
			fake: func() *fakeAppFlow {
				return &fakeAppFlow{describe: func(context.Context, *appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error) {
					panic("read-back")
				}}
			},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Describe"},
		},
		{
			name: "create whose answer was lost is settled by replaying its clientToken",
			ev:   event(customresource.Create, "", salesforce(nil), nil),
			fake: func() *fakeAppFlow {
				return &fakeAppFlow{create: unheardOnce()}
			},
			wantStatus: customresource.Success, wantID: "sales", wantCalls: []string{"Create", "Create", "Describe"},
		},
		{
			name: "create whose replay is read back too late names the profile for the rollback",
			ev:   event(customresource.Create, "", salesforce(nil), nil),
			fake: func() *fakeAppFlow {
				return &fakeAppFlow{create: lateOnce(), describe: hang[appflow.DescribeConnectorProfilesInput, appflow.DescribeConnectorProfilesOutput]()}
			},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Create", "Describe"},
		},
		{
			name: "create whose replay answers after the work deadline is read back in the replay's reserve",
			ev:   event(customresource.Create, "", salesforce(nil), nil),
			fake: func() *fakeAppFlow {
				return &fakeAppFlow{create: lateOnce()}
			},
			wantStatus: customresource.Success, wantID: "sales", wantCalls: []string{"Create", "Create", "Describe"},
		},
		{
			name: "replacement whose replay answers after the work deadline is read back and reported",
			ev:   event(customresource.Update, "sales", renamed, salesforce(nil)),
			fake: func() *fakeAppFlow {
				return &fakeAppFlow{create: lateOnce()}
			},
			wantStatus: customresource.Success, wantID: "sales-v2", wantCalls: []string{"Create", "Create", "Describe"},
		},
		{
			name: "replacement AppFlow may have made unheard is named in the Reason, and nothing is deleted",
			ev:   event(customresource.Update, "sales", renamed, salesforce(nil)),
			fake: func() *fakeAppFlow {
				return &fakeAppFlow{create: answer[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput](errors.New("read: connection reset by peer"))}
			},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Create"},
			wantReason: `The new profile "sales-v2" may exist in AppFlow; if nothing uses it, delete it before deploying again`,
		},
		{
			name: "replacement that cannot be read back is deleted, keeping the old profile",
			ev:   event(customresource.Update, "sales", renamed, salesforce(nil)),
			fake: func() *fakeAppFlow {
				return &fakeAppFlow{describe: answer[appflow.DescribeConnectorProfilesInput, appflow.DescribeConnectorProfilesOutput](apiError("InternalServerException", "boom"))}
			},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Describe", "Delete"}, wantDelete: "sales-v2",
		},
		{
			name: "replacement whose read-back outlives the deadline is deleted",
			ev:   event(customresource.Update, "sales", renamed, salesforce(nil)),
			fake: func() *fakeAppFlow {
				return &fakeAppFlow{describe: hang[appflow.DescribeConnectorProfilesInput, appflow.DescribeConnectorProfilesOutput]()}
			},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Describe", "Delete"}, wantDelete: "sales-v2",
		},
		{
			name: "replacement whose clean-up meets an error is deleted on a later attempt",
			ev:   event(customresource.Update, "sales", renamed, salesforce(nil)),
			fake: func() *fakeAppFlow {
				deletes := 0
				return &fakeAppFlow{
					describe: answer[appflow.DescribeConnectorProfilesInput, appflow.DescribeConnectorProfilesOutput](apiError("InternalServerException", "boom")),
					delete: func(context.Context, *appflow.DeleteConnectorProfileInput) (*appflow.DeleteConnectorProfileOutput, error) {
						if deletes++; deletes == 1 {
							return nil, apiError("InternalServerException", "boom")
						}
						return &appflow.DeleteConnectorProfileOutput{}, nil
					},
				}
			},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Describe", "Delete", "Delete"}, wantDelete: "sales-v2",
		},
		{
			name: "replacement whose update panics is deleted",
			ev:   event(customresource.Update, "sales", renamed, salesforce(nil)),
			fake: func() *fakeAppFlow {
				return &fakeAppFlow{describe: func(context.Context, *appflow.DescribeConnectorProfilesInput) (*appflow.DescribeConnectorProfilesOutput, error) {
					panic("read-back")
				}}
			},
			wantStatus: customresource.Failed, wantID: "sales", wantCalls: []string{"Create", "Describe", "Delete"}, wantDelete: "sales-v2",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cf := newCloudFormation(t)
			logs := &lockedBuffer{}
			fake := tt.fake()
			tt.ev.ResponseURL = cf.url()
			ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
			defer cancel()

			if err := handle(ctx, newTestHandler(fake, nil, logs), tt.ev); err != nil {
				t.Fatalf("Invoke: %v", err)
			}
			got := cf.responses(t)
			if len(got) != 1 || got[0].Status != tt.wantStatus || got[0].PhysicalResourceID != tt.wantID || !strings.Contains(got[0].Reason, tt.wantReason) {
				t.Fatalf("responses %+v, want one %s %q saying %q", got, tt.wantStatus, tt.wantID, tt.wantReason)
			}
			if diff := cmp.Diff(tt.wantCalls, fake.callList()); diff != "" {
				t.Errorf("AppFlow calls (-want +got):\n%s", diff)
			}
			for _, in := range fake.inputs {
				if del, ok := in.(*appflow.DeleteConnectorProfileInput); ok && aws.ToString(del.ConnectorProfileName) != tt.wantDelete {
					t.Errorf("deleted %q, want %q", aws.ToString(del.ConnectorProfileName), tt.wantDelete)
				}
			}
			assertNoLeak(t, logs.String())
		})
	}
}

// lateOnce creates the profile, but first answers only when the work
// deadline has passed, as a call that outlives it does.
func lateOnce() func(context.Context, *appflow.CreateConnectorProfileInput) (*appflow.CreateConnectorProfileOutput, error) {
	first := true
	return func(ctx context.Context, in *appflow.CreateConnectorProfileInput) (*appflow.CreateConnectorProfileOutput, error) {
		if first {
			first = false
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return &appflow.CreateConnectorProfileOutput{ConnectorProfileArn: arnOf(in.ConnectorProfileName)}, nil
	}
}

// unheardOnce creates the profile but loses the first answer on the way back.
func unheardOnce() func(context.Context, *appflow.CreateConnectorProfileInput) (*appflow.CreateConnectorProfileOutput, error) {
	calls := 0
	return func(_ context.Context, in *appflow.CreateConnectorProfileInput) (*appflow.CreateConnectorProfileOutput, error) {
		if calls++; calls == 1 {
			return nil, errors.New("read: connection reset by peer")
		}
		return &appflow.CreateConnectorProfileOutput{ConnectorProfileArn: arnOf(in.ConnectorProfileName)}, nil
	}
}
