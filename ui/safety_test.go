package ui

import (
	"context"
	"convene/model"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The repros of "Safe in front of the room", each a test.

func hereCount(t *testing.T, m *Model) int {
	t.Helper()
	att, err := m.c.Store.Attendance(context.Background(), m.c.Cur.Session.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(att)
}

func TestNoPhantomCheckIns(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "2")
	s := checkinScreen(m)
	before := hereCount(t, m)
	// Enter Enter after a search checks in one person, not a second one
	press(m, "ctrl+f", "ctrl+f") // not yet here, so the first Enter checks in
	typeText(m, "seitkaz")
	first := highlightedName(m)
	press(m, "enter", "enter")
	if got := hereCount(t, m); got != before+1 {
		t.Fatalf("Enter Enter checked in %d people", got-before)
	}
	if !strings.Contains(screenText(m), "✓ "+first) {
		t.Errorf("status does not name %q:\n%s", first, screenText(m))
	}
	// after a check-in nothing is highlighted
	if _, ok := s.highlighted(); ok {
		t.Error("a row is highlighted after the check-in")
	}
	// Esc then Enter on an empty search checks in nobody and says what to do
	typeText(m, "xyz")
	press(m, "esc", "enter")
	if got := hereCount(t, m); got != before+1 {
		t.Fatalf("Esc Enter checked someone in")
	}
	if !strings.Contains(screenText(m), "Nobody is highlighted") {
		t.Errorf("no hint:\n%s", screenText(m))
	}
	// so do ctrl+x and ctrl+e: nothing opens, the same hint
	for _, k := range []string{"ctrl+x", "ctrl+e"} {
		press(m, "esc")
		run(m, func() tea.Msg { return statusMsg("") })
		press(m, k)
		if s.layers.top() != nil || !strings.Contains(screenText(m), "Nobody is highlighted") {
			t.Errorf("%s with nobody highlighted:\n%s", k, screenText(m))
		}
	}
	// a second Enter within the same second after a search does nothing more
	typeText(m, "seitkaz")
	m.c.keyNow = func() time.Time { return fixedNow.Add(time.Hour) } // every key at the same instant...
	press(m, "enter")
	typeText(m, "a") // (typing in a burst does not matter here)
	if got := hereCount(t, m); got != before+1 {
		t.Fatalf("an Enter within the same second as the last check-in checked in")
	}
}

// burstKeys sends keys as a paste or scanner does: 1 ms apart.
func burstKeys(m *Model, start time.Time, text string) {
	t := start
	m.c.keyNow = func() time.Time { t = t.Add(time.Millisecond); return t }
	for _, r := range text {
		msg := tea.KeyPressMsg{Code: r, Text: string(r)}
		if r == '\n' {
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		}
		run(m, func() tea.Msg { return msg })
	}
	m.c.keyNow = humanKeys()
}

func TestPastingNeverChecksIn(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "2")
	s := checkinScreen(m)
	before := hereCount(t, m)
	// a bracketed paste of several lines is search text
	run(m, func() tea.Msg { return tea.PasteMsg{Content: "Нурланов\nСейтказиев\n"} })
	if got := s.search.Value(); got != "Нурланов Сейтказиев" {
		t.Errorf("bracketed paste gave %q", got)
	}
	press(m, "esc")
	// a raw paste (no bracketed paste): one key per character, two line breaks
	burstKeys(m, fixedNow.Add(time.Hour), "Нурланов\nСейтказиев\n")
	run(m, func() tea.Msg { return enterDecideMsg{s.enterSeq} })
	if got := hereCount(t, m); got != before {
		t.Fatalf("a raw multi-line paste checked in %d people", got-before)
	}
	if got := strings.TrimSpace(s.search.Value()); got != "Нурланов Сейтказиев" {
		t.Errorf("raw paste gave %q", got)
	}
	press(m, "esc", "ctrl+f", "ctrl+f") // not yet here
	// a badge scanner: a code and one Enter at the end of the burst checks in
	burstKeys(m, fixedNow.Add(2*time.Hour), "seitkaz\n")
	if got := hereCount(t, m); got != before {
		t.Fatal("checked in before the burst was over")
	}
	run(m, func() tea.Msg { return enterDecideMsg{s.enterSeq} })
	if got := hereCount(t, m); got != before+1 {
		t.Fatalf("the scanner's Enter did not check in: %d", got-before)
	}
}

