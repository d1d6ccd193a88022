package secretsfake

import (
	"fmt"
	"strings"
	"time"
)

// Call is one request the server received and how it answered.
type Call struct {
	Time         time.Time
	Op           string // from X-Amz-Target
	RequestID    string // X-Amzn-Requestid sent back
	Attempt      string // Amz-Sdk-Request header, e.g. "attempt=2; max=3"
	Body         []byte // the raw request (a value put holds secrets)
	Input        map[string]any
	Fault        string // the injected fault, if any
	Status       int    // 0 when the request hung
	ErrorCode    string
	ErrorMessage string
	Response     []byte // the answer's body (GetSecretValue's holds the secret)
}

// String is a one-line summary that names the secret and never a value.
func (c Call) String() string {
	outcome := "200"
	switch {
	case c.Status == 0:
		outcome = "no answer (" + c.Fault + ")"
	case c.ErrorCode != "":
		outcome = fmt.Sprintf("%d %s", c.Status, c.ErrorCode)
	}
	var parts []string
	for _, k := range []string{"SecretId", "Name", "VersionId", "VersionStage", "VersionStages"} {
		if v, ok := c.Input[k]; ok {
			parts = append(parts, fmt.Sprintf("%s=%v", k, v))
		}
	}
	for _, k := range []string{"SecretString", "SecretBinary"} {
		if _, ok := c.Input[k]; ok {
			parts = append(parts, k+"=***")
		}
	}
	return fmt.Sprintf("%s %s -> %s", c.Op, strings.Join(parts, " "), outcome)
}

// Operation is the call's operation name.
func (c Call) Operation() string { return c.Op }
