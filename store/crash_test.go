package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"convene/model"
)

// The crash tests run the real write path in a child process (this test
// binary, re-executed) that prints an acknowledgement after each commit;
// the parent kills it with SIGKILL and checks what survived.

func TestMain(m *testing.M) {
	if os.Getenv("CONVENE_CRASH_CHILD") != "" {
		if err := crashChild(); err != nil {
			fmt.Println("err", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// crashChild performs check-ins (as walk-ins), votes and clock changes
// forever (or CONVENE_CRASH_N times), printing "ack ..." after each commit.
func crashChild() error {
	ctx := context.Background()
	st, err := Open(ctx, os.Getenv("CONVENE_CRASH_DB"))
	if err != nil {
		return err
	}
	defer st.Close()
	desk := os.Getenv("CONVENE_CRASH_DESK")
	n, _ := strconv.Atoi(os.Getenv("CONVENE_CRASH_N"))
	cur, err := st.Current(ctx, "", "")
	if err != nil {
		return err
	}
	topics, err := st.Topics(ctx, cur.Event.ID)
	if err != nil {
		return err
	}
	items, err := st.AgendaItems(ctx, cur.Session.ID)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(os.Stdout)
	ack := func(format string, args ...any) {
		fmt.Fprintf(out, "ack "+format+"\n", args...)
		out.Flush()
	}
	fmt.Fprintln(out, "ready")
	out.Flush()
	for i := 0; n == 0 || i < n; i++ {
		switch i % 3 {
		case 0:
			ch, err := st.AddWalkIn(ctx, model.Participant{EventID: cur.Event.ID, FullName: fmt.Sprintf("%s walk-in %d", desk, i)}, cur.Session.ID, desk)
			if err != nil {
				return err
			}
			ack("walkin %s", ch.Participant.ID)
		case 1:
			ch, err := st.VoteTopic(ctx, topics[0].ID, 1)
			if err != nil {
				return err
			}
			tp, _ := ch.Changed()
			ack("vote %d", tp.Votes)
		case 2:
			ch, err := st.AgendaAct(ctx, cur.Session.ID, items[0].ID, model.ActToggle, 0)
			if err != nil {
				return err
			}
			c := ch.Items[0].Clock
			ack("clock %d %s %s %d", c.State(), ts(c.StartedAt), ts(c.PausedAt), int64(c.PausedFor))
		}
	}
	return nil
}

type child struct {
	cmd   *exec.Cmd
	lines chan string
}

func startChild(t *testing.T, db, desk string, n int) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CONVENE_CRASH_CHILD=1", "CONVENE_CRASH_DB="+db, "CONVENE_CRASH_DESK="+desk, "CONVENE_CRASH_N="+strconv.Itoa(n))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan string, 1024)}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
	}()
	return c
}

func seedCrashDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crash.db")
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadDataset(context.Background(), model.Demo(time.Now(), NewID)); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return path
}

// crashState is what the acknowledgements promised.
type crashState struct {
	walkins []string
	votes   int
	clock   string // the last acknowledged clock line
}

func TestCrashLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test is not short")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("CONVENE_CRASH_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("crash test seed %d (rerun with CONVENE_CRASH_SEED=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	db := seedCrashDB(t)
	ctx := context.Background()
	var promised crashState
	st0, _ := Open(ctx, db)
	cur := mustCurrent(t, st0)
	tps, _ := st0.Topics(ctx, cur.Event.ID)
	promised.votes = tps[0].Votes
	st0.Close()
	const rounds = 50
	for round := range rounds {
		c := startChild(t, db, "desk", 0)
		killAfter := 1 + rng.IntN(40) // acknowledgements before the kill
		acks := 0
		for line := range c.lines {
			if strings.HasPrefix(line, "err") {
				t.Fatalf("round %d: child: %s", round, line)
			}
			if !strings.HasPrefix(line, "ack ") {
				continue
			}
			f := strings.Fields(line)
			switch f[1] {
			case "walkin":
				promised.walkins = append(promised.walkins, f[2])
			case "vote":
				promised.votes, _ = strconv.Atoi(f[2])
			case "clock":
				promised.clock = strings.Join(f[2:], " ")
			}
			acks++
			if acks == killAfter {
				c.cmd.Process.Kill() // SIGKILL: mid-way through the next action
				break
			}
		}
		c.cmd.Wait()
		for range c.lines {
		}
		verifyCrash(t, db, round, &promised)
	}
}

func verifyCrash(t *testing.T, db string, round int, promised *crashState) {
	t.Helper()
	ctx := context.Background()
	st, err := Open(ctx, db)
	if err != nil {
		t.Fatalf("round %d: reopen: %v", round, err)
	}
	defer st.Close()
	if r, err := st.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("round %d: check: %+v %v", round, r, err)
	}
	cur := mustCurrent(t, st)
	people, _ := st.Participants(ctx, cur.Event.ID)
	here, _ := st.Attendance(ctx, cur.Session.ID)
	ids := map[string]bool{}
	for _, p := range people {
		ids[p.ID] = true
		if p.Source == model.SourceWalkIn {
			if _, ok := here[p.ID]; !ok {
				t.Fatalf("round %d: walk-in %s saved without its check-in (half an action)", round, p.ID)
			}
		}
	}
	for _, id := range promised.walkins {
		if !ids[id] {
			t.Fatalf("round %d: acknowledged walk-in %s lost", round, id)
		}
	}
	// the store may hold one more commit than was acknowledged (killed
	// between commit and ack): then the promise moves on to it
	tps, _ := st.Topics(ctx, cur.Event.ID)
	if v := tps[0].Votes; v < promised.votes || v > promised.votes+1 {
		t.Fatalf("round %d: votes %d, acknowledged %d", round, v, promised.votes)
	} else {
		promised.votes = v
	}
	items, _ := st.AgendaItems(ctx, cur.Session.ID)
	c := items[0].Clock
	got := fmt.Sprintf("%d %s %s %d", c.State(), ts(c.StartedAt), ts(c.PausedAt), int64(c.PausedFor))
	if promised.clock != "" && got != promised.clock {
		// allowed only if it is the next toggle: the state flipped once
		prev := strings.Fields(promised.clock)
		if prev[1] != ts(c.StartedAt) && prev[0] != "0" {
			t.Fatalf("round %d: clock %q, acknowledged %q", round, got, promised.clock)
		}
	}
	promised.clock = got
	if c.State() == model.ClockRunning {
		// a running clock resumes with the right elapsed time: from its timestamps
		now := time.Now()
		want := now.Sub(c.StartedAt) - c.PausedFor
		if d := c.Elapsed(now) - want; d < -time.Millisecond || d > time.Millisecond {
			t.Fatalf("round %d: elapsed off by %v", round, d)
		}
	}
}

