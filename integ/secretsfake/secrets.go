package secretsfake

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// The staging labels the service moves itself.
const (
	current  = "AWSCURRENT"
	previous = "AWSPREVIOUS"
)

type secret struct {
	name, arn string
	versions  []*version // oldest first
	deleted   bool       // scheduled for deletion
}

type version struct {
	id      string
	text    *string // SecretString
	binary  []byte  // SecretBinary
	stages  []string
	created time.Time
}

func (v *version) sameValue(text *string, binary []byte) bool {
	return (v.text == nil) == (text == nil) && (text == nil || *v.text == *text) && bytes.Equal(v.binary, binary)
}

// secretName is the characters a secret's name may hold.
var secretName = regexp.MustCompile(`^[a-zA-Z0-9/_+=.@-]+$`)

// Messages the service answers with.
const (
	notFound        = "Secrets Manager can't find the specified secret."
	markedForDelete = "You can't perform this operation on the secret because it was marked for deletion."
)

// find looks a secret up by its name, its ARN, or its ARN without the six
// characters the service added (a partial ARN); s.mu is held.
func (s *Server) find(id string) (*secret, *apiError) {
	if !strings.HasPrefix(id, "arn:") {
		if sec := s.secrets[id]; sec != nil {
			return sec, nil
		}
		return nil, errorf("ResourceNotFoundException", notFound)
	}
	for _, sec := range s.secrets {
		if sec.arn == id || sec.arn[:len(sec.arn)-len("-XXXXXX")] == id {
			return sec, nil
		}
	}
	return nil, errorf("ResourceNotFoundException", notFound)
}

// live finds a secret that is not scheduled for deletion; s.mu is held.
func (s *Server) live(id string) (*secret, *apiError) {
	sec, aerr := s.find(id)
	if aerr == nil && sec.deleted {
		return nil, errorf("InvalidRequestException", markedForDelete)
	}
	return sec, aerr
}

// value reads SecretString and SecretBinary from a request: exactly one of
// them when required, at most one otherwise.
func value(in map[string]any, required bool) (text *string, binary []byte, aerr *apiError) {
	if v, ok := in["SecretString"].(string); ok {
		text = &v
	}
	if in["SecretBinary"] != nil {
		binary, _ = decodeBlob(in["SecretBinary"]) // validated already
	}
	switch {
	case text != nil && binary != nil:
		return nil, nil, errorf("InvalidParameterException", "You can't specify both a binary secret value and a string secret value in the same secret.")
	case required && text == nil && binary == nil:
		return nil, nil, errorf("InvalidParameterException", "You must provide either SecretString or SecretBinary.")
	}
	return text, binary, nil
}

func (s *Server) create(in map[string]any) (any, *apiError) {
	name := in["Name"].(string)
	if !secretName.MatchString(name) {
		return nil, errorf("InvalidParameterException", "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!")
	}
	text, binary, aerr := value(in, false)
	if aerr != nil {
		return nil, aerr
	}
	token, _ := in["ClientRequestToken"].(string)
	if sec := s.secrets[name]; sec != nil {
		// A retry of the same request (same token, same value) is answered again.
		if v := sec.version(token); v != nil && !sec.deleted && v.sameValue(text, binary) {
			return map[string]any{"ARN": sec.arn, "Name": sec.name, "VersionId": v.id}, nil
		}
		if sec.deleted {
			return nil, errorf("InvalidRequestException", "You can't create this secret because a secret with this name is already scheduled for deletion.")
		}
		return nil, errorf("ResourceExistsException", "The operation failed because the secret %s already exists.", name)
	}
	sec := &secret{name: name, arn: fmt.Sprintf("arn:aws:secretsmanager:%s:%s:secret:%s-%s", s.opts.Region, s.opts.Account, name, suffix())}
	s.secrets[name] = sec
	out := map[string]any{"ARN": sec.arn, "Name": sec.name}
	if text != nil || binary != nil {
		out["VersionId"] = sec.add(tokenOr(token), text, binary, []string{current}, s.opts.Now()).id
	}
	return out, nil
}

