package connectorprofile

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// `make build` must build what the construct builds, the binary whose
// asset hash the construct promises.
func TestMakefileBuildsLikeTheConstruct(t *testing.T) {
	data, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	makefile := string(data)
	flags := regexp.MustCompile(`(?m)^RELEASE_FLAGS := (.*)$`).FindStringSubmatch(makefile)
	recipe := regexp.MustCompile(`(?m)^\t((?:\w+=\S* )+)\$\(GO\) build \$\(RELEASE_FLAGS\) -o \$@ \./lambda$`).FindStringSubmatch(makefile)
	if flags == nil || recipe == nil {
		t.Fatal("the Makefile has no RELEASE_FLAGS line or no build/bootstrap recipe using it")
	}
	var want []string
	for _, arg := range buildArgs[1:] {
		if strings.Contains(arg, " ") {
			arg = `"` + arg + `"`
		}
		want = append(want, arg)
	}
	if got := flags[1]; got != strings.Join(want, " ") {
		t.Errorf("Makefile RELEASE_FLAGS = %s; the construct builds with %s", got, strings.Join(want, " "))
	}
	env := strings.Fields(recipe[1])
	slices.Sort(env)
	wantEnv := slices.Sorted(slices.Values(buildEnv))
	if !slices.Equal(env, wantEnv) {
		t.Errorf("Makefile builds with %v; the construct with %v", env, wantEnv)
	}
}