func TestEarlierSessionsMarked(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "f2", "down", "enter") // part 2
	press(m, "2")
	s := checkinScreen(m)
	if !s.hasEarlier {
		t.Fatal("part 2 does not know part 1")
	}
	press(m, "ctrl+f", "ctrl+f", "ctrl+f")
	if s.filter != showEarlier || len(s.found()) == 0 {
		t.Fatalf("filter %d: %d results", s.filter, len(s.found()))
	}
	for _, i := range s.found() {
		if !s.earlier[i] {
			t.Fatalf("%s did not come to part 1", s.index.Person(i).FullName)
		}
	}
	if !strings.Contains(screenText(m), "• ") || !strings.Contains(screenText(m), "came to an earlier session") {
		t.Errorf("no mark or filter name:\n%s", screenText(m))
	}
}

func TestVotingKeepsTheListStill(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "3")
	tp := topicsScreen(m)
	second, third := tp.topics[1].ID, tp.topics[2].ID
	press(m, "down")
	for range 5 { // enough votes to pass the first topic
		press(m, "+")
	}
	if tp.selected().ID != second || tp.topics[1].ID != second {
		t.Fatalf("the list moved under the cursor while voting")
	}
	if !strings.Contains(screenText(m), "re-sorts when you move on") {
		t.Errorf("the held order is not said:\n%s", screenText(m))
	}
	press(m, "down")
	if tp.selected().ID != third {
		t.Errorf("↓ after voting landed on %q, not on the topic that was below", tp.selected().Title)
	}
	if tp.topics[0].ID != second || tp.held {
		t.Errorf("the order did not settle after moving on")
	}
}

func TestStartingTheWrongItemAsks(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	a := agendaScreen(m)
	press(m, "space") // the first item runs
	press(m, "end", "space")
	if q, ok := a.layers.top().(*confirm); !ok || !strings.Contains(q.question, "This ends “Registration and welcome coffee”") {
		t.Fatalf("no question naming the running item:\n%s", screenText(m))
	}
	press(m, "n") // no
	items, _ := st.AgendaItems(context.Background(), m.c.Cur.Session.ID)
	if items[0].Clock.State().String() != "running" || a.items[len(a.items)-1].Clock.StartedAt.IsZero() == false {
		t.Fatalf("the answer no changed the clock")
	}
	// the next item starts without a question
	press(m, "home", "down", "space")
	if a.items[1].Clock.State().String() != "running" {
		t.Fatalf("starting the next item asked or failed:\n%s", screenText(m))
	}
	// skipping says which item and which way
	press(m, "down", "s")
	if !strings.Contains(screenText(m), "Skipped “"+a.items[2].Title+"”") {
		t.Errorf("skip status:\n%s", screenText(m))
	}
	press(m, "s")
	if !strings.Contains(screenText(m), "“"+a.items[2].Title+"” is back on the agenda") {
		t.Errorf("un-skip status:\n%s", screenText(m))
	}
}

func TestTopicDetailsAllReachable(t *testing.T) {
	m, _, _ := testApp(t, 60, 20, false)
	press(m, "3", "n")
	typeText(m, "first line")
	press(m, "enter")
	typeText(m, "second line")
	press(m, "ctrl+s", "c")
	fill(m, "An outcome", "Action one", "Who one", "Due one", "Action two", "Who two", "Due two")
	press(m, "ctrl+s")
	out := screenText(m)
	if !strings.Contains(out, "v shows everything") {
		t.Fatalf("the panel neither shows everything nor says how to:\n%s", out)
	}
	press(m, "v")
	out = screenText(m)
	press(m, "pgdown")
	out += screenText(m) // what scrolling shows
	for _, want := range []string{"second line", "Action two — Who two — Due two", "An outcome"} {
		if !strings.Contains(out, want) {
			t.Errorf("v does not show %q:\n%s", want, out)
		}
	}
	press(m, "esc")
	if !topicsScreen(m).layers.empty() {
		t.Error("esc did not return")
	}
}

// secondWindow opens another window (another desk) on the same database.
func secondWindow(t *testing.T, m *Model, desk string) *Model {
	t.Helper()
	b := New(Options{Store: m.c.Store, Lang: "en", Clock: m.c.Clock, Dark: true, Desk: desk})
	b.c.keyNow = humanKeys()
	run(b, b.Init())
	run(b, func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })
	return b
}

