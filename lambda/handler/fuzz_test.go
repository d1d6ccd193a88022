package handler

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appflow"

	"github.com/appflow-iac/connectorprofile/lambda/customresource"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// fuzzCanary is put into every credential string of a fuzzed event.
const fuzzCanary = "hfuzzcanary9e8d7c6b5a4f3e2d"

// AppFlow behaviours a fuzzed event meets, chosen by the fuzzer.
const (
	fuzzAppFlowOK = iota
	fuzzAppFlowEchoesSecrets
	fuzzAppFlowConflict
	fuzzAppFlowQuota
	fuzzAppFlowNotFound
	fuzzAppFlowDescribesNothing
	fuzzAppFlowModes
)

// FuzzHandle runs whole events through a Handler with a fake AppFlow and an
// in-process ResponseURL. For every event the runtime could decode: no panic,
// exactly one response, a response CloudFormation accepts, a rejected event
// causes no AppFlow call, and no credential value reaches the log or the response.
//
//	go test -run='^$' -fuzz='^FuzzHandle$' -fuzztime=30s ./lambda/handler
func FuzzHandle(f *testing.F) {
	for _, seed := range fuzzEventSeeds(f) {
		for mode := range uint8(fuzzAppFlowModes) {
			f.Add(seed, mode)
		}
	}
	cf := newFuzzResponseURL()
	f.Cleanup(cf.close)
	f.Fuzz(func(t *testing.T, payload []byte, mode uint8) {
		path := cf.next()
		payload, ok := withResponseURL(payload, cf.server.URL+path+"?X-Amz-Signature=fuzzsignature")
		if !ok {
			return // no object to carry a ResponseURL: nothing could answer it
		}
		ev, unreadable := customresource.ReadEvent(payload)

		api := fuzzAppFlow(mode % fuzzAppFlowModes)
		var logs lockedBuffer
		h := newTestHandler(api, nil, &logs)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := h.Invoke(ctx, payload); err != nil {
			t.Fatalf("Invoke: %v (the ResponseURL answers 200)", err)
		}

		bodies := cf.bodies(path)
		if len(bodies) != 1 {
			t.Fatalf("%d responses, want exactly 1", len(bodies))
		}
		body := bodies[0]
		var r customresource.Response
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatalf("response %q is not JSON: %v", body, err)
		}
		if r.Status != customresource.Success && r.Status != customresource.Failed {
			t.Errorf("Status = %q", r.Status)
		}
		if r.Status == customresource.Failed && r.Reason == "" {
			t.Error("FAILED without a Reason")
		}
		if r.RequestID != ev.RequestID || r.StackID != ev.StackID || r.LogicalResourceID != ev.LogicalResourceID {
			t.Errorf("identifiers not echoed: %s", body)
		}
		if strings.Contains(logs.String(), "handler panicked") {
			t.Fatalf("the handler panicked:\n%s", logs.String())
		}
		leak := regexp.MustCompile(fuzzCanary[:16])
		if leak.Match(body) {
			t.Errorf("a credential reached the response: %s", body)
		}
		if leak.MatchString(logs.String()) {
			t.Errorf("a credential reached the log:\n%s", logs.String())
		}
		for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
			if !json.Valid([]byte(line)) {
				t.Errorf("log line is not JSON: %s", line)
			}
		}
		if strings.Contains(logs.String(), "fuzzsignature") {
			t.Errorf("the ResponseURL reached the log:\n%s", logs.String())
		}

		if !realistic(ev) {
			return // CloudFormation never sends it; the checks below assume it could
		}
		if len(body) > customresource.MaxBodyBytes {
			t.Errorf("response is %d bytes, limit %d", len(body), customresource.MaxBodyBytes)
		}
		if r.PhysicalResourceID == "" || len(r.PhysicalResourceID) > 1024 {
			t.Errorf("PhysicalResourceId %q: must be 1..1024 bytes", r.PhysicalResourceID)
		}
		calls := api.callList()
		if (unreadable != nil || rejected(ev)) && len(calls) > 0 {
			t.Errorf("rejected %s called AppFlow: %v", ev.RequestType, calls)
		}
		switch {
		case ev.RequestType == customresource.Create && r.Status == customresource.Failed:
			// A failed Create names no profile unless one was created for it.
			if created := api.created(); profile.IsProfileName(r.PhysicalResourceID) && !created[r.PhysicalResourceID] {
				t.Errorf("failed Create answers %q, a profile it did not create", r.PhysicalResourceID)
			}
		case ev.RequestType == customresource.Create:
			if !api.created()[r.PhysicalResourceID] {
				t.Errorf("successful Create answers %q, which it did not create (calls %v)", r.PhysicalResourceID, calls)
			}
		case ev.RequestType == customresource.Update && r.Status == customresource.Failed,
			ev.RequestType == customresource.Delete:
			if r.PhysicalResourceID != ev.PhysicalResourceID {
				t.Errorf("%s %s changed the PhysicalResourceId %q to %q", ev.RequestType, r.Status, ev.PhysicalResourceID, r.PhysicalResourceID)
			}
		}
		if mode%fuzzAppFlowModes == fuzzAppFlowOK && r.Status == customresource.Failed && len(calls) > 0 &&
			!(ev.RequestType == customresource.Delete) {
			// With an AppFlow that says yes, only a rejected event fails,
			// and a rejected event calls nothing.
			t.Errorf("FAILED after calling AppFlow %v, which accepted everything: %s", calls, r.Reason)
		}
	})
}

