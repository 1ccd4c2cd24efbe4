package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestStartupHeap: the collector is off from the start until the app says
// it settled, with a memory limit as a backstop, then on at leanHeap's
// setting with the limit as it was.
func TestStartupHeap(t *testing.T) {
	t.Setenv("GOGC", "")
	before := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(before); debug.SetMemoryLimit(limit) })

	settled := startupHeap()
	if got := debug.SetMemoryLimit(-1); got != startupHeapLimit {
		t.Errorf("memory limit while starting %d, want %d", got, startupHeapLimit)
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent while starting %d, want -1 (off)", got)
	}
	settled()
	settled() // once is enough
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("GC percent once settled %d, want 50 (leanHeap)", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("memory limit once settled %d, want none again", got)
	}
}
