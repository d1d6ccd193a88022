package main

import (
	"archive/zip"
	"bytes"
	"debug/elf"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/appflow-iac/connectorprofile/cdk/providerdef"
)

// machines are the ELF machines of the architectures.
var machines = map[providerdef.Architecture]elf.Machine{
	providerdef.ARM64:  elf.EM_AARCH64,
	providerdef.X86_64: elf.EM_X86_64,
}

// zipBootstrap checks that dir/bootstrap is a Linux executable for arch, so
// the template never declares an architecture its code was not built for,
// and writes it into dir/bootstrap.zip. The same bootstrap gives the same
// zip, so a deploy of unchanged code changes nothing.
func zipBootstrap(dir string, arch providerdef.Architecture) error {
	name := filepath.Join(dir, "bootstrap")
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("the code (make provider ARCH=%s builds it): %w", arch, err)
	}
	exe, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s is no Linux executable: %w", name, err)
	}
	if exe.Machine != machines[arch] {
		return fmt.Errorf("%s is built for %v, not %s", name, exe.Machine, arch)
	}
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	h := &zip.FileHeader{Name: "bootstrap", Method: zip.Deflate, Modified: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
	h.SetMode(0o755)
	f, err := w.CreateHeader(h)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "bootstrap.zip"), b.Bytes(), 0o644)
}
