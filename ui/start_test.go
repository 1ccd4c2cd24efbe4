package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// TestStartupSnapshotAfterTheFirstScreen: the snapshot is asked for once
// the screen the window opens on shows its data, not with the first
// commands, and only once.
func TestStartupSnapshotAfterTheFirstScreen(t *testing.T) {
	clk := &clock{fixedNow}
	st := testStore(t, clk, "en", false)
	m := New(Options{Store: st, Lang: "en", Clock: clk, Desk: "test", Snapshots: 3})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if m.start.checked {
		t.Fatal("snapshot asked for before anything was read")
	}
	run(m, m.Init())
	if !m.start.checked {
		t.Fatal("no snapshot once the screens were loaded")
	}
	snaps, _ := filepath.Glob(filepath.Join(store.SnapshotDir(st.Path()), "*.db"))
	if len(snaps) != 1 {
		t.Errorf("%d snapshots, want 1", len(snaps))
	}
}

// TestOtherScreensOnceTheFirstIsDrawn: a window reads the screen it opens
// on first; the other screens, the integrity check and the snapshot wait
// until it settles (Options.Settle after that screen shows its data), and
// Settled is called once then.
func TestOtherScreensOnceTheFirstIsDrawn(t *testing.T) {
	clk := &clock{fixedNow}
	st := testStore(t, clk, "en", false)
	openOn(t, st, "Topics")
	settled := 0
	m := New(Options{Store: st, Lang: "en", Clock: clk, Desk: "test", Snapshots: 3,
		Settle: 35 * time.Millisecond, Settled: func() { settled++ }}) // the fake clock's timers never fire
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(m, m.Init())
	if m.active != ScreenTopics || !topicsScreen(m).loaded {
		t.Fatalf("opened on screen %d (loaded %v), want Topics with its data", m.active, topicsScreen(m).loaded)
	}
	if agendaScreen(m).loaded || checkinScreen(m).loaded || m.start.checked || settled != 0 {
		t.Fatalf("before the window settled: agenda %v, check-in %v read, file checked %v, settled %d times; want none",
			agendaScreen(m).loaded, checkinScreen(m).loaded, m.start.checked, settled)
	}
	snapshots := func() int {
		snaps, _ := filepath.Glob(filepath.Join(store.SnapshotDir(st.Path()), "*.db"))
		return len(snaps)
	}
	if n := snapshots(); n != 0 {
		t.Fatalf("%d snapshots before the window settled", n)
	}
	for range 2 { // the backstop's settling after the first changes nothing
		run(m, func() tea.Msg { return settledMsg{} })
	}
	if !agendaScreen(m).loaded || !checkinScreen(m).loaded || !m.start.checked || settled != 1 {
		t.Errorf("once settled: agenda %v, check-in %v read, file checked %v, settled %d times; want all, once",
			agendaScreen(m).loaded, checkinScreen(m).loaded, m.start.checked, settled)
	}
	if n := snapshots(); n != 1 {
		t.Errorf("%d snapshots once settled, want 1", n)
	}
}

// TestWatcherStartsFromTheFirstRead: the watcher for other processes'
// changes starts once the window settles, not with the first reads, and
// from the data version read before them: a change another process made
// in between is still seen.
func TestWatcherStartsFromTheFirstRead(t *testing.T) {
	clk := &clock{fixedNow}
	st := testStore(t, clk, "en", false)
	m := New(Options{Store: st, Lang: "en", Clock: clk, Desk: "test", WatchOthers: true, Settle: 35 * time.Millisecond})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	run(m, m.Init()) // returns: nothing waits for a change yet
	if m.start.watching || m.start.version < 0 {
		t.Fatalf("before settling: watching %v, version %d; want not yet, from a version read", m.start.watching, m.start.version)
	}
	other, err := store.Open(context.Background(), st.Path())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.SetSetting(context.Background(), "note", "written by another window"); err != nil {
		t.Fatal(err)
	}
	other.Close()
	_, cmd := m.Update(settledMsg{})
	got := make(chan tea.Msg, 16)
	var collect func(tea.Cmd)
	collect = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			msg := c()
			if b, ok := msg.(tea.BatchMsg); ok {
				for _, c := range b {
					collect(c)
				}
				return
			}
			got <- msg
		}()
	}
	collect(cmd)
	deadline := time.After(10 * time.Second)
	for {
		select {
		case msg := <-got:
			if _, ok := msg.(dbChangedMsg); ok {
				return
			}
		case <-deadline:
			t.Fatal("the change made before the watcher started was not seen")
		}
	}
}

// TestNothingShownUntilTheFirstScreenHasItsData: a window draws nothing
// (an empty view) until the screen it opens on shows its data, something
// is said (an error) or asked (the welcome), or revealAfter has passed;
// then it draws the screen.
func TestNothingShownUntilTheFirstScreenHasItsData(t *testing.T) {
	newApp := func(t *testing.T, empty bool) *Model {
		clk := &clock{fixedNow}
		st := testStore(t, clk, "en", empty)
		m := New(Options{Store: st, Lang: "en", Clock: clk, Desk: "test"}) // the fake clock's timers never fire
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		return m
	}
	shows := func(m *Model, want string) bool { return strings.Contains(m.View().Content, want) }
	for _, tc := range []struct {
		name string
		then func(*Model) // after the first view
		want string       // what the window then shows
	}{
		{"the first screen's data", func(m *Model) { run(m, m.Init()) }, "Registration and welcome coffee"},
		{"revealAfter passed", func(m *Model) { run(m, func() tea.Msg { return revealMsg{} }) }, "Opening…"},
		{"an error", func(m *Model) { run(m, func() tea.Msg { return errMsg{fmt.Errorf("disk full")} }) }, "disk full"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newApp(t, false)
			if v := m.View().Content; v != "" {
				t.Fatalf("before anything was read the window draws:\n%s", v)
			}
			tc.then(m)
			if !shows(m, tc.want) {
				t.Errorf("then it draws no %q:\n%s", tc.want, m.View().Content)
			}
		})
	}
	t.Run("the welcome", func(t *testing.T) {
		m := newApp(t, true)
		run(m, m.Init())
		if m.View().Content == "" {
			t.Error("a window on an empty database draws nothing, want the welcome")
		}
	})
}

