// Package harness runs the real Lambda bootstrap under the AWS Lambda
// Runtime Interface Emulator on loopback, wired to the local AppFlow and
// CloudFormation stand-ins, so tests, benchmarks and the demo can send it
// CloudFormation events.
//
//	art, err := harness.Build(ctx)              // bootstrap + aws-lambda-rie, once per test binary
//	defer art.Remove()
//	st, err := harness.StartStack(ctx, harness.StackConfig{Artifacts: art, Timeout: 5 * time.Second})
//	defer st.Close()
//	res, err := st.Send(ctx, ev)                // invoke, then the response CloudFormation accepted
//
// Each emulator takes one invocation at a time (like one Lambda execution
// environment) and listens on two free loopback ports of its own, so run
// several Stacks for concurrency. The function sees only the fake static
// credentials (FakeAccessKeyID, ...), AWS_REGION, AWS_ENDPOINT_URL_APPFLOW
// and AWS_LAMBDA_FUNCTION_TIMEOUT unless StackConfig.RealAWS is set.
// Emulator.Output holds everything the emulator and the function printed;
// FunctionLines keeps the function's lines.
package harness