func TestTwoProcessesWriteTheSameFile(t *testing.T) {
	if testing.Short() {
		t.Skip("not short")
	}
	db := seedCrashDB(t)
	ctx := context.Background()
	st0, _ := Open(ctx, db)
	cur := mustCurrent(t, st0)
	people0, _ := st0.Participants(ctx, cur.Event.ID)
	tps, _ := st0.Topics(ctx, cur.Event.ID)
	votes0 := tps[0].Votes
	st0.Close()
	const n = 150 // actions per desk: 50 walk-ins, 50 votes, 50 clock toggles
	a, b := startChild(t, db, "desk-a", n), startChild(t, db, "desk-b", n)
	for _, c := range []*child{a, b} {
		for line := range c.lines {
			if strings.HasPrefix(line, "err") {
				t.Errorf("a desk got an error: %s", line)
			}
		}
		if err := c.cmd.Wait(); err != nil {
			t.Errorf("child: %v", err)
		}
	}
	st, _ := Open(ctx, db)
	defer st.Close()
	people, _ := st.Participants(ctx, cur.Event.ID)
	if got := len(people) - len(people0); got != 2*n/3 {
		t.Errorf("walk-ins = %d, want %d", got, 2*n/3)
	}
	tps, _ = st.Topics(ctx, cur.Event.ID)
	if got := tps[0].Votes - votes0; got != 2*n/3 {
		t.Errorf("votes = %d, want %d", got, 2*n/3)
	}
	if r, _ := st.Check(ctx); !r.OK() {
		t.Errorf("check: %+v", r)
	}
}