func (s *Server) put(in map[string]any) (any, *apiError) {
	sec, aerr := s.live(in["SecretId"].(string))
	if aerr != nil {
		return nil, aerr
	}
	text, binary, aerr := value(in, true)
	if aerr != nil {
		return nil, aerr
	}
	token, _ := in["ClientRequestToken"].(string)
	v := sec.version(token)
	switch {
	case v != nil && !v.sameValue(text, binary):
		return nil, errorf("ResourceExistsException", "You can't modify an existing version, you can only create a new version.")
	case v == nil:
		stages := []string{current}
		if list, ok := in["VersionStages"].([]any); ok {
			stages = nil
			for _, st := range list {
				stages = append(stages, st.(string))
			}
		}
		v = sec.add(tokenOr(token), text, binary, stages, s.opts.Now())
	}
	return map[string]any{"ARN": sec.arn, "Name": sec.name, "VersionId": v.id, "VersionStages": v.stages}, nil
}

func (s *Server) get(in map[string]any) (any, *apiError) {
	sec, aerr := s.live(in["SecretId"].(string))
	if aerr != nil {
		return nil, aerr
	}
	id, _ := in["VersionId"].(string)
	stage, _ := in["VersionStage"].(string)
	var v *version
	switch {
	case id != "":
		if v = sec.version(id); v == nil || stage != "" && !slices.Contains(v.stages, stage) {
			return nil, errorf("ResourceNotFoundException", "Secrets Manager can't find the specified secret value for VersionId: %s", id)
		}
	default:
		if stage == "" {
			stage = current
		}
		if v = sec.staged(stage); v == nil {
			return nil, errorf("ResourceNotFoundException", "Secrets Manager can't find the specified secret value for staging label: %s", stage)
		}
	}
	out := map[string]any{"ARN": sec.arn, "Name": sec.name, "VersionId": v.id, "CreatedDate": float64(v.created.UnixMilli()) / 1000}
	if len(v.stages) > 0 {
		out["VersionStages"] = v.stages
	}
	if v.text != nil {
		out["SecretString"] = *v.text
	} else {
		out["SecretBinary"] = v.binary // base64 in JSON
	}
	return out, nil
}

// version is the version with that id, or nil.
func (sec *secret) version(id string) *version {
	for _, v := range sec.versions {
		if id != "" && v.id == id {
			return v
		}
	}
	return nil
}

// staged is the version a staging label is attached to, or nil.
func (sec *secret) staged(stage string) *version {
	for _, v := range sec.versions {
		if slices.Contains(v.stages, stage) {
			return v
		}
	}
	return nil
}

// add stores a new version with the staging labels given, moving each from
// the version that had it; the version AWSCURRENT leaves becomes AWSPREVIOUS.
func (sec *secret) add(id string, text *string, binary []byte, stages []string, now time.Time) *version {
	v := &version{id: id, text: text, binary: binary, created: now}
	for _, stage := range stages {
		old := sec.staged(stage)
		if old != nil {
			old.stages = slices.DeleteFunc(old.stages, func(s string) bool { return s == stage })
		}
		if stage == current && old != nil {
			if prev := sec.staged(previous); prev != nil {
				prev.stages = slices.DeleteFunc(prev.stages, func(s string) bool { return s == previous })
			}
			old.stages = append(old.stages, previous)
		}
		v.stages = append(v.stages, stage)
	}
	sec.versions = append(sec.versions, v)
	return v
}

// tokenOr is the version id a request names, or a new one.
func tokenOr(token string) string {
	if token != "" {
		return token
	}
	return uuid.NewString()
}

// suffix is the six random characters the service adds to a secret's ARN.
func suffix() string {
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 6)
	rand.Read(b)
	for i := range b {
		b[i] = alnum[int(b[i])%len(alnum)]
	}
	return string(b)
}

// ScheduleDeletion marks a secret (by name or ARN) for deletion, as
// DeleteSecret with a recovery window does: every request for it is then
// answered InvalidRequestException.
func (s *Server) ScheduleDeletion(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sec, aerr := s.find(id)
	if aerr != nil {
		return fmt.Errorf("%s: %s", aerr.code, aerr.message)
	}
	sec.deleted = true
	return nil
}

// Values lists every value the secrets have held, each version's, so that
// a leak check can look for them.
func (s *Server) Values() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, sec := range s.secrets {
		for _, v := range sec.versions {
			if v.text != nil {
				out = append(out, *v.text)
			} else {
				out = append(out, string(v.binary))
			}
		}
	}
	return out
}
