package reliability

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/cfnfake"
	"github.com/appflow-iac/connectorprofile/integ/harness"
)

var update = flag.Bool("update", false, "rewrite RELIABILITY.md from this run")

// artifacts are built once per test binary.
var artifacts harness.Artifacts

func TestMain(m *testing.M) {
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	var err error
	artifacts, err = harness.Build(ctx)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "reliability:", err)
		os.Exit(1)
	}
	code := m.Run()
	artifacts.Remove()
	if code == 0 && *update {
		if err := writeReport(); err != nil {
			fmt.Fprintln(os.Stderr, "reliability:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// rigConfig says how to wire one Lambda and its stand-ins.
type rigConfig struct {
	Timeout time.Duration // the Lambda's timeout; default 10s
	Quota   int           // AppFlow's profile quota; default 100
	// PutDelay holds every ResponseURL request this long before CloudFormation sees it.
	PutDelay time.Duration
	// PutHang holds every ResponseURL request until the client gives up.
	PutHang bool
	// AppFlow, when set, is shared (for several rigs against one account).
	AppFlow *appflowfake.Server
}

// rig is one Lambda under the emulator, an AppFlow stand-in behind a front
// that can cut or garble answers, and a ResponseURL stand-in behind a front
// that can slow it down. At cleanup it hunts for every canary it handed out.
type rig struct {
	t       *testing.T
	cfg     rigConfig
	app     *appflowfake.Server
	front   *appflowFront
	cfn     *cfnfake.Server
	cfnURL  string // where ResponseURLs point: the slow front, or the stand-in itself
	lambda  *harness.Emulator
	tmp     string // the function's TMPDIR and HOME
	canary  *canaries
	closers []func()
	closed  bool
}

func newRig(t *testing.T, cfg rigConfig) *rig {
	t.Helper()
	if cfg.Timeout == 0 {
		cfg.Timeout = 10 * time.Second
	}
	r := &rig{t: t, cfg: cfg, tmp: t.TempDir(), canary: &canaries{}}
	t.Cleanup(r.close)
	r.app = cfg.AppFlow
	if r.app == nil {
		r.app = appflowfake.New(appflowfake.Options{Quota: cfg.Quota, Strict: true,
			Credentials: map[string]string{harness.FakeAccessKeyID: harness.FakeSecretAccessKey}})
	}
	r.front = &appflowFront{inner: r.app}
	frontURL := r.serve(r.front)

	var err error
	if r.cfn, err = cfnfake.Start(); err != nil {
		t.Fatal(err)
	}
	r.closers = append(r.closers, func() { r.cfn.Close() })
	r.cfnURL = r.cfn.URL
	if cfg.PutDelay > 0 || cfg.PutHang {
		r.cfnURL = r.serve(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			wait := cfg.PutDelay
			if cfg.PutHang {
				wait = time.Hour
			}
			select {
			case <-time.After(wait):
				r.cfn.ServeHTTP(w, req)
			case <-req.Context().Done():
			}
		}))
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r.lambda, err = harness.StartEmulator(ctx, harness.EmulatorConfig{
		Artifacts:  artifacts,
		AppFlowURL: frontURL,
		Region:     r.app.Region(),
		Timeout:    cfg.Timeout,
		Env:        []string{"TMPDIR=" + r.tmp, "HOME=" + r.tmp},
	})
	if err != nil {
		t.Fatal(err)
	}
	r.closers = append(r.closers, func() { r.lambda.Close() })
	return r
}

// serve runs h on a free loopback port until the rig closes.
func (r *rig) serve(h http.Handler) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		r.t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	r.closers = append(r.closers, func() { srv.Close() })
	return "http://" + l.Addr().String()
}

// close stops everything, then hunts for leaks; a second call does nothing.
func (r *rig) close() {
	if r.closed {
		return
	}
	r.closed = true
	r.settle()
	for i := len(r.closers) - 1; i >= 0; i-- {
		r.closers[i]()
	}
	r.checkNoLeaks()
}

// settle waits until the emulator's output stops growing (at most a second):
// the function's last log line can trail its invocation.
func (r *rig) settle() {
	if r.lambda == nil {
		return
	}
	last := -1
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		n := len(r.lambda.Output())
		if n == last {
			return
		}
		last = n
	}
}

