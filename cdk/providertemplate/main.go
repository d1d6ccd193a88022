// Command providertemplate writes the provider template for plain
// CloudFormation and SAM users, from the provider's one definition
// (package providerdef), beside the bootstrap it deploys:
//
//	go run ./cdk/providertemplate -arch arm64 -out build   # make provider
//
// zips build/provider/<arch>/bootstrap (built by make provider) into
// bootstrap.zip beside it and writes build/provider.yaml, whose function
// deploys that zip. With
// -standins HOST it also writes build/provider-standins.yaml, the same
// function aimed at the local stand-ins on HOST, for `sam local invoke`.
package main

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/appflow-iac/connectorprofile/cdk/providerdef"
)

func main() {
	arch := flag.String("arch", string(providerdef.Architectures[0]), "the function's architecture: arm64 or x86_64")
	out := flag.String("out", "build", "the directory to write provider.yaml to; its provider/<arch>/bootstrap is the code")
	standins := flag.String("standins", "", "also write provider-standins.yaml, aimed at the local stand-ins on this host")
	flag.Parse()
	if err := run(*arch, *out, *standins); err != nil {
		fmt.Fprintln(os.Stderr, "providertemplate:", err)
		os.Exit(1)
	}
}

func run(archName, out, standins string) error {
	arch, err := providerdef.ParseArchitecture(archName)
	if err != nil {
		return err
	}
	dir := path.Join("provider", string(arch))
	if err := zipBootstrap(filepath.Join(out, filepath.FromSlash(dir)), arch); err != nil {
		return err
	}
	code := path.Join(dir, "bootstrap.zip")
	files := map[string]options{"provider.yaml": {arch: arch, code: code}}
	if standins != "" {
		files["provider-standins.yaml"] = options{arch: arch, code: code, standins: standins}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data, err := render(files[name])
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", filepath.Join(out, name))
	}
	return nil
}
