package profile

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
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

// maxProblems bounds what a decode keeps and reports. A Reason holds fewer
// (Within fits them to its room); properties of a megabyte can hold hundreds
// of thousands, and listing them would cost memory and say nothing more.
const maxProblems = 25

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "; ")
}

// moreProblems is the last entry's message when problems were left out.
const moreProblems = "... and %d more problems"

// Within is Error() in at most limit bytes: the problems that do not fit are
// counted in the last entry instead of listed, so the count is never lost.
func (ps Problems) Within(limit int) string {
	listed, more := ps, 0
	if n := len(ps); n > 0 && ps[n-1].Path == "" {
		if _, err := fmt.Sscanf(ps[n-1].Message, moreProblems, &more); err == nil {
			listed = ps[:n-1]
		}
	}
	tally := func(n int) string {
		if n == 0 {
			return ""
		}
		return "; " + fmt.Sprintf(moreProblems, n)
	}
	for k := len(listed); k > 0; k-- {
		if text := listed[:k].Error() + tally(more+len(listed)-k); len(text) <= limit {
			return text
		}
	}
	if len(listed) == 0 {
		return ps.Error()
	}
	rest := tally(more + len(listed) - 1)
	return cutBytes(listed[0].String(), limit-len(rest)) + rest
}

// cutBytes keeps at most n bytes of s, in whole runes, marking a cut with "...".
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	end := max(n-3, 0)
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[:end] + "..."
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
	sort.SliceStable(ps, func(i, j int) bool { return pathLess(ps[i].Path, ps[j].Path) })
	if more := d.found - len(ps); more > 0 {
		ps = append(ps, Problem{Message: fmt.Sprintf(moreProblems, more)})
	}
	return ps
}

// pathLess orders paths as text, but list indexes as numbers: [2] before [10].
func pathLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			if na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0"); na != nb {
				return len(na) < len(nb) || len(na) == len(nb) && na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

// digits counts the decimal digits s starts with.
func digits(s string) int {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	return n
}