// realistic holds for events CloudFormation can send: identifiers present and
// within its limits.
func realistic(ev customresource.Event) bool {
	ok := ev.RequestID != "" && len(ev.RequestID) <= 128 &&
		ev.StackID != "" && len(ev.StackID) <= 1024 &&
		ev.LogicalResourceID != "" && len(ev.LogicalResourceID) <= 255 &&
		len(ev.PhysicalResourceID) <= 1024
	if ev.RequestType == customresource.Update || ev.RequestType == customresource.Delete {
		ok = ok && ev.PhysicalResourceID != ""
	}
	return ok
}

// rejected events are answered without asking AppFlow.
func rejected(ev customresource.Event) bool {
	switch ev.RequestType {
	case customresource.Create:
		_, err := profile.Decode(ev.ResourceProperties)
		return err != nil
	case customresource.Update:
		p, err := profile.Decode(ev.ResourceProperties)
		if err != nil {
			return true
		}
		old := profile.PeekIdentity(ev.OldResourceProperties)
		old.Name = ev.PhysicalResourceID
		return len(p.Identity().Changes(old)) > 0 && p.Identity().Name == old.Name
	case customresource.Delete:
		if strings.HasPrefix(ev.PhysicalResourceID, failedCreatePrefix) {
			_, err := profile.Decode(ev.ResourceProperties)
			return err != nil
		}
		return !profile.IsProfileName(ev.PhysicalResourceID)
	}
	return true
}

// withResponseURL sets the ResponseURL of a payload that is a JSON object,
// with a canary in every credential of its properties.
func withResponseURL(payload []byte, url string) ([]byte, bool) {
	var members map[string]json.RawMessage
	if json.Unmarshal(payload, &members) != nil || members == nil {
		return nil, false
	}
	for _, name := range []string{"ResourceProperties", "OldResourceProperties"} {
		if raw, ok := members[name]; ok {
			members[name] = canaryCredentials(raw)
		}
	}
	members["ResponseURL"], _ = json.Marshal(url)
	out, err := json.Marshal(members)
	return out, err == nil
}

// fuzzAPI is the fake AppFlow plus what it created.
type fuzzAPI struct {
	*fakeAppFlow
}

func (f fuzzAPI) callList() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

// created names the profiles a Create call was made for.
func (f fuzzAPI) created() map[string]bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]bool{}
	for _, in := range f.inputs {
		if c, ok := in.(*appflow.CreateConnectorProfileInput); ok {
			out[aws.ToString(c.ConnectorProfileName)] = true
		}
	}
	return out
}

func fuzzAppFlow(mode uint8) fuzzAPI {
	api := &fakeAppFlow{}
	switch mode {
	case fuzzAppFlowEchoesSecrets:
		// AppFlow quoting the request back must not defeat the redaction.
		echo := func(in any) error {
			b, _ := json.Marshal(in)
			return apiError("ConnectorAuthenticationException", "rejected "+string(b))
		}
		api.create = func(_ context.Context, in *appflow.CreateConnectorProfileInput) (*appflow.CreateConnectorProfileOutput, error) {
			return nil, echo(in)
		}
		api.update = func(_ context.Context, in *appflow.UpdateConnectorProfileInput) (*appflow.UpdateConnectorProfileOutput, error) {
			return nil, echo(in)
		}
	case fuzzAppFlowConflict:
		api.create = func(_ context.Context, in *appflow.CreateConnectorProfileInput) (*appflow.CreateConnectorProfileOutput, error) {
			return nil, apiError("ConflictException", fmt.Sprintf("Connector profile with name %s already exists.", aws.ToString(in.ConnectorProfileName)))
		}
		api.delete = answer[appflow.DeleteConnectorProfileInput, appflow.DeleteConnectorProfileOutput](apiError("ConflictException", "in use"))
	case fuzzAppFlowQuota:
		api.create = answer[appflow.CreateConnectorProfileInput, appflow.CreateConnectorProfileOutput](
			apiError("ServiceQuotaExceededException", "The request exceeds the quota of 100 connector profiles per account."))
	case fuzzAppFlowNotFound:
		notFound := apiError("ResourceNotFoundException", "does not exist")
		api.update = answer[appflow.UpdateConnectorProfileInput, appflow.UpdateConnectorProfileOutput](notFound)
		api.delete = answer[appflow.DeleteConnectorProfileInput, appflow.DeleteConnectorProfileOutput](notFound)
	case fuzzAppFlowDescribesNothing:
		api.describe = listing()
	}
	return fuzzAPI{api}
}

