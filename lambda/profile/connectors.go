package profile

import (
	"reflect"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/appflow/types"
)

// ConnectorKey is the member of connectorProfileProperties and connectorProfileCredentials
// that belongs to a connector type ("GoogleAnalytics" for Googleanalytics), or "" when
// the type takes no profile configuration (S3, EventBridge, ...).
func ConnectorKey(t types.ConnectorType) string {
	props := reflect.TypeFor[types.ConnectorProfileProperties]()
	for i := range props.NumField() {
		if f := props.Field(i); f.IsExported() && strings.EqualFold(f.Name, string(t)) {
			return f.Name
		}
	}
	return ""
}

// authMembers names the credentials member each CustomConnector authenticationType needs.
var authMembers = map[types.AuthenticationType]string{
	types.AuthenticationTypeOauth2: "Oauth2",
	types.AuthenticationTypeApikey: "ApiKey",
	types.AuthenticationTypeBasic:  "Basic",
	types.AuthenticationTypeCustom: "Custom",
}

// AuthenticationMember is the member of CustomConnector credentials that an
// authenticationType needs (Oauth2 for OAUTH2), by SDK field name.
func AuthenticationMember(t types.AuthenticationType) string { return authMembers[t] }

const (
	propertiesPath  = "connectorProfileConfig.connectorProfileProperties"
	credentialsPath = "connectorProfileConfig.connectorProfileCredentials"
)

// crossCheck applies the rules that span members: the connector key matches the type.
func (d *decoder) crossCheck(p *Properties) {
	in := &p.Input
	if in.ConnectorType == "" { // missing, or unknown
		return
	}
	key := ConnectorKey(in.ConnectorType)
	if key == "" {
		d.problem(d.path("connectorType"), "%q takes no connector profile: flows reach it without one; use a connector type with a profile, such as %s",
			in.ConnectorType, strings.Join(typesWithProfiles(), ", "))
		return
	}
	if in.ConnectorType == types.ConnectorTypeCustomconnector && in.ConnectorLabel == nil && !d.unusable["connectorLabel"] {
		d.problem(d.path("connectorLabel"), "is required for connectorType CustomConnector: the label the connector was registered with")
	}
	config := in.ConnectorProfileConfig
	if config == nil {
		return
	}
	if !d.unusable[propertiesPath] {
		d.oneConnector(propertiesPath, reflect.ValueOf(config.ConnectorProfileProperties).Elem(), in.ConnectorType, key, true)
	}
	if config.ConnectorProfileCredentials != nil {
		d.oneConnector(credentialsPath, reflect.ValueOf(config.ConnectorProfileCredentials).Elem(), in.ConnectorType, key, false)
		if !d.credentialsElsewhere {
			d.customAuth(config.ConnectorProfileCredentials.CustomConnector)
		}
	}
}

// oneConnector checks that only the type's own key is set in v, and that it is
// there when the type's members need it.
func (d *decoder) oneConnector(path string, v reflect.Value, connectorType types.ConnectorType, key string, needed bool) {
	fs := fieldsOf(v.Type())
	for _, f := range fs.ordered {
		if f.Name == key || v.FieldByIndex(f.Index).IsNil() && !d.isUnusable(path, f.Name) {
			continue
		}
		d.problem(d.path(path+"."+f.Name), "does not belong to connectorType %q; use %s", connectorType, key)
	}
	member, _ := fs.lookup(key)
	if needed && v.FieldByIndex(member.Index).IsNil() && len(required[member.Type.Elem().Name()]) > 0 && !d.isUnusable(path, key) {
		d.problem(d.path(path)+"."+key, "is required for connectorType %q", connectorType)
	}
}

func (d *decoder) customAuth(creds *types.CustomConnectorProfileCredentials) {
	if creds == nil {
		return
	}
	member := authMembers[creds.AuthenticationType]
	if member == "" {
		return
	}
	path := credentialsPath + ".CustomConnector." + wireName(member)
	if reflect.ValueOf(creds).Elem().FieldByName(member).IsNil() && !d.unusable[path] {
		d.problem(d.path(path), "is required when authenticationType is %s", creds.AuthenticationType)
	}
}

// isUnusable reports whether the member at canonical path parent.name is unusable.
func (d *decoder) isUnusable(parent, name string) bool {
	return len(d.unusable) > 0 && d.unusable[parent+"."+name]
}

// path is the user's spelling of a canonical path, as far as the user wrote it.
func (d *decoder) path(canonical string) string {
	if s, ok := d.spelled[canonical]; ok {
		return s
	}
	if i := strings.LastIndex(canonical, "."); i >= 0 {
		return d.path(canonical[:i]) + canonical[i:]
	}
	return canonical
}

func typesWithProfiles() []string {
	var out []string
	for _, t := range types.ConnectorType("").Values() {
		if ConnectorKey(t) != "" {
			out = append(out, string(t))
		}
	}
	return out
}
