package perf

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

var (
	memN      = flag.Int("mem.n", 1000, "participants imported on top of the demo event for TestMemory")
	memBudget = flag.Int("mem.budget", 0, "fail when the peak resident memory (VmHWM) exceeds this many MB (0: report only)")
)

// TestMemory measures the resident memory of the real process opened on
// Check-in once its search index is in and a search was made: the peak
// (VmHWM) and the current (VmRSS), from /proc/PID/status.
//
//	go test ./perf -run TestMemory -mem.n=100000 -v
func TestMemory(t *testing.T) {
	needTerminal(t)
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	bin := binary(t)
	db := database(t, bin, *memN)
	setScreen(t, db.path, "Check-in")
	s := startSession(t, bin, "--db", db.path)
	if _, err := s.waitFor(60*time.Second, complete("Check-in", db.total)); err != nil {
		t.Fatal(err)
	}
	// a search answers once the index is in
	s.key(t, "99999999999999") // more digits than any phone
	if _, err := s.waitFor(60*time.Second, func(text, _ string) bool { return strings.Contains(text, "Nobody matches") }); err != nil {
		t.Fatalf("the search did not answer: %v", err)
	}
	s.key(t, "\x1b") // esc: the search is cleared
	time.Sleep(100 * time.Millisecond)
	s.key(t, "ахмет")
	time.Sleep(2 * time.Second) // the start-up snapshot and the integrity check
	hwm, rss := procMem(t, s.cmd.Process.Pid)
	t.Logf("%d people (%d in the event), Check-in, searched: peak resident memory (VmHWM) %d MB, now (VmRSS) %d MB", *memN, db.total, hwm, rss)
	if *memBudget > 0 && !raceEnabled && hwm > *memBudget {
		t.Errorf("peak resident memory %d MB, budget %d MB", hwm, *memBudget)
	}
}

// procMem reads VmHWM and VmRSS of a process, in MB.
func procMem(t *testing.T, pid int) (hwm, rss int) {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		var kb int
		if _, err := fmt.Sscanf(line, "VmHWM: %d kB", &kb); err == nil {
			hwm = (kb + 512) / 1024
		}
		if _, err := fmt.Sscanf(line, "VmRSS: %d kB", &kb); err == nil {
			rss = (kb + 512) / 1024
		}
	}
	return hwm, rss
}
