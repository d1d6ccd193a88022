package connectorprofile

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
	"github.com/appflow-iac/connectorprofile/lambda/template"
)

// checkAtSynth fails for what the handler would refuse, and for what it
// cannot see: an SSM SecureString reference, which CloudFormation leaves
// unresolved in a custom resource, and a name another profile of the stack
// has.
func (c *connectorProfile) checkAtSynth(resourceProps map[string]interface{}) {
	stack := awscdk.Stack_Of(c)
	resolved, err := resolve(stack, resourceProps)
	if err != nil {
		c.fail("%v", err)
	}
	if refs := ssmSecureReferences("", resolved); len(refs) > 0 {
		c.fail("%s: %s", strings.Join(refs, ", "), ssmSecureRefusal)
	}
	if err := check(resolved); err != nil {
		c.fail("%v", err)
	}
	if other := profileNamed(stack, c); other != "" {
		c.fail("connectorProfileName: %q is also the name of %s; connector profile names are unique in an account and Region", *c.name, other)
	}
}

// resolve turns the resource properties into what the template will hold:
// tokens become intrinsic functions and dynamic references.
func resolve(stack awscdk.Stack, resourceProps map[string]interface{}) (map[string]any, error) {
	raw, err := json.Marshal(stack.Resolve(resourceProps))
	if err != nil {
		return nil, err
	}
	var props map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&props); err != nil {
		return nil, err
	}
	return props, nil
}

// check runs the handler's own checks on the resolved properties, which take
// intrinsic functions and dynamic references as valid wherever a value of
// their kind fits.
func check(props map[string]any) error {
	_, err := profile.DecodeMap(props, profile.Options{Unresolved: template.Unresolved})
	return err
}

const ssmSecureRefusal = "CloudFormation does not resolve " + profile.SSMSecureStringReference + "...}} in a custom " +
	"resource, so AppFlow would get the reference's text instead of the value; keep the value in Secrets Manager " +
	"and pass awscdk.SecretValue_SecretsManager"

// ssmSecureReferences lists the property paths whose value holds an SSM
// SecureString reference, also inside an intrinsic function.
func ssmSecureReferences(path string, v any) []string {
	var out []string
	switch v := v.(type) {
	case string:
		if strings.Contains(v, profile.SSMSecureStringReference) {
			out = append(out, path)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			sub := path
			if !intrinsic(k) {
				sub = strings.TrimPrefix(path+"."+k, ".")
			}
			out = append(out, ssmSecureReferences(sub, v[k])...)
		}
	case []any:
		for _, e := range v {
			out = append(out, ssmSecureReferences(path, e)...)
		}
	}
	return slices.Compact(out)
}

func intrinsic(key string) bool { return key == "Ref" || strings.HasPrefix(key, "Fn::") }

// profileNamed returns the path of another profile in p's stack that has p's
// name, "" if none or if the name is a token.
func profileNamed(stack awscdk.Stack, p *connectorProfile) string {
	if *awscdk.Token_IsUnresolved(p.name) {
		return ""
	}
	for _, c := range *stack.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		if other, ok := c.(*connectorProfile); ok && other != p && other.name != nil && *other.name == *p.name {
			return *other.Node().Path()
		}
	}
	return ""
}
