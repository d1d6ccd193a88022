// Package template checks the Custom::AppFlowConnectorProfile resources of
// CloudFormation templates (YAML, JSON, or synthesized cdk.out/*.template.json)
// before they are deployed, with the Lambda's own decoder (package profile).
//
// Values only known at deploy time, intrinsic functions and {{resolve:...}}
// dynamic references, are accepted where a value of their kind fits; each
// branch of an Fn::If is checked in turn. Across the template it checks each
// profile's ServiceToken and that no two profiles share a literal name, flags
// {{resolve:ssm-secure:...}} (never resolved in a custom resource), and warns
// of profiles for discontinued connectors. Findings never quote a credential
// value. Schemas renders the same rules as JSON Schemas for editors.
package template

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/appflow-iac/connectorprofile/lambda/profile"
)

// Finding is one problem in a template, or a warning, at a line.
type Finding struct {
	File    string
	Line    int
	Path    string // e.g. Resources.Profile.Properties.ConnectorType; "" for the template as a whole
	Message string
	// Warning marks what deserves a look but does not stop a deploy.
	Warning bool
}

// String formats a finding as a linter does: file:line: path: message.
func (f Finding) String() string {
	msg := f.Message
	if f.Warning {
		msg = "warning: " + msg
	}
	if f.Path == "" {
		return fmt.Sprintf("%s:%d: %s", f.File, f.Line, msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", f.File, f.Line, f.Path, msg)
}

// Report is what checking templates found.
type Report struct {
	Templates, Profiles int
	// Findings are in file and line order.
	Findings []Finding
}

// Problems counts the findings that are not warnings.
func (r Report) Problems() int {
	n := 0
	for _, f := range r.Findings {
		if !f.Warning {
			n++
		}
	}
	return n
}

// Summary is one line: how many profiles in how many templates, and what was found.
func (r Report) Summary() string {
	s := fmt.Sprintf("checked %s in %s: %s", count(r.Profiles, "profile"), count(r.Templates, "template"), count(r.Problems(), "problem"))
	if w := len(r.Findings) - r.Problems(); w > 0 {
		s += ", " + count(w, "warning")
	}
	return s
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if n == 0 {
		return "no " + noun + "s"
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func (r *Report) add(o Report) {
	r.Templates += o.Templates
	r.Profiles += o.Profiles
	r.Findings = append(r.Findings, o.Findings...)
}

// CheckFiles checks templates; a directory stands for its *.template.json
// files (a cdk.out). Only an unreadable file is an error.
func CheckFiles(paths ...string) (Report, error) {
	var all Report
	for _, p := range paths {
		files := []string{p}
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			files, err = filepath.Glob(filepath.Join(p, "*.template.json"))
			if err != nil {
				return Report{}, err
			}
			if len(files) == 0 {
				return Report{}, fmt.Errorf("%s: no *.template.json files", p)
			}
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return Report{}, err
			}
			all.add(Check(f, data))
		}
	}
	return all, nil
}

// CheckTemplate checks a template already read into plain values, such as a
// CDK test's assertions.Template ToJSON(); lines count in its indented JSON.
func CheckTemplate(name string, tmpl map[string]any) Report {
	data, err := json.MarshalIndent(tmpl, "", " ")
	if err != nil {
		return Report{Templates: 1, Findings: []Finding{{File: name, Line: 1, Message: "cannot encode the template: " + err.Error()}}}
	}
	return Check(name, data)
}

// Check checks every Custom::AppFlowConnectorProfile in one template, read
// from the file called name.
func Check(name string, data []byte) Report {
	root, err := parse(data)
	if err != nil {
		return Report{Templates: 1, Findings: []Finding{errorFinding(name, err)}}
	}
	ns := declared(root)
	c := &checker{file: name, names: ns, profileNames: map[string]string{}}
	_, resources := lookup(root, "Resources")
	if resources != nil && resources.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(resources.Content); i += 2 {
			c.resource(resources.Content[i], resources.Content[i+1])
		}
	}
	sort.SliceStable(c.findings, func(i, j int) bool {
		a, b := c.findings[i], c.findings[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Path < b.Path
	})
	return Report{Templates: 1, Profiles: c.profiles, Findings: c.findings}
}

type checker struct {
	file     string
	names    *names
	profiles int
	findings []Finding
	// profileNames maps a literal connectorProfileName to the resource that uses it.
	profileNames map[string]string
}

func (c *checker) add(line int, path, message string) {
	c.findings = append(c.findings, Finding{File: c.file, Line: line, Path: path, Message: message})
}

func (c *checker) resource(key, res *yaml.Node) {
	_, typ := lookup(res, "Type")
	if typ == nil || typ.Value != profile.ResourceType {
		return
	}
	c.profiles++
	base := "Resources." + key.Value + ".Properties"
	propsKey, props := lookup(res, "Properties")
	if props == nil {
		props, propsKey = &yaml.Node{Kind: yaml.MappingNode}, key
	}
	raw, ok := value(props).(map[string]any)
	if !ok {
		c.add(propsKey.Line, base, "must be an object")
		return
	}
	for _, is := range checkProperties(raw, c.names) {
		msg := is.message
		if len(is.when) > 0 {
			conds := make([]string, len(is.when))
			for i, w := range is.when {
				conds[i] = w.String()
			}
			msg += " (when " + strings.Join(conds, " and ") + ")"
		}
		path := base
		if is.path != "" {
			path += "." + is.path
		}
		c.add(locate(props, propsKey.Line, is.path, is.when), path, msg)
	}
	c.uniqueName(key, props, raw)
	c.discontinued(key, props, raw)
}

// discontinued warns of a connector whose service AWS has shut down: AppFlow
// still takes the profile, but nothing is left for it to reach.
func (c *checker) discontinued(key, props *yaml.Node, raw map[string]any) {
	for _, k := range slices.Sorted(maps.Keys(raw)) {
		if typ, ok := raw[k].(string); ok && strings.EqualFold(k, "connectorType") && strings.EqualFold(typ, "Honeycode") {
			typeKey, _ := lookup(props, k)
			c.findings = append(c.findings, Finding{File: c.file, Line: typeKey.Line, Path: "Resources." + key.Value + ".Properties." + k, Warning: true,
				Message: "Amazon Honeycode was discontinued by AWS in 2024: AppFlow still accepts the profile, but the service it connects to is gone"})
		}
	}
}

// uniqueName reports a literal connectorProfileName used twice: names are
// unique in an account and Region.
func (c *checker) uniqueName(key, props *yaml.Node, raw map[string]any) {
	for _, k := range slices.Sorted(maps.Keys(raw)) {
		name, ok := raw[k].(string)
		if !strings.EqualFold(k, "connectorProfileName") || !ok || Unresolved(name) {
			continue
		}
		if first, dup := c.profileNames[name]; dup {
			nameKey, _ := lookup(props, k)
			c.add(nameKey.Line, "Resources."+key.Value+".Properties."+k,
				fmt.Sprintf("%s is also the name of %s; connector profile names are unique in an account and Region", strconv.Quote(name), first))
			continue
		}
		c.profileNames[name] = "Resources." + key.Value
	}
}

// declared collects the names a property may refer to.
func declared(root *yaml.Node) *names {
	ns := &names{parameters: map[string]string{}, resources: map[string]string{}, conditions: map[string]bool{}}
	_, transform := lookup(root, "Transform")
	ns.transformed = transform != nil
	if _, params := lookup(root, "Parameters"); params != nil && params.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(params.Content); i += 2 {
			_, t := lookup(params.Content[i+1], "Type")
			ns.parameters[params.Content[i].Value] = valueOf(t)
		}
	}
	if _, res := lookup(root, "Resources"); res != nil && res.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(res.Content); i += 2 {
			_, t := lookup(res.Content[i+1], "Type")
			ns.resources[res.Content[i].Value] = valueOf(t)
		}
	}
	if _, conds := lookup(root, "Conditions"); conds != nil && conds.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(conds.Content); i += 2 {
			ns.conditions[conds.Content[i].Value] = true
		}
	}
	return ns
}

