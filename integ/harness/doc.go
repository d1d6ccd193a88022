// Package harness runs the real Lambda bootstrap under the AWS Lambda
// Runtime Interface Emulator on loopback, wired to the local AppFlow and
// CloudFormation stand-ins, so tests, benchmarks and the demo can send it
// CloudFormation events.
//
//	art, err := harness.Build(ctx, dir)         // bootstrap + aws-lambda-rie, once
//	st, err := harness.StartStack(ctx, harness.StackConfig{Artifacts: art})
//	defer st.Close()
//	res, err := st.Send(ctx, ev)                // invoke, then the response CloudFormation got
package harness
