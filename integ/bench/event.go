package bench

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/appflow-iac/connectorprofile/integ/harness"
)

//go:embed testdata/create.json
var createJSON []byte

// CreateEvent is the Create both functions receive (a Datadog profile); each
// send gets a new RequestId and profile name.
func CreateEvent() (harness.Event, error) {
	var e harness.Event
	if err := json.Unmarshal(createJSON, &e); err != nil {
		return harness.Event{}, fmt.Errorf("testdata/create.json: %w", err)
	}
	return e, nil
}