// canaryCredentials replaces every string under connectorProfileCredentials
// with one carrying fuzzCanary, in a shape the checks still accept.
func canaryCredentials(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return raw
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return raw
	}
	enumLike := regexp.MustCompile(`^[A-Z0-9_]+$`)
	var walk func(v any, inCreds bool) any
	walk = func(v any, inCreds bool) any {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				lk := strings.ToLower(k)
				if inCreds && (lk == "authenticationtype" || lk == "oauth2granttype") {
					continue
				}
				x[k] = walk(e, inCreds || lk == "connectorprofilecredentials")
			}
		case []any:
			for i, e := range x {
				x[i] = walk(e, inCreds)
			}
		case string:
			if !inCreds || enumLike.MatchString(x) || x == "true" || x == "false" {
				return x
			}
			switch {
			case strings.HasPrefix(x, "arn:"):
				return x + fuzzCanary
			case strings.Count(x, ".") == 2:
				return fuzzCanary + "." + fuzzCanary + "." + fuzzCanary
			}
			return fuzzCanary + x
		}
		return v
	}
	out, err := json.Marshal(walk(v, false))
	if err != nil {
		return raw
	}
	return out
}

// fuzzResponseURL records response bodies by path, one path per input.
type fuzzResponseURL struct {
	server *httptest.Server
	n      atomic.Int64
	mu     sync.Mutex
	puts   map[string][][]byte
}

func newFuzzResponseURL() *fuzzResponseURL {
	cf := &fuzzResponseURL{puts: map[string][][]byte{}}
	cf.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		cf.mu.Lock()
		cf.puts[r.URL.Path] = append(cf.puts[r.URL.Path], body)
		cf.mu.Unlock()
	}))
	return cf
}

func (cf *fuzzResponseURL) next() string { return fmt.Sprintf("/response/%d", cf.n.Add(1)) }

func (cf *fuzzResponseURL) bodies(path string) [][]byte {
	cf.mu.Lock()
	defer cf.mu.Unlock()
	out := cf.puts[path]
	delete(cf.puts, path)
	return out
}

func (cf *fuzzResponseURL) close() { cf.server.Close() }

// fuzzEventSeeds are the sample events under ../../events (if any), the
// unit tests' events and a few odd ones.
func fuzzEventSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	var seeds [][]byte
	files, _ := filepath.Glob(filepath.Join("..", "..", "events", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			seeds = append(seeds, b)
		}
	}
	renamed := salesforce(func(p map[string]any) { p["ConnectorProfileName"] = "sales-v2" })
	relabelled := salesforce(func(p map[string]any) { p["ConnectorLabel"] = "label2" })
	bad := salesforce(func(p map[string]any) { p["ConnectionMode"] = "public" })
	for _, ev := range []customresource.Event{
		event(customresource.Create, "", salesforce(nil), nil),
		event(customresource.Create, "", bad, nil),
		event(customresource.Update, "sales", salesforce(nil), salesforce(nil)),
		event(customresource.Update, "sales", renamed, salesforce(nil)),
		event(customresource.Update, "sales", relabelled, salesforce(nil)),
		event(customresource.Delete, "sales", salesforce(nil), nil),
		event(customresource.Delete, failedCreateID, salesforce(nil), nil),
		event("Refresh", "sales", salesforce(nil), nil),
	} {
		b, err := json.Marshal(ev)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	seeds = append(seeds,
		[]byte(`{"RequestType":"Create","RequestId":"r","StackId":"s","LogicalResourceId":"l","ResourceProperties":[]}`),
		[]byte(`{"RequestType":1,"RequestId":"r","StackId":"s","LogicalResourceId":"l"}`),
		[]byte(`{"RequestType":"Delete","RequestId":"r","StackId":"s","LogicalResourceId":"l","PhysicalResourceId":["a"]}`))
	return seeds
}
