package secretsfake

import (
	"encoding/base64"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// This file is the wire model of the three operations: member names as they
// travel in awsJson1_1, with the constraints of API version 2017-10-17.

type kind int

const (
	kString kind = iota
	kBlob        // base64 on the wire; its length is the decoded bytes'
	kBool
	kList
	kStruct
)

type shape struct {
	kind     kind
	min, max int // length of a string (code points), a blob (bytes) or a list; max < 0: none
	pattern  *regexp.Regexp
	elem     *shape            // kList
	members  map[string]member // kStruct
	// unimplemented: the stand-in refuses a request that sets the member
	// rather than answer as if it had done what the member asks.
	unimplemented bool
}

type member struct {
	shape    *shape
	required bool
}

func str(min, max int) *shape { return &shape{kind: kString, min: min, max: max} }

func list(min, max int, elem *shape) *shape {
	return &shape{kind: kList, min: min, max: max, elem: elem}
}

func structure(members map[string]member) *shape {
	return &shape{kind: kStruct, max: -1, members: members}
}

var (
	secretID     = member{shape: str(1, 2048), required: true}
	clientToken  = member{shape: str(32, 64)}
	secretString = member{shape: str(1, 65536)}
	secretBinary = member{shape: &shape{kind: kBlob, min: 1, max: 65536}}
	versionStage = str(1, 256)

	inputs = map[string]*shape{
		opGet: structure(map[string]member{
			"SecretId":     secretID,
			"VersionId":    {shape: str(32, 64)},
			"VersionStage": {shape: versionStage},
		}),
		opPut: structure(map[string]member{
			"SecretId":           secretID,
			"ClientRequestToken": clientToken,
			"SecretString":       secretString,
			"SecretBinary":       secretBinary,
			"VersionStages":      {shape: list(1, 20, versionStage)},
			"RotationToken":      {shape: &shape{kind: kString, min: 36, max: 256, pattern: regexp.MustCompile(`^[a-zA-Z0-9\-]+$`)}},
		}),
		opCreate: structure(map[string]member{
			"Name":               {shape: str(1, 512), required: true},
			"ClientRequestToken": clientToken,
			"Description":        {shape: str(0, 2048)},
			"KmsKeyId":           {shape: str(0, 2048)},
			"SecretString":       secretString,
			"SecretBinary":       secretBinary,
			"Tags": {shape: list(0, -1, structure(map[string]member{
				"Key":   {shape: str(1, 128)},
				"Value": {shape: str(0, 256)},
			}))},
			"Type":                        {shape: str(0, 256)},
			"AddReplicaRegions":           {shape: &shape{kind: kList, min: 1, max: -1, unimplemented: true}},
			"ForceOverwriteReplicaSecret": {shape: &shape{kind: kBool, unimplemented: true}},
		}),
	}
)

// validate checks v against s in the service's wording, and never quotes a
// value: every failed constraint goes to errs, every member set that the
// stand-in does not implement to unimplemented. Members not in the model are
// ignored, as the service ignores them.
func validate(path string, s *shape, v any, errs, unimplemented *[]string) {
	fail := func(format string, a ...any) {
		*errs = append(*errs, fmt.Sprintf("Value at '%s' failed to satisfy constraint: %s", path, fmt.Sprintf(format, a...)))
	}
	length := func(n int) {
		if n < s.min {
			fail("Member must have length greater than or equal to %d", s.min)
		}
		if s.max >= 0 && n > s.max {
			fail("Member must have length less than or equal to %d", s.max)
		}
	}
	if v == nil {
		return // an explicit null is an absent member
	}
	if s.unimplemented {
		*unimplemented = append(*unimplemented, path)
		return
	}
	switch s.kind {
	case kString:
		str, ok := v.(string)
		if !ok {
			fail("Member must be a string")
			return
		}
		length(utf8.RuneCountInString(str))
		if s.pattern != nil && !s.pattern.MatchString(str) {
			fail("Member must satisfy regular expression pattern: %s", s.pattern)
		}
	case kBlob:
		b, err := decodeBlob(v)
		if err != nil {
			fail("Member must be base64-encoded binary data")
			return
		}
		length(len(b))
	case kBool:
		if _, ok := v.(bool); !ok {
			fail("Member must be a boolean")
		}
	case kList:
		items, ok := v.([]any)
		if !ok {
			fail("Member must be a list")
			return
		}
		length(len(items))
		for i, e := range items {
			validate(fmt.Sprintf("%s.%d", path, i+1), s.elem, e, errs, unimplemented)
		}
	case kStruct:
		m, ok := v.(map[string]any)
		if !ok {
			fail("Member must be a structure")
			return
		}
		for _, name := range slices.Sorted(maps.Keys(s.members)) {
			mem, at := s.members[name], wireName(path, name)
			if val := m[name]; val != nil {
				validate(at, mem.shape, val, errs, unimplemented)
			} else if mem.required {
				*errs = append(*errs, fmt.Sprintf("Value null at '%s' failed to satisfy constraint: Member must not be null", at))
			}
		}
	}
}

// wireName is a member's path as the service's messages spell it: each
// name lowerCamelCased ("secretId", "tags.1.key").
func wireName(path, name string) string {
	name = strings.ToLower(name[:1]) + name[1:]
	if path == "" {
		return name
	}
	return path + "." + name
}

// decodeBlob reads a blob member: a base64 string.
func decodeBlob(v any) ([]byte, error) {
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("not a string")
	}
	return base64.StdEncoding.DecodeString(s)
}
