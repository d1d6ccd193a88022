package bench

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Package is the size of a deployment package.
type Package struct {
	Unpacked int64 // bytes of the files that are deployed
	Zipped   int64 // bytes of their deployment zip
}

// GoPackage reads the sizes of the built bootstrap and its zip.
func GoPackage(bootstrap, zipFile string) (Package, error) {
	b, err := os.Stat(bootstrap)
	if err != nil {
		return Package{}, err
	}
	z, err := os.Stat(zipFile)
	if err != nil {
		return Package{}, err
	}
	return Package{Unpacked: b.Size(), Zipped: z.Size()}, nil
}

// NodePackage measures the reference as it would be deployed: the handler,
// the runtime loop, the bootstrap script and node_modules, zipped with
// Deflate (the Node.js binary itself comes with the runtime).
func NodePackage(dir string) (Package, error) {
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
		return Package{}, fmt.Errorf("%w (run npm ci --prefix %s)", err, dir)
	}
	var p Package
	cw := &countingWriter{}
	zw := zip.NewWriter(cw)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		switch rel {
		case "package-lock.json", ".gitignore", "node_modules/.package-lock.json":
			return nil
		}
		info, err := d.Info()
		if err != nil || !info.Mode().IsRegular() {
			return err
		}
		p.Unpacked += info.Size()
		h, err := zip.FileInfoHeader(info)
		if err != nil {
			return err
		}
		h.Name, h.Method = filepath.ToSlash(rel), zip.Deflate
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	p.Zipped = cw.n
	return p, err
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
