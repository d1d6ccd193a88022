package connectorprofile

import (
	"fmt"
	"regexp"
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/appflow-iac/connectorprofile/cdk/providerdef"
)

// policy renders providerdef's statements onto a provider's role. A
// statement that draws from a list takes the list's ARNs at synth time, when
// every profile of the stack has named its own; one whose list may not be
// empty is added with the first ARN.
type policy struct {
	provider *provider
	mu       sync.Mutex
	lists    map[*providerdef.List]*arns
	waiting  map[*providerdef.List][]providerdef.Statement
}

// arns is a list's ARNs, produced at synth time.
type arns struct {
	values []*string
	seen   map[string]bool
	// any is set when a profile needs every resource, like one that uses the
	// AppFlow-managed key.
	any         bool
	anyWhenNone bool
}

func (a *arns) Produce(awscdk.IResolveContext) *[]*string {
	if a.any || (a.anyWhenNone && len(a.values) == 0) {
		return jsii.Strings("*")
	}
	return &a.values
}

func newPolicy(p *provider) *policy {
	pol := &policy{provider: p, lists: map[*providerdef.List]*arns{}, waiting: map[*providerdef.List][]providerdef.Statement{}}
	for _, l := range providerdef.Lists {
		pol.lists[l] = &arns{seen: map[string]bool{}, anyWhenNone: l.AnyWhenEmpty}
	}
	for _, s := range providerdef.Policy(providerdef.OwnStack) {
		if s.From != nil && !s.From.AnyWhenEmpty {
			pol.waiting[s.From] = append(pol.waiting[s.From], s)
			continue
		}
		pol.add(s)
	}
	return pol
}

// need adds ARNs a profile names to a list; a nil ARN asks for every
// resource.
func (pol *policy) need(l *providerdef.List, values ...*string) {
	pol.mu.Lock()
	defer pol.mu.Unlock()
	a := pol.lists[l]
	for _, v := range values {
		switch {
		case v == nil:
			a.any = true
		case !a.seen[*v]:
			a.seen[*v] = true
			a.values = append(a.values, v)
		}
	}
	if len(a.values) > 0 || a.any {
		for _, s := range pol.waiting[l] {
			pol.add(s)
		}
		delete(pol.waiting, l)
	}
}

func (pol *policy) add(s providerdef.Statement) {
	var resources *[]*string
	if s.From != nil {
		resources = awscdk.Lazy_UncachedList(pol.lists[s.From], nil)
	} else {
		resources = &[]*string{}
		for _, r := range s.Resources {
			*resources = append(*resources, pol.sub(r))
		}
	}
	var conditions *map[string]interface{}
	if len(s.Conditions) > 0 {
		conditions = &map[string]interface{}{}
		for op, keys := range s.Conditions {
			rendered := map[string]interface{}{}
			for key, v := range keys {
				switch v := v.(type) {
				case string:
					rendered[key] = pol.sub(v)
				case []string:
					var values []*string
					for _, x := range v {
						values = append(values, pol.sub(x))
					}
					rendered[key] = values
				default:
					panic(fmt.Sprintf("connectorprofile: condition %s %s: a value of type %T", op, key, v))
				}
			}
			(*conditions)[op] = rendered
		}
	}
	pol.provider.role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String(s.Sid),
		Actions:    jsii.Strings(s.Actions...),
		Resources:  resources,
		Conditions: conditions,
	}))
}

var placeholder = regexp.MustCompile(`\$\{([^}]+)\}`)

// sub renders an Fn::Sub pattern with the stack's own values as tokens.
func (pol *policy) sub(pattern string) *string {
	s := placeholder.ReplaceAllStringFunc(pattern, func(m string) string {
		switch name := m[2 : len(m)-1]; name {
		case "AWS::Partition":
			return *awscdk.Aws_PARTITION()
		case "AWS::Region":
			return *awscdk.Aws_REGION()
		case "AWS::AccountId":
			return *awscdk.Aws_ACCOUNT_ID()
		case "AWS::StackId":
			return *awscdk.Aws_STACK_ID()
		case "LogGroup.Arn":
			return *pol.provider.logs.LogGroupArn()
		default:
			panic("connectorprofile: providerdef names ${" + name + "}, which the construct does not know")
		}
	})
	return &s
}

// grantProfileNeeds adds to the provider's policy what a profile names: its
// KMS key (or, without one, the AppFlow-managed key, so any key), Redshift's
// roles to pass, and the secrets to read: CredentialsSecret, with its key,
// and the client credentials.
func grantProfileNeeds(p Provider, props *ConnectorProfileProps, config *ConnectorProfileConfig) {
	pol := p.(*provider).policy
	if props.KmsKey != nil {
		pol.need(providerdef.KmsKeys, props.KmsKey.KeyArn())
	} else {
		pol.need(providerdef.KmsKeys, nil)
	}
	if pr := config.ConnectorProfileProperties; pr != nil && pr.Redshift != nil {
		for _, arn := range []*string{pr.Redshift.RoleArn, pr.Redshift.DataApiRoleArn} {
			if arn != nil {
				pol.need(providerdef.RedshiftRoles, arn)
			}
		}
	}
	for _, c := range clientCredentials(config) {
		pol.need(providerdef.Secrets, secretArnPattern(c.secret))
	}
	if secret := props.CredentialsSecret; secret != nil {
		pol.need(providerdef.Secrets, secretArnPattern(secret))
		if key := secret.EncryptionKey(); key != nil {
			pol.need(providerdef.SecretKeys, key.KeyArn())
		}
	}
}
