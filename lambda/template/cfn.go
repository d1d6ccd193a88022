package template

import (
	"regexp"
	"strings"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// What CloudFormation puts around the properties: the provider's ServiceToken,
// ServiceTimeout, intrinsic functions and dynamic references. The template
// checks and the editor schema share these.

// serviceTokenPattern matches the ARN of a Lambda function (optionally qualified).
var serviceTokenPattern = regexp.MustCompile(`^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[a-zA-Z0-9_-]+(:[a-zA-Z0-9_$-]+)?$`)

// The range CloudFormation allows for a custom resource's ServiceTimeout, in seconds.
const (
	serviceTimeoutMin = 1
	serviceTimeoutMax = 3600
)

// yield is what an intrinsic function can stand for once resolved.
type yield struct{ Scalar, List, Object bool }

// intrinsicYields lists the intrinsic functions a property value may use and
// what each can resolve to. Ref also stands for a list when it names a list
// parameter; Fn::If yields whatever its branches do. The condition functions
// (Fn::Equals, Fn::And, ...) belong in Conditions and are not listed.
var intrinsicYields = map[string]yield{
	"Ref":              {Scalar: true, List: true},
	"Fn::Base64":       {Scalar: true},
	"Fn::Cidr":         {List: true},
	"Fn::FindInMap":    {Scalar: true, List: true},
	"Fn::GetAtt":       {Scalar: true, List: true, Object: true},
	"Fn::GetAZs":       {List: true},
	"Fn::If":           {Scalar: true, List: true, Object: true},
	"Fn::ImportValue":  {Scalar: true},
	"Fn::Join":         {Scalar: true},
	"Fn::Length":       {Scalar: true},
	"Fn::Select":       {Scalar: true, List: true, Object: true},
	"Fn::Split":        {List: true},
	"Fn::Sub":          {Scalar: true},
	"Fn::ToJsonString": {Scalar: true},
	"Fn::Transform":    {Scalar: true, List: true, Object: true},
}

// accepts reports whether a value of kind k can come from something yielding y.
func (y yield) accepts(k profile.Kind) bool {
	switch k {
	case profile.KindObject, profile.KindStringMap:
		return y.Object
	case profile.KindStringList:
		return y.List
	}
	return y.Scalar
}

// intrinsic reports whether raw is an intrinsic function call: an object with
// the single key Ref or Fn::<name> (or Condition). It returns the key and argument.
func intrinsic(raw any) (fn string, arg any, ok bool) {
	obj, isObj := raw.(map[string]any)
	if !isObj || len(obj) != 1 {
		return "", nil, false
	}
	for k, v := range obj {
		if k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::") {
			return k, v, true
		}
	}
	return "", nil, false
}

// Unresolved reports whether raw is only known at deploy time: an intrinsic
// function or a string holding a dynamic reference. It suits profile.Options.Unresolved.
func Unresolved(raw any) bool {
	if _, _, ok := intrinsic(raw); ok {
		return true
	}
	s, ok := raw.(string)
	return ok && strings.Contains(s, profile.DynamicReference)
}
