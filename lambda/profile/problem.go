package profile

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with the properties, at a property path.
type Problem struct {
	Path    string
	Message string
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Problems is what is wrong with one set of properties, sorted by path; it is
// an error. At most maxProblems are listed: past them, a last entry without a
// path says how many more there were.
type Problems []Problem

// maxProblems bounds what a decode keeps and reports. A Reason holds 4096
// bytes, which 25 problems fill; properties of a megabyte can hold hundreds of
// thousands, and listing them would cost memory and say nothing more.
const maxProblems = 25

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "; ")
}

func (d *decoder) full() bool { return len(d.problems) >= maxProblems }

func (d *decoder) problem(path, format string, args ...any) {
	d.found++
	if !d.full() {
		d.problems = append(d.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
	}
}

// lazyProblem reports msg at a path worked out only if the problem is kept.
func (d *decoder) lazyProblem(path func() at, msg string) {
	if d.full() {
		d.found++
		return
	}
	d.problem(path().spelled, "%s", msg)
}

func (d *decoder) result() Problems {
	ps := d.problems
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Path < ps[j].Path })
	if more := d.found - len(ps); more > 0 {
		ps = append(ps, Problem{Message: fmt.Sprintf("... and %d more problems", more)})
	}
	return ps
}
