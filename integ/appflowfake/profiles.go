package appflowfake

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// tokenTTL is how long AppFlow remembers a clientToken.
const tokenTTL = 8 * time.Hour

type profile struct {
	Name, Type, Label, Mode, KmsArn string
	Arn, CredentialsArn             string
	Properties                      any // the connectorProfileProperties object as received
	CreatedAt, UpdatedAt            time.Time
}

type tokenEntry struct {
	inputHash string
	result    any
	at        time.Time
}

// Profile is a read-only view of a stored profile (never credentials).
type Profile struct {
	Name, ConnectorType, ConnectorLabel, ConnectionMode, KmsArn string
	Arn, CredentialsArn                                         string
	Properties                                                  json.RawMessage
	CreatedAt, UpdatedAt                                        time.Time
}

func (p *profile) view() Profile {
	props, _ := json.Marshal(p.Properties)
	return Profile{Name: p.Name, ConnectorType: p.Type, ConnectorLabel: p.Label, ConnectionMode: p.Mode,
		KmsArn: p.KmsArn, Arn: p.Arn, CredentialsArn: p.CredentialsArn, Properties: props,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

// Profiles returns the stored profiles sorted by name.
func (s *Server) Profiles() []Profile {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Profile, 0, len(s.profiles))
	for _, name := range sortedKeys(s.profiles) {
		out = append(out, s.profiles[name].view())
	}
	return out
}

// Get returns the stored profile with that name.
func (s *Server) Get(name string) (Profile, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.profiles[name]
	if !ok {
		return Profile{}, false
	}
	return p.view(), true
}

// Seed stores a profile directly, as if another owner had created it.
func (s *Server) Seed(name, connectorType string) Profile {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Now()
	p := &profile{Name: name, Type: connectorType, Mode: "Public", Properties: map[string]any{},
		Arn: s.arn(name), CreatedAt: now, UpdatedAt: now}
	s.profiles[name] = p
	return p.view()
}

// SetInUse marks a profile as used by a flow: deleting it then needs forceDelete.
func (s *Server) SetInUse(name string, inUse bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inUse[name] = inUse
}

func (s *Server) arn(name string) string {
	return fmt.Sprintf("arn:aws:appflow:%s:%s:connectorprofile/%s", s.opts.Region, s.opts.Account, name)
}

func (s *Server) credentialsArn(name string, now time.Time) string {
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 6)
	rand.Read(b)
	for i := range b {
		b[i] = alnum[int(b[i])%len(alnum)]
	}
	return fmt.Sprintf("arn:aws:secretsmanager:%s:%s:secret:appflow!%s-%s-%d-%s",
		s.opts.Region, s.opts.Account, s.opts.Account, name, now.UnixMilli(), b)
}

// hashInput fingerprints a request without its clientToken.
func hashInput(in map[string]any) string {
	c := make(map[string]any, len(in))
	for k, v := range in {
		if k != "clientToken" {
			c[k] = v
		}
	}
	b, _ := json.Marshal(c) // map keys are sorted: canonical
	sum := sha256.Sum256(b)
	return fmt.Sprintf("%x", sum)
}

// replay looks a clientToken up; it must be called with s.mu held.
func (s *Server) replay(op string, in map[string]any) (key, hash string, result any, aerr *apiError) {
	token, _ := in["clientToken"].(string)
	if token == "" {
		return "", "", nil, nil
	}
	key, hash = op+"\x00"+token, hashInput(in)
	e, ok := s.tokens[key]
	if !ok || s.opts.Now().Sub(e.at) > tokenTTL {
		return key, hash, nil, nil
	}
	if e.inputHash != hash {
		return key, hash, nil, errorf(http.StatusConflict, "ConflictException",
			"The clientToken %s was already used with different request parameters", token)
	}
	return key, hash, e.result, nil
}

// checkConfig checks that the config keys match the connector type.
func checkConfig(connectorType string, in map[string]any) *apiError {
	key := configKey(connectorType)
	cfg, _ := in["connectorProfileConfig"].(map[string]any)
	for _, part := range []string{"connectorProfileProperties", "connectorProfileCredentials"} {
		m, _ := cfg[part].(map[string]any)
		for k, v := range m {
			if v == nil {
				continue
			}
			if k != key {
				return validationError("connectorProfileConfig.%s.%s does not match connectorType %s", part, k, connectorType)
			}
		}
		if part == "connectorProfileProperties" && key != "" && strings.Contains(connectors[key].props, "*") && m[key] == nil {
			return validationError("connectorProfileConfig.connectorProfileProperties.%s is required for connectorType %s", key, connectorType)
		}
	}
	return nil
}

func hasCredentials(in map[string]any) bool {
	cfg, _ := in["connectorProfileConfig"].(map[string]any)
	m, _ := cfg["connectorProfileCredentials"].(map[string]any)
	for _, v := range m {
		if v != nil {
			return true
		}
	}
	return false
}

// properties are the connectorProfileProperties of a request, as the stand-in stores them.
func (s *Server) properties(in map[string]any) any {
	cfg, _ := in["connectorProfileConfig"].(map[string]any)
	props := cfg["connectorProfileProperties"]
	byType, ok := props.(map[string]any)
	if !ok || !s.opts.SlashInstanceURL {
		return props
	}
	stored := map[string]any{}
	for typ, p := range byType {
		if p, ok := p.(map[string]any); ok {
			if url, ok := p["instanceUrl"].(string); ok && !strings.HasSuffix(url, "/") {
				p = maps.Clone(p)
				p["instanceUrl"] = url + "/"
			}
			stored[typ] = p
		}
	}
	return stored
}

