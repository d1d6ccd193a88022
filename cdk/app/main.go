// Command app is the CDK app that cdk.json runs: the sample stack with a
// Salesforce and a custom connector profile.
package main

import (
	"github.com/appflow-iac/connectorprofile/cdk/sample"
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	sample.NewStack(app, "AppFlowConnectorProfileSample", nil)
	app.Synth(nil)
}
