package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"convene/model"
)

// rawClocks is the stored clock columns of a session's items and of an
// event's topics, exactly as SQLite holds them (types included).
func rawClocks(t *testing.T, st *Store, sessionID, eventID string) string {
	t.Helper()
	var b strings.Builder
	dump := func(q, arg string) {
		rows, err := st.r.QueryContext(context.Background(), q, arg)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var v [8]any
			ptrs := make([]any, len(v))
			for i := range v {
				ptrs[i] = &v[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, x := range v {
				fmt.Fprintf(&b, "%T:%v|", x, x)
			}
			b.WriteString("\n")
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	dump(`SELECT title, NULL, skipped, extra_seconds, started_at, paused_at, paused_seconds, ended_at FROM agenda_items WHERE session_id = ? ORDER BY position`, sessionID)
	dump(`SELECT title, status, NULL, extra_seconds, started_at, paused_at, paused_seconds, ended_at FROM topics WHERE event_id = ? ORDER BY created_at, id`, eventID)
	return b.String()
}

// undoFixture is an event with three agenda items and three topics, a
// clock that moves by odd amounts (so every timestamp and pause differs),
// and the store opened on a real file.
type undoFixture struct {
	t     *testing.T
	path  string
	st    *Store
	clk   time.Time
	ev    model.Event
	s1    model.Session
	items []model.AgendaItem
	tps   []model.Topic
}

func newUndoFixture(t *testing.T) *undoFixture {
	f := &undoFixture{t: t, path: filepath.Join(t.TempDir(), "c.db"), clk: fixedNow}
	f.open()
	ctx := context.Background()
	f.ev, f.s1, _ = seedEvent(t, f.st)
	for _, title := range []string{"Opening", "Keynote", "Lunch"} {
		f.items = append(f.items, addItem(t, f.st, f.s1.ID, model.AgendaItem{Title: title, PlannedMinutes: 20}, 99))
	}
	for _, title := range []string{"Land rights", "Courts", "Police"} {
		ch, err := f.st.AddTopic(ctx, model.Topic{EventID: f.ev.ID, Title: title})
		if err != nil {
			t.Fatal(err)
		}
		tp, _ := ch.Changed()
		f.tps = append(f.tps, tp)
		f.tick()
	}
	t.Cleanup(func() { f.st.Close() })
	return f
}

func (f *undoFixture) open() {
	st, err := Open(context.Background(), f.path, WithClock(func() time.Time { return f.clk }))
	if err != nil {
		f.t.Fatal(err)
	}
	f.st = st
}

// restart closes the store and opens the file again: nothing kept in memory.
func (f *undoFixture) restart() {
	f.st.Close()
	f.open()
}

func (f *undoFixture) tick() { f.clk = f.clk.Add(61*time.Second + 123456789*time.Nanosecond) }

func (f *undoFixture) raw() string { return rawClocks(f.t, f.st, f.s1.ID, f.ev.ID) }

// agenda does an agenda action at desk (item: index, or -1 for none).
func (f *undoFixture) agenda(desk string, item int, act model.AgendaAction, d time.Duration) {
	f.t.Helper()
	f.tick()
	id := ""
	if item >= 0 {
		id = f.items[item].ID
	}
	if _, err := f.st.AgendaAct(context.Background(), f.s1.ID, id, act, d, desk); err != nil {
		f.t.Fatalf("agenda action %d on %d: %v", act, item, err)
	}
}

func (f *undoFixture) topic(desk string, i int, act model.TopicAction, d time.Duration) {
	f.t.Helper()
	f.tick()
	if _, err := f.st.TopicAct(context.Background(), f.ev.ID, f.tps[i].ID, act, d, desk); err != nil {
		f.t.Fatalf("topic action %d on %d: %v", act, i, err)
	}
}

func (f *undoFixture) undo(desk string) (model.Change, error) {
	f.tick()
	return f.st.UndoClock(context.Background(), f.ev.ID, desk)
}

func TestUndoRestoresTheExactStoredState(t *testing.T) {
	type step func(f *undoFixture)
	ag := func(item int, act model.AgendaAction, d time.Duration) step {
		return func(f *undoFixture) { f.agenda("setup", item, act, d) }
	}
	tp := func(i int, act model.TopicAction, d time.Duration) step {
		return func(f *undoFixture) { f.topic("setup", i, act, d) }
	}
	tests := []struct {
		name   string
		setup  []step
		act    step // done by desk "door"
		action string
		topic  bool
		title  string
	}{
		{"start", nil, func(f *undoFixture) { f.agenda("door", 0, model.ActToggle, 0) }, "start", false, "Opening"},
		{"pause", []step{ag(0, model.ActToggle, 0)}, func(f *undoFixture) { f.agenda("door", 0, model.ActToggle, 0) }, "pause", false, "Opening"},
		{"resume", []step{ag(0, model.ActToggle, 0), ag(0, model.ActToggle, 0)}, func(f *undoFixture) { f.agenda("door", 0, model.ActToggle, 0) }, "resume", false, "Opening"},
		{"start another (finishes the paused one)", []step{ag(0, model.ActToggle, 0), ag(0, model.ActToggle, 0)}, func(f *undoFixture) { f.agenda("door", 2, model.ActToggle, 0) }, "start", false, "Lunch"},
		{"restart a finished item", []step{ag(0, model.ActToggle, 0), ag(-1, model.ActFinish, 0)}, func(f *undoFixture) { f.agenda("door", 0, model.ActToggle, 0) }, "restart", false, "Opening"},
		{"next", []step{ag(0, model.ActToggle, 0)}, func(f *undoFixture) { f.agenda("door", -1, model.ActNext, 0) }, "next", false, "Keynote"},
		{"next with nothing running", nil, func(f *undoFixture) { f.agenda("door", -1, model.ActNext, 0) }, "next", false, "Opening"},
		{"next at the last item", []step{ag(2, model.ActToggle, 0)}, func(f *undoFixture) { f.agenda("door", -1, model.ActNext, 0) }, "next", false, "Lunch"},
		{"extend", []step{ag(1, model.ActToggle, 0)}, func(f *undoFixture) { f.agenda("door", -1, model.ActExtend, 5*time.Minute) }, "extend", false, "Keynote"},
		{"shorten", []step{ag(1, model.ActToggle, 0), ag(-1, model.ActExtend, 5*time.Minute)}, func(f *undoFixture) { f.agenda("door", -1, model.ActExtend, -time.Minute) }, "shorten", false, "Keynote"},
		{"skip", nil, func(f *undoFixture) { f.agenda("door", 1, model.ActSkip, 0) }, "skip", false, "Keynote"},
		{"unskip", []step{ag(1, model.ActSkip, 0)}, func(f *undoFixture) { f.agenda("door", 1, model.ActSkip, 0) }, "unskip", false, "Keynote"},
		{"reset a finished item", []step{ag(0, model.ActToggle, 0), ag(0, model.ActToggle, 0), ag(0, model.ActToggle, 0), ag(-1, model.ActExtend, 3*time.Minute), ag(-1, model.ActNext, 0)},
			func(f *undoFixture) { f.agenda("door", 0, model.ActReset, 0) }, "reset", false, "Opening"},
		{"finish", []step{ag(0, model.ActToggle, 0)}, func(f *undoFixture) { f.agenda("door", -1, model.ActFinish, 0) }, "finish", false, "Opening"},
		{"discuss", nil, func(f *undoFixture) { f.topic("door", 0, model.TopicDiscuss, 0) }, "discuss", true, "Land rights"},
		{"discuss another (pauses the first)", []step{tp(0, model.TopicDiscuss, 0)}, func(f *undoFixture) { f.topic("door", 1, model.TopicDiscuss, 0) }, "discuss", true, "Courts"},
		{"topic pause", []step{tp(0, model.TopicDiscuss, 0)}, func(f *undoFixture) { f.topic("door", 0, model.TopicPause, 0) }, "pause", true, "Land rights"},
		{"topic resume", []step{tp(0, model.TopicDiscuss, 0), tp(0, model.TopicPause, 0)}, func(f *undoFixture) { f.topic("door", 0, model.TopicDiscuss, 0) }, "resume", true, "Land rights"},
		{"topic extend", []step{tp(2, model.TopicDiscuss, 0)}, func(f *undoFixture) { f.topic("door", 2, model.TopicExtend, 2*time.Minute) }, "extend", true, "Police"},
		{"park", []step{tp(0, model.TopicDiscuss, 0)}, func(f *undoFixture) { f.topic("door", 0, model.TopicPark, 0) }, "park", true, "Land rights"},
		{"reopen", []step{tp(0, model.TopicDiscuss, 0), tp(0, model.TopicPark, 0)}, func(f *undoFixture) { f.topic("door", 0, model.TopicReopen, 0) }, "reopen", true, "Land rights"},
		{"close", []step{tp(1, model.TopicDiscuss, 0)}, func(f *undoFixture) { f.topic("door", 1, model.TopicClose, 0) }, "close", true, "Courts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newUndoFixture(t)
			for _, s := range tt.setup {
				s(f)
			}
			before := f.raw()
			tt.act(f)
			if f.raw() == before {
				t.Fatal("the action changed nothing")
			}
			if got, err := f.st.PeekUndoClock(context.Background(), f.ev.ID, "door"); err != nil || got.Action != tt.action || got.Title != tt.title {
				t.Errorf("PeekUndoClock = %+v, %v; want %s of %s", got, err, tt.action, tt.title)
			}
			ch, err := f.undo("door")
			if err != nil {
				t.Fatal(err)
			}
			if got := f.raw(); got != before {
				t.Errorf("after undo:\n%s\nwant:\n%s", got, before)
			}
			// the change carries the state a fresh read gives, and what was undone
			switch c := ch.(type) {
			case model.AgendaChanged:
				if tt.topic {
					t.Fatalf("undo of a topic action returned %T", ch)
				}
				items, _ := f.st.AgendaItems(context.Background(), f.s1.ID)
				same(t, "undo items", c.Items, items)
				checkKind(t, c, model.ChangeAgenda, model.Scope{EventID: f.ev.ID, SessionID: f.s1.ID})
				if c.Undone.Action != tt.action || c.Undone.Desk != "door" || c.Undone.Title != tt.title || len(c.Result.Changed) == 0 {
					t.Errorf("undone: %+v, result %+v", c.Undone, c.Result)
				}
			case model.TopicsChanged:
				if !tt.topic {
					t.Fatalf("undo of an agenda action returned %T", ch)
				}
				set, _ := f.st.TopicsWithActions(context.Background(), f.ev.ID)
				same(t, "undo topics", c.TopicSet, set)
				if c.Undone.Action != tt.action || c.Undone.Title != tt.title {
					t.Errorf("undone: %+v", c.Undone)
				}
			default:
				t.Fatalf("UndoClock returned %T", ch)
			}
			// this desk has nothing more: the setup was another desk's
			if _, err := f.undo("door"); !errors.Is(err, ErrNothingToUndo) {
				t.Errorf("second undo: %v, want ErrNothingToUndo", err)
			}
		})
	}
}

func TestUndoAgainUndoesTheOneBefore(t *testing.T) {
	f := newUndoFixture(t)
	s0 := f.raw()
	f.agenda("door", 0, model.ActToggle, 0)
	s1 := f.raw()
	f.agenda("door", -1, model.ActExtend, 5*time.Minute)
	s2 := f.raw()
	f.agenda("door", 0, model.ActToggle, 0) // pause
	s3 := f.raw()
	f.agenda("door", -1, model.ActNext, 0)
	for i, want := range []string{s3, s2, s1, s0} {
		if _, err := f.undo("door"); err != nil {
			t.Fatalf("undo %d: %v", i+1, err)
		}
		if got := f.raw(); got != want {
			t.Errorf("after undo %d:\n%s\nwant:\n%s", i+1, got, want)
		}
	}
	if _, err := f.undo("door"); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("fifth undo: %v", err)
	}
	// another desk's undo never touches this desk's actions
	f.agenda("door", 0, model.ActToggle, 0)
	if _, err := f.undo("stage"); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo at another desk: %v", err)
	}
}

