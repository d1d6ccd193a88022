package integ_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/cfnfake"
	"github.com/appflow-iac/connectorprofile/integ/fault"
	"github.com/appflow-iac/connectorprofile/integ/harness"
	"github.com/appflow-iac/connectorprofile/integ/secretsfake"
)

const (
	opCreate   = "CreateConnectorProfile"
	opDescribe = "DescribeConnectorProfiles"
	opDelete   = "DeleteConnectorProfile"
)

const hugeExpected = "FAILED with a Reason within 4096 bytes beginning with the first problem and counting the rest, no AppFlow call; " +
	"the function's peak RSS (VmHWM) after it at most 64 MiB (the construct gives 128 MB); the rollback Delete, with the same properties, " +
	"SUCCESS after only looking for a profile of that name, the peak RSS still at most 64 MiB"

const quotedExpected = "FAILED with AppFlow's message, the credential masked; no part of a canary, in any form, in a Reason, log line or answer"

// faultCase is one row of the fault matrix and of RELIABILITY.md.
type faultCase struct {
	name     string
	fault    string // what goes wrong
	expected string // what the stack should see
	timeout  time.Duration
	opts     []option       // more for the rig
	faults   harness.Faults // what the stand-ins get wrong for the event under test
	run      scenario
}

// Faults the stand-ins are told to make.
var (
	throttled = fault.Fault{Kind: fault.Error, Status: http.StatusTooManyRequests, Code: "ThrottlingException", Message: "Rate exceeded"}
	internal  = fault.Fault{Kind: fault.Error, Status: http.StatusInternalServerError, Code: "InternalServerException", Message: "An internal error occurred."}
	slowDown  = fault.Fault{Kind: fault.Error, Status: http.StatusServiceUnavailable, Code: "SlowDown"}
)

// hit returns f for count requests to op (count < 0: every one).
func hit(f fault.Fault, op string, count int) fault.Fault {
	f.Op, f.Count = op, count
	return f
}

func TestFaults(t *testing.T) {
	for _, c := range faultCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			row := reportRow(t, faultMatrix, c.fault, c.expected)
			r := newRig(t, append([]option{withTimeout(c.timeout)}, c.opts...)...)
			row.Observed = c.run(t, r, c.faults)
		})
	}
}

