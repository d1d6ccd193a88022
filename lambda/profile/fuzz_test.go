package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fuzzCanary stands in for a credential; it must never appear in a Problem.
const fuzzCanary = "fuzzcanary0c1d2e3f4a5b6c7d"

// FuzzDecode feeds arbitrary resource properties to Decode. It must never
// panic; an error is Problems, each with a property path; and once every
// string under connectorProfileCredentials is made to carry a canary, no
// Problem quotes it.
//
// Seeds: testdata/connectors, the events under ../../events, testdata/fuzz.
//
//	go test -run='^$' -fuzz='^FuzzDecode$' -fuzztime=30s ./lambda/profile
func FuzzDecode(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkDecode(t, raw)
		if canaried, ok := withCanaryCredentials(raw); ok {
			p, err := checkDecode(t, canaried)
			if err != nil && strings.Contains(err.Error(), fuzzCanary) {
				t.Fatalf("a credential value appears in the error:\n%v", err)
			}
			if p != nil {
				for _, s := range allCredentials(p) {
					if s == "" {
						t.Fatal("Secrets lists an empty string")
					}
				}
			}
		}
	})
}

// checkDecode decodes raw and checks the shape of the outcome.
func checkDecode(t *testing.T, raw []byte) (*Properties, error) {
	t.Helper()
	p, err := Decode(raw)
	if err == nil {
		if p == nil {
			t.Fatal("Decode returned neither properties nor an error")
		}
		if p.Input.ConnectorProfileName == nil || !IsProfileName(*p.Input.ConnectorProfileName) {
			t.Fatalf("accepted properties with no valid connectorProfileName: %q", raw)
		}
		return p, nil
	}
	if p != nil {
		t.Fatal("Decode returned properties and an error")
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error is %T, want Problems: %v", err, err)
	}
	if len(ps) == 0 {
		t.Fatal("error is an empty Problems")
	}
	if len(ps) > maxProblems+1 {
		t.Errorf("%d problems listed; at most %d and a count of the rest", len(ps), maxProblems)
	}
	for i, pr := range ps {
		if pr.Message == "" {
			t.Errorf("problem at %q has no message", pr.Path)
		}
		// Only a body that is no JSON object has no member to point at, a
		// top-level key "" is its own (empty) path, and the count of problems
		// past those listed comes last.
		notObject := len(ps) == 1 && strings.HasPrefix(pr.Message, "ResourceProperties ")
		more := i == len(ps)-1 && strings.HasPrefix(pr.Message, "... and ")
		if pr.Path == "" && !notObject && !more && !hasEmptyTopKey(raw) {
			t.Errorf("problem without a path: %q", pr.Message)
		}
	}
	return nil, err
}

func hasEmptyTopKey(raw []byte) bool {
	var m map[string]json.RawMessage
	if json.NewDecoder(bytes.NewReader(raw)).Decode(&m) != nil {
		return false
	}
	_, ok := m[""]
	return ok
}

// enumLike values (OAUTH2, AUTHORIZATION_CODE) keep their shape: a canary
// in one would only make it wrong, which the canary in another member is too.
var enumLike = regexp.MustCompile(`^[A-Z0-9_]+$`)

// withCanaryCredentials rewrites every string under connectorProfileCredentials
// (any spelling) to carry fuzzCanary, keeping its shape as far as the checks
// care: blanks stay blank-containing, ARNs stay ARNs, JWTs stay JWTs.
func withCanaryCredentials(raw []byte) ([]byte, bool) {
	var props any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&props); err != nil {
		return nil, false
	}
	changed := false
	var walk func(v any, inCreds bool) any
	walk = func(v any, inCreds bool) any {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				x[k] = walk(e, inCreds || strings.EqualFold(k, "connectorProfileCredentials"))
			}
		case []any:
			for i, e := range x {
				x[i] = walk(e, inCreds)
			}
		case string:
			if inCreds && !enumLike.MatchString(x) && x != "true" && x != "false" {
				changed = true
				return canaryLike(x)
			}
		}
		return v
	}
	props = walk(props, false)
	if !changed {
		return nil, false
	}
	out, err := json.Marshal(props)
	return out, err == nil
}

func canaryLike(s string) string {
	switch {
	case strings.HasPrefix(s, "arn:"):
		return s + fuzzCanary
	case strings.Count(s, ".") == 2:
		return fuzzCanary + "." + fuzzCanary + "." + fuzzCanary
	case strings.ContainsAny(s, " \t\n"):
		return s + fuzzCanary
	}
	return fuzzCanary + s
}

// fuzzSeeds are property objects from the connector fixtures and the sample
// events, plus a few hand-picked oddities.
func fuzzSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	var seeds [][]byte
	files, _ := filepath.Glob(filepath.Join("testdata", "connectors", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			seeds = append(seeds, b)
		}
	}
	events, _ := filepath.Glob(filepath.Join("..", "..", "events", "*.json"))
	for _, name := range events {
		b, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		var ev struct{ ResourceProperties, OldResourceProperties json.RawMessage }
		if json.Unmarshal(b, &ev) != nil {
			continue
		}
		for _, props := range []json.RawMessage{ev.ResourceProperties, ev.OldResourceProperties} {
			if len(props) > 0 {
				seeds = append(seeds, props)
			}
		}
	}
	for _, s := range []string{
		``, `null`, `[]`, `"x"`, `{}`, `{"connectorProfileName":null}`,
		`{"connectorProfileName":"a","connectorType":"Datadog","connectionMode":"Public","connectorProfileConfig":{"connectorProfileProperties":{"Datadog":{"instanceUrl":"https://x"}},"connectorProfileCredentials":{"Datadog":{"apiKey":" k ","applicationKey":7}}}}`,
		`{"ConnectorProfileName":"a","connectorprofilename":"b"}`,
		`{"connectorProfileName":"a","connectorType":"SAPOData","connectionMode":"Public","connectorProfileConfig":{"connectorProfileProperties":{"SAPOData":{"portNumber":"1e3","clientNumber":12}}}}`,
		`{"connectorProfileName":"a","connectorType":"CustomConnector","connectionMode":"Private","connectorProfileConfig":{"connectorProfileProperties":{},"connectorProfileCredentials":{"CustomConnector":{"authenticationType":"oauth2","custom":{"credentialsMap":{"k k":"v"}}}}}}`,
		`{"forceDelete":"yes","clientToken":"t","ServiceTimeout":5}`,
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}