func TestUndoRefusedWhenChangedSince(t *testing.T) {
	f := newUndoFixture(t)
	f.agenda("door", 1, model.ActToggle, 0)
	f.agenda("stage", -1, model.ActExtend, 5*time.Minute)
	before := f.raw()
	_, err := f.undo("door")
	if !errors.Is(err, ErrUndoConflict) || !strings.Contains(err.Error(), "“Keynote” was changed since by desk stage (extend)") {
		t.Fatalf("undo after another desk's extend: %v", err)
	}
	if f.raw() != before {
		t.Error("a refused undo changed the clocks")
	}
	// still refused: the entry stays next in line
	if _, err := f.undo("door"); !errors.Is(err, ErrUndoConflict) {
		t.Errorf("again: %v", err)
	}
	// once stage undoes its extend, door's start can be undone
	if _, err := f.undo("stage"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.undo("door"); err != nil {
		t.Fatalf("undo after the other desk undid its change: %v", err)
	}
	items, _ := f.st.AgendaItems(context.Background(), f.s1.ID)
	if items[1].Clock.State() != model.ClockIdle {
		t.Errorf("keynote: %v", items[1].Clock.State())
	}
}

func TestUndoRefusedWhenEditedOutsideTheLog(t *testing.T) {
	f := newUndoFixture(t)
	ctx := context.Background()
	f.topic("door", 0, model.TopicDiscuss, 0)
	f.tick()
	if _, err := f.st.CloseTopic(ctx, f.ev.ID, f.tps[0].ID, "agreed", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.undo("door"); !errors.Is(err, ErrUndoConflict) || !strings.Contains(err.Error(), "“Land rights” was edited since") {
		t.Errorf("undo after a close: %v", err)
	}
}

func TestUndoNeverLeavesTwoRunning(t *testing.T) {
	f := newUndoFixture(t)
	f.agenda("door", 0, model.ActToggle, 0)
	f.agenda("door", -1, model.ActFinish, 0)
	f.agenda("stage", 2, model.ActToggle, 0) // nothing was running: Lunch starts, Opening untouched
	before := f.raw()
	_, err := f.undo("door") // would make Opening run again beside Lunch
	if !errors.Is(err, ErrUndoConflict) || !strings.Contains(err.Error(), "“Lunch” was started since by desk stage (start)") {
		t.Fatalf("undo: %v", err)
	}
	if f.raw() != before {
		t.Error("a refused undo changed the clocks")
	}
	// same for topics: one under discussion at a time
	f.topic("door", 0, model.TopicDiscuss, 0)
	f.topic("door", 0, model.TopicPark, 0)
	f.topic("stage", 1, model.TopicDiscuss, 0)
	if _, err := f.undo("door"); !errors.Is(err, ErrUndoConflict) || !strings.Contains(err.Error(), "“Courts” was put under discussion since by desk stage (discuss)") {
		t.Errorf("topic undo: %v", err)
	}
}

func TestUndoSurvivesRestart(t *testing.T) {
	f := newUndoFixture(t)
	s0 := f.raw()
	f.agenda("door", 0, model.ActToggle, 0)
	s1 := f.raw()
	f.agenda("door", -1, model.ActExtend, 5*time.Minute)
	f.topic("door", 2, model.TopicDiscuss, 0)
	t0 := f.raw()
	f.topic("door", 2, model.TopicExtend, 2*time.Minute)
	f.restart()
	if _, err := f.undo("door"); err != nil {
		t.Fatal(err)
	}
	if f.raw() != t0 {
		t.Errorf("after restart and undo:\n%s\nwant:\n%s", f.raw(), t0)
	}
	f.restart()
	if _, err := f.undo("door"); err != nil { // the discussion
		t.Fatal(err)
	}
	if _, err := f.undo("door"); err != nil {
		t.Fatal(err)
	}
	if f.raw() != s1 {
		t.Errorf("extend not undone:\n%s\nwant:\n%s", f.raw(), s1)
	}
	f.restart()
	if _, err := f.undo("door"); err != nil || f.raw() != s0 {
		t.Errorf("start not undone: %v\n%s", err, f.raw())
	}
}

func TestUndoEntriesGoWithTheirRows(t *testing.T) {
	f := newUndoFixture(t)
	ctx := context.Background()
	count := func() (n int) {
		t.Helper()
		if err := f.st.r.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM clock_undo) + (SELECT count(*) FROM clock_undo_rows)").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	f.agenda("door", 0, model.ActToggle, 0)
	f.agenda("door", -1, model.ActNext, 0) // Opening finished, Keynote started: one entry, two rows
	f.topic("door", 0, model.TopicDiscuss, 0)
	if n := count(); n != 3+4 {
		t.Fatalf("log rows = %d", n)
	}
	// deleting Keynote deletes the whole "next" entry, not half of it
	if _, err := f.st.DeleteItem(ctx, f.items[1].ID); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 2+2 {
		t.Errorf("after deleting an item: %d", n)
	}
	if _, err := f.st.DeleteTopic(ctx, f.tps[0].ID); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 1+1 {
		t.Errorf("after deleting a topic: %d", n)
	}
	// the one left is the start of Opening, which the deleted "next"
	// finished: it cannot be undone, and the log no longer says who
	if _, err := f.undo("door"); !errors.Is(err, ErrUndoConflict) || !strings.Contains(err.Error(), "“Opening” was edited since") {
		t.Errorf("undo: %v", err)
	}
	// a deleted session takes its log with it
	f.agenda("door", 0, model.ActToggle, 0)
	f.agenda("door", 0, model.ActReset, 0)
	if _, err := f.st.DeleteSession(ctx, f.s1.ID); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Errorf("after deleting the session: %d", n)
	}
}
