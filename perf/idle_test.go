package perf

import (
	"flag"
	"fmt"
	"runtime"
	"testing"
	"time"
)

var (
	idleFor   = flag.Duration("idle.time", 3*time.Second, "how long to measure the CPU, idle and with a clock running")
	idleKeys  = flag.Int("idle.keys", 10, "keys typed one at a time (after a pause) to measure key-to-screen latency")
	idleGates = flag.Bool("idle.gates", true, "fail on the regression gates (never under -race)")
)

// The regression gates, per second of measurement. The goals are ≤ 60 ms of
// CPU per 60 s idle and ≤ 300 ms per 60 s with a clock running; the gates
// are looser, so a busy machine does not fail them, but a renderer ticking
// at 60 fps (≈ 300 wake-ups and 8–18 ms of CPU a second) does.
const (
	gateIdleCPU     = 5 * time.Millisecond  // CPU a second, no clock running
	gateIdleWakeups = 50                    // wake-ups a second, no clock running
	gateClockCPU    = 10 * time.Millisecond // CPU a second, a clock running
)

// TestIdle measures, in one run of the demo in a real pseudo-terminal of
// 120×40 on Agenda: the CPU of the whole process (every thread) while idle,
// the key-to-screen latency of keys typed after a pause, and the CPU with a
// clock running.
//
//	go test ./perf -run TestIdle -idle.time=60s -idle.keys=50 -v
func TestIdle(t *testing.T) {
	needTerminal(t)
	if runtime.GOOS != "linux" {
		t.Skip("reads the process's CPU time from /proc")
	}
	bin := binary(t)
	s := startSession(t, bin, "--demo")
	if _, err := s.waitFor(60*time.Second, complete("Agenda", 0)); err != nil {
		t.Fatalf("the demo's agenda: %v", err)
	}
	pid := s.cmd.Process.Pid
	time.Sleep(2 * time.Second) // the start-up's background work

	idle := measureCPU(t, pid, *idleFor)
	t.Logf("idle, no clock running: %s", idle)

	// Keys after a pause: ↓ and ↑ move the highlight (a change of style only).
	var lat []time.Duration
	for i := range *idleKeys {
		time.Sleep(300 * time.Millisecond)
		_, before := s.screen()
		k := "\x1b[B"
		if i%2 == 1 {
			k = "\x1b[A"
		}
		sent := s.key(t, k)
		at, err := s.waitFor(10*time.Second, func(_, styled string) bool { return styled != before })
		if err != nil {
			t.Fatalf("key %d: the screen did not change: %v", i+1, err)
		}
		lat = append(lat, at.Sub(sent))
	}
	if len(lat) > 0 {
		p50, p90, mx := percentiles(lat)
		t.Logf("key to screen, %d keys each after 300 ms idle: p50 %s p90 %s max %s", len(lat), ms(p50), ms(p90), ms(mx))
	}

	// A clock: the highlight is back on the first item; space starts it.
	if *idleKeys%2 == 1 {
		s.key(t, "\x1b[A")
	}
	time.Sleep(300 * time.Millisecond)
	s.key(t, " ")
	if _, err := s.waitFor(10*time.Second, func(text, _ string) bool { return lineWith(text, "running") }); err != nil {
		t.Fatalf("space did not start the first item's clock: %v", err)
	}
	time.Sleep(time.Second)
	clock := measureCPU(t, pid, *idleFor)
	t.Logf("a clock running: %s", clock)

	if !*idleGates || raceEnabled {
		return
	}
	if per := idle.perSecond(); per > gateIdleCPU {
		t.Errorf("idle: %v of CPU a second, gate %v (goal 1 ms: 60 ms per 60 s)", per, gateIdleCPU)
	}
	if w := idle.wakeupsPerSecond(); w > gateIdleWakeups {
		t.Errorf("idle: %.0f wake-ups a second, gate %d", w, gateIdleWakeups)
	}
	if per := clock.perSecond(); per > gateClockCPU {
		t.Errorf("a clock running: %v of CPU a second, gate %v (goal 5 ms: 300 ms per 60 s)", per, gateClockCPU)
	}
}

type cpuUse struct {
	over    time.Duration
	ticks   time.Duration // from /proc/PID/stat (10 ms resolution)
	sched   time.Duration // from the threads' schedstat (ns)
	wakeups int64
}

func (c cpuUse) perSecond() time.Duration {
	return time.Duration(float64(c.sched) / c.over.Seconds())
}

func (c cpuUse) wakeupsPerSecond() float64 { return float64(c.wakeups) / c.over.Seconds() }

func (c cpuUse) String() string {
	per60 := time.Duration(float64(c.sched) * 60 / c.over.Seconds())
	return fmt.Sprintf("%s of CPU over %v (stat %v) = %s per 60 s, %d wake-ups (%.1f/s)",
		ms(c.sched), c.over, c.ticks, ms(per60), c.wakeups, c.wakeupsPerSecond())
}

// measureCPU is the CPU the process uses over d, summed over its threads.
func measureCPU(t *testing.T, pid int, d time.Duration) cpuUse {
	t.Helper()
	a, err := readProcCPU(pid)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	time.Sleep(d)
	b, err := readProcCPU(pid)
	if err != nil {
		t.Fatal(err)
	}
	return cpuUse{
		over:    time.Since(start).Round(time.Millisecond),
		ticks:   time.Duration(b.ticks-a.ticks) * time.Second / userHZ,
		sched:   time.Duration(b.nsec - a.nsec),
		wakeups: b.wakeups - a.wakeups,
	}
}

// userHZ is the unit of /proc/PID/stat's times (USER_HZ): 100 a second
// on Linux, whatever the kernel's own tick.
const userHZ = 100