func faultCases() []faultCase {
	return []faultCase{
		{
			name: "AppFlowThrottleBurst", fault: "AppFlow answers the first 2 CreateConnectorProfile requests 429 ThrottlingException",
			expected: "SDK retries with the same clientToken; SUCCESS; one profile", timeout: 15 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{hit(throttled, opCreate, 2)}},
			run: func(t *testing.T, r *rig, f harness.Faults) string {
				obs, ev := createExpecting(t, r, f, "SUCCESS", "")
				checkCreateAttempts(t, r, ev, 429, 429, 200)
				return obs
			},
		},
		{
			name: "AppFlowThrottleBeyondRetries", fault: "AppFlow throttles every CreateConnectorProfile",
			expected: "FAILED naming ThrottlingException and what to do; no profile", timeout: 15 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{hit(throttled, opCreate, -1)}},
			run:    creating("FAILED", "ThrottlingException"),
		},
		{
			name: "AppFlow5xxBurst", fault: "AppFlow answers the first 2 requests 500 InternalServerException",
			expected: "SDK retries; SUCCESS; one profile", timeout: 15 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{hit(internal, "", 2)}},
			run:    creating("SUCCESS", ""),
		},
		{
			name: "AppFlow5xxPersistent", fault: "AppFlow answers every CreateConnectorProfile 503 ServiceUnavailable",
			expected: "FAILED naming the error; no profile", timeout: 15 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opCreate, Count: -1, Kind: fault.Error, Status: http.StatusServiceUnavailable,
				Code: "ServiceUnavailableException", Message: "Service unavailable"}}},
			run: creating("FAILED", "ServiceUnavailable"),
		},
		{
			name: "AppFlow5xxAfterCreate", fault: "AppFlow creates the profile, then answers 500 InternalServerException",
			expected: "SDK retries with the same clientToken, AppFlow replays; SUCCESS; one profile", timeout: 15 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opCreate, Kind: fault.Error, After: true, Status: http.StatusInternalServerError,
				Code: "InternalServerException", Message: "An internal error occurred."}}},
			run: func(t *testing.T, r *rig, f harness.Faults) string {
				obs, ev := createExpecting(t, r, f, "SUCCESS", "")
				checkCreateAttempts(t, r, ev, 500, 200)
				return obs
			},
		},
		{
			name: "AppFlowResetBeforeRequest", fault: "the connection to AppFlow is reset (RST) twice before AppFlow sees the request",
			expected: "SDK retries; SUCCESS; one profile", timeout: 15 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opCreate, Count: 2, Kind: fault.Reset}}},
			run:    creating("SUCCESS", ""),
		},
		{
			name: "AppFlowResetAfterCreate", fault: "AppFlow creates the profile, then the connection is reset before the answer",
			expected: "SDK retries with the same clientToken, AppFlow replays; SUCCESS; one profile", timeout: 15 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opCreate, Kind: fault.Reset, After: true}}},
			run:    countingCreates(creating("SUCCESS", "")),
		},
		{
			name: "AppFlowSlow", fault: "every AppFlow answer takes 1.5 s (Lambda timeout 10 s)",
			expected: "SUCCESS; one profile", timeout: 10 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Count: -1, Delay: 1500 * time.Millisecond}}},
			run:    creating("SUCCESS", ""),
		},
		{
			name: "AppFlowHangPastDeadline", fault: "AppFlow never answers (Lambda timeout 3 s)",
			expected: "FAILED before the deadline, Reason names the deadline; no profile", timeout: 3 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Count: -1, Kind: fault.Hang}}},
			run: func(t *testing.T, r *rig, f harness.Faults) string {
				obs, _ := createExpecting(t, r, f, "FAILED", "deadline")
				if calls := r.AppFlow.CallsTo(opCreate); len(calls) == 0 || calls[0].Status != 0 {
					t.Errorf("the function did not reach the hanging AppFlow: %v", calls)
				}
				return obs
			},
		},
		{
			name: "AppFlowHangAfterCreate", fault: "AppFlow creates the profile but its answer never comes (Lambda timeout 3 s)",
			expected: "FAILED before the deadline naming no profile, as AppFlow never confirms it is this request's; the rollback Delete replays the clientToken, learns the profile is, and removes it", timeout: 3 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opCreate, Count: -1, Kind: fault.Hang, After: true}}},
			run:    createAnswerLost("deadline", false),
		},
		{
			name: "AppFlowDescribeHang", fault: "the profile is created, then DescribeConnectorProfiles hangs (Lambda timeout 3 s)",
			expected: "FAILED before the deadline naming the new profile; the rollback Delete removes it", timeout: 3 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opDescribe, Count: -1, Kind: fault.Hang}}},
			run:    createAnswerLost("deadline", true),
		},
		{
			name: "AppFlowMalformedBody", fault: "AppFlow answers CreateConnectorProfile 200 with a truncated JSON body, without acting",
			expected: "the handler settles the unheard Create by sending it again with the same clientToken; SUCCESS; one profile", timeout: 10 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opCreate, Kind: fault.Truncate}}},
			run:    creating("SUCCESS", ""),
		},
		{
			name: "AppFlowMalformedBodyAfterCreate", fault: "AppFlow creates the profile, then the answer's body is truncated JSON",
			expected: "the handler sends the Create again with the same clientToken and AppFlow replays it; SUCCESS; one profile", timeout: 10 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opCreate, Kind: fault.Truncate, After: true}}},
			run:    countingCreates(creating("SUCCESS", "")),
		},
		{
			name: "AppFlowMalformedDescribe", fault: "the profile is created, then DescribeConnectorProfiles answers 200 with truncated JSON",
			expected: "FAILED naming the new profile; the rollback Delete removes it", timeout: 10 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opDescribe, Count: -1, Kind: fault.Truncate}}},
			run:    createAnswerLost("read back", true),
		},
		{
			name: "ReplacementDescribeHang", fault: "an Update that replaces the profile (new name) creates the new one, then DescribeConnectorProfiles hangs (Lambda timeout 3 s)",
			expected: "FAILED keeping the old PhysicalResourceId; the half-made replacement is removed (nothing else will)", timeout: 3 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opDescribe, Count: -1, Kind: fault.Hang}}},
			run:    replacing,
		},
		{
			name: "ReplacementDescribeMalformed", fault: "an Update that replaces the profile (new name) creates the new one, then DescribeConnectorProfiles answers truncated JSON",
			expected: "FAILED keeping the old PhysicalResourceId; the half-made replacement is removed (nothing else will)", timeout: 10 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opDescribe, Count: -1, Kind: fault.Truncate}}},
			run:    replacing,
		},
		{
			name: "ReplacementCreateUnheard", fault: "an Update that replaces the profile (new name): AppFlow creates the new one but answers neither the Create nor its replay with the same clientToken (Lambda timeout 3 s)",
			expected: "FAILED before the deadline keeping the old PhysicalResourceId; the function cannot prove the new profile is this request's, so it neither names nor deletes it", timeout: 3 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opCreate, Count: -1, Kind: fault.Hang, After: true}}},
			run:    replacementUnheard,
		},
		{
			name: "ReplacementCleanupMeets500", fault: "an Update that replaces the profile creates the new one, DescribeConnectorProfiles answers truncated JSON, and the clean-up's first DeleteConnectorProfile gets 500 InternalServerException",
			expected: "FAILED keeping the old PhysicalResourceId; the clean-up retries the Delete within its reserve and removes the half-made replacement", timeout: 10 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opDescribe, Count: -1, Kind: fault.Truncate}, hit(internal, opDelete, 1)}},
			run: func(t *testing.T, r *rig, f harness.Faults) string {
				obs := replacing(t, r, f)
				var statuses []int
				for _, c := range r.AppFlow.CallsTo(opDelete) {
					statuses = append(statuses, c.Status)
				}
				if !slices.Equal(statuses, []int{500, 200}) {
					t.Errorf("the clean-up's DeleteConnectorProfile answered %v, want 500 then 200", statuses)
				}
				return fmt.Sprintf("%s; the clean-up's DeleteConnectorProfile answered %v", obs, statuses)
			},
		},
		{
			name: "TimeoutTooShort", fault: "the function's timeout is 1 s, less than it needs to change AppFlow and still answer",
			expected: "FAILED before any AppFlow call, the Reason asking for a longer timeout, answered in time; CloudFormation's rollback Delete is refused alike, so the stack ends ROLLBACK_FAILED until the timeout is raised", timeout: time.Second,
			run: refusedForTime,
		},
		{
			name: "ResponseURLRedirect", fault: "the ResponseURL answers the PUT 302 Found, to another host",
			expected: "not delivered: the function follows no redirect and returns an error, so Lambda retries the event; the other host receives nothing; CloudFormation, never answered, waits until the resource's ServiceTimeout (10 minutes as the construct sets it)", timeout: 10 * time.Second,
			faults: harness.Faults{ResponseURL: []fault.Fault{{Count: -1, Kind: fault.Error, Status: http.StatusFound, Code: "Found"}}},
			run:    redirectedAnswer,
		},
		{
			name: "ResponseURL503Persistent", fault: "the ResponseURL answers every PUT 503 (Lambda timeout 3 s)",
			expected: "the function retries with backoff, then returns an error before the deadline, so Lambda redelivers", timeout: 3 * time.Second,
			faults: harness.Faults{ResponseURL: []fault.Fault{hit(slowDown, "", -1)}},
			run:    responseLost,
		},
		{
			name: "ResponseURL503s", fault: "the ResponseURL answers the first 3 PUTs 503 Slow Down",
			expected: "the function retries the PUT; CloudFormation gets SUCCESS; one profile", timeout: 10 * time.Second,
			faults: harness.Faults{ResponseURL: []fault.Fault{hit(slowDown, "", 3)}},
			run: func(t *testing.T, r *rig, f harness.Faults) string {
				obs, ev := createExpecting(t, r, f, "SUCCESS", "")
				var statuses []int
				for _, p := range r.CloudFormation.PutsFor(ev.RequestID) {
					statuses = append(statuses, p.Status)
					if p.Method != http.MethodPut || p.Header.Get("Content-Type") != "" {
						t.Errorf("%s with Content-Type %q", p.Method, p.Header.Get("Content-Type"))
					}
				}
				if !slices.Equal(statuses, []int{503, 503, 503, 200}) {
					t.Errorf("PUTs answered %v, want 3 × 503 then 200", statuses)
				}
				return fmt.Sprintf("%s; %d PUTs", obs, len(statuses))
			},
		},
		{
			name: "ResponseURLRefused", fault: "the ResponseURL refuses connections (Lambda timeout 3 s), then the event is delivered again",
			expected: "the function keeps retrying, then returns an error before the deadline so Lambda redelivers; the redelivery gets SUCCESS; one profile", timeout: 3 * time.Second,
			run: redeliveredAfterRefusal,
		},
		{
			name: "ResponseURLSlowPut", fault: "the ResponseURL takes 2 s to accept the PUT (Lambda timeout 6 s)",
			expected: "SUCCESS accepted before the deadline; one profile", timeout: 6 * time.Second,
			faults: harness.Faults{ResponseURL: []fault.Fault{{Count: -1, Delay: 2 * time.Second}}},
			run:    creating("SUCCESS", ""),
		},
		{
			name: "ResponseURLPutHangs", fault: "the ResponseURL never answers the PUT (Lambda timeout 3 s)",
			expected: "the function returns an error before the deadline, so Lambda redelivers", timeout: 3 * time.Second,
			faults: harness.Faults{ResponseURL: []fault.Fault{{Count: -1, Kind: fault.Hang}}},
			run:    responseLost,
		},
		{
			name: "DuplicateCreate", fault: "the same Create (same RequestId) is delivered twice",
			expected: "SUCCESS twice with the same PhysicalResourceId and Data; one profile", timeout: 10 * time.Second,
			run: duplicateCreate,
		},
		{
			name: "DuplicateCreateConcurrent", fault: "the same Create reaches two execution environments at once",
			expected: "SUCCESS from both with the same PhysicalResourceId; one profile", timeout: 10 * time.Second,
			run: concurrentCreate,
		},
		{
			name: "DuplicateUpdate", fault: "the same Update (same RequestId) is delivered twice",
			expected: "SUCCESS twice; AppFlow applies the Update once (clientToken = RequestId)", timeout: 10 * time.Second,
			run: duplicateUpdate,
		},
		{
			name: "DuplicateDelete", fault: "the same Delete is delivered twice",
			expected: "SUCCESS twice; no profile", timeout: 10 * time.Second,
			run: duplicateDelete,
		},
		{
			name: "DeadlineShorterThanRetries", fault: "AppFlow answers every Create 500 after 0.6 s; the Lambda timeout (3 s) is shorter than the SDK's 3 attempts with backoff",
			expected: "FAILED before the deadline; no profile", timeout: 3 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{{Op: opCreate, Count: -1, Delay: 600 * time.Millisecond, Kind: fault.Error,
				Status: http.StatusInternalServerError, Code: "InternalServerException", Message: "An internal error occurred."}}},
			run: creating("FAILED", ""),
		},
		{
			name: "NameTaken", fault: "another owner's profile already has the name",
			expected: "FAILED saying the name exists, naming no profile; the rollback Delete leaves the other owner's profile alone", timeout: 10 * time.Second,
			run: nameTaken,
		},
		{
			name: "RenameOntoAnotherStacksProfile", fault: "stack A renames its profile onto the name of stack B's (same template, same instanceUrl)",
			expected: "FAILED saying the name belongs to another owner, keeping A's id; A's rollback in place SUCCESS; deleting stack A deletes A's profile only; B's profile unchanged", timeout: 10 * time.Second,
			run: renameOntoAnotherStack("create.json"),
		},
		{
			name: "RenameOntoAnotherStacksProfileNoProperties", fault: "as RenameOntoAnotherStacksProfile, for a connector without properties (Amplitude: any profile of the type and name looks alike)",
			expected: "FAILED saying the name belongs to another owner, keeping A's id; A's rollback in place SUCCESS; deleting stack A deletes A's profile only; B's profile unchanged", timeout: 10 * time.Second,
			run: renameOntoAnotherStack("create-amplitude.json"),
		},
		{
			name: "RollbackWithoutDescribePermission", fault: "a replacement succeeded and the stack rolls back, but CloudFormation answers the provider's DescribeStacks and DescribeStackEvents AccessDenied (a role without cloudformation:Describe*)",
			expected: "FAILED keeping the new id, nothing taken back and nothing deleted: the stack ends UPDATE_ROLLBACK_FAILED with both profiles; once the permission is granted, the continued rollback takes the old name back and the clean-up deletes the new profile", timeout: 10 * time.Second,
			faults: harness.Faults{CloudFormation: []fault.Fault{cfnfake.DeniedAPI}},
			run:    rollbackWithoutProof,
		},
		{
			name: "RollbackInstanceURLNormalised", fault: "a replacement succeeded and the stack rolls back; AppFlow lists the old profile's instanceUrl with a trailing slash it was not sent",
			expected: "SUCCESS taking the old name back (properties are not compared); the clean-up deletes the new profile", timeout: 10 * time.Second,
			opts: []option{withSlashInstanceURL()},
			run:  rollingBackReplacement,
		},
		{
			name: "AppFlowQuotesTokenPrefix", fault: "AppFlow's error quotes the first 20 characters of the apiKey",
			expected: quotedExpected, timeout: 10 * time.Second,
			faults: quoting(fault.Quote{Member: "apiKey", Prefix: 20}),
			run:    quotedBack(canaries),
		},
		{
			name: "AppFlowQuotesBase64", fault: "AppFlow's error quotes the apiKey base64-encoded",
			expected: quotedExpected, timeout: 10 * time.Second,
			faults: quoting(fault.Quote{Member: "apiKey", Form: fault.Base64}),
			run:    quotedBack(canaries),
		},
		{
			name: "AppFlowQuotesURLEncoded", fault: `AppFlow's error quotes URL-encoded an apiKey holding " & and /`,
			expected: quotedExpected, timeout: 10 * time.Second,
			faults: quoting(fault.Quote{Member: "apiKey", Form: fault.URLEncoded}),
			run:    quotedBack(joined(`"&/`)),
		},
		{
			name: "AppFlowQuotesJacksonEscaped", fault: `AppFlow's error quotes an apiKey holding " and & as Jackson escapes JSON (\" with a raw &)`,
			expected: quotedExpected, timeout: 10 * time.Second,
			faults: quoting(fault.Quote{Member: "apiKey", Form: fault.JacksonEscaped}),
			run:    quotedBack(joined(`"&`)),
		},
		{
			name: "AppFlowQuotesUnicodeEscaped", fault: `AppFlow's error quotes the apiKey with every character \u-escaped`,
			expected: quotedExpected, timeout: 10 * time.Second,
			faults: quoting(fault.Quote{Member: "apiKey", Form: fault.UnicodeEscaped}),
			run:    quotedBack(canaries),
		},
		{
			name: "AppFlowQuotesSecretInSecret", fault: "AppFlow's error quotes an applicationKey that starts with the apiKey",
			expected: quotedExpected, timeout: 10 * time.Second,
			faults: quoting(fault.Quote{Member: "applicationKey"}),
			run:    quotedBack(nested),
		},
		{
			name: "QuotaExceeded", fault: "the account is at its profile quota",
			expected: "FAILED naming the quota; no profile", timeout: 10 * time.Second, opts: []option{withQuota(1)},
			run: quotaExceeded,
		},
		{
			name: "HugeEventEmptyObjects", fault: "a 1 MB Create whose oAuthScopes are a list of 349,525 {}",
			expected: hugeExpected, timeout: 10 * time.Second,
			run: hugeEvent("create-sapodata.json", emptyObjects, "connectorProfileConfig.connectorProfileProperties.SAPOData.oAuthProperties.oAuthScopes[0]: must be a string"),
		},
		{
			name: "HugeEventUnknownKeys", fault: "a 1 MB Create with 100,000 unknown properties",
			expected: hugeExpected, timeout: 10 * time.Second,
			run: hugeEvent("create.json", unknownKeys, "k00000: is not a known property"),
		},
		{
			name: "OddEventRequestTypeNumber", fault: `an event with "RequestType": 1`,
			expected: "FAILED naming RequestType, no AppFlow call (no longer an event the runtime could not decode, left unanswered until ServiceTimeout)", timeout: 10 * time.Second,
			run: oddEvent("create.json", "RequestType", "1", "RequestType is not a string", ""),
		},
		{
			name: "OddEventPhysicalIDList", fault: `a Delete with "PhysicalResourceId": ["a"]`,
			expected: "FAILED naming PhysicalResourceId, no AppFlow call", timeout: 10 * time.Second,
			run: oddEvent("delete.json", "PhysicalResourceId", `["a"]`, "PhysicalResourceId is not a string", ""),
		},
		{
			name: "OddEventNestedTooDeep", fault: "an Update whose properties nest past encoding/json's depth limit (10,001 levels)",
			expected: "FAILED keeping the old PhysicalResourceId, the Reason saying the depth is exceeded, no AppFlow call", timeout: 10 * time.Second,
			run: oddEvent("update-in-place.json", "ResourceProperties", nestedTooDeep, "ResourceProperties", "appflow-demo-datadog"),
		},
		{
			name: "DeleteGone", fault: "the profile is already gone when CloudFormation deletes it",
			expected: "SUCCESS: there is nothing left to delete", timeout: 10 * time.Second,
			run: deleteGone,
		},
		{
			name: "SecretsThrottleBurst", fault: "Secrets Manager answers the first 2 GetSecretValue requests ThrottlingException (every credential in CredentialsSecret)",
			expected: "SDK retries; SUCCESS with the secret's credentials; one profile", timeout: 10 * time.Second,
			faults: harness.Faults{SecretsManager: []fault.Fault{secretsfake.Throttled(opGetSecret, 2)}},
			run: func(t *testing.T, r *rig, f harness.Faults) string {
				obs := creatingFromSecret("SUCCESS", "")(t, r, f)
				checkSecretReads(t, r, "ThrottlingException", "ThrottlingException", "")
				return obs
			},
		},
		{
			name: "SecretsThrottleBeyondRetries", fault: "Secrets Manager throttles every GetSecretValue",
			expected: "FAILED naming CredentialsSecret and ThrottlingException; AppFlow never asked to create; no profile", timeout: 10 * time.Second,
			faults: harness.Faults{SecretsManager: []fault.Fault{secretsfake.Throttled(opGetSecret, -1)}},
			run:    neverCreated(creatingFromSecret("FAILED", "ThrottlingException")),
		},
		{
			name: "SecretsAccessDenied", fault: "the function's role may not read the secret: GetSecretValue answers AccessDeniedException",
			expected: "FAILED saying the role needs secretsmanager:GetSecretValue on the secret; AppFlow never asked to create; no profile", timeout: 10 * time.Second,
			faults: harness.Faults{SecretsManager: []fault.Fault{secretsfake.Denied(opGetSecret, -1)}},
			run:    neverCreated(creatingFromSecret("FAILED", "needs secretsmanager:GetSecretValue on the secret")),
		},
		{
			name: "SecretsDecryptionFailure", fault: "KMS will not decrypt the secret: GetSecretValue answers DecryptionFailure",
			expected: "FAILED saying the role needs kms:Decrypt on the secret's key; AppFlow never asked to create; no profile", timeout: 10 * time.Second,
			faults: harness.Faults{SecretsManager: []fault.Fault{secretsfake.Undecryptable(opGetSecret, -1)}},
			run:    neverCreated(creatingFromSecret("FAILED", "kms:Decrypt")),
		},
		{
			name: "SecretsHang", fault: "Secrets Manager never answers GetSecretValue (Lambda timeout 3 s)",
			expected: "FAILED before the deadline, Reason names Secrets Manager and the deadline; no profile", timeout: 3 * time.Second,
			faults: harness.Faults{SecretsManager: []fault.Fault{{Op: opGetSecret, Count: -1, Kind: fault.Hang}}},
			run:    neverCreated(creatingFromSecret("FAILED", "Secrets Manager did not answer before the function's deadline")),
		},
		{
			name: "SecretMissing", fault: "CredentialsSecret names a secret that does not exist",
			expected: "FAILED naming the secret and what to check; AppFlow never asked to create; no profile", timeout: 10 * time.Second,
			run: neverCreated(secretMissing),
		},
		{
			name: "SecretScheduledForDeletion", fault: "CredentialsSecret names a secret scheduled for deletion",
			expected: "FAILED saying the secret may be scheduled for deletion; AppFlow never asked to create; no profile", timeout: 10 * time.Second,
			run: neverCreated(secretScheduledForDeletion),
		},
		{
			name: "RotationProfileGone", fault: "the rotation input (a new value put in CredentialsSecret) comes for a profile the stack has deleted",
			expected: "nothing changes; no function error, as a retry would not help; logged", timeout: 10 * time.Second,
			run: rotationProfileGone,
		},
		{
			name: "RotationSecretIncomplete", fault: "the secret's new value lacks a member AppFlow requires (Datadog's applicationKey)",
			expected: "nothing changes; no function error; logged", timeout: 10 * time.Second,
			run: rotationSecretIncomplete,
		},
		{
			name: "RotationAppFlowThrottled", fault: "AppFlow throttles every UpdateConnectorProfile during a rotation",
			expected: "the function returns an error so Lambda retries; the profile unchanged; the retry updates its credentials, its properties and mode as they were", timeout: 10 * time.Second,
			faults: harness.Faults{AppFlow: []fault.Fault{hit(throttled, opUpdate, -1)}},
			run:    rotationRetried,
		},
		{
			name: "RotationSecretsThrottled", fault: "Secrets Manager throttles every GetSecretValue during a rotation",
			expected: "the function returns an error so Lambda retries; the profile unchanged; the retry updates its credentials", timeout: 10 * time.Second,
			faults: harness.Faults{SecretsManager: []fault.Fault{secretsfake.Throttled(opGetSecret, -1)}},
			run:    rotationRetried,
		},
	}
}