func valueOf(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return n.Value
}

// locate finds the line of the property at path (the decoder's spelling: keys
// joined by dots, list indexes in brackets) under the properties node, as deep
// as the template has it, following the Fn::If branches chosen.
func locate(props *yaml.Node, line int, path string, when []choice) int {
	n, done, rest := props, "", path
	for rest != "" {
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if fnKey, arg := lookup(n, "Fn::If"); fnKey != nil && len(n.Content) == 2 {
			branch := 0
			for i, c := range when {
				if c.path == done {
					branch, when = c.branch, append(append([]choice{}, when[:i]...), when[i+1:]...)
					break
				}
			}
			if branch == 0 || arg.Kind != yaml.SequenceNode || len(arg.Content) != 3 {
				return line
			}
			n = arg.Content[branch]
			continue
		}
		switch n.Kind {
		case yaml.MappingNode:
			best := -1
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				if (rest == k || strings.HasPrefix(rest, k+".") || strings.HasPrefix(rest, k+"[")) &&
					(best < 0 || len(k) > len(n.Content[best].Value)) {
					best = i
				}
			}
			if best < 0 {
				return line
			}
			k := n.Content[best].Value
			line, n = n.Content[best].Line, n.Content[best+1]
			done, rest = join(done, k), strings.TrimPrefix(rest[len(k):], ".")
		case yaml.SequenceNode:
			end := strings.Index(rest, "]")
			if !strings.HasPrefix(rest, "[") || end < 0 {
				return line
			}
			i, err := strconv.Atoi(rest[1:end])
			if err != nil || i < 0 || i >= len(n.Content) {
				return line
			}
			done += rest[:end+1]
			n, rest = n.Content[i], strings.TrimPrefix(rest[end+1:], ".")
			line = n.Line
		default:
			return line
		}
	}
	return line
}

// errorFinding places a parse error at its line ("yaml: line 3: ...").
func errorFinding(name string, err error) Finding {
	if le, ok := err.(*lineError); ok {
		return Finding{File: name, Line: le.line, Message: le.msg}
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if digits, after, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(digits); err == nil {
				line, msg = n, after
			}
		}
	}
	return Finding{File: name, Line: line, Message: msg}
}
