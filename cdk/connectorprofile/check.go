package connectorprofile

import (
	"bytes"
	"encoding/json"

	"github.com/aws/aws-cdk-go/awscdk/v2"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
	"github.com/appflow-iac/connectorprofile/lambda/template"
)

// check runs the handler's own checks on the resource properties at synth time.
// Tokens resolve to intrinsic functions and dynamic references, which the
// checks take as valid wherever a value of their kind fits.
func check(stack awscdk.Stack, resourceProps map[string]interface{}) error {
	raw, err := json.Marshal(stack.Resolve(resourceProps))
	if err != nil {
		return err
	}
	var props map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&props); err != nil {
		return err
	}
	_, err = profile.DecodeMap(props, profile.Options{Unresolved: template.Unresolved})
	return err
}
