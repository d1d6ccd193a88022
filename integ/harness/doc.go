// Package harness runs the real Lambda bootstrap under the AWS Lambda
// Runtime Interface Emulator on loopback, wired to local stand-ins, so tests,
// benchmarks and the demo can send it CloudFormation events.
//
//	art, err := harness.Build(ctx)              // bootstrap + aws-lambda-rie, once per test binary
//	defer art.Remove()
//	st, err := harness.StartStack(ctx, harness.StackConfig{Artifacts: art, Timeout: 5 * time.Second})
//	defer st.Close()
//	st.Inject(harness.Faults{AppFlow: []fault.Fault{{Op: "CreateConnectorProfile", Kind: fault.Hang}}})
//	d := st.Send(ctx, ev)                       // invoke; d.Accepted is the response CloudFormation took
//	r := st.Rotate(ctx, "sales", secretARN)     // the input an EventBridge rule sends when the secret changes
//	leaks := st.Leaks()                         // after Close: every secret that showed up where it must not
//
// A Stack is the rig: the emulator, and the stand-ins as fields (AppFlow;
// CloudFormation for the ResponseURLs and the API; Secrets Manager for
// CredentialsSecret), each with fault queues (package fault) that Inject
// fills from a Faults value.
// The function gets the fake static credentials (FakeAccessKeyID, ...),
// AWS_REGION, AWS_LAMBDA_FUNCTION_TIMEOUT, an AWS_ENDPOINT_URL_<SERVICE> for
// each stand-in and whatever StackConfig.Env adds; Stack.Env says what the
// Stack set. Each emulator takes one invocation at a time (like one Lambda
// execution environment) on two free loopback ports of its own; for
// concurrency run several Stacks, sharing one AppFlow (SharedAppFlow) if
// they stand for one account.
package harness
