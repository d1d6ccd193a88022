package secretsfake

import (
	"compress/gzip"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// botoShape is one shape of the Secrets Manager model as botocore ships it.
type botoShape struct {
	Type     string
	Required []string
	Members  map[string]struct{ Shape string }
	Member   struct{ Shape string }
	Pattern  string
	Min, Max *int
}

// TestModelMatchesBotocore checks the table against botocore's copy of the
// API model: the same members, required the same, with the same lengths and
// patterns, so the stand-in refuses what the service refuses and no more.
func TestModelMatchesBotocore(t *testing.T) {
	out, err := exec.Command("python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))").Output()
	if err != nil {
		t.Skipf("the model comes with Python's botocore, which is not installed here: %v", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(out)), "data", "secretsmanager", "2017-10-17", "service-2.json.gz"))
	if err != nil {
		t.Skipf("botocore has no Secrets Manager model: %v", err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var model struct {
		Operations map[string]struct{ Input struct{ Shape string } }
		Shapes     map[string]botoShape
	}
	if err := json.NewDecoder(z).Decode(&model); err != nil {
		t.Fatal(err)
	}
	for op, ours := range inputs {
		compareShape(t, op, ours, model.Operations[op].Input.Shape, model.Shapes)
	}
}

func compareShape(t *testing.T, path string, ours *shape, name string, shapes map[string]botoShape) {
	t.Helper()
	theirs := shapes[name]
	if ours.unimplemented {
		return
	}
	kinds := map[string]kind{"string": kString, "blob": kBlob, "boolean": kBool, "list": kList, "structure": kStruct}
	if k, ok := kinds[theirs.Type]; !ok || k != ours.kind {
		t.Errorf("%s: a %s in the model, kind %d here", path, theirs.Type, ours.kind)
		return
	}
	min, max := 0, -1
	if theirs.Min != nil {
		min = *theirs.Min
	}
	if theirs.Max != nil {
		max = *theirs.Max
	}
	pattern := ""
	if ours.pattern != nil {
		pattern = ours.pattern.String()
	}
	if ours.kind != kStruct && (min != ours.min || max != ours.max || pattern != theirs.Pattern) {
		t.Errorf("%s: length %d..%d pattern %q in the model, %d..%d %q here", path, min, max, theirs.Pattern, ours.min, ours.max, pattern)
	}
	switch ours.kind {
	case kList:
		compareShape(t, path+"[]", ours.elem, theirs.Member.Shape, shapes)
	case kStruct:
		if got, want := slices.Sorted(maps.Keys(ours.members)), slices.Sorted(maps.Keys(theirs.Members)); !slices.Equal(got, want) {
			t.Errorf("%s: members %q here, %q in the model", path, got, want)
		}
		for name, m := range ours.members {
			if m.required != slices.Contains(theirs.Required, name) {
				t.Errorf("%s.%s: required %v here, not so in the model", path, name, m.required)
			}
			if ref, ok := theirs.Members[name]; ok {
				compareShape(t, path+"."+name, m.shape, ref.Shape, shapes)
			}
		}
	}
}
