package ui

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"convene/model"
	"convene/store"

	_ "modernc.org/sqlite"
)

// fixedNow is 10:15 on the demo's first day (UTC is the local zone in tests).
var fixedNow = time.Date(2026, 11, 27, 10, 15, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Exit(m.Run())
}

func seqIDs() func() string {
	n := 0
	return func() string { n++; return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }
}

// clock is a settable clock for tests; its timers never fire by themselves
// (a test sends the timer's message when it wants).
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

func (c *clock) Tick(time.Duration, func(time.Time) tea.Msg) tea.Cmd  { return nil }
func (c *clock) Every(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }

// testApp opens a fresh store (with the demo unless empty) and an app of the
// given size whose commands have all been run.
func testApp(t *testing.T, w, h int, empty bool) (*Model, *store.Store, *clock) {
	t.Helper()
	return testAppIn(t, "en", w, h, empty)
}

// testAppIn is testApp in a language (the demo in that language too).
func testAppIn(t *testing.T, lang string, w, h int, empty bool) (*Model, *store.Store, *clock) {
	t.Helper()
	clk := &clock{fixedNow}
	st := testStore(t, clk, lang, empty)
	m := New(Options{Store: st, Lang: lang, Clock: clk, Dark: true, Desk: "test"})
	m.c.keyNow = humanKeys()
	run(m, m.Init())
	run(m, func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} })
	return m, st, clk
}

// testStore opens a fresh database on the test clock, with the demo event
// in lang unless empty.
func testStore(t *testing.T, clk *clock, lang string, empty bool) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"), store.WithClock(clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if !empty {
		if _, err := st.LoadDataset(context.Background(), model.DemoIn(lang, fixedNow, seqIDs())); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// humanKeys is key timing as a person types: 400 ms between keys.
func humanKeys() func() time.Time {
	t := fixedNow
	return func() time.Time { t = t.Add(400 * time.Millisecond); return t }
}

// run executes a command and everything it leads to, synchronously.
// It returns true if the program asked to quit.
func run(m *Model, cmd tea.Cmd) (quit bool) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			quit = true
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
	return quit
}

// press sends keys (as tea.KeyPressMsg) and runs what they cause.
func press(m *Model, keys ...string) (quit bool) {
	for _, k := range keys {
		msg := keyMsg(k)
		q := run(m, func() tea.Msg { return msg })
		quit = quit || q
	}
	return quit
}

// typeText sends each rune as a key press.
func typeText(m *Model, s string) {
	for _, r := range s {
		msg := tea.KeyPressMsg{Code: r, Text: string(r)}
		run(m, func() tea.Msg { return msg })
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "space": tea.KeySpace, "backspace": tea.KeyBackspace,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"f1": tea.KeyF1, "f2": tea.KeyF2, "delete": tea.KeyDelete,
	}
	switch {
	case k == "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case strings.HasPrefix(k, "ctrl+"):
		return tea.KeyPressMsg{Code: rune(k[5]), Mod: tea.ModCtrl}
	}
	if r, ok := named[k]; ok {
		return tea.KeyPressMsg{Code: r}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func screenText(m *Model) string { return ansi.Strip(m.render()) }

func TestGoldenScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for i, name := range []string{"agenda", "checkin", "topics"} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, size[0], size[1]), func(t *testing.T) {
				m, _, _ := testApp(t, size[0], size[1], false)
				press(m, fmt.Sprint(i+1))
				out := screenText(m)
				if got := len(strings.Split(out, "\n")); got != size[1] {
					t.Errorf("view has %d lines, want %d", got, size[1])
				}
				for n, l := range strings.Split(out, "\n") {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Errorf("line %d is %d wide: %q", n, w, l)
					}
				}
				golden.RequireEqual(t, out)
			})
		}
	}
}

func TestGoldenWelcome(t *testing.T) {
	m, _, _ := testApp(t, 80, 24, true)
	golden.RequireEqual(t, screenText(m))
}

func TestOpensOnAgendaThenRemembersScreen(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	if m.active != ScreenAgenda {
		t.Fatalf("first open on %d", m.active)
	}
	press(m, "3")
	m2 := New(Options{Store: st, Lang: "en", Clock: &clock{fixedNow}, Desk: "test"})
	run(m2, m2.Init())
	if m2.active != ScreenTopics {
		t.Errorf("reopened on %d, want topics", m2.active)
	}
	// another desk keeps its own screen
	m3 := New(Options{Store: st, Lang: "en", Clock: &clock{fixedNow}, Desk: "door"})
	run(m3, m3.Init())
	if m3.active != ScreenAgenda {
		t.Errorf("another desk opened on %d, want agenda", m3.active)
	}
}

func TestGlobalKeys(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "tab")
	if m.active != ScreenCheckIn {
		t.Fatalf("tab -> %d", m.active)
	}
	// on Check-in the search has focus: q and 1 are text, tab still works
	if press(m, "q") {
		t.Fatal("q quit while typing in the search")
	}
	press(m, "1")
	if m.active != ScreenCheckIn || !strings.Contains(screenText(m), "Find q1") {
		t.Fatalf("typing went astray:\n%s", screenText(m))
	}
	press(m, "tab")
	if m.active != ScreenTopics {
		t.Fatalf("tab from check-in -> %d", m.active)
	}
	press(m, "shift+tab", "shift+tab")
	if m.active != ScreenAgenda {
		t.Fatalf("shift+tab twice -> %d", m.active)
	}
	press(m, "3")
	if m.active != ScreenTopics {
		t.Fatalf("3 -> %d", m.active)
	}
	press(m, "?")
	if _, ok := m.layers.top().(*helpView); !ok || !strings.Contains(screenText(m), "previous screen") {
		t.Errorf("? did not show full help:\n%s", screenText(m))
	}
	press(m, "f1")
	if !m.layers.empty() {
		t.Error("f1 did not hide help")
	}
	if !press(m, "q") {
		t.Error("q did not quit on Topics")
	}
	press(m, "2")
	if !press(m, "ctrl+c") {
		t.Error("ctrl+c did not quit on Check-in")
	}
}

