package profile

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
)

// fromSecret marks the path of a member that came from CredentialsSecret.
const fromSecret = " (from CredentialsSecret)"

// DecodeWithSecret decodes raw properties whose CredentialsSecret has the
// value secret: a JSON object of the connector's credential members, named as
// under connectorProfileCredentials.<Key> in any letter case, nested members
// as objects. They are merged with the inline credentials and the whole is
// checked as Decode checks it; a problem with a member from the secret says
// so in its path. A member given in both places is a problem, named, never quoted.
func DecodeWithSecret(raw json.RawMessage, secret string) (*Properties, error) {
	props, problem := parseObject(raw)
	if problem != "" {
		return nil, Problems{{Message: problem}}
	}
	members, ok := secretObject(secret)
	if !ok {
		return nil, Problems{{Path: "credentialsSecret", Message: "the secret's value is not a JSON object of credential members " +
			`(such as {"apiKey": "...", "secretKey": "..."}): store the credentials as key/value pairs`}}
	}
	d := newDecoder(Options{})
	d.secretMerged = true
	var merged []string
	if key := ConnectorKey(types.ConnectorType(connectorTypeOf(props))); key != "" {
		config, configKey := member(props, "connectorProfileConfig")
		creds, credsKey := member(config, "connectorProfileCredentials")
		target, targetKey := member(creds, key)
		if target != nil {
			merged = d.mergeSecret(target, members, configKey+"."+credsKey+"."+targetKey)
		}
	}
	p, err := d.decode(props)
	if ps, ok := err.(Problems); ok {
		for i := range ps {
			for _, path := range merged {
				if rest, ok := strings.CutPrefix(ps[i].Path, path); ok && (rest == "" || rest[0] == '.' || rest[0] == '[') {
					ps[i].Path += fromSecret
					break
				}
			}
		}
	}
	return p, err
}

// mergeSecret adds the members of secret to obj, whose path is path, and
// returns the paths of the members it added.
func (d *decoder) mergeSecret(obj, secret map[string]any, path string) (added []string) {
	for _, key := range sortedKeys(secret) {
		value := secret[key]
		existing, found := sameMember(obj, key)
		switch inner, isObject := value.(map[string]any); {
		case !found:
			obj[key] = value
			added = append(added, path+"."+shortKey(key))
		case isObject:
			if into, ok := obj[existing].(map[string]any); ok {
				added = append(added, d.mergeSecret(into, inner, path+"."+shortKey(existing))...)
				continue
			}
			fallthrough
		default:
			d.problem(path+"."+shortKey(existing), "is given both here and in CredentialsSecret: keep one")
		}
	}
	return added
}

// sameMember finds the key of obj that names the member key does.
func sameMember(obj map[string]any, key string) (string, bool) {
	canonical := func(k string) string {
		k = strings.ToLower(k)
		if k == "connectoroauthrequest" { // CloudFormation's name for oAuthRequest
			return "oauthrequest"
		}
		return k
	}
	for k := range obj {
		if canonical(k) == canonical(key) {
			return k, true
		}
	}
	return "", false
}

// member returns the object under the key of obj that matches name in any
// case, adding an empty one if there is none; nil if the value is no object.
func member(obj map[string]any, name string) (map[string]any, string) {
	if obj == nil {
		return nil, name
	}
	key, found := sameMember(obj, name)
	if !found {
		inner := map[string]any{}
		obj[name] = inner
		return inner, name
	}
	inner, _ := obj[key].(map[string]any)
	return inner, key
}

func connectorTypeOf(props map[string]any) string {
	if key, found := sameMember(props, "connectorType"); found {
		s, _ := props[key].(string)
		return s
	}
	return ""
}

// secretObject reads a secret's value as a JSON object, numbers as written.
func secretObject(secret string) (map[string]any, bool) {
	dec := json.NewDecoder(bytes.NewReader([]byte(secret)))
	dec.UseNumber()
	var obj map[string]any
	if dec.Decode(&obj) != nil || obj == nil || !atEOF(dec) {
		return nil, false
	}
	return obj, true
}
