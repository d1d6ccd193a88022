package profile

import (
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// megabyteBodies are properties of about 1 MB, each with one problem per element.
func megabyteBodies(tb testing.TB) map[string][]byte {
	tb.Helper()
	const mb = 1 << 20
	scopes := `"oAuthScopes": [` + strings.Repeat(`{},`, mb/3) + `{}]`
	var keys strings.Builder
	for i := 0; keys.Len() < mb; i++ {
		fmt.Fprintf(&keys, `"unknown%06d": 1, `, i)
	}
	return map[string][]byte{
		"a list of {}": fmt.Appendf(nil, `{"connectorProfileName": "p1", "connectorType": "SAPOData", "connectionMode": "Public",
			"connectorProfileConfig": {"connectorProfileProperties": {"SAPOData": {"applicationHostUrl": "https://sap.example.com",
			"applicationServicePath": "/sap", "portNumber": 443, "clientNumber": "100",
			"oAuthProperties": {"tokenUrl": "https://sap.example.com/t", "authCodeUrl": "https://sap.example.com/a", %s}}}}}`, scopes),
		"unknown keys": []byte(`{` + keys.String() + `"connectorProfileName": "p1"}`),
		"one huge key": []byte(`{"` + strings.Repeat("k", mb) + `": 1}`),
	}
}

// TestManyProblems: a decode keeps 25 problems, counts the rest, and its
// error text stays small whatever the properties hold. A megabyte of
// properties costs tens of megabytes to decode at most, within the function's memory.
func TestManyProblems(t *testing.T) {
	for name, raw := range megabyteBodies(t) {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Decode(raw)
			runtime.ReadMemStats(&after)
			if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 64<<20 {
				t.Errorf("decoding %d bytes allocated %d MiB, want at most 64", len(raw), allocated>>20)
			}
			ps, ok := err.(Problems)
			if !ok {
				t.Fatalf("Decode: %v, want Problems", err)
			}
			if text := err.Error(); len(text) > 16<<10 {
				t.Errorf("the error text is %d bytes, want at most 16 KiB", len(text))
			}
			if name == "one huge key" {
				if last := ps[len(ps)-1]; len(last.Path) != 256 || !strings.HasSuffix(last.Path, "...") {
					t.Errorf("the huge key's problem is at %d bytes of path, want it cut to 256", len(last.Path))
				}
				return
			}
			if len(ps) != maxProblems+1 {
				t.Fatalf("%d problems listed, want %d and a count of the rest", len(ps), maxProblems)
			}
			more, found := strings.CutPrefix(ps[maxProblems].Message, "... and ")
			n, err := strconv.Atoi(strings.TrimSuffix(more, " more problems"))
			if !found || err != nil || n < 40000 {
				t.Errorf("last entry %q, want ... and <more than 40000> more problems", ps[maxProblems].Message)
			}
			for _, p := range ps[:maxProblems] {
				if p.Path == "" {
					t.Errorf("problem without a path: %v", p)
				}
			}
		})
	}
}

// BenchmarkDecodeMegabyte decodes a megabyte list of {} where strings belong.
func BenchmarkDecodeMegabyte(b *testing.B) {
	raw := megabyteBodies(b)["a list of {}"]
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		Decode(raw)
	}
}

// Problems that do not fit a Reason are counted, not lost.
func TestProblemsWithin(t *testing.T) {
	long := strings.Repeat("x", 300)
	var ps Problems
	for i := range 25 {
		ps = append(ps, Problem{Path: fmt.Sprintf("k%02d", i), Message: long})
	}
	ps = append(ps, Problem{Message: fmt.Sprintf(moreProblems, 1000)})
	for _, limit := range []int{4096, 2048, 700, 100} {
		got := ps.Within(limit)
		if len(got) > limit {
			t.Errorf("Within(%d) is %d bytes", limit, len(got))
		}
		listed := strings.Count(got, ": x")
		if want := fmt.Sprintf("... and %d more problems", 1000+25-listed); !strings.HasSuffix(got, want) || listed == 0 {
			t.Errorf("Within(%d) lists %d problems and ends %q, want it to end %q", limit, listed, got[max(len(got)-40, 0):], want)
		}
	}
	short := Problems{{Path: "a", Message: "b"}}
	if got := short.Within(100); got != "a: b" {
		t.Errorf("Within of one short problem = %q", got)
	}
}

func TestPathLess(t *testing.T) {
	paths := []string{"a.b[10]", "a.b[2]", "a.b", "a.b[1].c", "a.c", "a.b[1]", "A", "k01", "k1a"}
	sort.SliceStable(paths, func(i, j int) bool { return pathLess(paths[i], paths[j]) })
	want := []string{"A", "a.b", "a.b[1]", "a.b[1].c", "a.b[2]", "a.b[10]", "a.c", "k01", "k1a"}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("sorted %q, want %q", paths, want)
	}
}