func TestEachWindowKeepsItsOwnSession(t *testing.T) {
	a, st, _ := testApp(t, 100, 30, false)
	b := secondWindow(t, a, "door")
	part1 := b.c.Cur.Session.ID
	// A switches its session: B is not switched, now or after the change arrives
	press(a, "f2", "down", "enter")
	run(b, func() tea.Msg { return dbChangedMsg{} })
	if b.c.Cur.Session.ID != part1 || b.banner != nil {
		t.Fatalf("another window's switch moved this one: %q", b.c.Cur.Session.Title)
	}
	// A makes part 2 the default: B shows a banner, keeps part 1 until ctrl+g
	press(a, "f2", "d")
	run(b, func() tea.Msg { return dbChangedMsg{} })
	if b.c.Cur.Session.ID != part1 || b.banner == nil || !strings.Contains(screenText(b), "ctrl+g switches to it") {
		t.Fatalf("no banner, or switched silently:\n%s", screenText(b))
	}
	press(b, "ctrl+g")
	if b.c.Cur.Session.ID == part1 || b.banner != nil {
		t.Fatalf("ctrl+g did not switch: %q", b.c.Cur.Session.Title)
	}
	// a session added and made current elsewhere is announced, not made this window's
	if _, err := st.AddSession(context.Background(), model.Session{EventID: b.c.Cur.Event.ID, Title: "Part 3"}, true); err != nil { // session add --current
		t.Fatal(err)
	}
	cur := b.c.Cur.Session.ID
	run(b, func() tea.Msg { return dbChangedMsg{} })
	if b.c.Cur.Session.ID != cur || b.banner == nil {
		t.Fatalf("a session added elsewhere switched this window or went unannounced")
	}
}

func TestUndoReachesOnlyThisDesksCheckIns(t *testing.T) {
	a, _, _ := testApp(t, 100, 30, false)
	b := secondWindow(t, a, "door")
	press(a, "2", "ctrl+f", "ctrl+f") // not yet here
	press(b, "2")
	typeText(a, "seitkaz")
	press(a, "enter")
	here := hereCount(t, a)
	press(b, "ctrl+z") // the other desk has checked nobody in
	if got := hereCount(t, a); got != here {
		t.Fatalf("ctrl+z at another desk undid this desk's check-in")
	}
	press(a, "ctrl+z")
	if got := hereCount(t, a); got != here-1 {
		t.Fatalf("ctrl+z at this desk did not undo its check-in")
	}
}

func TestNoFormIsLostByAccident(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	a := agendaScreen(m)
	press(m, "a")
	typeText(m, "Half-typed item")
	// help over the form returns to the form
	press(m, "f1")
	if _, ok := m.layers.top().(*helpView); !ok {
		t.Fatal("f1 did not open the help")
	}
	press(m, "esc")
	f, ok := a.layers.top().(*form)
	if !ok || f.value("Title") != "Half-typed item" {
		t.Fatalf("help then esc lost the form:\n%s", screenText(m))
	}
	// esc on a changed form asks; n keeps it
	press(m, "esc")
	if _, ok := a.layers.top().(*confirm); !ok {
		t.Fatalf("esc on a changed form did not ask:\n%s", screenText(m))
	}
	press(m, "n")
	if f2, ok := a.layers.top().(*form); !ok || f2 != f {
		t.Fatal("answering no lost the form")
	}
	// quitting asks; ctrl+c twice forces
	if press(m, "ctrl+c") {
		t.Fatal("ctrl+c quit with unsaved input")
	}
	if !press(m, "ctrl+c") {
		t.Fatal("ctrl+c twice did not quit")
	}
}

func TestEscOnAnUnchangedFormClosesIt(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "a", "esc")
	if !agendaScreen(m).layers.empty() {
		t.Fatal("esc on an untouched form asked or stayed")
	}
	if press(m, "q") != true {
		t.Fatal("q did not quit with nothing unsaved")
	}
}

func TestNothingActsOnTheTooSmallScreen(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "space") // the first item runs
	budget := agendaScreen(m).items[0].Clock.Budget()
	run(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 40, Height: 10} })
	press(m, "+", "n", "d", "y", "s")
	run(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })
	a := agendaScreen(m)
	if a.items[0].Clock.Budget() != budget || a.items[0].Clock.State().String() != "running" || !a.layers.empty() {
		t.Fatalf("keys acted on the 'make the window larger' screen")
	}
}

