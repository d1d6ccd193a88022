package template

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// TestSchemaAgreesWithValidator runs the editor schema and the validator over
// the same properties and wants the same verdict: the events in events/, the
// profiles in testdata's templates, and edge cases of the decoder's leniency.
func TestSchemaAgreesWithValidator(t *testing.T) {
	schema := compileSchema(t, SchemaFile)
	cases := map[string]map[string]any{}

	events, err := filepath.Glob("../../events/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range events {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var event map[string]any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&event); err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		for _, key := range []string{"ResourceProperties", "OldResourceProperties"} {
			if props, ok := event[key].(map[string]any); ok {
				cases[filepath.Base(file)+":"+key] = props
			}
		}
	}
	if len(events) < 20 {
		t.Fatalf("found %d events in ../../events; want the samples", len(events))
	}

	for _, file := range templates(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		root, err := parse(data)
		if err != nil {
			continue // the syntax-error templates
		}
		resources, _ := value(root).(map[string]any)["Resources"].(map[string]any)
		for id, res := range resources {
			r, _ := res.(map[string]any)
			if props, ok := r["Properties"].(map[string]any); ok && r["Type"] == profile.ResourceType {
				cases[filepath.Base(file)+":"+id] = props
			}
		}
	}
	for name, props := range edgeCases() {
		cases["edge:"+name] = props
	}

	for name, props := range cases {
		t.Run(name, func(t *testing.T) {
			issues := checkProperties(props, nil)
			schemaErr := schema.Validate(props)
			if (len(issues) == 0) != (schemaErr == nil) {
				var msgs []string
				for _, is := range issues {
					msgs = append(msgs, is.path+": "+is.message)
				}
				t.Errorf("validator found %d problems %q; schema says %v", len(issues), msgs, schemaErr)
			}
		})
	}
}

