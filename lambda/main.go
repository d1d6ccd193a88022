// Command lambda is the function behind the Custom::AppFlowConnectorProfile resource type.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"runtime"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/appflow"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/appflow-iac/connectorprofile/lambda/handler"
)

func main() {
	// One event at a time needs one P: a second only adds threads that spin
	// and collect beside the one doing the work (see BENCHMARKS.md).
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	lambda.Start(handler.New(clients(), slog.New(lambdacontext.NewLogHandler())))
}

// clients are built once per cold start; a broken AWS configuration still
// lets every request be answered, as FAILED.
func clients() handler.Clients {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		return handler.Unavailable(fmt.Errorf("load the AWS configuration: %w", err))
	}
	return handler.Clients{
		AppFlow:        appflow.NewFromConfig(cfg),
		CloudFormation: cloudformation.NewFromConfig(cfg),
		SecretsManager: secretsmanager.NewFromConfig(cfg),
	}
}
