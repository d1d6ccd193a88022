package connectorprofile

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// importedProfile is a connector profile made elsewhere.
type importedProfile struct {
	awscdk.Resource
	name, arn *string
}

func (p *importedProfile) Name() *string { return p.name }
func (p *importedProfile) Arn() *string  { return p.arn }

// FromConnectorProfileName returns a profile made elsewhere in the stack's
// account and Region, by its name.
func FromConnectorProfileName(scope constructs.Construct, id *string, name *string) IConnectorProfile {
	if !*awscdk.Token_IsUnresolved(name) && !profile.IsProfileName(*name) {
		panic(fmt.Sprintf("connectorprofile: %s: connector profile name %q is not allowed: 1 to 256 of letters, "+
			"digits and _/!@#+=.-", childPath(scope, *id), *name))
	}
	p := &importedProfile{name: name}
	awscdk.NewResource_Override(p, scope, id, nil)
	p.arn = p.Stack().FormatArn(&awscdk.ArnComponents{
		Service:      jsii.String("appflow"),
		Resource:     jsii.String("connectorprofile"),
		ResourceName: name,
	})
	return p
}

// FromConnectorProfileArn returns a profile made elsewhere, by its ARN
// (arn:<partition>:appflow:<region>:<account>:connectorprofile/<name>); its
// account and Region are the ARN's.
func FromConnectorProfileArn(scope constructs.Construct, id *string, arn *string) IConnectorProfile {
	p := &importedProfile{arn: arn}
	if *awscdk.Token_IsUnresolved(arn) {
		awscdk.NewResource_Override(p, scope, id, &awscdk.ResourceProps{EnvironmentFromArn: arn})
		// A name may hold slashes, so it is all that follows the resource type.
		p.name = awscdk.Fn_Select(jsii.Number(1), awscdk.Fn_Split(jsii.String(":connectorprofile/"), arn, nil))
		return p
	}
	parts := strings.SplitN(*arn, ":", 6)
	name, isProfile := "", false
	if len(parts) == 6 {
		name, isProfile = strings.CutPrefix(parts[5], "connectorprofile/")
	}
	if !isProfile || parts[0] != "arn" || parts[2] != "appflow" || !profile.IsProfileName(name) {
		panic(fmt.Sprintf("connectorprofile: %s: %q is not a connector profile ARN: "+
			"want arn:<partition>:appflow:<region>:<account>:connectorprofile/<name>", childPath(scope, *id), *arn))
	}
	awscdk.NewResource_Override(p, scope, id, &awscdk.ResourceProps{EnvironmentFromArn: arn})
	p.name = jsii.String(name)
	return p
}

// childPath is the construct path a child id of scope would have: an import
// is checked before it is made.
func childPath(scope constructs.Construct, id string) string {
	if parent := *scope.Node().Path(); parent != "" {
		return parent + "/" + id
	}
	return id
}
