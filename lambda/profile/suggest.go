package profile

import (
	"sort"
	"strings"
)

// unknown reports a key of the object at a that is no member, suggesting the closest one.
func (d *decoder) unknown(a at, key string, fs *fields) {
	if d.full() {
		d.found++
		return
	}
	path := a.child(key, key).spelled
	names := fs.names()
	if fs.typeName == inputType.Name() {
		names = append(names, "forceDelete", "credentialsSecret") // decoded beside the SDK input
	}
	sort.Strings(names)
	if best := closest(key, names); best != "" {
		d.problem(path, "is not a known property; did you mean %q?", best)
		return
	}
	if len(names) == 0 {
		d.problem(path, "is not a known property; this object takes none")
		return
	}
	d.problem(path, "is not a known property; allowed: %s", strings.Join(names, ", "))
}

// closest is the name nearest to key by edit distance, if near enough to be a typo.
func closest(key string, names []string) string {
	best, bestDist := "", len(key)/3+2
	for _, n := range names {
		if len(key)-len(n) >= bestDist {
			continue // too far in length alone
		}
		if dist := editDistance(strings.ToLower(key), strings.ToLower(n)); dist < bestDist {
			best, bestDist = n, dist
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