func TestSessionAndClockVisibleEverywhere(t *testing.T) {
	m, _, _ := testApp(t, 80, 24, false)
	press(m, "space")
	for _, scr := range []string{"1", "2", "3"} {
		press(m, scr)
		if scr == "2" {
			press(m, "esc")
		}
		header := strings.SplitN(screenText(m), "\n", 2)[0]
		if !strings.Contains(header, "Part 1") || !strings.Contains(header, "▶") {
			t.Errorf("screen %s: header %q lacks the session or the running clock", scr, header)
		}
	}
}

func TestCheckinHelpTellsTheTruth(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "2")
	lines := strings.Split(screenText(m), "\n")
	footer := lines[len(lines)-1]
	for _, wrong := range []string{"1/2/3", " q quit", "f2/S", "?/f1"} {
		if strings.Contains(footer, wrong) {
			t.Errorf("check-in help lists %q, which types into the search:\n%s", wrong, footer)
		}
	}
	press(m, "f1")
	full := screenText(m)
	if !strings.Contains(full, "tab") || strings.Contains(full, "1/2/3") || strings.Contains(full, "q quit") {
		t.Errorf("check-in full help:\n%s", full)
	}
}

func TestLanguageSwitchesAtOnceAndIsRemembered(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	press(m, "f3") // English -> Russian
	if m.c.I18n.Lang() != "ru" {
		t.Fatalf("f3 gave %q", m.c.I18n.Lang())
	}
	for _, scr := range []string{"1", "2", "3"} {
		press(m, scr)
		if scr == "2" {
			press(m, "esc")
		}
		if out := screenText(m); !strings.Contains(out, "Программа") {
			t.Errorf("screen %s not in Russian:\n%s", scr, out)
		}
	}
	// reopened at the same desk, without --lang: Russian again
	m2 := New(Options{Store: st, Lang: "en", Clock: m.c.Clock, Desk: "test"})
	run(m2, m2.Init())
	if m2.c.I18n.Lang() != "ru" {
		t.Errorf("the desk's language was not remembered: %q", m2.c.I18n.Lang())
	}
	// --lang wins
	m3 := New(Options{Store: st, Lang: "kk", LangChosen: true, Clock: m.c.Clock, Desk: "test"})
	run(m3, m3.Init())
	if m3.c.I18n.Lang() != "kk" {
		t.Errorf("--lang did not win over the desk's choice: %q", m3.c.I18n.Lang())
	}
}

func TestEveryClockActionUndoable(t *testing.T) {
	m, st, clk := testApp(t, 100, 30, false)
	ctx := context.Background()
	stored := func() []model.AgendaItem {
		items, _ := st.AgendaItems(ctx, m.c.Cur.Session.ID)
		return items
	}
	press(m, "space") // start the first item
	clk.t = fixedNow.Add(5 * time.Minute)
	before := stored()
	press(m, "end", "space", "y") // start the last one: ends the first, passes the rest
	if stored()[len(before)-1].Clock.StartedAt.IsZero() {
		t.Fatal("the last item did not start")
	}
	press(m, "u")
	after := stored()
	for i := range before {
		if before[i].Clock != after[i].Clock || before[i].Skipped != after[i].Skipped {
			t.Fatalf("item %d not restored exactly:\n was %+v\n now %+v", i, before[i].Clock, after[i].Clock)
		}
	}
	if !strings.Contains(screenText(m), "Undone: start of “Closing of day one”") {
		t.Errorf("status:\n%s", screenText(m))
	}
	// u again undoes the action before (the first start)
	press(m, "u")
	if !stored()[0].Clock.StartedAt.IsZero() {
		t.Fatal("the second u did not undo the first start")
	}
	// an action by another desk on the same item blocks this desk's undo, naming it
	press(m, "home", "space")
	b := secondWindow(t, m, "door")
	press(b, "+")
	press(m, "u")
	if got := stored()[0].Clock; got.StartedAt.IsZero() || !strings.Contains(screenText(m), "door") {
		t.Fatalf("undo went through over another desk's change, or did not say who:\n%s", screenText(m))
	}
}