// TestDisplayReadsItsClocksAtOnce: a display (the big clock) follows the
// agenda's and the topics' clocks, so it reads them with its first reads
// and shows nothing until it has them.
func TestDisplayReadsItsClocksAtOnce(t *testing.T) {
	org, _, _ := testApp(t, 100, 30, false)
	w := New(Options{Store: org.c.Store, Lang: "en", Clock: org.c.Clock, Desk: "projector", Role: model.RoleDisplay,
		Settle: 35 * time.Millisecond}) // the fake clock's timers never fire: it never settles
	w.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if v := w.View().Content; v != "" {
		t.Fatalf("the display draws before anything was read:\n%s", v)
	}
	run(w, w.Init())
	d := w.display()
	if d == nil || !d.agenda.loaded || !d.topics.loaded {
		t.Fatal("the display's agenda and topics were not read with its first reads")
	}
	if w.View().Content == "" {
		t.Error("the display draws nothing once it has its clocks")
	}
}

// TestPrefetchOpensTheSameWindow: a window given its first reads made
// ahead (StartPrefetch) opens exactly as one that makes them, on each
// screen the desk may have used last, and takes those reads.
func TestPrefetchOpensTheSameWindow(t *testing.T) {
	for _, screen := range screenNames {
		t.Run(screen, func(t *testing.T) {
			clk := &clock{fixedNow}
			st := testStore(t, clk, "en", false)
			openOn(t, st, screen)
			open := func(pre *Prefetch) *Model {
				m := New(Options{Store: st, Lang: "en", Clock: clk, Desk: "door", Prefetch: pre})
				m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
				run(m, m.Init())
				return m
			}
			plain := open(nil)
			pre := StartPrefetch(st, "door", false)
			ahead := open(pre)
			if got, want := ahead.render(), plain.render(); got != want {
				t.Errorf("with the reads made ahead the window shows\n%s\nwithout\n%s", got, want)
			}
			if ahead.c.prefetch.current != nil || screen == screenNames[ScreenCheckIn] && ahead.c.prefetch.head != nil {
				t.Error("the window did not take the reads made ahead")
			}
		})
	}
}

// openOn makes a window on st open on screen (as if it was the one last
// used).
func openOn(t *testing.T, st *store.Store, screen string) {
	t.Helper()
	if _, err := st.SetSetting(context.Background(), store.SettingScreen, screen); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedDatabaseAlarm: the late integrity check's verdict stays on
// screen.
func TestDamagedDatabaseAlarm(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	run(m, func() tea.Msg { return errMsg{fmt.Errorf("c.db: page 7: %w", store.ErrCorrupt)} })
	if s := screenText(m); !strings.Contains(s, "damaged") {
		t.Errorf("no alarm:\n%s", s)
	}
}

// TestCheckInListBeforeItsIndex: a window opened on Check-in shows the
// first page and the counts before the whole roster is read; typing waits
// for it, then searches; a check-in made meanwhile is not lost.
func TestCheckInListBeforeItsIndex(t *testing.T) {
	full, st, _ := testApp(t, 100, 30, false) // the same database, read the usual way
	fs := checkinScreen(full)
	clk := &clock{fixedNow}
	m := New(Options{Store: st, Lang: "en", Clock: clk, Dark: true, Desk: "test"})
	m.c.keyNow = humanKeys()
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(m.loadCurrent(false)()) // the screens' loads are not run
	m.active = ScreenCheckIn
	s := checkinScreen(m)
	m.Update(s.headCmd()()) // the whole roster it asks for next is read here, and arrives after the check-in below
	read := s.fullLoad()()
	if !s.head || !s.loaded {
		t.Fatal("the first page is not shown")
	}
	if s.counts.total != fs.counts.total || s.counts.here != fs.counts.here || len(s.counts.cats) != len(fs.counts.cats) {
		t.Errorf("counts before the roster %+v, after %+v", s.counts, fs.counts)
	}
	text := screenText(m)
	first := fs.index.Person(fs.found()[0]).FullName
	if !strings.Contains(text, first) || !strings.Contains(text, fmt.Sprintf("of %d", fs.counts.total)) {
		t.Errorf("the first page does not show %q and the total:\n%s", first, text)
	}
	// check in the first person of the first page who is not here
	r := slices.IndexFunc(s.found(), func(i int) bool { return s.hereAt[i].IsZero() })
	press(m, "down")
	for range r {
		press(m, "down")
	}
	press(m, "enter")
	if s.counts.here != fs.counts.here+1 || s.hereAt[s.found()[r]].IsZero() {
		t.Errorf("the check-in from the first page is not counted: %d here", s.counts.here)
	}
	typeText(m, "nurl")
	if !strings.Contains(screenText(m), "the search starts as soon as they are in") {
		t.Errorf("typing before the roster is in:\n%s", screenText(m))
	}
	run(m, func() tea.Msg { return read })
	if s.head || len(s.found()) == 0 || !strings.Contains(strings.ToLower(model.Fold(s.index.Person(s.found()[0]).FullName)), "nurl") {
		t.Errorf("no results once the roster is in: %v", s.found())
	}
	if s.counts.here != fs.counts.here+1 {
		t.Errorf("here %d after the roster came, want %d", s.counts.here, fs.counts.here+1)
	}
}
