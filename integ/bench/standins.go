package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/cfnfake"
	"github.com/appflow-iac/connectorprofile/integ/harness"
)

// timed is an http.Handler that adds up the time its handler spends answering.
type timed struct {
	next  http.Handler
	total atomic.Int64 // nanoseconds
	count atomic.Int64
}

func (t *timed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	t.next.ServeHTTP(w, r)
	t.total.Add(int64(time.Since(start)))
	t.count.Add(1)
}

// serve serves h on a free loopback port.
func serve(h http.Handler) (*http.Server, string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	return srv, "http://" + l.Addr().String(), nil
}

// StandIns are the AppFlow and CloudFormation stand-ins both functions talk
// to, each behind a handler that measures its own answering time.
type StandIns struct {
	AppFlow    *appflowfake.Server
	AppFlowURL string
	CFN        *cfnfake.Server

	appflowTime, cfnTime *timed
	cfnURL               string
	servers              []*http.Server
}

// StartStandIns starts both stand-ins on loopback. The AppFlow quota is large
// enough for every Create a run makes.
func StartStandIns() (*StandIns, error) {
	s := &StandIns{}
	s.AppFlow = appflowfake.New(appflowfake.Options{
		Quota:       1 << 20,
		Credentials: map[string]string{harness.FakeAccessKeyID: harness.FakeSecretAccessKey},
	})
	s.appflowTime = &timed{next: s.AppFlow}
	srv, url, err := serve(s.appflowTime)
	if err != nil {
		return nil, fmt.Errorf("appflow stand-in: %w", err)
	}
	s.servers, s.AppFlowURL = append(s.servers, srv), url
	if s.CFN, err = cfnfake.Start(); err != nil {
		s.Close()
		return nil, fmt.Errorf("cloudformation stand-in: %w", err)
	}
	s.cfnTime = &timed{next: s.CFN}
	if srv, s.cfnURL, err = serve(s.cfnTime); err != nil {
		s.Close()
		return nil, fmt.Errorf("cloudformation stand-in: %w", err)
	}
	s.servers = append(s.servers, srv)
	return s, nil
}

// Close stops both stand-ins.
func (s *StandIns) Close() {
	for _, srv := range s.servers {
		srv.Close()
	}
	if s.CFN != nil {
		s.CFN.Close()
	}
}

// spent is the time both stand-ins have spent answering so far.
func (s *StandIns) spent() time.Duration {
	return time.Duration(s.appflowTime.total.Load() + s.cfnTime.total.Load())
}

// responseURL is a ResponseURL on the timed CloudFormation listener.
func (s *StandIns) responseURL(ev harness.Event) string {
	return strings.Replace(s.CFN.ResponseURL(ev.StackID, ev.LogicalResourceID, ev.RequestID), s.CFN.URL, s.cfnURL, 1)
}

// Outcome is one Create as measured from outside the function.
type Outcome struct {
	Invoke   time.Duration // POST to the emulator until its answer
	StandIns time.Duration // of which the stand-ins spent answering
	Status   string        // the Status CloudFormation received
	Reason   string
}

// create sends one Create, with a new name and RequestId, and waits for the
// response CloudFormation would get. Calls must not overlap.
func (s *StandIns) create(ctx context.Context, e *harness.Emulator, base harness.Event, name string) (Outcome, error) {
	ev := base.Fresh()
	ev.ResourceProperties["connectorProfileName"] = name
	ev.ResponseURL = s.responseURL(ev)
	payload, err := json.Marshal(ev)
	if err != nil {
		return Outcome{}, err
	}
	before := s.spent()
	inv, err := e.Invoke(ctx, payload)
	if err != nil {
		return Outcome{}, err
	}
	o := Outcome{Invoke: inv.Duration, StandIns: s.spent() - before}
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	put, err := s.CFN.Wait(wctx, ev.RequestID)
	if err != nil {
		return o, fmt.Errorf("create %s: invoke answered %d %q: %w", name, inv.Status, inv.Body, err)
	}
	o.Status, o.Reason = put.Response.Status, put.Response.Reason
	return o, nil
}
