// Command validate checks the Custom::AppFlowConnectorProfile resources of
// CloudFormation templates with the Lambda's own decoder, before deploying.
//
//	go run ./lambda/validate template.yaml cdk.out
//
// It prints one line per problem (file:line: path: message) and exits 1 if
// there is any, 0 when the templates are clean, 2 when one cannot be read.
// A directory stands for its *.template.json files (a cdk.out).
//
// With -write-schema DIR it writes the editor schemas instead: schema.json
// for the properties and template.schema.json for whole templates.
package main

//go:generate go run . -write-schema .

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
	"github.com/appflow-iac/connectorprofile/lambda/template"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("validate", flag.ContinueOnError)
	flags.SetOutput(stderr)
	schemaDir := flags.String("write-schema", "", "write schema.json and template.schema.json to `dir` and exit")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: validate TEMPLATE|CDK.OUT-DIR...\n       validate -write-schema DIR")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if *schemaDir != "" {
		if err := writeSchemas(*schemaDir); err != nil {
			fmt.Fprintln(stderr, "validate:", err)
			return 2
		}
		return 0
	}
	if flags.NArg() == 0 {
		flags.Usage()
		return 2
	}
	findings, err := template.CheckFiles(flags.Args()...)
	if err != nil {
		fmt.Fprintln(stderr, "validate:", err)
		return 2
	}
	for _, f := range findings {
		fmt.Fprintln(stdout, f)
	}
	if len(findings) > 0 {
		return 1
	}
	return 0
}

// schemaFiles are the generated editor schemas, by file name.
var schemaFiles = map[string]func() map[string]any{
	"schema.json":          profile.Schema,
	"template.schema.json": profile.TemplateSchema,
}

func writeSchemas(dir string) error {
	for name, schema := range schemaFiles {
		data, err := profile.MarshalSchema(schema())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
