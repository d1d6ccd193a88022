// Package fault is the fault injection every stand-in shares: a queue of
// faults, each hitting the next requests for one operation, and the ways an
// answer goes wrong on the wire. A stand-in takes the fault for each request
// (Queue.Take), holds it (Wait), carries it out unless the fault Skips it,
// and, where the fault Answers, writes an Error in its own protocol or leaves
// the answer to Serve.
package fault

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Kind is what a request hit by a fault gets.
type Kind int

const (
	None     Kind = iota // its usual answer (after Delay)
	Error                // an error in the stand-in's protocol: Status, Code, Message
	Hang                 // no answer until the client gives up or the stand-in closes
	Reset                // the connection cut with a TCP RST
	Truncate             // 200 with a JSON body that stops halfway
)

// Fault is one way the next Count requests for Op go wrong.
type Fault struct {
	Op    string        // the operation it hits; "" hits any
	Count int           // how many requests; 0 means 1, < 0 every one
	Delay time.Duration // hold each request this long first
	Kind  Kind
	// After: the stand-in carries the request out, and only the answer goes
	// wrong (a lost answer); otherwise the stand-in does nothing.
	After bool

	Status  int // for Error
	Code    string
	Message string
	// Quote makes the Error message go on with the request, as a careless
	// service's might.
	Quote *Quote
	// Location, for an Error with a 3xx Status, is where it redirects to.
	Location string
}

// Answers reports whether f, not the stand-in, gives the answer.
func (f *Fault) Answers() bool { return f != nil && f.Kind != None }

// Skips reports whether the stand-in leaves the request undone: f answers
// it instead.
func (f *Fault) Skips() bool { return f.Answers() && !f.After }

// String says what f does, for a stand-in's record of its calls.
func (f *Fault) String() string {
	if f == nil {
		return ""
	}
	s := [...]string{None: "delay", Error: f.Code, Hang: "hang", Reset: "reset", Truncate: "truncated body"}[f.Kind]
	if f.Kind == Error && s == "" {
		s = http.StatusText(f.Status)
	}
	if f.After {
		s += " after acting"
	}
	return s
}

// AnswerStatus is the HTTP status the client sees: Status for an Error, 200 for
// Truncate, 0 (no answer) for Hang and Reset.
func (f *Fault) AnswerStatus() int {
	switch f.Kind {
	case Error:
		return f.Status
	case Truncate:
		return http.StatusOK
	}
	return 0
}

// ErrorMessage is the message of an Error answer to a request with body.
func (f *Fault) ErrorMessage(body []byte) string {
	if f.Quote != nil {
		return f.Message + " " + f.Quote.Of(body)
	}
	return f.Message
}

// Wait holds the request for f's Delay; it reports false if ctx ended first.
func (f *Fault) Wait(ctx context.Context) bool {
	if f == nil || f.Delay <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(f.Delay)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// Serve gives r the answer of a Hang, Reset or Truncate fault.
func (f *Fault) Serve(w http.ResponseWriter, r *http.Request) {
	switch f.Kind {
	case Hang:
		<-r.Context().Done()
	case Reset:
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			panic(http.ErrAbortHandler) // the server cuts the connection itself
		}
		if tcp, ok := conn.(*net.TCPConn); ok {
			tcp.SetLinger(0) // close sends an RST
		}
		conn.Close()
	case Truncate:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, `{"message": "this answer stops in the midd`)
	default:
		panic(fmt.Sprintf("fault: Serve cannot answer a fault of kind %d", f.Kind))
	}
}

// Queue holds the faults injected into one stand-in. The zero value is empty.
type Queue struct {
	mu     sync.Mutex
	faults []*Fault
}

// Inject queues faults; a request takes the first that matches its operation.
func (q *Queue) Inject(faults ...Fault) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, f := range faults {
		if f.Count == 0 {
			f.Count = 1
		}
		q.faults = append(q.faults, &f)
	}
}

// Clear removes every queued fault.
func (q *Queue) Clear() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.faults = nil
}

// Take returns the fault that hits the next request for op, or nil.
func (q *Queue) Take(op string) *Fault {
	q.mu.Lock()
	defer q.mu.Unlock()
	for i, f := range q.faults {
		if f.Op != "" && f.Op != op {
			continue
		}
		taken := *f
		if f.Count > 0 {
			if f.Count--; f.Count == 0 {
				q.faults = append(q.faults[:i:i], q.faults[i+1:]...)
			}
		}
		return &taken
	}
	return nil
}
