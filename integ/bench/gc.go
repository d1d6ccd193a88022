package bench

import (
	"runtime"
	"runtime/debug"
)

// pauseGC stops this process collecting garbage until resume is called, so
// that the stand-ins and the HTTP client it hosts do not spend CPU on a
// collection inside a timed invoke, taking it from the emulator and the
// function on the same cores. A 1 GiB soft limit still collects should a
// run ever allocate that much. Both columns are measured under it alike.
func pauseGC() (resume func()) {
	runtime.GC()
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(1 << 30)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
		runtime.GC()
	}
}