// checkNoLeaks fails the test for every leak findLeaks finds.
func (r *rig) checkNoLeaks() {
	for _, leak := range r.findLeaks() {
		r.t.Error(leak)
	}
}

// findLeaks looks for this rig's canaries in the emulator's and the
// function's output, in every request sent to the ResponseURL (Reason, Data,
// anything) and in every file under the test's temporary directory.
func (r *rig) findLeaks() []string {
	if r.canary.empty() {
		return nil
	}
	var leaks []string
	if r.lambda != nil {
		for _, line := range strings.Split(r.lambda.Output(), "\n") {
			if c := r.canary.find(line); c != "" {
				leaks = append(leaks, fmt.Sprintf("canary %s in a log line: %s", c, line))
			}
		}
	}
	if r.cfn != nil {
		for _, p := range r.cfn.Puts() {
			if c := r.canary.find(string(p.Body)); c != "" {
				leaks = append(leaks, fmt.Sprintf("canary %s in a response to CloudFormation: %s", c, p.Body))
			}
		}
	}
	filepath.WalkDir(r.tmp, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if b, err := os.ReadFile(path); err == nil {
			if c := r.canary.find(string(b)); c != "" {
				leaks = append(leaks, fmt.Sprintf("canary %s in a file the run wrote: %s", c, path))
			}
		}
		return nil
	})
	return leaks
}

// reachedAppFlow reports whether a canary of this rig was sent to AppFlow,
// which is where credentials belong.
func (r *rig) reachedAppFlow() bool {
	for _, c := range r.app.Calls() {
		if r.canary.find(string(c.Body)) != "" {
			return true
		}
	}
	return false
}

// outcome is what one delivery of an event came to.
type outcome struct {
	Event     harness.Event
	Invoke    harness.InvokeResult
	InvokeErr error
	Puts      []cfnfake.Put // every request to this event's ResponseURL
	Accepted  *cfnfake.Put  // the first CloudFormation took
	Elapsed   time.Duration // from invoke to the accepted response (or to the invoke's end)
}

// Response is what CloudFormation saw; the zero value if nothing was accepted.
func (o outcome) Response() cfnfake.Response {
	if o.Accepted == nil {
		return cfnfake.Response{}
	}
	return o.Accepted.Response
}

// functionError reports whether the function returned an error to the runtime,
// which makes Lambda deliver the event again.
func (o outcome) functionError() bool {
	return bytes.Contains(o.Invoke.Body, []byte(`"errorMessage"`)) || bytes.Contains(o.Invoke.Body, []byte(`"errorType"`))
}

// send delivers ev once, with its ResponseURL aimed at the rig's CloudFormation.
func (r *rig) send(ev harness.Event) outcome {
	ev.ResponseURL = strings.Replace(r.cfn.ResponseURL(ev.StackID, ev.LogicalResourceID, ev.RequestID), r.cfn.URL, r.cfnURL, 1)
	return r.sendTo(ev)
}

