// Command checktemplate checks the Custom::AppFlowConnectorProfile resources
// of CloudFormation templates with the function's own checks, before deploying.
//
//	go run ./lambda/checktemplate template.yaml cdk.out
//
// It prints one line per problem or warning (file:line: path: message), then a
// summary, and exits 1 if there is any problem, 0 when there is none (warnings
// do not count), 2 when a template cannot be read. A directory stands for its
// *.template.json files (a cdk.out).
//
// schema.json and template.schema.json beside this file are the same rules
// as JSON Schemas for editors; TestSchemasUpToDate regenerates them.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/appflow-iac/connectorprofile/lambda/template"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		fmt.Fprintln(stderr, "usage: checktemplate TEMPLATE|CDK.OUT-DIR...")
		return 2
	}
	report, err := template.CheckFiles(args...)
	if err != nil {
		fmt.Fprintln(stderr, "checktemplate:", err)
		return 2
	}
	for _, f := range report.Findings {
		fmt.Fprintln(stdout, f)
	}
	fmt.Fprintln(stdout, report.Summary())
	if report.Problems() > 0 {
		return 1
	}
	return 0
}