// compileSchema compiles one of the generated schemas for the validator
// library, with the other beside it for its $ref.
func compileSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	files, err := Schemas()
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.UseRegexpEngine(ecmaRegexp)
	for file, data := range files {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(schemaBase+file, doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile(schemaBase + name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// ecmaRegexp compiles a schema's ECMAScript pattern with Go's engine, which
// reads the patterns alike once \uXXXX is written \x{XXXX}.
func ecmaRegexp(pattern string) (jsonschema.Regexp, error) {
	return regexp.Compile(ecmaEscape.ReplaceAllString(pattern, `\x{$1}`))
}

var ecmaEscape = regexp.MustCompile(`\\u([0-9a-fA-F]{4})`)

// edgeCases are properties that probe where the decoder is lenient or strict.
func edgeCases() map[string]map[string]any {
	base := func(mutate func(p map[string]any)) map[string]any {
		p := parseJSON(`{
			"ServiceToken": "arn:aws:lambda:us-east-1:111122223333:function:provider",
			"connectorProfileName": "sap", "connectorType": "SAPOData", "connectionMode": "Public",
			"connectorProfileConfig": {"connectorProfileProperties": {"SAPOData": {
				"applicationHostUrl": "https://sap.example.com", "applicationServicePath": "/sap",
				"portNumber": "443", "clientNumber": "010"}}}}`)
		mutate(p)
		return p
	}
	sap := func(p map[string]any) map[string]any {
		return p["connectorProfileConfig"].(map[string]any)["connectorProfileProperties"].(map[string]any)["SAPOData"].(map[string]any)
	}
	return map[string]map[string]any{
		"valid":                   base(func(map[string]any) {}),
		"upper case keys":         base(func(p map[string]any) { p["CONNECTIONMODE"] = p["connectionMode"]; delete(p, "connectionMode") }),
		"key given twice":         base(func(p map[string]any) { p["ConnectionMode"] = "Public" }),
		"port as number":          base(func(p map[string]any) { sap(p)["portNumber"] = json.Number("443") }),
		"port with plus and zero": base(func(p map[string]any) { sap(p)["portNumber"] = "+0443" }),
		"port out of range":       base(func(p map[string]any) { sap(p)["portNumber"] = "65536" }),
		"port zero":               base(func(p map[string]any) { sap(p)["portNumber"] = json.Number("0") }),
		"port fraction":           base(func(p map[string]any) { sap(p)["portNumber"] = json.Number("443.5") }),
		"client number as number": base(func(p map[string]any) { sap(p)["clientNumber"] = json.Number("100") }),
		"client number too short": base(func(p map[string]any) { sap(p)["clientNumber"] = json.Number("99") }),
		"bool as string":          base(func(p map[string]any) { p["forceDelete"] = "TRUE" }),
		"bool as word":            base(func(p map[string]any) { p["forceDelete"] = "yes" }),
		"no service token":        base(func(p map[string]any) { delete(p, "ServiceToken") }),
		"sns service token":       base(func(p map[string]any) { p["ServiceToken"] = "arn:aws:sns:us-east-1:111122223333:t" }),
		"service timeout":         base(func(p map[string]any) { p["ServiceTimeout"] = "600" }),
		"service timeout too big": base(func(p map[string]any) { p["ServiceTimeout"] = json.Number("3601") }),
		"wrong connector key":     base(func(p map[string]any) { sap(p)["x"] = 1; p["connectorType"] = "Slack" }),
		"keyless type":            base(func(p map[string]any) { p["connectorType"] = "S3" }),
		"intrinsic type":          base(func(p map[string]any) { p["connectorType"] = map[string]any{"Ref": "Type"} }),
		"list where string": base(func(p map[string]any) {
			sap(p)["applicationServicePath"] = map[string]any{"Fn::Split": []any{",", "a"}}
		}),
		"dynamic reference port": base(func(p map[string]any) { sap(p)["portNumber"] = "{{resolve:ssm:/sap/port}}" }),
		"if with bad branch": base(func(p map[string]any) {
			sap(p)["portNumber"] = map[string]any{"Fn::If": []any{"C", "443", "0"}}
		}),
		"if with no value": base(func(p map[string]any) {
			sap(p)["logonLanguage"] = map[string]any{"Fn::If": []any{"C", "EN", map[string]any{"Ref": "AWS::NoValue"}}}
		}),
		"null": base(func(p map[string]any) { sap(p)["logonLanguage"] = nil }),
		"custom connector without label": base(func(p map[string]any) {
			p["connectorType"] = "CustomConnector"
			p["connectorProfileConfig"] = map[string]any{"connectorProfileProperties": map[string]any{}}
		}),
		"custom auth member missing": base(func(p map[string]any) {
			p["connectorType"], p["connectorLabel"] = "CustomConnector", "label"
			p["connectorProfileConfig"] = parseJSON(`{"connectorProfileProperties": {},
				"connectorProfileCredentials": {"CustomConnector": {"authenticationType": "BASIC"}}}`)
		}),
		"map with bad key": base(func(p map[string]any) {
			p["connectorType"], p["connectorLabel"] = "CustomConnector", "label"
			p["connectorProfileConfig"] = parseJSON(`{"connectorProfileProperties": {"CustomConnector": {"profileProperties": {"a-b": "x"}}}}`)
		}),
	}
}

func parseJSON(s string) map[string]any {
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		panic(err)
	}
	return m
}

// TestTemplateSchema: the whole-template schema passes the clean templates and
// fails the broken ones, leaving other resources alone.
func TestTemplateSchema(t *testing.T) {
	schema := compileSchema(t, TemplateSchemaFile)
	for name, wantValid := range map[string]bool{"good.yaml": true, "good.json": true, "cdk.template.json": true, "bad.yaml": false, "bad.json": false} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		root, err := parse(data)
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(value(root)); (err == nil) != wantValid {
			t.Errorf("%s: schema says %v, want valid %t", name, err, wantValid)
		}
	}
}