// sendTo delivers ev with the ResponseURL it carries.
func (r *rig) sendTo(ev harness.Event) outcome {
	r.t.Helper()
	payload, err := json.Marshal(ev)
	if err != nil {
		r.t.Fatal(err)
	}
	start := time.Now()
	o := outcome{Event: ev}
	o.Invoke, o.InvokeErr = r.lambda.Invoke(context.Background(), payload)
	o.Elapsed = time.Since(start)
	// The function answers CloudFormation before it returns.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	for {
		put, err := r.cfn.Wait(ctx, ev.RequestID)
		if err != nil {
			break
		}
		if !put.Time.Before(start) {
			o.Accepted = &put
			o.Elapsed = put.Time.Sub(start)
			break
		}
		// An earlier delivery's answer: look among this one's.
		for _, p := range r.cfn.PutsFor(ev.RequestID) {
			if !p.Time.Before(start) && p.Accepted() {
				o.Accepted = &p
				o.Elapsed = p.Time.Sub(start)
				break
			}
		}
		break
	}
	for _, p := range r.cfn.PutsFor(ev.RequestID) {
		if !p.Time.Before(start) { // this delivery's, not an earlier one's
			o.Puts = append(o.Puts, p)
		}
	}
	return o
}

// profiles names the profiles AppFlow holds.
func (r *rig) profiles() []string {
	var names []string
	for _, p := range r.app.Profiles() {
		names = append(names, p.Name)
	}
	return names
}

// The event every scenario starts from: a Datadog profile, its credentials
// replaced by canaries.
func (r *rig) createEvent(name string) harness.Event {
	ev := harness.Event{
		RequestType:       "Create",
		ServiceToken:      "arn:aws:lambda:us-east-1:123456789012:function:connector-profile",
		StackID:           "arn:aws:cloudformation:us-east-1:123456789012:stack/reliability/5b0c1a90-8a8e-11ef-9d1f-0a1b2c3d4e5f",
		RequestID:         harness.NewUUID(),
		LogicalResourceID: "Profile",
		ResourceType:      "Custom::AppFlowConnectorProfile",
		ResourceProperties: map[string]any{
			"ServiceToken":         "arn:aws:lambda:us-east-1:123456789012:function:connector-profile",
			"connectorProfileName": name,
			"connectorType":        "Datadog",
			"connectionMode":       "Public",
			"connectorProfileConfig": map[string]any{
				"connectorProfileProperties": map[string]any{
					"Datadog": map[string]any{"instanceUrl": "https://api.datadoghq.com"},
				},
				"connectorProfileCredentials": map[string]any{
					"Datadog": map[string]any{"apiKey": "placeholder-api-key", "applicationKey": "placeholder-application-key"},
				},
			},
			"forceDelete": "false",
		},
	}
	return r.canary.apply(ev)
}

// deleteEvent is the Delete CloudFormation sends for a resource created by ev
// whose response carried physicalID.
func deleteEvent(ev harness.Event, physicalID string) harness.Event {
	d := ev.Fresh()
	d.RequestType = "Delete"
	d.PhysicalResourceID = physicalID
	d.OldResourceProperties = nil
	return d
}

// canaries hands out unique fake credentials and finds them in text.
type canaries struct {
	mu   sync.Mutex
	list []string
}

var canaryCore = regexp.MustCompile(`cnry[0-9a-f]{20}`)

// next is a fresh canary: "cnry" and 20 random hex digits.
func (c *canaries) next() string {
	b := make([]byte, 10)
	rand.Read(b)
	s := "cnry" + hex.EncodeToString(b)
	c.mu.Lock()
	c.list = append(c.list, s)
	c.mu.Unlock()
	return s
}

func (c *canaries) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.list)
}

func (c *canaries) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.list = nil
}

func (c *canaries) empty() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.list) == 0
}

// find returns a canary of this rig (or a part of one, 12 hex digits or
// more) that occurs in text.
func (c *canaries) find(text string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.list {
		if strings.Contains(text, s[4:16]) || strings.Contains(text, s[12:]) {
			return s
		}
	}
	return ""
}

// enumLike values (OAUTH2, AUTHORIZATION_CODE) select a mode; they are no secret.
var enumLike = regexp.MustCompile(`^[A-Z0-9_]+$`)

// apply replaces every credential string in ev (old and new properties) with
// a canary of the same shape, and returns the rewritten copy.
func (c *canaries) apply(ev harness.Event) harness.Event {
	out := ev.Clone()
	for _, props := range []map[string]any{out.ResourceProperties, out.OldResourceProperties} {
		c.rewrite(props, false)
	}
	return out
}