func TestSessionsManagedFromThePicker(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	ctx := context.Background()
	press(m, "f2", "down", "e")
	fill(m, "Part 2 renamed", "Village school", "2026-11-29", "11:00")
	press(m, "ctrl+s")
	ss, _ := st.Sessions(ctx, m.c.Cur.Event.ID)
	if ss[1].Title != "Part 2 renamed" || ss[1].Venue != "Village school" || ss[1].Date != "2026-11-29" || ss[1].StartTime != "11:00" {
		t.Fatalf("edit stored as %+v", ss[1])
	}
	press(m, "K") // move it up
	ss, _ = st.Sessions(ctx, m.c.Cur.Event.ID)
	if ss[0].Title != "Part 2 renamed" {
		t.Fatalf("K did not move the session up: %v", ss)
	}
	// part 1 has check-ins: deleting it is refused with the reason, at
	// once, without a question first
	press(m, "down", "x")
	if _, asked := m.layers.top().(*confirm); asked {
		t.Fatalf("asked before refusing:\n%s", screenText(m))
	}
	ss, _ = st.Sessions(ctx, m.c.Cur.Event.ID)
	if len(ss) != 2 || !strings.Contains(screenText(m), "has check-ins in effect") {
		t.Fatalf("deleting a session with check-ins was not refused with a reason:\n%s", screenText(m))
	}
	// part 2 has none: it asks, and y deletes it
	press(m, "up", "x")
	if _, asked := m.layers.top().(*confirm); !asked {
		t.Fatalf("no question before deleting:\n%s", screenText(m))
	}
	press(m, "y")
	if ss, _ = st.Sessions(ctx, m.c.Cur.Event.ID); len(ss) != 1 || ss[0].Title == "Part 2 renamed" {
		t.Fatalf("y did not delete the session without check-ins: %v", ss)
	}
}

// TestAnotherDaysSessionAsksFirst: a desk on tomorrow's session asks before
// the first check-in there (no = nobody checked in), then not again in
// this window; paper mode never asks.
func TestAnotherDaysSessionAsksFirst(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "f2", "down", "enter") // part 2: tomorrow
	press(m, "2")
	s := checkinScreen(m)
	before := hereCount(t, m)
	press(m, "ctrl+f") // checked in: nobody yet, and the list says so plainly
	if !strings.Contains(screenText(m), "Nobody in this list (checked in).") {
		t.Errorf("an empty filter is not said plainly:\n%s", screenText(m))
	}
	press(m, "ctrl+f", "ctrl+f", "ctrl+f") // back to everyone
	typeText(m, "seitkaz")
	press(m, "enter")
	if _, ok := s.layers.top().(*confirm); !ok || !strings.Contains(screenText(m), "not today") {
		t.Fatalf("no question:\n%s", screenText(m))
	}
	press(m, "n")
	if got := hereCount(t, m); got != before {
		t.Fatalf("checked in although the answer was no: %d", got-before)
	}
	typeText(m, "seitkaz")
	press(m, "enter")
	press(m, "y")
	if got := hereCount(t, m); got != before+1 {
		t.Fatalf("not checked in after yes: %d", got-before)
	}
	typeText(m, "nurlan")
	press(m, "enter") // the window was told: no question
	if got := hereCount(t, m); got != before+2 {
		t.Fatalf("asked again, or nobody checked in:\n%s", screenText(m))
	}
	if len(s.dayOK) != 1 {
		t.Errorf("remembered %v", s.dayOK)
	}

	// the agenda: its first start asks too
	press(m, "esc", "shift+tab") // from the search to the agenda
	a := agendaScreen(m)
	press(m, "space")
	if _, ok := a.layers.top().(*confirm); !ok {
		t.Fatalf("no question before the first start:\n%s", screenText(m))
	}
	press(m, "n")
	if !a.notStarted() {
		t.Fatal("started although the answer was no")
	}
	press(m, "space", "y")
	if a.notStarted() {
		t.Fatal("not started after yes")
	}
}

// TestEnterRightAfterAWalkInKeepsItsConfirmation: the ✓ of a walk-in stays
// when Enter is pressed again at once (as after a check-in).
func TestEnterRightAfterAWalkInKeepsItsConfirmation(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false) // keys come at a person's pace
	press(m, "2", "ctrl+n")
	fill(m, "Жандос Өмірбеков")
	press(m, "ctrl+s")
	if !strings.Contains(screenText(m), "registered and checked in") {
		t.Fatalf("no confirmation:\n%s", screenText(m))
	}
	press(m, "enter")
	if !strings.Contains(screenText(m), "registered and checked in") {
		t.Errorf("an Enter right after hid the confirmation:\n%s", screenText(m))
	}
}
