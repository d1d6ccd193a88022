package providerdef

// Statement is one statement of the function role's policy; every one
// allows.
type Statement struct {
	Sid     string
	Actions []string
	// Resources are ARN patterns in Fn::Sub's syntax, or "*".
	Resources []string
	// From, when set, takes the resources from a list a deployment fills
	// in, instead of Resources.
	From *List
	// Conditions are IAM's: operator → key → a value or values, which may
	// hold ${AWS::Region} and the like.
	Conditions map[string]map[string]any
}

// List is a set of ARNs only a deployment knows: the construct collects it
// from the profiles of its stack, the provider template takes it as a
// parameter.
type List struct {
	// Parameter names the provider template's parameter, a comma-delimited
	// list.
	Parameter string
	// Description tells a user of the provider template what to give.
	Description string
	// AnyWhenEmpty grants on every resource ("*") when the list is empty;
	// otherwise a statement drawing from an empty list is left out.
	AnyWhenEmpty bool
}

// The lists of a deployment.
var (
	KmsKeys = &List{
		Parameter: "KmsKeyArns",
		Description: "The KMS keys (ARNs) that the profiles name in KmsArn. Leave it empty if any profile " +
			"uses the AppFlow-managed key: the provider may then use any key, as AppFlow asks.",
		AnyWhenEmpty: true,
	}
	RedshiftRoles = &List{
		Parameter: "RedshiftRoleArns",
		Description: "The IAM roles (ARNs) that Redshift profiles name in roleArn and dataApiRoleArn: " +
			"the provider may pass them to AppFlow and Redshift. Empty: none.",
	}
	Secrets = &List{
		Parameter: "SecretArns",
		Description: "The Secrets Manager secrets (ARNs) that profiles name in CredentialsSecret, or in " +
			"clientCredentialsArn (Salesforce, Pardot): the provider may read them. Empty: none.",
	}
	SecretKeys = &List{
		Parameter: "SecretKmsKeyArns",
		Description: "The customer managed KMS keys (ARNs) that encrypt those secrets: the provider may " +
			"decrypt with them, through Secrets Manager only. Empty: none (secrets under aws/secretsmanager need none).",
	}
)

// Lists are every list, in the order the provider template asks for them.
var Lists = []*List{KmsKeys, RedshiftRoles, Secrets, SecretKeys}

// Stacks says which stacks' profiles a provider serves, and so which stacks
// it may read to prove that a stack owned a profile name before it takes
// the name back.
type Stacks int

const (
	// OwnStack is the construct's provider: one per stack.
	OwnStack Stacks = iota
	// AccountStacks is the provider template's: every stack in the account
	// and Region.
	AccountStacks
)

// arn is the ARN pattern of the stacks.
func (s Stacks) arn() string {
	if s == OwnStack {
		return "${AWS::StackId}"
	}
	return "arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/*/*"
}

// Policy is every statement of the function role's policy, for a provider
// serving stacks (appflow-api.md §7 has what AppFlow asks for).
func Policy(stacks Stacks) []Statement {
	const (
		profiles = "arn:${AWS::Partition}:appflow:${AWS::Region}:${AWS::AccountId}:connectorprofile/*"
		// AppFlow keeps credentials in secrets it names appflow!...
		appflowSecrets = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:appflow!*"
	)
	calledViaAppFlow := map[string]any{"aws:CalledVia": []string{"appflow.amazonaws.com"}}
	return []Statement{{
		Sid:       "WriteOwnLogs",
		Actions:   []string{"logs:CreateLogStream", "logs:PutLogEvents"},
		Resources: []string{"${LogGroup.Arn}"},
	}, {
		Sid:       "AppFlowProfilesNoResourceLevel",
		Actions:   []string{"appflow:CreateConnectorProfile", "appflow:DescribeConnectorProfiles", "appflow:DescribeConnector"},
		Resources: []string{"*"},
	}, {
		// connectorprofile/*, not the names in use: a replaced profile's
		// old name must still be deletable.
		Sid:       "AppFlowProfilesChange",
		Actions:   []string{"appflow:UpdateConnectorProfile", "appflow:DeleteConnectorProfile"},
		Resources: []string{profiles},
	}, {
		Sid:       "AppFlowStoresCredentials",
		Actions:   []string{"secretsmanager:CreateSecret"},
		Resources: []string{appflowSecrets},
		Conditions: map[string]map[string]any{
			"StringLike":               {"secretsmanager:Name": "appflow!*"},
			"ForAnyValue:StringEquals": calledViaAppFlow,
		},
	}, {
		Sid:       "AppFlowSharesCredentials",
		Actions:   []string{"secretsmanager:PutResourcePolicy"},
		Resources: []string{appflowSecrets},
		Conditions: map[string]map[string]any{
			"ForAnyValue:StringEquals": calledViaAppFlow,
			"StringEqualsIgnoreCase":   {"secretsmanager:ResourceTag/aws:secretsmanager:owningService": "appflow"},
		},
	}, {
		// The function takes a profile name back only when the stack's own
		// status and events prove the stack owned it.
		Sid:       "ProveOwnershipFromStackHistory",
		Actions:   []string{"cloudformation:DescribeStacks", "cloudformation:DescribeStackEvents"},
		Resources: []string{stacks.arn()},
	}, {
		// AppFlow encrypts every profile's credentials; these two have no
		// resource-level permissions.
		Sid:       "AppFlowListsKeys",
		Actions:   []string{"kms:ListKeys", "kms:ListAliases"},
		Resources: []string{"*"},
	}, {
		Sid:     "AppFlowReadsKeys",
		Actions: []string{"kms:DescribeKey", "kms:ListGrants"},
		From:    KmsKeys,
	}, {
		// AppFlow grants itself the use of the key for the secret it
		// creates: only through AppFlow in this Region, only for an AWS
		// resource.
		Sid:     "AppFlowGrantsOnKeys",
		Actions: []string{"kms:CreateGrant"},
		From:    KmsKeys,
		Conditions: map[string]map[string]any{
			"StringEquals": {"kms:ViaService": "appflow.${AWS::Region}.amazonaws.com"},
			"Bool":         {"kms:GrantIsForAWSResource": "true"},
		},
	}, {
		Sid:     "PassRedshiftRoles",
		Actions: []string{"iam:PassRole"},
		From:    RedshiftRoles,
		Conditions: map[string]map[string]any{
			"StringEquals": {"iam:PassedToService": []string{"appflow.amazonaws.com", "redshift.amazonaws.com"}},
		},
	}, {
		// CredentialsSecret: the function reads the credentials; clientCredentialsArn: AppFlow
		// reads it on the caller's behalf.
		Sid:     "ReadCredentialSecrets",
		Actions: []string{"secretsmanager:GetSecretValue"},
		From:    Secrets,
	}, {
		Sid:     "DecryptCredentialSecrets",
		Actions: []string{"kms:Decrypt"},
		From:    SecretKeys,
		Conditions: map[string]map[string]any{
			"StringEquals": {"kms:ViaService": "secretsmanager.${AWS::Region}.amazonaws.com"},
		},
	}}
}
