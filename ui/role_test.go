package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// published collects what a window publishes.
type published struct {
	mu  sync.Mutex
	chs []model.Change
}

func (p *published) add(ch model.Change) { p.mu.Lock(); p.chs = append(p.chs, ch); p.mu.Unlock() }

func (p *published) take() []model.Change {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.chs
	p.chs = nil
	return out
}

// roleWindow opens another window on m's store with a role.
func roleWindow(t *testing.T, m *Model, role model.Role, desk string, pub *published) *Model {
	t.Helper()
	o := Options{Store: m.c.Store, Lang: "en", Clock: m.c.Clock, Dark: true, Desk: desk, Role: role}
	if pub != nil {
		o.Publish = pub.add
	}
	w := New(o)
	w.c.keyNow = humanKeys()
	run(w, w.Init())
	run(w, func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })
	return w
}

// snapshot is everything a write could change, as read from the store.
func snapshot(t *testing.T, st *store.Store, cur model.Current) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	att, _ := st.Attendance(ctx, cur.Session.ID)
	items, _ := st.AgendaItems(ctx, cur.Session.ID)
	set, _ := st.TopicsWithActions(ctx, cur.Event.ID)
	people, _ := st.Participants(ctx, cur.Event.ID)
	c, _ := st.Current(ctx, "", "")
	msg, _ := st.Setting(ctx, displayMessageKey(cur.Event.ID))
	for _, x := range []any{len(att), items, set.Topics, len(people), c.Session.ID, c.Sessions, msg} {
		b.WriteString(strings.ReplaceAll(strings.TrimSpace(strings.Join(strings.Fields(fmtAny(x)), " ")), "\n", " ") + "\n")
	}
	for _, p := range people {
		b.WriteString(p.FullName + p.Phone + p.Email + p.Organisation + "\n")
	}
	return b.String()
}

func fmtAny(x any) string { return strings.TrimSpace(strings.ReplaceAll(sprint(x), "\n", " ")) }

// everyKey is every key a person could press (letters, digits, symbols,
// named keys, ctrl and alt combinations).
func everyKey() []tea.KeyPressMsg {
	var out []tea.KeyPressMsg
	for _, r := range "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-=><?/ .,;:'\"!@#$%^&*()[]{}" {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
		out = append(out, tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl}, tea.KeyPressMsg{Code: r, Mod: tea.ModAlt})
	}
	for _, r := range []rune{tea.KeyEnter, tea.KeyEscape, tea.KeyTab, tea.KeyUp, tea.KeyDown, tea.KeyLeft, tea.KeyRight,
		tea.KeySpace, tea.KeyBackspace, tea.KeyDelete, tea.KeyPgUp, tea.KeyPgDown, tea.KeyHome, tea.KeyEnd,
		tea.KeyF1, tea.KeyF2, tea.KeyF3, tea.KeyF4, tea.KeyF5} {
		out = append(out, tea.KeyPressMsg{Code: r}, tea.KeyPressMsg{Code: r, Mod: tea.ModShift}, tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl})
	}
	return out
}

// mash presses every key on every screen reachable, then y and enter (to
// answer any question or submit any form), three rounds.
func mash(w *Model) {
	for range 3 {
		for _, k := range everyKey() {
			if k.Code == 'c' && k.Mod == tea.ModCtrl || k.Code == 'q' && k.Mod == 0 {
				continue // quitting ends the test's program, not a write
			}
			run(w, func() tea.Msg { return k })
			run(w, func() tea.Msg { return keyMsg("y") })
			run(w, func() tea.Msg { return keyMsg("enter") })
		}
	}
}

func TestDisplayAndDeskCannotWriteWhateverKeysArrive(t *testing.T) {
	org, st, _ := testApp(t, 100, 30, false)
	before := snapshot(t, st, org.c.Cur)
	disp := roleWindow(t, org, model.RoleDisplay, "projector", nil)
	mash(disp)
	if after := snapshot(t, st, org.c.Cur); after != before {
		t.Fatalf("the display changed the database:\nbefore %s\nafter  %s", before, after)
	}
	// nor do the screens' own write commands, whatever message reaches it
	a := disp.screens[ScreenAgenda].(*agenda)
	msg := a.actCmd(model.ActToggle, 0)()
	if e, ok := msg.(errMsg); !ok || !errors.Is(e.err, store.ErrNotAllowed) {
		t.Fatalf("display's clock action: %#v", msg)
	}
	tp := disp.screens[ScreenTopics].(*topics)
	if len(tp.topics) == 0 {
		t.Fatal("the display has no topics")
	}
	if e, ok := tp.voteCmd(&tp.topics[0], 1)().(tea.BatchMsg); ok {
		for _, c := range e {
			if m, isErr := c().(errMsg); c != nil && isErr && !errors.Is(m.err, store.ErrNotAllowed) {
				t.Errorf("vote: %v", m.err)
			}
		}
	}
	if after := snapshot(t, st, org.c.Cur); after != before {
		t.Fatalf("the display's commands changed the database")
	}

	// a desk: the agenda and the event stay as they are, whatever keys
	desk := roleWindow(t, org, model.RoleDesk, "door", nil)
	items := func() []model.AgendaItem {
		it, _ := st.AgendaItems(context.Background(), org.c.Cur.Session.ID)
		return it
	}
	agendaBefore := sprint(items())
	press(desk, "1")
	mash(desk)
	if sprint(items()) != agendaBefore {
		t.Fatal("a desk changed the agenda")
	}
	c, _ := st.Current(context.Background(), "", "")
	if c.Session.ID != org.c.Cur.Session.ID || len(c.Sessions) != len(org.c.Cur.Sessions) {
		t.Fatal("a desk changed the event's sessions")
	}
}

