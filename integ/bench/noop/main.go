// Command noop is a Lambda that returns at once: under the emulator, its
// invoke time is the emulator's own round trip, the floor under any function.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	lambda.Start(func(context.Context, json.RawMessage) error { return nil })
}