func (c *canaries) rewrite(v any, inCreds bool) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			lk := strings.ToLower(k)
			if inCreds && (lk == "authenticationtype" || lk == "oauth2granttype") {
				continue
			}
			x[k] = c.rewrite(e, inCreds || lk == "connectorprofilecredentials")
		}
	case []any:
		for i, e := range x {
			x[i] = c.rewrite(e, inCreds)
		}
	case string:
		if !inCreds || enumLike.MatchString(x) || x == "true" || x == "false" || x == "" {
			return x
		}
		switch {
		case strings.HasPrefix(x, "arn:"):
			return x[:strings.LastIndex(x, ":")+1] + c.next()
		case strings.HasPrefix(x, "http://"), strings.HasPrefix(x, "https://"):
			return "https://" + c.next() + ".example.com/callback"
		case strings.Count(x, ".") == 2 && !strings.ContainsAny(x, " /"):
			return c.next() + "." + c.next() + "." + c.next()
		case strings.ContainsAny(x, " "):
			return c.next() + " " + c.next()
		}
		return c.next()
	}
	return v
}

// appflowFront sits between the Lambda and the AppFlow stand-in and can cut
// the connection or garble the answer, before or after AppFlow acted.
type appflowFront struct {
	inner http.Handler
	mu    sync.Mutex
	queue []*frontFault
}

type frontKind int

const (
	resetBefore   frontKind = iota // RST before AppFlow sees the request
	resetAfter                     // AppFlow acts, then the client gets an RST
	garbageBefore                  // 200 with a truncated body, AppFlow never sees it
	garbageAfter                   // AppFlow acts, the client gets a truncated body
	hangAfter                      // AppFlow acts, the answer never comes
	echoSecrets                    // 400 ConnectorAuthenticationException quoting the request
)

type frontFault struct {
	path  string // e.g. "/create-connector-profile"; "" matches any
	count int    // < 0: every matching request
	kind  frontKind
}

func (f *appflowFront) inject(path string, count int, kind frontKind) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queue = append(f.queue, &frontFault{path: path, count: count, kind: kind})
}

func (f *appflowFront) clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queue = nil
}

func (f *appflowFront) take(path string) *frontFault {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, q := range f.queue {
		if q.path != "" && q.path != path {
			continue
		}
		taken := *q
		if q.count > 0 {
			q.count--
			if q.count == 0 {
				f.queue = append(f.queue[:i:i], f.queue[i+1:]...)
			}
		}
		return &taken
	}
	return nil
}

func (f *appflowFront) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	fault := f.take(req.URL.Path)
	if fault == nil {
		f.inner.ServeHTTP(w, req)
		return
	}
	body, _ := io.ReadAll(req.Body)
	req.Body = io.NopCloser(bytes.NewReader(body))
	switch fault.kind {
	case resetAfter, garbageAfter, hangAfter:
		f.inner.ServeHTTP(httptest.NewRecorder(), req)
	}
	switch fault.kind {
	case resetBefore, resetAfter:
		reset(w)
	case garbageBefore, garbageAfter:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, `{"connectorProfileArn": "arn:aws:appflow:us-east-1:12345`)
	case hangAfter:
		<-req.Context().Done()
	case echoSecrets:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Amzn-ErrorType", "ConnectorAuthenticationException")
		w.WriteHeader(http.StatusBadRequest)
		msg, _ := json.Marshal(map[string]string{"message": "The connector rejected the request " + string(body)})
		w.Write(msg)
	}
}

// reset closes the client's connection with an RST.
func reset(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		tcp.SetLinger(0)
	}
	conn.Close()
}

// closedURL is a ResponseURL nobody listens on: connections are refused.
func closedURL(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/cloudformation-custom-resource-response-useast1/x?X-Amz-Signature=0123456789abcdef"
}
