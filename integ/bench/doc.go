// Package bench measures the Lambda side by side with a Node.js 20 reference
// that does the same Create with the AWS SDK for JavaScript v3: cold start
// (the emulator's INIT REPORT), warm Create latency, the function's own CPU
// time per Create, peak resident memory, deployment size, and the Go
// microbenchmarks of decoding and validating properties and of the handler's
// Create in process.
//
// Both functions run under the same Runtime Interface Emulator (via
// integ/harness) against the same AppFlow and CloudFormation stand-ins.
// cmd/bench runs it all and writes BENCHMARKS.md.
package bench
