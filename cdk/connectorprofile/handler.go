package connectorprofile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// handlerPackage is the handler's package, relative to the module root.
const handlerPackage = "./lambda"

// buildEnv and buildArgs are the exact build the asset hash promises: a
// static linux/arm64 binary named bootstrap for provided.al2023.
var (
	buildEnv  = []string{"GOOS=linux", "GOARCH=" + architecture.GOARCH(), "CGO_ENABLED=0"}
	buildArgs = []string{"build", "-tags", "lambda.norpc", "-trimpath", "-buildvcs=false", "-ldflags", "-s -w"}
)

// handlerBuild is a built handler: a directory holding bootstrap, and the
// asset hash derived from the sources it was built from.
type handlerBuild struct {
	Dir  string
	Hash string
}

var (
	buildMu sync.Mutex
	builds  = map[string]*handlerBuild{} // module dir -> build, once per process
)

// buildHandler builds the handler from the module source that moduleDir
// finds, also for an app that imports the construct with `go get`, a
// replace directive or a vendor directory.
func buildHandler() (*handlerBuild, error) {
	dir, err := moduleDir()
	if err != nil {
		return nil, err
	}
	return buildHandlerIn(dir)
}

// buildHandlerIn builds the handler in module root dir, at most once per
// process and dir. The binary is cached under the user cache directory by
// asset hash, so later synths with unchanged sources skip the build.
func buildHandlerIn(dir string) (*handlerBuild, error) {
	buildMu.Lock()
	defer buildMu.Unlock()
	if b, ok := builds[dir]; ok {
		return b, nil
	}
	hash, err := sourceHash(dir)
	if err != nil {
		return nil, err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	out := filepath.Join(cache, "appflow-connectorprofile", "handler-"+hash)
	if _, err := os.Stat(filepath.Join(out, "bootstrap")); err != nil {
		if err := goBuild(dir, out); err != nil {
			return nil, err
		}
	}
	b := &handlerBuild{Dir: out, Hash: hash}
	builds[dir] = b
	return b, nil
}

// goBuild builds into a fresh directory and renames it into place, so an
// interrupted build never leaves a half-written bootstrap behind.
func goBuild(moduleRoot, out string) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("build handler: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "build-")
	if err != nil {
		return fmt.Errorf("build handler: %w", err)
	}
	defer os.RemoveAll(tmp)
	args := append(append([]string{}, buildArgs...), "-o", filepath.Join(tmp, "bootstrap"), handlerPackage)
	cmd := exec.Command("go", args...)
	cmd.Dir = moduleRoot
	cmd.Env = append(os.Environ(), buildEnv...)
	cmd.Env = append(cmd.Env, "GOWORK=off", "GOFLAGS=-mod=readonly")
	var stderr bytes.Buffer
	cmd.Stdout = &stderr
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("build handler in %s (go %s): %w\n%s", moduleRoot, strings.Join(args, " "), err, stderr.String())
	}
	if err := os.Chmod(filepath.Join(tmp, "bootstrap"), 0o755); err != nil {
		return fmt.Errorf("build handler: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		if _, statErr := os.Stat(filepath.Join(out, "bootstrap")); statErr == nil {
			return nil // another process won the race with the same sources
		}
		return fmt.Errorf("build handler: %w", err)
	}
	return nil
}

// sourceHash is the asset hash: sha256 over the build settings, go.mod,
// go.sum and every file of the module's packages that the handler compiles,
// each named by its slash-separated path relative to the module root. It
// does not depend on the checkout path, the machine or the Go version.
func sourceHash(dir string) (string, error) {
	files, err := handlerSources(dir)
	if err != nil {
		return "", err
	}
	files = append(files, "go.mod", "go.sum")
	sort.Strings(files)
	h := sha256.New()
	fmt.Fprintf(h, "env %q\nargs %q\npkg %q\n", buildEnv, buildArgs, handlerPackage)
	for _, rel := range files {
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			if errors.Is(err, os.ErrNotExist) && rel == "go.sum" {
				continue
			}
			return "", fmt.Errorf("hash handler sources: %w", err)
		}
		var buf bytes.Buffer
		_, err = io.Copy(&buf, f)
		f.Close()
		if err != nil {
			return "", fmt.Errorf("hash handler sources: %w", err)
		}
		fmt.Fprintf(h, "file %q %d\n", rel, buf.Len())
		h.Write(buf.Bytes())
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// handlerSources lists, relative to dir, the Go and embedded files of every
// package of this module that the handler imports (for linux/arm64 with the
// build's tags).
func handlerSources(dir string) ([]string, error) {
	cmd := exec.Command("go", "list", "-deps", "-tags", "lambda.norpc", "-json=ImportPath,Dir,GoFiles,CgoFiles,EmbedFiles,Module,Standard", handlerPackage)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), buildEnv...)
	cmd.Env = append(cmd.Env, "GOWORK=off", "GOFLAGS=-mod=readonly")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("list handler sources in %s: %w: %s", dir, err, strings.TrimSpace(stderr.String()))
	}
	var files []string
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p struct {
			Dir                           string
			GoFiles, CgoFiles, EmbedFiles []string
			Standard                      bool
			Module                        *struct{ Path string }
		}
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("list handler sources: %w", err)
		}
		if p.Standard || p.Module == nil || p.Module.Path != modulePath {
			continue
		}
		rel, err := filepath.Rel(dir, p.Dir)
		if err != nil {
			return nil, fmt.Errorf("list handler sources: %w", err)
		}
		for _, group := range [][]string{p.GoFiles, p.CgoFiles, p.EmbedFiles} {
			for _, f := range group {
				files = append(files, path.Join(filepath.ToSlash(rel), f))
			}
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("list handler sources in %s: no files for %s", dir, handlerPackage)
	}
	return files, nil
}
