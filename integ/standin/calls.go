package standin

import (
	"fmt"
	"strings"
	"sync"
)

// Call is what a stand-in records of one request: its operation, and a
// one-line summary (String) that names no secret value.
type Call interface {
	Operation() string
}

// CallLog is a stand-in's requests, in the order received; safe for
// concurrent use. Embedded in a server, it gives it Calls, CallsTo and Summary.
type CallLog[C Call] struct {
	mu    sync.Mutex
	calls []C
}

// Add records c.
func (l *CallLog[C]) Add(c C) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, c)
}

// Calls returns every request received so far, in order.
func (l *CallLog[C]) Calls() []C {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]C(nil), l.calls...)
}

// CallsTo returns the requests for one operation.
func (l *CallLog[C]) CallsTo(op string) []C {
	var out []C
	for _, c := range l.Calls() {
		if c.Operation() == op {
			out = append(out, c)
		}
	}
	return out
}

// Summary lists the calls received, one line each.
func (l *CallLog[C]) Summary() string {
	var b strings.Builder
	for _, c := range l.Calls() {
		b.WriteString(fmt.Sprint(c) + "\n")
	}
	return b.String()
}
