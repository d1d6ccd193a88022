package cfnresolve

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/appflow-iac/connectorprofile/lambda/template"
)

const tmpl = `
Parameters:
  Name: {Type: String, Default: sales}
  Keys: {Type: CommaDelimitedList, Default: ""}
  Size: {Type: Number, Default: 3, AllowedValues: [3, 4]}
Mappings:
  Ports: {us-east-1: {sap: "8443"}}
Conditions:
  HasKeys: !Not [!Equals [!Join ["", !Ref Keys], ""]]
  Big: !Equals [!Ref Size, 4]
  Either: !Or [!Condition HasKeys, !Condition Big]
Resources: {}
`

func TestResolve(t *testing.T) {
	data, err := template.Decode([]byte(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	stack := Stack{
		Partition: "aws", Region: "us-east-1", AccountID: "111122223333", StackName: "s", StackID: "arn:stack/s/1",
		Parameters: map[string]string{"Keys": "k1,k2"},
		Exports:    map[string]string{"Token": "arn:aws:lambda:us-east-1:111122223333:function:p"},
		Resources:  map[string]Resource{"Log": {Ref: "log", Attributes: map[string]string{"Arn": "arn:log"}}},
		DynamicReference: func(ref string) (string, error) {
			if ref == "resolve:secretsmanager:missing" {
				return "", fmt.Errorf("no such secret")
			}
			return "<" + ref + ">", nil
		},
	}
	r, err := New(data, stack)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{`!Ref Name`, `sales`},
		{`!Ref Keys`, `[k1 k2]`},
		{`!If [HasKeys, !Ref Keys, ["*"]]`, `[k1 k2]`},
		{`!If [Big, a, b]`, `b`},
		{`!If [Either, a, b]`, `a`},
		{`[a, !Ref AWS::NoValue, b]`, `[a b]`},
		{`{A: !If [Big, x, !Ref AWS::NoValue], B: y}`, `map[B:y]`},
		{`!Sub "arn:${AWS::Partition}:x:${AWS::Region}:${AWS::AccountId}:${Name}/${Log.Arn}/${!Literal}"`, `arn:aws:x:us-east-1:111122223333:sales/arn:log/${Literal}`},
		{`!Sub ["${A}-${AWS::StackName}", {A: !Ref Name}]`, `sales-s`},
		{`!GetAtt Log.Arn`, `arn:log`},
		{`!Join [",", [a, !Ref Name]]`, `a,sales`},
		{`!Select [1, !Split [",", "x,y"]]`, `y`},
		{`!FindInMap [Ports, !Ref AWS::Region, sap]`, `8443`},
		{`!ImportValue Token`, `arn:aws:lambda:us-east-1:111122223333:function:p`},
		{`"{{resolve:secretsmanager:s:SecretString:k}}"`, `<resolve:secretsmanager:s:SecretString:k>`},
		{`!Sub "x{{resolve:ssm:/p}}"`, `x<resolve:ssm:/p>`},
	} {
		doc, err := template.Decode([]byte("V: " + tc.in))
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		got, err := r.Resolve(doc["V"])
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if diff := cmp.Diff(tc.want, fmt.Sprint(got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.in, diff)
		}
	}
	for _, in := range []string{`!Ref Nothing`, `!GetAtt Log.Name`, `!ImportValue Missing`, `!Select [5, [a]]`, `"{{resolve:secretsmanager:missing}}"`, `!Sub "${Keys}"`, `!Base64 x`} {
		doc, _ := template.Decode([]byte("V: " + in))
		if got, err := r.Resolve(doc["V"]); err == nil {
			t.Errorf("%s resolved to %v, want an error", in, got)
		}
	}
}

func TestParameters(t *testing.T) {
	data, _ := template.Decode([]byte(tmpl))
	for _, tc := range []struct {
		params map[string]string
		want   string
	}{
		{map[string]string{"Size": "5"}, "not among the allowed values"},
		{map[string]string{"Other": "x"}, "not declared"},
	} {
		if _, err := New(data, Stack{Parameters: tc.params}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: got %v, want %q", tc.params, err, tc.want)
		}
	}
	noDefault, _ := template.Decode([]byte("Parameters: {P: {Type: String}}"))
	if _, err := New(noDefault, Stack{}); err == nil {
		t.Error("a parameter without value or default passed")
	}
}