func TestHelpShowsNoWriteKeysToDisplayOrDesk(t *testing.T) {
	org, _, _ := testApp(t, 120, 40, false)
	disp := roleWindow(t, org, model.RoleDisplay, "projector", nil)
	run(disp, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 40} })
	press(disp, "?")
	help := screenText(disp)
	for _, w := range []string{"check in", "start/pause", "add", "edit", "vote", "delete", "import", "sessions", "message"} {
		if strings.Contains(help, w) {
			t.Errorf("the display's help shows %q:\n%s", w, help)
		}
	}
	if !strings.Contains(help, "quit") {
		t.Errorf("the display's help lacks quit:\n%s", help)
	}
	desk := roleWindow(t, org, model.RoleDesk, "door", nil)
	run(desk, func() tea.Msg { return tea.WindowSizeMsg{Width: 120, Height: 40} })
	press(desk, "1", "?")
	help = screenText(desk)
	for _, w := range []string{"start/pause", "next item", "+1 min", "add item", "skip", "reset", "duplicate", "move up", "message to the displays"} {
		if strings.Contains(help, w) {
			t.Errorf("the desk's agenda help shows %q:\n%s", w, help)
		}
	}
	press(desk, "esc", "2", "f1")
	help = screenText(desk)
	if !strings.Contains(help, "check in") || strings.Contains(help, "import roster") || strings.Contains(help, "merge two records") {
		t.Errorf("the desk's check-in help:\n%s", help)
	}
	press(desk, "esc", "f2", "?")
	if help = screenText(desk); strings.Contains(help, "make it the default") || strings.Contains(help, "new session") {
		t.Errorf("the desk's session picker help:\n%s", help)
	}
	// the organiser sees them all
	press(org, "1", "?")
	if help = screenText(org); !strings.Contains(help, "message to the displays") || !strings.Contains(help, "start/pause") {
		t.Errorf("the organiser's help:\n%s", help)
	}
}

func TestDeskSeesContactsMaskedAndKeepsThem(t *testing.T) {
	org, st, _ := testApp(t, 100, 30, false)
	desk := roleWindow(t, org, model.RoleDesk, "door", nil)
	press(desk, "2")
	ci := desk.screens[ScreenCheckIn].(*checkin)
	var p model.Participant
	for i := range ci.index.Len() {
		if q := ci.index.Person(i); q.Phone != "" && q.Email != "" {
			p = q
			break
		}
	}
	typeText(desk, strings.Fields(p.FullName)[0]+" "+strings.Fields(p.FullName)[1])
	press(desk, "ctrl+e")
	out := screenText(desk)
	if strings.Contains(out, p.Phone) || strings.Contains(out, p.Email) || !strings.Contains(out, model.MaskPhone(p.Phone)) {
		t.Fatalf("the desk's form shows the contacts unmasked (or not at all):\n%s", out)
	}
	// typing cannot reach them: the form skips them; saving keeps them
	typeText(desk, " X")
	press(desk, "ctrl+s")
	people, _ := st.Participants(context.Background(), org.c.Cur.Event.ID)
	for _, q := range people {
		if q.ID == p.ID && (q.Phone != p.Phone || q.Email != p.Email || q.FullName != p.FullName+" X") {
			t.Errorf("after the desk's edit: %+v", q)
		}
	}
	// the organiser sees them
	press(org, "2")
	typeText(org, strings.Fields(p.FullName)[0]+" "+strings.Fields(p.FullName)[1])
	press(org, "ctrl+e")
	if out := screenText(org); !strings.Contains(out, p.Phone) {
		t.Errorf("the organiser's form lacks the phone:\n%s", out)
	}
}

