package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/cfnfake"
	"github.com/appflow-iac/connectorprofile/integ/fault"
	"github.com/appflow-iac/connectorprofile/integ/secretsfake"
)

// StackConfig says how to wire a Stack.
type StackConfig struct {
	Artifacts Artifacts
	Timeout   time.Duration // the function's timeout; default 30s
	Region    string        // default us-east-1
	// RealAWS aims the function at the real AppFlow with this process's
	// environment and credentials; no AppFlow stand-in is started.
	RealAWS bool
	AppFlow appflowfake.Options // the stand-in's; Credentials default to the fake keys
	// SharedAppFlow is a running AppFlow stand-in to use instead of starting
	// one, so that several Stacks share one account; Close leaves it running.
	SharedAppFlow *appflowfake.Server
	// Env is the function's environment over the Stack's (endpoints, TMPDIR,
	// HOME) and the emulator's (credentials, region, timeout).
	Env map[string]string
	// TempDir, if set, is the function's TMPDIR and HOME, where Leaks looks
	// for files it wrote.
	TempDir string
	Output  io.Writer // also copy the emulator's and the function's output here
}

// Stack is the function under the emulator with its stand-ins.
type Stack struct {
	AppFlow *appflowfake.Server // nil when RealAWS
	// CloudFormation takes the answers at every ResponseURL and answers the
	// function's DescribeStacks and DescribeStackEvents.
	CloudFormation *cfnfake.Server
	SecretsManager *secretsfake.Server // holds what CredentialsSecret names; nil when RealAWS
	Lambda         *Emulator
	Env            map[string]string // the environment the Stack gave the function
	TempDir        string

	ownAppFlow bool
	closeOnce  sync.Once

	mu         sync.Mutex
	deliveries []Delivery
}