func TestSwitchAndAddSession(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	press(m, "2", "f2")
	if _, ok := m.layers.top().(*sessionPicker); !ok {
		t.Fatal("f2 did not open sessions")
	}
	press(m, "down", "enter")
	if !m.layers.empty() || !strings.Contains(m.c.Cur.Session.Title, "Part 2") {
		t.Fatalf("session not switched: %q", m.c.Cur.Session.Title)
	}
	cur, _ := st.Current(context.Background(), "", "")
	if !strings.Contains(cur.Session.Title, "Part 1") {
		t.Errorf("switching this window changed the default: %q", cur.Session.Title)
	}
	press(m, "f2", "d") // make part 2 the default for new windows and commands
	if cur, _ = st.Current(context.Background(), "", ""); !strings.Contains(cur.Session.Title, "Part 2") {
		t.Errorf("d did not make the default: %q", cur.Session.Title)
	}
	press(m, "f2", "n")
	for range 20 {
		press(m, "backspace")
	}
	typeText(m, "Follow-up")
	press(m, "enter", "enter", "enter", "enter")
	if q, ok := m.layers.top().(*confirm); !ok || !strings.Contains(q.question, "Switch this window to it now?") {
		t.Fatalf("adding a session did not ask whether to switch:\n%s", screenText(m))
	}
	if len(m.c.Cur.Sessions) != 3 || m.c.Cur.Session.Title == "Follow-up" {
		t.Fatalf("switched before the answer: %+v", m.c.Cur.Session)
	}
	press(m, "y")
	if m.c.Cur.Session.Title != "Follow-up" {
		t.Fatalf("new session: %+v", m.c.Cur.Session)
	}
}

func TestWelcomeCreatesEvent(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, true)
	if !strings.Contains(screenText(m), "Welcome to convene") {
		t.Fatalf("no welcome:\n%s", screenText(m))
	}
	press(m, "c")
	typeText(m, "Seminar")
	press(m, "enter", "enter", "enter", "enter", "enter", "enter", "enter")
	if !m.loaded || !m.layers.empty() || m.c.Cur.Event.Name != "Seminar" {
		t.Fatalf("event not created: %+v\n%s", m.c.Cur, screenText(m))
	}
	evs, _ := st.Events(context.Background())
	if len(evs) != 1 {
		t.Errorf("events = %d", len(evs))
	}
}

func TestWelcomeRequiresName(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, true)
	press(m, "c", "ctrl+s")
	if m.loaded || !strings.Contains(screenText(m), "Event name is required") {
		t.Fatalf("saved without a name:\n%s", screenText(m))
	}
	press(m, "esc", "d")
	if !m.loaded || !m.layers.empty() || !strings.Contains(m.c.Cur.Event.Name, "Human Rights") {
		t.Fatalf("demo not loaded: %+v", m.c.Cur.Event)
	}
}

func TestTooSmall(t *testing.T) {
	for _, sz := range [][2]int{{59, 30}, {100, 15}, {40, 10}, {20, 5}, {1, 1}, {0, 0}} {
		m, _, _ := testApp(t, sz[0], sz[1], false)
		out := screenText(m)
		if sz[0] >= 40 && !strings.Contains(out, "Make the window larger") {
			t.Errorf("%v: %q", sz, out)
		}
		lines := strings.Split(out, "\n")
		if len(lines) > max(1, sz[1]) {
			t.Errorf("%v: %d lines", sz, len(lines))
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > max(0, sz[0]) {
				t.Errorf("%v: line too wide: %q", sz, l)
			}
		}
	}
}

func TestErrorsReachStatusLine(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	run(m, errCmd(fmt.Errorf("disk on fire")))
	if !strings.Contains(screenText(m), "Error: disk on fire") {
		t.Errorf("no error shown:\n%s", screenText(m))
	}
}

func teaWindow(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// rawExec writes to the database behind the store's back (no sanitising).
func rawExec(t *testing.T, path string) func(q string, args ...any) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return func(q string, args ...any) {
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAnotherWindowsChangesAppear: when another process commits, the
// watcher's message reloads every screen.
func TestAnotherWindowsChangesAppear(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	other, err := store.Open(context.Background(), st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	v0, _ := st.DataVersion(context.Background())
	s := m.screens[ScreenCheckIn].(*checkin)
	before := s.counts.total
	if _, err := other.AddWalkIn(context.Background(), model.Participant{EventID: m.c.Cur.Event.ID, FullName: "From the other window"}, m.c.Cur.Session.ID, "desk-2"); err != nil {
		t.Fatal(err)
	}
	v1, _ := st.DataVersion(context.Background())
	if v1 == v0 {
		t.Fatal("data_version did not move")
	}
	run(m, func() tea.Msg { return dbChangedMsg{v1} })
	if s.counts.total != before+1 {
		t.Errorf("other window's walk-in not shown: %d -> %d", before, s.counts.total)
	}
}
