package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/appflow-iac/connectorprofile/cdk/providerdef"
	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// options say what the template deploys.
type options struct {
	arch providerdef.Architecture
	// code is the bootstrap's zip, relative to the template.
	code string
	// standins, when set, is the host of the local AppFlow and CloudFormation
	// stand-ins the function is aimed at, for `sam local invoke` only.
	standins string
}

// The template's logical ids; ${LogGroup.Arn} in providerdef names the log
// group's.
const (
	logGroupID = "LogGroup"
	roleID     = "Role"
	functionID = "Function"
)

// The stand-ins' ports, as integ/cmd/standins listens by default.
const (
	appFlowStandInPort        = 8124
	cloudFormationStandInPort = 8123
)

// logRetentionDays are the retentions CloudWatch Logs accepts.
var logRetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// render writes the provider template.
func render(o options) ([]byte, error) {
	description := "The " + profile.ResourceType + " provider: the Lambda function that manages Amazon AppFlow " +
		"connector profiles for every stack in this account and Region. Use it from any template with " +
		"ServiceToken: !ImportValue " + providerdef.ExportName
	header := "# The " + profile.ResourceType + " provider, made by `make provider` from cdk/providerdef: change\n" +
		"# the definition, not this file. Deploy it with `sam deploy --guided -t build/provider.yaml`, or with\n" +
		"# `aws cloudformation package` and `aws cloudformation deploy` (see the README).\n"
	if o.standins != "" {
		description = "FOR sam local invoke ONLY, never deploy: " + description
		header = "# FOR sam local invoke ONLY: the function is aimed at the local stand-ins on " + o.standins + ".\n" + header
	}

	parameters := mapping{}
	conditions := mapping{}
	for _, l := range providerdef.Lists {
		parameters = append(parameters, field{l.Parameter, mapping{
			{"Type", "CommaDelimitedList"},
			{"Default", ""},
			{"Description", l.Description},
		}})
		conditions = append(conditions, field{has(l), flow{fn{"Not", []any{fn{"Equals", []any{fn{"Join", []any{"", ref(l.Parameter)}}, ""}}}}}})
	}
	parameters = append(parameters,
		field{"LogRetentionInDays", mapping{
			{"Type", "Number"},
			{"Default", providerdef.LogRetentionDays},
			{"AllowedValues", flow{logRetentionDays}},
			{"Description", "Days the function's log group keeps its lines. The log group is retained when the stack is deleted."},
		}},
		field{"Architecture", mapping{
			{"Type", "String"},
			{"Default", string(o.arch)},
			{"AllowedValues", flow{[]string{string(o.arch)}}},
			{"Description", "The function's architecture: the one its bootstrap was built for."},
			{"ConstraintDescription", fmt.Sprintf("the bootstrap beside this template is built for %s; run `make provider ARCH=<arch>` to build one for another architecture (one of %v)", o.arch, providerdef.Architectures)},
		}},
	)

	var statements []any
	for _, s := range providerdef.Policy(providerdef.AccountStacks) {
		st, err := statement(s)
		if err != nil {
			return nil, err
		}
		statements = append(statements, st)
	}

	function := mapping{
		{"Description", providerdef.Description},
		{"Runtime", providerdef.Runtime},
		{"Architectures", flow{[]any{ref("Architecture")}}},
		{"Handler", providerdef.Handler},
		{"Code", o.code},
		{"MemorySize", providerdef.MemoryMiB},
		{"Timeout", int(providerdef.Timeout.Seconds())},
		{"Role", fn{"GetAtt", roleID + ".Arn"}},
		{"LoggingConfig", mapping{{"LogFormat", providerdef.LogFormat}, {"LogGroup", ref(logGroupID)}}},
	}
	if o.standins != "" {
		function = append(function, field{"Environment", mapping{{"Variables", mapping{
			{"AWS_ENDPOINT_URL_APPFLOW", fmt.Sprintf("http://%s:%d", o.standins, appFlowStandInPort)},
			{"AWS_ENDPOINT_URL_CLOUDFORMATION", fmt.Sprintf("http://%s:%d", o.standins, cloudFormationStandInPort)},
		}}}})
	}

	doc := mapping{
		{"AWSTemplateFormatVersion", "2010-09-09"},
		{"Description", description},
		{"Parameters", parameters},
		{"Conditions", conditions},
		{"Resources", mapping{
			{logGroupID, mapping{
				{"Type", "AWS::Logs::LogGroup"},
				{"DeletionPolicy", "Retain"},
				{"UpdateReplacePolicy", "Retain"},
				{"Properties", mapping{{"RetentionInDays", ref("LogRetentionInDays")}}},
			}},
			{roleID, mapping{
				{"Type", "AWS::IAM::Role"},
				{"Properties", mapping{
					{"Description", providerdef.RoleDescription},
					{"AssumeRolePolicyDocument", mapping{
						{"Version", "2012-10-17"},
						{"Statement", []any{mapping{
							{"Effect", "Allow"},
							{"Principal", mapping{{"Service", "lambda.amazonaws.com"}}},
							{"Action", "sts:AssumeRole"},
						}}},
					}},
					{"Policies", []any{mapping{
						{"PolicyName", "ManageConnectorProfiles"},
						{"PolicyDocument", mapping{{"Version", "2012-10-17"}, {"Statement", statements}}},
					}}},
				}},
			}},
			{functionID, mapping{
				{"Type", "AWS::Lambda::Function"},
				{"Properties", function},
			}},
		}},
		{"Outputs", mapping{
			{"ServiceToken", mapping{
				{"Description", "The provider function's ARN: the ServiceToken of every " + profile.ResourceType},
				{"Value", fn{"GetAtt", functionID + ".Arn"}},
				{"Export", mapping{{"Name", providerdef.ExportName}}},
			}},
		}},
	}
	var b bytes.Buffer
	b.WriteString(header)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// has names the condition that a list parameter is not empty.
func has(l *providerdef.List) string { return "Has" + l.Parameter }

// statement renders one of providerdef's statements; one drawing from a list
// that may be empty is there only while its parameter is not.
func statement(s providerdef.Statement) (any, error) {
	var resource any
	switch {
	case s.From != nil && s.From.AnyWhenEmpty:
		resource = flow{fn{"If", []any{has(s.From), ref(s.From.Parameter), []string{"*"}}}}
	case s.From != nil:
		resource = ref(s.From.Parameter)
	case len(s.Resources) == 1:
		resource = sub(s.Resources[0])
	default:
		var rs []any
		for _, r := range s.Resources {
			rs = append(rs, sub(r))
		}
		resource = rs
	}
	st := mapping{
		{"Sid", s.Sid},
		{"Effect", "Allow"},
		{"Action", s.Actions},
		{"Resource", resource},
	}
	if len(s.Conditions) > 0 {
		conditions := mapping{}
		for _, op := range sortedKeys(s.Conditions) {
			keys := mapping{}
			for _, key := range sortedKeys(s.Conditions[op]) {
				switch v := s.Conditions[op][key].(type) {
				case string:
					keys = append(keys, field{key, sub(v)})
				case []string:
					var vs []any
					for _, x := range v {
						vs = append(vs, sub(x))
					}
					keys = append(keys, field{key, vs})
				default:
					return nil, fmt.Errorf("%s: condition %s %s: a value of type %T", s.Sid, op, key, v)
				}
			}
			conditions = append(conditions, field{op, keys})
		}
		st = append(st, field{"Condition", conditions})
	}
	if s.From != nil && !s.From.AnyWhenEmpty {
		return fn{"If", []any{has(s.From), st, noValue}}, nil
	}
	return st, nil
}

// sub is a string with ${...} as !Sub (or !Ref, !GetAtt when that is all it
// holds), and one without as itself.
func sub(s string) any {
	if !strings.Contains(s, "${") {
		return s
	}
	if name, whole := strings.CutPrefix(s, "${"); whole && strings.Index(name, "}") == len(name)-1 {
		name = strings.TrimSuffix(name, "}")
		if strings.Contains(name, ".") && !strings.HasPrefix(name, "AWS::") {
			return fn{"GetAtt", name}
		}
		return ref(name)
	}
	return fn{"Sub", s}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
