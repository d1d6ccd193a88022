package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"

	"github.com/appflow-iac/connectorprofile/integ/harness"
	"github.com/appflow-iac/connectorprofile/lambda/handler"
)

// BenchmarkCreateInProcess runs the handler's Create in this process against
// the stand-ins, without the emulator: what the function itself costs per
// Create, where a CPU profile (-cpuprofile) can see it. Besides time/op it
// reports the stand-ins' share (standin-ns/op) and the process's CPU time
// (cpu-ns/op).
func BenchmarkCreateInProcess(b *testing.B) {
	s, err := StartStandIns()
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	creds := credentials.NewStaticCredentialsProvider(harness.FakeAccessKeyID, harness.FakeSecretAccessKey, harness.FakeSessionToken)
	client := appflow.New(appflow.Options{Region: s.AppFlow.Region(), BaseEndpoint: aws.String(s.AppFlowURL), Credentials: creds})
	stacks := cloudformation.New(cloudformation.Options{Region: s.AppFlow.Region(), BaseEndpoint: aws.String(s.cfnURL), Credentials: creds})
	h := handler.New(handler.Clients{AppFlow: client, CloudFormation: stacks}, slog.New(slog.NewJSONHandler(io.Discard, nil)))
	base, err := CreateEvent()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	i := 0
	before, cpuBefore := s.spent(), processCPU(b)
	b.ReportAllocs()
	for b.Loop() {
		ev := base.Fresh()
		ev.ResourceProperties["connectorProfileName"] = fmt.Sprintf("bench-inprocess-%d", i)
		i++
		ev.ResponseURL = s.responseURL(ev)
		payload, _ := json.Marshal(ev)
		if _, err := h.Invoke(ctx, payload); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(s.spent()-before)/float64(b.N), "standin-ns/op")
	b.ReportMetric(float64(processCPU(b)-cpuBefore)/float64(b.N), "cpu-ns/op")
	if puts := s.CFN.Puts(); len(puts) == 0 || puts[len(puts)-1].Response.Status != "SUCCESS" {
		b.Fatalf("last response: %+v", puts[len(puts)-1].Response)
	}
}

// processCPU is the CPU time this process has used, user and system.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
