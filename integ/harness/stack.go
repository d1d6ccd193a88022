package harness

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/appflow-iac/connectorprofile/integ/appflowfake"
	"github.com/appflow-iac/connectorprofile/integ/cfnfake"
)

// StackConfig says how to wire a Stack.
type StackConfig struct {
	Artifacts Artifacts
	Timeout   time.Duration // the Lambda's timeout; default 30s
	Region    string        // default us-east-1
	// RealAWS aims the Lambda at the real AppFlow with this process's
	// credentials; no AppFlow stand-in is started.
	RealAWS bool
	AppFlow appflowfake.Options // for the stand-in; Credentials default to the fake keys
	CFNAddr string              // ResponseURL listener; default 127.0.0.1:0
	Output  io.Writer           // also copy the Lambda's output here
}

// Stack is the Lambda under the emulator plus both stand-ins.
type Stack struct {
	AppFlow *appflowfake.Server // nil when RealAWS
	CFN     *cfnfake.Server
	Lambda  *Emulator
}

// StartStack starts the stand-ins and the emulator.
func StartStack(ctx context.Context, cfg StackConfig) (*Stack, error) {
	s := &Stack{}
	var err error
	if cfg.CFNAddr == "" {
		cfg.CFNAddr = "127.0.0.1:0"
	}
	if s.CFN, err = cfnfake.Listen(cfg.CFNAddr); err != nil {
		return nil, fmt.Errorf("cloudformation stand-in: %w", err)
	}
	ecfg := EmulatorConfig{Artifacts: cfg.Artifacts, Region: cfg.Region, Timeout: cfg.Timeout,
		InheritEnv: cfg.RealAWS, Output: cfg.Output}
	if !cfg.RealAWS {
		opts := cfg.AppFlow
		if opts.Region == "" {
			opts.Region = cfg.Region
		}
		if opts.Credentials == nil {
			opts.Credentials = map[string]string{FakeAccessKeyID: FakeSecretAccessKey}
		}
		if s.AppFlow, err = appflowfake.Start(opts); err != nil {
			s.Close()
			return nil, fmt.Errorf("appflow stand-in: %w", err)
		}
		ecfg.AppFlowURL = s.AppFlow.URL
		ecfg.Region = s.AppFlow.Region()
	}
	if s.Lambda, err = StartEmulator(ctx, ecfg); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close stops everything.
func (s *Stack) Close() {
	if s.Lambda != nil {
		s.Lambda.Close()
	}
	if s.AppFlow != nil {
		s.AppFlow.Close()
	}
	if s.CFN != nil {
		s.CFN.Close()
	}
}

// Result is the outcome of one delivered event.
type Result struct {
	Invoke   InvokeResult
	Put      cfnfake.Put      // the accepted response
	Response cfnfake.Response // its body
}

// Send points the event's ResponseURL at the CloudFormation stand-in,
// invokes the Lambda and returns the response CloudFormation accepted.
func (s *Stack) Send(ctx context.Context, ev Event) (Result, error) {
	ev.ResponseURL = s.CFN.ResponseURL(ev.StackID, ev.LogicalResourceID, ev.RequestID)
	payload, err := json.Marshal(ev)
	if err != nil {
		return Result{}, err
	}
	inv, err := s.Lambda.Invoke(ctx, payload)
	if err != nil {
		return Result{Invoke: inv}, err
	}
	// The function answers CloudFormation before it returns; allow a little slack.
	wctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	put, err := s.CFN.Wait(wctx, ev.RequestID)
	if err != nil {
		return Result{Invoke: inv}, fmt.Errorf("%s %s: invoke answered %d %q, %w", ev.RequestType, ev.RequestID, inv.Status, inv.Body, err)
	}
	return Result{Invoke: inv, Put: put, Response: put.Response}, nil
}
