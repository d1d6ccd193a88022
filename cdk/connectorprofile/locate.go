package connectorprofile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// modulePath is the Go module that holds the handler's source (./lambda).
const modulePath = "github.com/appflow-iac/connectorprofile"

// listedModule is what `go list -m -json` says of a module.
type listedModule struct {
	Path, Version, Dir string
	Replace            *listedModule
}

// moduleDir finds the root of modulePath's source as the go command resolves
// it from the working directory: this repository while developing, the
// module cache after `go get`, or a replace directive's directory.
func moduleDir() (string, error) {
	cmd := exec.Command("go", "list", "-m", "-json", modulePath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("locate module %s (is the go command installed and %s required by your go.mod?): %w: %s",
			modulePath, modulePath, err, strings.TrimSpace(stderr.String()))
	}
	var m listedModule
	if err := json.Unmarshal(out, &m); err != nil {
		return "", fmt.Errorf("locate module %s: %w", modulePath, err)
	}
	return m.dir()
}

// dir is the module's source directory. In a vendored app `go list -m`
// names no directory for a module from the cache, and vendor/ holds only the
// packages the app imports, never the handler's main package: its source is
// then the module cache's copy of the version vendor/modules.txt records.
func (m listedModule) dir() (string, error) {
	switch {
	case m.Dir != "":
		return m.Dir, nil
	case m.Replace != nil && m.Replace.Dir != "":
		return m.Replace.Dir, nil
	case m.Replace != nil:
		return cachedModuleDir(m.Replace.Path, m.Replace.Version)
	}
	return cachedModuleDir(m.Path, m.Version)
}

// cachedModuleDir is the module cache's directory of path@version. It never
// downloads: a vendored app is one that chose not to.
func cachedModuleDir(path, version string) (string, error) {
	if version == "" {
		return "", fmt.Errorf("locate module %s: the go command names neither its directory nor its version", path)
	}
	mod := path + "@" + version
	cmd := exec.Command("go", "mod", "download", "-json", mod)
	cmd.Env = append(os.Environ(), "GOPROXY=off")
	out, _ := cmd.Output() // a module missing from the cache exits 1 with Error set
	var d struct{ Dir, Error string }
	if err := json.Unmarshal(out, &d); err != nil || d.Dir == "" {
		return "", fmt.Errorf("locate module %s: the handler is built from the module's source, which the module cache "+
			"does not hold (a vendored app's vendor/ has only the packages it imports): run `go mod download %s`", mod, mod)
	}
	return d.Dir, nil
}
