// Command app is the CDK app that cdk.json runs: the sample stack with a
// Salesforce and a custom connector profile. The context value
// appflowEndpoint (cdk synth -c appflowEndpoint=URL) points the handler at a
// local AppFlow stand-in, for sam local invoke only.
package main

import (
	"github.com/appflow-iac/connectorprofile/cdk/sample"
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	props := &sample.StackProps{}
	// cdk synth -c appflowEndpoint=http://host.docker.internal:PORT points
	// the handler at a local AppFlow stand-in for `sam local invoke`.
	if endpoint, ok := app.Node().TryGetContext(jsii.String("appflowEndpoint")).(string); ok && endpoint != "" {
		props.AppFlowEndpoint = jsii.String(endpoint)
	}
	sample.NewStack(app, "AppFlowConnectorProfileSample", props)
	app.Synth(nil)
}