// StartStack starts the stand-ins and the emulator.
func StartStack(ctx context.Context, cfg StackConfig) (_ *Stack, err error) {
	s := &Stack{TempDir: cfg.TempDir, Env: map[string]string{}}
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	if s.CloudFormation, err = cfnfake.Start(); err != nil {
		return nil, fmt.Errorf("CloudFormation stand-in: %w", err)
	}
	if !cfg.RealAWS {
		if err := s.startAppFlow(cfg); err != nil {
			return nil, fmt.Errorf("appflow stand-in: %w", err)
		}
		cfg.Region = s.AppFlow.Region()
		s.Env["AWS_ENDPOINT_URL_APPFLOW"] = s.AppFlow.URL
		s.CloudFormation.RequireSignature(cfg.Region, map[string]string{FakeAccessKeyID: FakeSecretAccessKey})
		s.Env["AWS_ENDPOINT_URL_CLOUDFORMATION"] = s.CloudFormation.URL
		s.SecretsManager, err = secretsfake.Start(secretsfake.Options{Region: cfg.Region, Account: s.AppFlow.Account(),
			Credentials: map[string]string{FakeAccessKeyID: FakeSecretAccessKey}})
		if err != nil {
			return nil, fmt.Errorf("Secrets Manager stand-in: %w", err)
		}
		s.Env["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = s.SecretsManager.URL
	}
	if s.TempDir != "" {
		s.Env["TMPDIR"], s.Env["HOME"] = s.TempDir, s.TempDir
	}
	maps.Copy(s.Env, cfg.Env)
	var env []string
	for _, k := range slices.Sorted(maps.Keys(s.Env)) {
		env = append(env, k+"="+s.Env[k])
	}
	s.Lambda, err = StartEmulator(ctx, EmulatorConfig{Artifacts: cfg.Artifacts, Region: cfg.Region, Timeout: cfg.Timeout,
		InheritEnv: cfg.RealAWS, Env: env, Output: cfg.Output})
	return s, err
}

func (s *Stack) startAppFlow(cfg StackConfig) error {
	if s.AppFlow = cfg.SharedAppFlow; s.AppFlow != nil {
		return nil
	}
	opts := cfg.AppFlow
	if opts.Region == "" {
		opts.Region = cfg.Region
	}
	if opts.Credentials == nil {
		opts.Credentials = map[string]string{FakeAccessKeyID: FakeSecretAccessKey}
	}
	var err error
	s.AppFlow, err = appflowfake.Start(opts)
	s.ownAppFlow = err == nil
	return err
}

// Faults are what each stand-in is told to get wrong, in the order given.
type Faults struct {
	AppFlow        []fault.Fault // Op: the operation, e.g. "CreateConnectorProfile"
	ResponseURL    []fault.Fault // Op "PUT"
	CloudFormation []fault.Fault // the API; Op: the Action, e.g. "DescribeStacks"
	SecretsManager []fault.Fault // Op: the operation, e.g. "GetSecretValue"
}

// Inject queues faults in the stand-ins (not for RealAWS).
func (s *Stack) Inject(f Faults) {
	s.AppFlow.Faults.Inject(f.AppFlow...)
	s.CloudFormation.Faults.Inject(f.ResponseURL...)
	s.CloudFormation.APIFaults.Inject(f.CloudFormation...)
	s.SecretsManager.Faults.Inject(f.SecretsManager...)
}

// ClearFaults removes every fault still queued.
func (s *Stack) ClearFaults() {
	s.AppFlow.Faults.Clear()
	s.CloudFormation.Faults.Clear()
	s.CloudFormation.APIFaults.Clear()
	s.SecretsManager.Faults.Clear()
}

// Close stops the emulator and the stand-ins the Stack started; a second
// call does nothing. What they recorded stays readable.
func (s *Stack) Close() {
	s.closeOnce.Do(func() {
		if s.Lambda != nil {
			s.Lambda.Close()
		}
		if s.AppFlow != nil && s.ownAppFlow {
			s.AppFlow.Close()
		}
		if s.CloudFormation != nil {
			s.CloudFormation.Close()
		}
		if s.SecretsManager != nil {
			s.SecretsManager.Close()
		}
	})
}

// Delivery is what one delivery of an event came to.
type Delivery struct {
	Event     Event
	Invoke    InvokeResult
	InvokeErr error
	Puts      []cfnfake.Put // what this delivery sent to its ResponseURL
	Accepted  *cfnfake.Put  // the first response CloudFormation took, if any
	Elapsed   time.Duration // from the invoke to the accepted response, or to the invoke's end
}

// Response is what CloudFormation took; the zero value if it took nothing.
func (d Delivery) Response() cfnfake.Response {
	if d.Accepted == nil {
		return cfnfake.Response{}
	}
	return d.Accepted.Response
}

// FunctionError reports whether the function returned an error to the
// runtime, which makes Lambda deliver the event again.
func (d Delivery) FunctionError() bool {
	return bytes.Contains(d.Invoke.Body, []byte(`"errorMessage"`)) || bytes.Contains(d.Invoke.Body, []byte(`"errorType"`))
}

// Send points the event's ResponseURL at the CloudFormation stand-in and delivers it.
func (s *Stack) Send(ctx context.Context, ev Event) Delivery {
	ev.ResponseURL = s.CloudFormation.ResponseURL(ev.StackID, ev.LogicalResourceID, ev.RequestID)
	return s.Deliver(ctx, ev)
}

// Deliver tells the CloudFormation stand-in about ev (its IN_PROGRESS event)
// and invokes the function with ev as it is. The function answers
// CloudFormation before it returns, so every response it sent is in by then.
func (s *Stack) Deliver(ctx context.Context, ev Event) Delivery {
	payload, err := json.Marshal(ev)
	if err != nil {
		return Delivery{Event: ev, InvokeErr: err}
	}
	return s.DeliverPayload(ctx, ev, payload)
}

// DeliverPayload is Deliver with the event as payload, bytes no Event can
// hold (a field of the wrong type, say); ev is the event as CloudFormation
// knows it.
func (s *Stack) DeliverPayload(ctx context.Context, ev Event, payload []byte) Delivery {
	d := Delivery{Event: ev}
	s.CloudFormation.Invoking(cfnfake.Invocation{RequestType: ev.RequestType, RequestID: ev.RequestID, StackID: ev.StackID,
		LogicalResourceID: ev.LogicalResourceID, PhysicalResourceID: ev.PhysicalResourceID, ResourceType: ev.ResourceType})
	before := len(s.CloudFormation.Puts())
	start := time.Now()
	d.Invoke, d.InvokeErr = s.Lambda.Invoke(ctx, payload)
	d.Elapsed = time.Since(start)
	for _, p := range s.CloudFormation.Puts()[before:] {
		if p.Response.RequestID != ev.RequestID {
			continue
		}
		d.Puts = append(d.Puts, p)
		if d.Accepted == nil && p.Accepted() {
			d.Accepted = &p
			d.Elapsed = p.Time.Sub(start)
		}
	}
	s.mu.Lock()
	s.deliveries = append(s.deliveries, d)
	s.mu.Unlock()
	return d
}

// Deliveries lists every delivery so far.
func (s *Stack) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.deliveries)
}
