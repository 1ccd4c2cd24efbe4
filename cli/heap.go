package cli

import (
	"os"
	"runtime/debug"
	"sync"
	"time"
)

// The garbage collector's settings for a program that stays open (the app,
// serve); the one-off commands keep Go's.

// leanHeap lets the heap of a program that stays open (the app, serve) grow
// by half since the last garbage collection before the next, not double
// (Go's default): at 10,000 participants the app then holds 37-39 MB
// instead of 41-42, at 100,000 103-114 MB instead of 140-142 (README,
// Performance). The one-off commands keep Go's default: an export of
// 100,000 people takes 2.6 s with it, 3.4 s at half. GOGC set in the
// environment wins.
func leanHeap() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
}

// startupHeapLimit is as much memory as the app may take before its first
// screen shows its data without the garbage collector running: far more
// than a start needs (10-15 MB at 10,000 people), so the collector only
// runs in that time if something unforeseen fills the memory.
const startupHeapLimit = 96 << 20

// settle is how long the app waits, once the screen it opened on shows its
// data, before it reads the other screens' data, checks the file and starts
// the garbage collector again: two frames at 60 Hz, so that the frame that
// shows the data is drawn first (ui.Options.Settle).
const settle = 35 * time.Millisecond

// startupHeap stops the garbage collector until the app's first screen
// shows its data: a start allocates 10-15 MB, and a collector running
// meanwhile (a few cycles on a heap that only grows) made the first
// complete frame 7-11 ms later on a 2-core laptop (README, Performance).
// It returns settled, which the app calls once that frame is drawn (see
// settle) and which starts the collector again with leanHeap's setting; it
// starts again after a second in any case (a window that opens on the
// welcome screen, say).
func startupHeap() (settled func()) {
	limit := debug.SetMemoryLimit(-1)
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(startupHeapLimit)
	var once sync.Once
	resume := func() {
		once.Do(func() {
			debug.SetMemoryLimit(limit)
			debug.SetGCPercent(100)
			leanHeap()
		})
	}
	time.AfterFunc(time.Second, resume)
	return resume
}
