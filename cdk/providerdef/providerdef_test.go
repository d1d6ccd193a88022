package providerdef

import (
	"slices"
	"strings"
	"testing"

	"github.com/appflow-iac/connectorprofile/lambda/handler"
)

// The function needs its minimum time per event, and CloudFormation waits
// for Lambda's first try and its two asynchronous retries.
func TestTimeouts(t *testing.T) {
	if min := handler.DefaultTiming().MinimumTime(); Timeout < 10*min {
		t.Errorf("Timeout %v leaves the handler little room over its minimum %v", Timeout, min)
	}
	if ServiceTimeout < 3*Timeout {
		t.Errorf("ServiceTimeout %v is shorter than three invocations of %v", ServiceTimeout, Timeout)
	}
}

// noResourceLevel are the actions IAM grants only on "*".
var noResourceLevel = []string{
	"appflow:CreateConnectorProfile", "appflow:DescribeConnectorProfiles", "appflow:DescribeConnector",
	"kms:ListKeys", "kms:ListAliases",
}

func TestPolicy(t *testing.T) {
	for _, stacks := range []Stacks{OwnStack, AccountStacks} {
		sids := map[string]bool{}
		drawn := map[*List]bool{}
		for _, s := range Policy(stacks) {
			if s.Sid == "" || sids[s.Sid] {
				t.Errorf("statement %v: no Sid or one used twice", s.Actions)
			}
			sids[s.Sid] = true
			if len(s.Actions) == 0 {
				t.Errorf("%s grants no action", s.Sid)
			}
			if (s.From == nil) == (len(s.Resources) == 0) {
				t.Errorf("%s: want either Resources or From", s.Sid)
			}
			if s.From != nil {
				drawn[s.From] = true
			}
			if slices.Contains(s.Resources, "*") {
				for _, a := range s.Actions {
					if !slices.Contains(noResourceLevel, a) {
						t.Errorf("%s grants %s on *", s.Sid, a)
					}
				}
			}
			for _, r := range s.Resources {
				if r != "*" && !strings.HasPrefix(r, "arn:${AWS::Partition}:") && !strings.HasPrefix(r, "${") {
					t.Errorf("%s: resource %s is neither * nor an ARN in this partition", s.Sid, r)
				}
			}
		}
		for _, l := range Lists {
			if !drawn[l] {
				t.Errorf("no statement draws from list %s", l.Parameter)
			}
		}
	}
}

// The stacks served are all the two renderings differ in.
func TestStacksServed(t *testing.T) {
	own, account := Policy(OwnStack), Policy(AccountStacks)
	var differ []string
	for i := range own {
		if !slices.Equal(own[i].Resources, account[i].Resources) {
			differ = append(differ, own[i].Sid+": "+own[i].Resources[0]+" / "+account[i].Resources[0])
		}
	}
	want := []string{"ProveOwnershipFromStackHistory: ${AWS::StackId} / arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*/*"}
	if !slices.Equal(differ, want) {
		t.Errorf("the renderings differ in %q, want %q", differ, want)
	}
}

func TestKMSCreateGrantIsConditioned(t *testing.T) {
	for _, s := range Policy(AccountStacks) {
		if !slices.Contains(s.Actions, "kms:CreateGrant") {
			continue
		}
		if s.From != KmsKeys || s.Conditions["StringEquals"]["kms:ViaService"] != "appflow.${AWS::Region}.amazonaws.com" ||
			s.Conditions["Bool"]["kms:GrantIsForAWSResource"] != "true" {
			t.Errorf("kms:CreateGrant: %+v", s)
		}
		return
	}
	t.Error("no statement grants kms:CreateGrant")
}

func TestArchitectures(t *testing.T) {
	for s, want := range map[string]string{"arm64": "arm64", "x86_64": "amd64"} {
		a, err := ParseArchitecture(s)
		if err != nil || a.GOARCH() != want {
			t.Errorf("ParseArchitecture(%q) = %v, %v; GOARCH %q, want %q", s, a, err, a.GOARCH(), want)
		}
	}
	if _, err := ParseArchitecture("amd64"); err == nil {
		t.Error("amd64, Go's name, is no Lambda architecture")
	}
	if Architectures[0] != ARM64 {
		t.Errorf("the default architecture is %s", Architectures[0])
	}
}
