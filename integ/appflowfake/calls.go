package appflowfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Call is one request the server received and how it answered.
type Call struct {
	Time         time.Time
	Op           string // operation name, "" for an unknown path
	Path         string
	RequestID    string      // X-Amzn-Requestid sent back
	Attempt      string      // Amz-Sdk-Request header, e.g. "attempt=2; max=3"
	Header       http.Header // raw request headers (contains the Authorization header)
	Body         []byte      // raw request body (contains credentials)
	Input        map[string]any
	Unknown      []string // members not in the model
	Fault        string   // injected fault, if any
	Status       int      // 0 when the request hung
	ErrorCode    string
	ErrorMessage string
	Response     []byte
}

// Redacted returns the request body as JSON with credentials replaced by "***".
func (c Call) Redacted() string {
	if c.Input == nil {
		return ""
	}
	b, _ := json.Marshal(redact(c.Input, inputs[c.Op], false))
	return string(b)
}

// String is a one-line redacted summary.
func (c Call) String() string {
	outcome := "200"
	switch {
	case c.Status == 0:
		outcome = "no answer (" + c.Fault + ")"
	case c.ErrorCode != "":
		outcome = fmt.Sprintf("%d %s", c.Status, c.ErrorCode)
	}
	var parts []string
	for _, k := range []string{"connectorProfileName", "connectorType", "connectionMode", "connectorLabel", "clientToken", "forceDelete"} {
		if v, ok := c.Input[k]; ok {
			parts = append(parts, fmt.Sprintf("%s=%v", k, v))
		}
	}
	if names, ok := c.Input["connectorProfileNames"]; ok {
		parts = append(parts, fmt.Sprintf("connectorProfileNames=%v", names))
	}
	if cfg, ok := c.Input["connectorProfileConfig"].(map[string]any); ok {
		for _, part := range []string{"connectorProfileProperties", "connectorProfileCredentials"} {
			if m, ok := cfg[part].(map[string]any); ok {
				parts = append(parts, fmt.Sprintf("%s=%s", strings.TrimPrefix(part, "connectorProfile"), strings.Join(fieldNames(m), ",")))
			}
		}
	}
	op := c.Op
	if op == "" {
		op = c.Path
	}
	return fmt.Sprintf("%s %s -> %s", op, strings.Join(parts, " "), outcome)
}

// fieldNames lists Key.member names (never values) of a config object.
func fieldNames(m map[string]any) []string {
	var out []string
	for _, k := range sortedKeys(m) {
		sub, ok := m[k].(map[string]any)
		if !ok || len(sub) == 0 {
			out = append(out, k)
			continue
		}
		out = append(out, k+"{"+strings.Join(sortedKeys(sub), ",")+"}")
	}
	if len(out) == 0 {
		return []string{"{}"}
	}
	return out
}

func (s *Server) record(c Call, status int, code string, resp []byte) {
	c.Status, c.ErrorCode, c.Response = status, code, resp
	s.CallLog.Add(c)
}

// Operation is the call's operation name.
func (c Call) Operation() string { return c.Op }
