package profile

import (
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// credentialLeaf is one string (or string map) member under connectorProfileCredentials.
type credentialLeaf struct {
	key  string // connector key, also the testdata file
	path string // wire path from the top of the properties
	m    bool   // a map of strings
}

// credentialLeaves lists every string and string-map member of every connector's
// credentials, walking the SDK's types.
func credentialLeaves() []credentialLeaf {
	var out []credentialLeaf
	var walk func(key, path string, t reflect.Type)
	walk = func(key, path string, t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			p := path + "." + wireName(f.Name)
			switch {
			case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct:
				walk(key, p, f.Type.Elem())
			case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.String:
				out = append(out, credentialLeaf{key, p, false})
			case f.Type.Kind() == reflect.Map:
				out = append(out, credentialLeaf{key, p, true})
			}
		}
	}
	creds := reflect.TypeFor[types.ConnectorProfileCredentials]()
	for i := range creds.NumField() {
		if f := creds.Field(i); f.IsExported() {
			walk(f.Name, credentialsPath+"."+f.Name, f.Type.Elem())
		}
	}
	return out
}

// TestProblemsNeverQuoteCredentials: whatever is wrong with a credential, the
// message names its path but never its value.
func TestProblemsNeverQuoteCredentials(t *testing.T) {
	const canary = "S3CR3T-canary"
	bad := map[string]any{
		"with whitespace":          canary + " value",
		"too long":                 canary + strings.Repeat("x", 9000),
		"too long with whitespace": canary + strings.Repeat(" x", 4500),
	}
	leaves := credentialLeaves()
	if len(leaves) < 60 {
		t.Fatalf("found %d credential members; the walk is broken", len(leaves))
	}
	for _, leaf := range leaves {
		for name, value := range bad {
			t.Run(strings.TrimPrefix(leaf.path, credentialsPath+".")+"/"+name, func(t *testing.T) {
				path := leaf.path
				var v any = value
				if leaf.m {
					v = map[string]any{"entry": value}
					path += ".entry"
				}
				_, err := Decode(edit(t, leaf.key, map[string]any{leaf.path: v}))
				if name != "with whitespace" && err == nil {
					t.Fatalf("Decode accepted a %d-character %s", len(value.(string)), path)
				}
				if err == nil {
					return // whitespace is allowed here (passwords, Redshift usernames)
				}
				if strings.Contains(err.Error(), "S3CR3T") {
					t.Errorf("the message quotes the credential:\n%v", err)
				}
				if !strings.Contains(err.Error(), path+": ") {
					t.Errorf("the message does not name %s:\n%v", path, err)
				}
			})
		}
	}
}

// TestSecrets: Credentials lists every credential string, and nothing else.
func TestSecrets(t *testing.T) {
	for _, key := range append(connectorKeys(), "CloudFormationStyle") {
		t.Run(key, func(t *testing.T) {
			raw := readEvent(t, key)
			got := allCredentials(mustDecode(t, raw))
			sort.Strings(got)

			var event map[string]any
			if err := json.Unmarshal(raw, &event); err != nil {
				t.Fatal(err)
			}
			config := lookup(event, "connectorProfileConfig")
			var want []string
			strs(lookup(config, "connectorProfileCredentials"), &want)
			sort.Strings(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("the credentials listed (-want +got):\n%s", diff)
			}

			var notSecret []string
			strs(lookup(config, "connectorProfileProperties"), &notSecret)
			for _, s := range notSecret {
				if i := sort.SearchStrings(got, s); i < len(got) && got[i] == s {
					t.Errorf("the credentials list the property value %q", s)
				}
			}
		})
	}
	if got := allCredentials(nil); got != nil {
		t.Errorf("the credentials of nil properties = %q, want nil", got)
	}
	if got := allCredentials(mustDecode(t, edit(t, "Zendesk", map[string]any{credentialsPath: absent}))); got != nil {
		t.Errorf("the credentials of a profile without any = %q, want nil", got)
	}
}

// lookup finds a key case-insensitively.
func lookup(v any, key string) any {
	obj, _ := v.(map[string]any)
	for k, x := range obj {
		if strings.EqualFold(k, key) {
			return x
		}
	}
	return nil
}

// strs collects the strings under v, leaving out the enums (they are not secrets).
func strs(v any, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, y := range x {
			if !strings.EqualFold(k, "authenticationType") && !strings.EqualFold(k, "oAuth2GrantType") {
				strs(y, out)
			}
		}
	case []any:
		for _, y := range x {
			strs(y, out)
		}
	case string:
		*out = append(*out, x)
	}
}

// TestCredentialsApart: the members that name something (a secret's ARN, a
// redirect URI, an authentication scheme) are listed apart from the secrets.
func TestCredentialsApart(t *testing.T) {
	naming := map[string]bool{"clientcredentialsarn": true, "redirecturi": true, "customauthenticationtype": true}
	for _, key := range append(connectorKeys(), "CloudFormationStyle") {
		t.Run(key, func(t *testing.T) {
			raw := readEvent(t, key)
			secrets, identifiers := mustDecode(t, raw).Credentials()
			var event map[string]any
			if err := json.Unmarshal(raw, &event); err != nil {
				t.Fatal(err)
			}
			var wantIdentifiers []string
			var walk func(v any, name string)
			walk = func(v any, name string) {
				switch x := v.(type) {
				case map[string]any:
					for k, y := range x {
						walk(y, strings.ToLower(k))
					}
				case string:
					if naming[name] {
						wantIdentifiers = append(wantIdentifiers, x)
					}
				}
			}
			walk(lookup(lookup(event, "connectorProfileConfig"), "connectorProfileCredentials"), "")
			sort.Strings(identifiers)
			sort.Strings(wantIdentifiers)
			if diff := cmp.Diff(wantIdentifiers, identifiers, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("identifiers (-want +got):\n%s", diff)
			}
			for _, s := range secrets {
				if slices.Contains(wantIdentifiers, s) {
					t.Errorf("%q is listed as a secret", s)
				}
			}
		})
	}
}
