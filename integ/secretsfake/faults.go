package secretsfake

import (
	"net/http"

	"github.com/appflow-iac/connectorprofile/integ/fault"
)

// The errors Secrets Manager gives for what lies outside it (IAM, KMS,
// its request rate), as faults to inject: each hits count requests for op
// (count < 0: every one).

// Denied answers as for a role without secretsmanager:<op> on the secret.
func Denied(op string, count int) fault.Fault {
	return fault.Fault{Op: op, Count: count, Kind: fault.Error, Status: http.StatusBadRequest, Code: "AccessDeniedException",
		Message: "User: arn:aws:sts::123456789012:assumed-role/connector-profile-provider/connector-profile-handler is not authorized to perform: " +
			"secretsmanager:" + op + " because no identity-based policy allows the secretsmanager:" + op + " action"}
}

// Undecryptable answers as when KMS refuses to decrypt the secret with its key.
func Undecryptable(op string, count int) fault.Fault {
	return fault.Fault{Op: op, Count: count, Kind: fault.Error, Status: http.StatusBadRequest, Code: "DecryptionFailure",
		Message: "Secrets Manager can't decrypt the protected secret text using the provided KMS key."}
}

// Throttled answers as when requests come faster than the account's quota.
func Throttled(op string, count int) fault.Fault {
	return fault.Fault{Op: op, Count: count, Kind: fault.Error, Status: http.StatusBadRequest, Code: "ThrottlingException",
		Message: "Rate exceeded"}
}