func TestChangesFanOutWithoutReload(t *testing.T) {
	var pubA published
	a, st, _ := testApp(t, 100, 30, false)
	a.opts.Publish = pubA.add
	b := roleWindow(t, a, model.RoleDesk, "hall", nil)
	press(a, "2")
	press(b, "2")
	before := b.screens[ScreenCheckIn].(*checkin).counts.here
	ci := a.screens[ScreenCheckIn].(*checkin)
	var name string
	for i := range ci.index.Len() {
		if ci.hereAt[i].IsZero() {
			name = ci.index.Person(i).FullName
			break
		}
	}
	typeText(a, name)
	press(a, "enter")
	chs := pubA.take()
	if len(chs) != 1 || chs[0].Kind() != model.ChangeCheckIn {
		t.Fatalf("published %v", chs)
	}
	// b applies it without reading the roster again (its store is closed to reads now)
	bc := b.screens[ScreenCheckIn].(*checkin)
	ix := bc.index
	run(b, func() tea.Msg { return RemoteChanges(chs) })
	if bc.counts.here != before+1 || bc.index != ix || !strings.Contains(screenText(b), "Checked in "+itoa(before+1)) {
		t.Fatalf("b: here %d → %d, index reloaded %v\n%s", before, bc.counts.here, bc.index != ix, screenText(b))
	}
	// a remote change is not published again
	var pubB published
	b.opts.Publish = pubB.add
	run(b, func() tea.Msg { return RemoteChange(chs[0]) })
	if got := pubB.take(); len(got) != 0 {
		t.Errorf("b published a remote change: %v", got)
	}
	// a walk-in at a swaps b's index and keeps who is here
	press(a, "ctrl+n")
	typeText(a, "Zhanna Walkin-Testova")
	press(a, "ctrl+s")
	chs = pubA.take()
	run(b, func() tea.Msg { return RemoteChanges(chs) })
	if bc.counts.here != before+2 || bc.index.Len() != ci.index.Len() {
		t.Fatalf("b after the walk-in: here %d, %d people (a has %d); published %v", bc.counts.here, bc.index.Len(), ci.index.Len(), chs)
	}
	_ = st
}

func TestOrganiserMessageReachesTheDisplay(t *testing.T) {
	var pub published
	org, st, clk := testApp(t, 100, 30, false)
	org.opts.Publish = pub.add
	disp := roleWindow(t, org, model.RoleDisplay, "projector", nil)
	press(org, "1", "m", "down", "enter") // «Please wrap up»
	chs := pub.take()
	run(disp, func() tea.Msg { return RemoteChanges(chs) })
	if out := screenText(disp); !strings.Contains(out, "Please wrap up") {
		t.Fatalf("the display does not show the message (published %v):\n%s", chs, out)
	}
	// a display started now shows it too
	disp2 := roleWindow(t, org, model.RoleDisplay, "projector2", nil)
	if out := screenText(disp2); !strings.Contains(out, "Please wrap up") {
		t.Fatalf("a restarted display does not show the message:\n%s", out)
	}
	// a typed message is saved in the list; clearing clears
	press(org, "m", "end", "up", "enter")
	typeText(org, "Lunch is ready")
	press(org, "enter")
	run(disp, func() tea.Msg { return RemoteChanges(pub.take()) })
	if out := screenText(disp); !strings.Contains(out, "Lunch is ready") {
		t.Fatalf("typed message:\n%s", out)
	}
	press(org, "m", "end", "enter")
	run(disp, func() tea.Msg { return RemoteChanges(pub.take()) })
	if out := screenText(disp); strings.Contains(out, "Lunch is ready") {
		t.Fatalf("cleared message still shown:\n%s", out)
	}
	if v, _ := st.Setting(context.Background(), savedMessagesKey); v != "Lunch is ready" {
		t.Errorf("saved messages = %q", v)
	}
	// time up: the display flashes once
	press(org, "home", "space")
	run(disp, func() tea.Msg { return RemoteChanges(pub.take()) })
	d := disp.display()
	_, clkRun, ok := d.followed()
	if !ok {
		t.Fatal("the display follows no clock")
	}
	clk.t = clk.t.Add(clkRun.Budget() + time.Second)
	run(disp, func() tea.Msg { return secondMsg{} })
	if !d.Ticking() || !strings.Contains(disp.render(), "\x1b[7m") {
		t.Fatal("no flash when time is up")
	}
	clk.t = clk.t.Add(2 * time.Second)
	run(disp, func() tea.Msg { return secondMsg{} })
	if d.Ticking() || strings.Contains(disp.render(), "\x1b[7m") {
		t.Fatal("the flash goes on")
	}
	_ = st
}

func sprint(x any) string { return strings.TrimSpace(fmtV(x)) }

// TestDisplayHelpHasNoTabs: a display's help shows no tab bar (it has no
// screens to choose), and the frame still fills the window exactly.
func TestDisplayHelpHasNoTabs(t *testing.T) {
	org, _, _ := testApp(t, 80, 24, false)
	w := New(Options{Store: org.c.Store, Lang: "en", Clock: org.c.Clock, Dark: true, Desk: "p", Role: model.RoleDisplay})
	run(w, w.Init())
	run(w, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	press(w, "?")
	out := screenText(w)
	if !strings.Contains(out, "any key closes this help") || strings.Contains(out, "1 Agenda") {
		t.Errorf("the display's help:\n%s", out)
	}
	if n := strings.Count(w.render(), "\n") + 1; n != 24 {
		t.Errorf("the frame has %d lines, want 24", n)
	}
}
