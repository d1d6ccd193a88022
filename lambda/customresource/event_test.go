package customresource

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestReadEvent(t *testing.T) {
	const url = "https://bucket.s3.amazonaws.com/key?X-Amz-Signature=sig"
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	tests := []struct {
		name    string
		payload string
		want    Event
		wantErr string
	}{
		{
			name:    "as CloudFormation sends it",
			payload: `{"RequestType":"Update","RequestId":"r","ResponseURL":"` + url + `","ResourceType":"Custom::X","LogicalResourceId":"L","StackId":"s","PhysicalResourceId":"p","ResourceProperties":{"a":1},"OldResourceProperties":{"b":"2"},"ServiceToken":"arn"}`,
			want: Event{RequestType: Update, RequestID: "r", ResponseURL: url, ResourceType: "Custom::X", LogicalResourceID: "L",
				StackID: "s", PhysicalResourceID: "p", ResourceProperties: json.RawMessage(`{"a":1}`), OldResourceProperties: json.RawMessage(`{"b":"2"}`)},
		},
		{
			name:    "a wrong-typed RequestType",
			payload: `{"RequestType":1,"RequestId":"r","ResponseURL":"` + url + `","StackId":"s","LogicalResourceId":"L"}`,
			want:    Event{RequestID: "r", ResponseURL: url, StackID: "s", LogicalResourceID: "L"},
			wantErr: "RequestType is not a string",
		},
		{
			name:    "a list for a physical id and a string for properties",
			payload: `{"RequestType":"Delete","RequestId":"r","ResponseURL":"` + url + `","PhysicalResourceId":["a"],"ResourceProperties":"x"}`,
			want:    Event{RequestType: Delete, RequestID: "r", ResponseURL: url},
			wantErr: "PhysicalResourceId is not a string, ResourceProperties is not an object",
		},
		{
			name:    "properties nested past the JSON depth limit",
			payload: `{"RequestType":"Create","RequestId":"r","ResourceProperties":{"a":` + deep + `},"ResponseURL":"` + url + `","StackId":"s"}`,
			want:    Event{RequestType: Create, RequestID: "r", ResponseURL: url, StackID: "s"},
			wantErr: "ResourceProperties is nested deeper than 10000 levels",
		},
		{
			name:    "not JSON",
			payload: `{"RequestId":"r","ResponseURL":"` + url + `",`,
			want:    Event{RequestID: "r", ResponseURL: url},
			wantErr: "not a JSON object",
		},
		{name: "a list", payload: `[1]`, wantErr: "not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadEvent([]byte(tt.payload))
			if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want one containing %q", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("event (-want +got):\n%s", diff)
			}
		})
	}
}
