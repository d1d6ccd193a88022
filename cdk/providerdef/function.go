package providerdef

import (
	"fmt"
	"time"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// The function's settings.
const (
	Description = profile.ResourceType + " provider"
	Runtime     = "provided.al2023"
	Handler     = "bootstrap"
	MemoryMiB   = 128
	Timeout     = 2 * time.Minute
	// LogFormat makes Lambda's own lines JSON like the function's.
	LogFormat = "JSON"
	// LogRetentionDays is the default retention of the function's log
	// group, which outlives the provider (it is retained on delete).
	LogRetentionDays = 30
	// ServiceTimeout is how long CloudFormation waits for a profile's
	// answer before it fails the resource (its default is an hour). It
	// leaves room for Lambda's two asynchronous retries of an invocation.
	ServiceTimeout = 10 * time.Minute
	// RoleDescription describes the function's execution role.
	RoleDescription = "Manages Amazon AppFlow connector profiles for " + profile.ResourceType
	// ExportName is the provider template's export of the function's ARN,
	// the ServiceToken: !ImportValue it from any stack in the account and
	// Region.
	ExportName = "AppFlowConnectorProfileProvider-ServiceToken"
)

// Architecture is a Lambda instruction set architecture.
type Architecture string

// The architectures the function is built for; ARM64 is the default.
const (
	ARM64  Architecture = "arm64"
	X86_64 Architecture = "x86_64"
)

// Architectures lists every architecture, the default first.
var Architectures = []Architecture{ARM64, X86_64}

// GOARCH is the Go architecture that builds a bootstrap for a.
func (a Architecture) GOARCH() string {
	if a == X86_64 {
		return "amd64"
	}
	return string(a)
}

// ParseArchitecture reads a Lambda architecture name.
func ParseArchitecture(s string) (Architecture, error) {
	for _, a := range Architectures {
		if string(a) == s {
			return a, nil
		}
	}
	return "", fmt.Errorf("architecture %q is none of %v", s, Architectures)
}
