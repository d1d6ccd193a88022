package cfnfake

import (
	"net/http"

	"github.com/appflow-iac/connectorprofile/integ/fault"
)

// DeniedAPI answers every API request AccessDenied, as for a role without
// the cloudformation:Describe* permissions: inject it in Server.APIFaults.
var DeniedAPI = fault.Fault{Count: -1, Kind: fault.Error, Status: http.StatusForbidden, Code: "AccessDenied",
	Message: "User: arn:aws:sts::123456789012:assumed-role/provider/fn is not authorized to perform: cloudformation:DescribeStacks"}