func (s *Server) create(in map[string]any) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, hash, prior, aerr := s.replay(opCreate, in)
	if aerr != nil || prior != nil {
		return prior, aerr
	}
	name := in["connectorProfileName"].(string)
	typ := in["connectorType"].(string)
	label, _ := in["connectorLabel"].(string)
	if aerr := checkConfig(typ, in); aerr != nil {
		return nil, aerr
	}
	if typ == "CustomConnector" && label == "" {
		return nil, validationError("connectorLabel is required for connectorType CustomConnector")
	}
	if _, ok := s.profiles[name]; ok {
		return nil, errorf(http.StatusConflict, "ConflictException", "Connector profile with name %s already exists.", name)
	}
	if len(s.profiles) >= s.opts.Quota {
		return nil, errorf(http.StatusPaymentRequired, "ServiceQuotaExceededException",
			"The request exceeds the quota of %d connector profiles per account.", s.opts.Quota)
	}
	now := s.opts.Now()
	p := &profile{Name: name, Type: typ, Label: label, Mode: in["connectionMode"].(string),
		Properties: s.properties(in), Arn: s.arn(name), CreatedAt: now, UpdatedAt: now}
	p.KmsArn, _ = in["kmsArn"].(string)
	if hasCredentials(in) {
		p.CredentialsArn = s.credentialsArn(name, now)
	}
	s.profiles[name] = p
	out := map[string]any{"connectorProfileArn": p.Arn}
	if key != "" {
		s.tokens[key] = tokenEntry{inputHash: hash, result: out, at: now}
	}
	return out, nil
}

func (s *Server) update(in map[string]any) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, hash, prior, aerr := s.replay(opUpdate, in)
	if aerr != nil || prior != nil {
		return prior, aerr
	}
	name := in["connectorProfileName"].(string)
	p, ok := s.profiles[name]
	if !ok {
		return nil, errorf(http.StatusNotFound, "ResourceNotFoundException", "Connector profile %s does not exist.", name)
	}
	if aerr := checkConfig(p.Type, in); aerr != nil {
		return nil, aerr
	}
	now := s.opts.Now()
	p.Mode = in["connectionMode"].(string)
	p.Properties = s.properties(in)
	p.UpdatedAt = now
	if hasCredentials(in) && p.CredentialsArn == "" {
		p.CredentialsArn = s.credentialsArn(name, now)
	}
	out := map[string]any{"connectorProfileArn": p.Arn}
	if key != "" {
		s.tokens[key] = tokenEntry{inputHash: hash, result: out, at: now}
	}
	return out, nil
}

func (s *Server) delete(in map[string]any) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	name := in["connectorProfileName"].(string)
	if _, ok := s.profiles[name]; !ok {
		return nil, errorf(http.StatusNotFound, "ResourceNotFoundException", "Connector profile %s does not exist.", name)
	}
	if force, _ := in["forceDelete"].(bool); s.inUse[name] && !force {
		return nil, errorf(http.StatusConflict, "ConflictException",
			"Connector profile %s is associated with one or more flows. Use forceDelete to delete it.", name)
	}
	delete(s.profiles, name)
	delete(s.inUse, name)
	return map[string]any{}, nil
}

func epoch(t time.Time) json.Number {
	return json.Number(strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', 3, 64))
}

func (s *Server) describe(in map[string]any) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var names []string
	if list, ok := in["connectorProfileNames"].([]any); ok {
		for _, n := range list {
			names = append(names, n.(string))
		}
	}
	typ, _ := in["connectorType"].(string)
	label, _ := in["connectorLabel"].(string)
	max := 20
	if n, ok := in["maxResults"].(json.Number); ok {
		v, _ := n.Int64()
		max = int(v)
	}
	offset := 0
	if tok, ok := in["nextToken"].(string); ok {
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		o, err2 := strconv.Atoi(strings.TrimPrefix(string(raw), "offset:"))
		if err != nil || err2 != nil || !strings.HasPrefix(string(raw), "offset:") || o < 0 {
			return nil, validationError("Invalid nextToken")
		}
		offset = o
	}
	var match []*profile
	for _, p := range s.profiles {
		if len(names) > 0 && !contains(names, p.Name) {
			continue
		}
		if typ != "" && p.Type != typ {
			continue
		}
		if label != "" && p.Label != label {
			continue
		}
		match = append(match, p)
	}
	sort.Slice(match, func(i, j int) bool { return match[i].Name < match[j].Name })
	details := []any{}
	for i := offset; i < len(match) && i < offset+max; i++ {
		p := match[i]
		d := map[string]any{
			"connectorProfileArn":        p.Arn,
			"connectorProfileName":       p.Name,
			"connectorType":              p.Type,
			"connectionMode":             p.Mode,
			"connectorProfileProperties": p.Properties,
			"createdAt":                  epoch(p.CreatedAt),
			"lastUpdatedAt":              epoch(p.UpdatedAt),
		}
		if p.Label != "" {
			d["connectorLabel"] = p.Label
		}
		if p.CredentialsArn != "" {
			d["credentialsArn"] = p.CredentialsArn
		}
		if p.Mode == "Private" {
			d["privateConnectionProvisioningState"] = map[string]any{"status": "CREATED"}
		}
		details = append(details, d)
	}
	out := map[string]any{"connectorProfileDetails": details}
	if offset+max < len(match) {
		out["nextToken"] = base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(offset+max)))
	}
	return out, nil
}
