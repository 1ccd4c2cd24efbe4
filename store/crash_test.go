package store

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"convene/model"
)

// The crash and lock tests run the real write path in a child process (this
// test binary, re-executed with CONVENE_TEST_CHILD set): it prints an
// acknowledgement after each commit, and the parent kills it with SIGKILL
// and checks what survived, or it holds the write lock while the parent
// tries to read and write.

func TestMain(m *testing.M) {
	if mode := os.Getenv("CONVENE_TEST_CHILD"); mode != "" {
		var err error
		switch mode {
		case "mixed":
			err = mixedChild()
		case "replay":
			err = replayChild()
		case "hold":
			err = holdChild()
		case "open":
			err = openChild()
		case "lockloop":
			err = lockLoopChild()
		default:
			err = fmt.Errorf("unknown child mode %q", mode)
		}
		if err != nil {
			fmt.Println("err", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

type child struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines chan string
}

// startChild runs this test binary as a child in the given mode, with extra
// environment variables.
func startChild(t *testing.T, mode string, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), "CONVENE_TEST_CHILD="+mode), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, stdin: stdin, lines: make(chan string, 1024)}
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

// acker prints acknowledgements, each flushed at once (one write to the pipe).
func acker() func(format string, args ...any) {
	out := bufio.NewWriter(os.Stdout)
	return func(format string, args ...any) {
		// an acknowledgement that does not reach the parent (it stopped
		// reading) is simply not counted there: nothing to do about it here
		_, _ = fmt.Fprintf(out, format+"\n", args...)
		_ = out.Flush()
	}
}

// ---- the replayed crash test: every kind of write, checked exactly ----

// crashBase is the clock of the replayed actions: action k happens at
// crashBase + k×37 s, in the child and in the parent's replay alike.
var crashBase = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// crashKinds names the kinds of action, for the log.
var crashKinds = []string{"walk-in", "vote", "clock start/pause", "clock next", "clock extend", "clock skip", "clock reset",
	"clock finish", "discuss", "more time", "close with actions", "merge (or add a topic)", "park", "reopen", "check-in or un-check"}

// crashAction performs the k-th action of the sequence given by seed on st,
// whose clock reads *clock. It is deterministic given the database's state,
// so the parent can replay on its own copy exactly what the child did. It
// returns the outcome ("ok" or the expected error refused) or an unexpected
// error.
func crashAction(ctx context.Context, st *Store, clock *time.Time, seed uint64, k int) (string, error) {
	*clock = crashBase.Add(time.Duration(k) * 37 * time.Second)
	rng := rand.New(rand.NewPCG(seed, uint64(k)))
	cur, err := st.Current(ctx, "", "")
	if err != nil {
		return "", err
	}
	items, err := st.AgendaItems(ctx, cur.Session.ID)
	if err != nil {
		return "", err
	}
	topics, err := st.Topics(ctx, cur.Event.ID)
	if err != nil {
		return "", err
	}
	// pick a target, preferably one the action applies to, so that most
	// actions change something (the others are refused, which is tested too)
	pickItem := func(ok func(model.ClockState) bool) string {
		var fit []string
		for _, it := range items {
			if ok(it.Clock.State()) && !it.Skipped {
				fit = append(fit, it.ID)
			}
		}
		if len(fit) == 0 || rng.IntN(4) == 0 {
			return items[rng.IntN(len(items))].ID
		}
		return fit[rng.IntN(len(fit))]
	}
	pickTopic := func(statuses ...model.TopicStatus) string {
		var fit []string
		for _, tp := range topics {
			for _, st := range statuses {
				if tp.Status == st {
					fit = append(fit, tp.ID)
				}
			}
		}
		if len(fit) == 0 || rng.IntN(4) == 0 {
			if len(topics) == 0 {
				return ""
			}
			return topics[rng.IntN(len(topics))].ID
		}
		return fit[rng.IntN(len(fit))]
	}
	upcoming := func(s model.ClockState) bool { return s == model.ClockIdle }
	anyState := func(model.ClockState) bool { return true }
	item := items[rng.IntN(len(items))].ID
	topic := pickTopic(model.TopicProposed, model.TopicDiscussing)
	agenda := func(act model.AgendaAction, id string, d time.Duration) error {
		_, err := st.AgendaAct(ctx, cur.Session.ID, id, act, d, "crash")
		return err
	}
	topicAct := func(act model.TopicAction, d time.Duration) error {
		_, err := st.TopicAct(ctx, cur.Event.ID, topic, act, d, "crash")
		return err
	}
	kind := rng.IntN(len(crashKinds))
	if topic == "" && kind >= 8 && kind <= 13 {
		kind = 0 // no topic left to act on
	}
	switch kind {
	case 0: // a walk-in, checked in (the ID is set so the replay makes the same row)
		_, err = st.AddWalkIn(ctx, model.Participant{ID: fmt.Sprintf("walkin-%d", k), EventID: cur.Event.ID, FullName: fmt.Sprintf("Walk-in %d", k)}, cur.Session.ID, "desk")
	case 1:
		_, err = st.VoteTopic(ctx, topic, 1-2*rng.IntN(2))
		if topic == "" {
			err = nil
		}
	case 2:
		err = agenda(model.ActToggle, pickItem(anyState), 0)
	case 3:
		err = agenda(model.ActNext, "", 0)
	case 4:
		err = agenda(model.ActExtend, "", time.Duration(rng.IntN(11)-5)*time.Minute)
	case 5:
		err = agenda(model.ActSkip, pickItem(upcoming), 0)
	case 6:
		err = agenda(model.ActReset, item, 0)
	case 7:
		err = agenda(model.ActFinish, "", 0)
	case 8:
		topic = pickTopic(model.TopicProposed)
		err = topicAct(model.TopicDiscuss, 0)
	case 9:
		topic = pickTopic(model.TopicDiscussing)
		err = topicAct(model.TopicExtend, 2*time.Minute)
	case 10:
		_, err = st.CloseTopic(ctx, cur.Event.ID, topic, fmt.Sprintf("Outcome %d", k),
			[]model.ActionItem{{What: fmt.Sprintf("Action %d", k), Who: "NPM", Due: "December"}})
	case 11:
		if len(topics) > 3 {
			other := topics[rng.IntN(len(topics))].ID
			_, err = st.MergeTopics(ctx, topic, other)
		} else {
			_, err = st.AddTopic(ctx, model.Topic{EventID: cur.Event.ID, SessionID: cur.Session.ID, Title: fmt.Sprintf("Topic %d", k)})
		}
	case 12:
		err = topicAct(model.TopicPark, 0)
	case 13:
		topic = pickTopic(model.TopicDone, model.TopicParked)
		err = topicAct(model.TopicReopen, 0)
	case 14: // a registered person checked in (or found already here), or un-checked
		people, perr := st.Participants(ctx, cur.Event.ID)
		if perr != nil {
			return "", perr
		}
		sort.Slice(people, func(i, j int) bool { return people[i].ID < people[j].ID })
		p := people[rng.IntN(len(people))]
		if rng.IntN(3) == 0 {
			_, err = st.UndoCheckIn(ctx, p.ID, cur.Session.ID, "desk")
		} else {
			_, err = st.CheckIn(ctx, p.ID, cur.Session.ID, "desk")
		}
	}
	name := crashKinds[kind]
	for _, expected := range []error{model.ErrClockState, ErrInvalid, ErrNotCheckedIn} {
		if errors.Is(err, expected) {
			return name + " refused: " + expected.Error(), nil
		}
	}
	return name + " ok", err
}

// replayChild performs the actions from CONVENE_CRASH_FROM on, forever,
// printing "ack K OUTCOME" after each.
func replayChild() error {
	ctx := context.Background()
	var clock time.Time
	st, err := Open(ctx, os.Getenv("CONVENE_CRASH_DB"), WithClock(func() time.Time { return clock }))
	if err != nil {
		return err
	}
	defer st.Close()
	seed, _ := strconv.ParseUint(os.Getenv("CONVENE_CRASH_SEED"), 10, 64)
	from, _ := strconv.Atoi(os.Getenv("CONVENE_CRASH_FROM"))
	ack := acker()
	ack("ready")
	for k := from; ; k++ {
		outcome, err := crashAction(ctx, st, &clock, seed, k)
		if err != nil {
			return fmt.Errorf("action %d: %w", k, err)
		}
		ack("ack %d %s", k, outcome)
	}
}

// fingerprint is the state the actions change, as text, without the random
// IDs of rows they create (topics are named by the order they were raised).
func fingerprint(t *testing.T, st *Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	topicName := map[string]string{}
	rows := func(query string, each func(vals []sql.NullString) string) {
		rs, err := st.r.QueryContext(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		cols, _ := rs.Columns()
		var lines []string
		for rs.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, each(vals))
		}
		if err := rs.Err(); err != nil {
			t.Fatal(err)
		}
		sort.Strings(lines)
		b.WriteString(strings.Join(lines, "\n") + "\n--\n")
	}
	join := func(vals []sql.NullString) string {
		var f []string
		for _, v := range vals {
			if !v.Valid {
				f = append(f, "NULL")
			} else if n, ok := topicName[v.String]; ok {
				f = append(f, n)
			} else {
				f = append(f, v.String)
			}
		}
		return strings.Join(f, " | ")
	}
	ids, err := queryAll(ctx, st.r, func(sc scanner) (string, error) {
		var id string
		err := sc.Scan(&id)
		return id, err
	}, "SELECT id FROM topics ORDER BY created_at, id")
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		topicName[id] = fmt.Sprintf("topic#%02d", i)
	}
	rows("SELECT id, event_id, full_name, source, organisation FROM participants", join)
	rows("SELECT printf('%08d', seq), participant_id, session_id, at, action, desk FROM checkins", join)
	rows(`SELECT session_id, printf('%03d', position), id, title, planned_minutes, skipped, extra_seconds, started_at, paused_at,
		paused_seconds, ended_at FROM agenda_items`, join)
	rows(`SELECT id, title, status, votes, details, notes, outcome, timebox_minutes, extra_seconds, started_at, paused_at,
		paused_seconds, ended_at, merged_into, created_at FROM topics`, join)
	rows("SELECT topic_id, printf('%03d', position), what, who, due FROM topic_actions", join)
	return b.String()
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
	ctx := context.Background()
	db := seedCrashDB(t)
	// the oracle: a copy of the database on which the parent replays
	// exactly the actions the child committed
	var clock time.Time
	st0, err := Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	oraclePath := filepath.Join(t.TempDir(), "oracle.db")
	if err := st0.Backup(ctx, oraclePath); err != nil {
		t.Fatal(err)
	}
	st0.Close()
	oracle, err := Open(ctx, oraclePath, WithClock(func() time.Time { return clock }))
	if err != nil {
		t.Fatal(err)
	}
	defer oracle.Close()
	replay := func(k int) string {
		t.Helper()
		outcome, err := crashAction(ctx, oracle, &clock, seed, k)
		if err != nil {
			t.Fatalf("replay of action %d: %v", k, err)
		}
		return outcome
	}

	// 40 rounds (about 900 actions) take a few seconds; under the race
	// detector, which slows SQLite tenfold, 10 rounds keep CI well under a
	// minute. CONVENE_CRASH_ROUNDS runs a longer test.
	rounds := 40
	if raceEnabled {
		rounds = 10
	}
	if n, err := strconv.Atoi(os.Getenv("CONVENE_CRASH_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	next, kinds := 0, map[string]int{}
	for round := range rounds {
		c := startChild(t, "replay", "CONVENE_CRASH_DB="+db, "CONVENE_CRASH_SEED="+strconv.FormatUint(seed, 10), "CONVENE_CRASH_FROM="+strconv.Itoa(next))
		killAfter := 1 + rng.IntN(40) // acknowledgements before the kill
		acked := map[int]string{}
		last := next - 1
		for line := range c.lines {
			if strings.HasPrefix(line, "err") {
				t.Fatalf("round %d: child: %s", round, line)
			}
			f := strings.SplitN(line, " ", 3)
			if f[0] != "ack" || len(f) < 3 {
				continue
			}
			k, _ := strconv.Atoi(f[1])
			acked[k], last = f[2], k
			if len(acked) == killAfter {
				_ = c.cmd.Process.Kill() // SIGKILL: mid-way through a later action (it may have exited already)
			}
			// the loop goes on: every acknowledgement printed before the kill counts
		}
		_ = c.cmd.Wait() // killed: the exit status says so, nothing more

		st, err := Open(ctx, db)
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		if r, err := st.Check(ctx); err != nil || !r.OK() {
			t.Fatalf("round %d: check: %+v %v", round, r, err)
		}
		got := fingerprint(t, st)
		st.Close()
		for k := next; k <= last; k++ {
			if outcome := replay(k); outcome != acked[k] {
				t.Fatalf("round %d: action %d: the child acknowledged %q, the replay gives %q", round, k, acked[k], outcome)
			}
			kinds[acked[k]]++
		}
		next = last + 1
		if want := fingerprint(t, oracle); got != want {
			// the child may have committed one more action and been killed
			// before acknowledging it: then the promise moves on to it
			replay(next)
			if want2 := fingerprint(t, oracle); got != want2 {
				t.Fatalf("round %d: after %d acknowledged actions the database differs from what was acknowledged:\n%s",
					round, last+1, diffLines(want, got))
			}
			next++
		}
	}
	t.Logf("%d actions over %d rounds: %v", next, rounds, kinds)
}

// diffLines lists the lines only in want (-) and only in got (+).
func diffLines(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var out []string
	for l := range w {
		if !g[l] {
			out = append(out, "- "+l)
		}
	}
	for l := range g {
		if !w[l] {
			out = append(out, "+ "+l)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// ---- two desks writing at once ----

// mixedChild performs check-ins (as walk-ins), votes and clock toggles
// CONVENE_CRASH_N times, printing "ack ..." after each commit.
func mixedChild() error {
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
	ack := acker()
	ack("ready")
	for i := range n {
		switch i % 3 {
		case 0:
			ch, err := st.AddWalkIn(ctx, model.Participant{EventID: cur.Event.ID, FullName: fmt.Sprintf("%s walk-in %d", desk, i)}, cur.Session.ID, desk)
			if err != nil {
				return err
			}
			ack("ack walkin %s", ch.Participant.ID)
		case 1:
			ch, err := st.VoteTopic(ctx, topics[0].ID, 1)
			if err != nil {
				return err
			}
			tp, _ := ch.Changed()
			ack("ack vote %d", tp.Votes)
		case 2:
			ch, err := st.AgendaAct(ctx, cur.Session.ID, items[0].ID, model.ActToggle, 0, "crash")
			if err != nil {
				return err
			}
			ack("ack clock %d", ch.Items[0].Clock.State())
		}
	}
	return nil
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
	a := startChild(t, "mixed", "CONVENE_CRASH_DB="+db, "CONVENE_CRASH_DESK=desk-a", "CONVENE_CRASH_N="+strconv.Itoa(n))
	b := startChild(t, "mixed", "CONVENE_CRASH_DB="+db, "CONVENE_CRASH_DESK=desk-b", "CONVENE_CRASH_N="+strconv.Itoa(n))
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
