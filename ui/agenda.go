package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"convene/model"
)

// agendaLoadedMsg carries a session's agenda as read.
type agendaLoadedMsg struct {
	sessionID string
	items     []model.AgendaItem
}

// agenda is the Agenda screen: the current session's items and their clocks.
type agenda struct {
	base
	keys     agendaKeys
	items    []model.AgendaItem
	list     cursorList
	table    *table
	selectID string
	loaded   bool // the first load has arrived
}

func newAgenda(c *Common) *agenda {
	return &agenda{base: base{c: c}, keys: newAgendaKeys(), table: newTable(
		column{title: "Plan", width: 5},
		column{title: "Est.", width: 5, minWidth: 100},
		column{title: "Title", flex: 3},
		column{title: "Presenter", flex: 2},
		column{title: "Kind", width: 10}, // widths of kind and state: fitWords
		column{title: "Min", width: 5, right: true},
		column{title: "Actual", width: 6, right: true},
		column{title: "State", width: 9},
	)}
}

// Load implements screen.
func (a *agenda) Load() tea.Cmd {
	st, sid := a.c.Store, a.c.Cur.Session.ID
	return func() tea.Msg {
		items, err := st.AgendaItems(context.Background(), sid)
		if err != nil {
			return errMsg{err}
		}
		return agendaLoadedMsg{sessionID: sid, items: items}
	}
}

// Ticking reports whether a clock is running (the app then redraws every second).
func (a *agenda) Ticking() bool {
	i := model.Active(a.items)
	return i >= 0 && a.items[i].Clock.State() == model.ClockRunning
}

// SetSize implements screen.
func (a *agenda) SetSize(w, h int) {
	a.width, a.height = w, h
	a.list.setHeight(h - 6)
	hi := max(12, min(18, w/7)) // a narrow window cuts a long kind rather than the titles (12: «топтық жұмыс» fits at 80)
	a.table.fitWords(a.c, 4, 10, hi, kindOptions)
	a.table.fitWords(a.c, 7, 9, hi, []string{"upcoming", "running", "paused", "done", "skipped", "passed"})
	a.table.layout(w)
}

// ShortHelp implements help.KeyMap.
func (a *agenda) ShortHelp() []key.Binding {
	k := a.keys
	return []key.Binding{k.Toggle, k.Next, k.Extend1, k.Extend5, k.Undo, k.Speaker, k.Add}
}

// FullHelp implements help.KeyMap.
func (a *agenda) FullHelp() [][]key.Binding {
	k := a.keys
	return [][]key.Binding{
		{k.Toggle, k.Next, k.Extend1, k.Extend5, k.Shorten1, k.Skip, k.Reset, k.Undo},
		{k.Add, k.Edit, k.Delete, k.MoveUp, k.MoveDown, k.Dup, k.Speaker, k.Message},
		k.navKeys.bindings(),
	}
}

func (a *agenda) selected() *model.AgendaItem {
	if a.list.pos < 0 || a.list.pos >= len(a.items) {
		return nil
	}
	return &a.items[a.list.pos]
}

func (a *agenda) setItems(items []model.AgendaItem) {
	a.items = items
	a.list.setLen(len(items))
	if a.selectID != "" {
		for i, it := range items {
			if it.ID == a.selectID {
				a.list.pos = i
				a.list.clamp()
			}
		}
		a.selectID = ""
	}
}

// Update implements screen.
func (a *agenda) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case agendaLoadedMsg:
		if msg.sessionID == a.c.Cur.Session.ID {
			a.setItems(msg.items)
			a.loaded = true
		}
	case changedMsg:
		if ch, ok := msg.change.(model.AgendaChanged); ok && ch.SessionID == a.c.Cur.Session.ID {
			a.selectID = ch.ItemID
			a.setItems(ch.Items)
			if i := model.Active(a.items); i >= 0 && ch.Result.Started != "" {
				a.list.pos = i // follow the clock
				a.list.clamp()
			}
		}
	case tea.KeyPressMsg:
		return a.updateList(msg)
	}
	return nil
}

// describe says what a clock action did, for the status line.
func (a *agenda) describe(ch model.AgendaChanged, act model.AgendaAction, d time.Duration) string {
	c, res := a.c, ch.Result
	changed := func() model.AgendaItem { return ch.Items[res.Changed[0]] }
	switch {
	case act == model.ActExtend:
		i := model.Active(ch.Items)
		if i < 0 {
			return ""
		}
		verb := "extended by" //i18n:key
		if d < 0 {
			verb, d = "shortened by", -d //i18n:key
		}
		return c.T("%s %s %d min: now %d min", safe(ch.Items[i].Title), c.W(verb), int(d/time.Minute), int(ch.Items[i].Clock.Budget()/time.Minute))
	case len(res.Changed) == 0:
		return ""
	case act == model.ActSkip && changed().Skipped:
		return c.T("Skipped “%s”: it no longer counts in the forecast (s again brings it back)", safe(changed().Title))
	case act == model.ActSkip:
		return c.T("“%s” is back on the agenda", safe(changed().Title))
	case act == model.ActReset:
		return c.T("“%s” reset to upcoming", safe(changed().Title))
	case res.Finished != "" && res.Started != "":
		return c.T("Finished %s · started %s at %s", safe(res.Finished), safe(res.Started), c.Now().Format("15:04"))
	case res.Finished != "":
		return c.T("Finished %s at %s", safe(res.Finished), c.Now().Format("15:04"))
	case res.Started != "":
		return c.T("▶ %s at %s", safe(res.Started), c.Now().Format("15:04:05"))
	}
	return c.T("Paused %s", safe(changed().Title))
}

// actCmd runs a clock action on the highlighted item.
func (a *agenda) actCmd(act model.AgendaAction, d time.Duration) tea.Cmd {
	st, sid := a.c.Store, a.c.Cur.Session.ID
	id := ""
	if it := a.selected(); it != nil {
		id = it.ID
	}
	desk := a.c.Desk
	return commit(a.c, func(ctx context.Context) (model.AgendaChanged, error) {
		return st.AgendaAct(ctx, sid, id, act, d, desk)
	},
		func(ch model.AgendaChanged) string { return a.describe(ch, act, d) })
}

func (a *agenda) updateList(msg tea.KeyPressMsg) tea.Cmd {
	k := a.keys
	switch {
	case a.list.navigate(msg, k.navKeys):
		return nil
	case key.Matches(msg, k.Speaker):
		a.open(newBigClockView(a.speakerView))
		return nil
	case key.Matches(msg, k.Add):
		a.openForm(nil)
		return nil
	case key.Matches(msg, k.Undo):
		return undoClockCmd(a.c)
	case key.Matches(msg, k.Message):
		return loadMessagesCmd(a.c)
	}
	if len(a.items) == 0 {
		return nil
	}
	if cmd, ok := a.clockKey(msg); ok {
		return cmd
	}
	return a.editKey(msg)
}

// clockKey handles the keys that act on the clock.
func (a *agenda) clockKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := a.keys
	switch {
	case key.Matches(msg, k.Toggle):
		return a.toggle(), true
	case key.Matches(msg, k.Next):
		return a.actCmd(model.ActNext, 0), true
	case key.Matches(msg, k.Extend1):
		return a.actCmd(model.ActExtend, time.Minute), true
	case key.Matches(msg, k.Extend5):
		return a.actCmd(model.ActExtend, 5*time.Minute), true
	case key.Matches(msg, k.Shorten1):
		return a.actCmd(model.ActExtend, -time.Minute), true
	case key.Matches(msg, k.Skip):
		return a.actCmd(model.ActSkip, 0), true
	case key.Matches(msg, k.Reset):
		if it := a.selected(); it.Clock.State() == model.ClockIdle && !it.Skipped && it.Clock.Extra == 0 {
			return statusCmd(a.c.T("“%s” has not started: nothing to reset", safe(it.Title))), true
		}
		a.ask(a.c.T("Reset “%s” to upcoming (its times are cleared)?", safe(a.selected().Title)), func() tea.Cmd {
			return a.actCmd(model.ActReset, 0)
		})
		return nil, true
	}
	return nil, false
}

// toggle starts, pauses or resumes the highlighted item. Starting any
// item other than the running one or the next one asks first, saying what
// it ends and what it passes over.
func (a *agenda) toggle() tea.Cmd {
	if day, other := otherDay(a.c); other && a.notStarted() {
		// the first start of a session dated another day: a facilitator
		// on the wrong session would see a drift of hours
		a.ask(a.c.T("“%s” is dated %s, not today. Start its clock anyway?", safe(a.c.Cur.Session.Title), day), a.toggleNow)
		return nil
	}
	return a.toggleNow()
}

// notStarted reports whether no item of the session has started.
func (a *agenda) notStarted() bool {
	for _, it := range a.items {
		if it.Clock.State() != model.ClockIdle || it.Skipped {
			return false
		}
	}
	return true
}

// toggleNow is toggle without the question about the day.
func (a *agenda) toggleNow() tea.Cmd {
	active := model.Active(a.items)
	sel := a.list.pos
	if sel == active || sel == a.nextItem(active) || a.items[sel].Skipped {
		return a.actCmd(model.ActToggle, 0)
	}
	c := a.c
	q := c.T("Start “%s” now?", safe(a.items[sel].Title))
	if active >= 0 {
		q += " " + c.T("This ends “%s”.", safe(a.items[active].Title))
	}
	passed := 0
	for i := active + 1; i < sel; i++ {
		if a.items[i].Clock.State() == model.ClockIdle && !a.items[i].Skipped {
			passed++
		}
	}
	if passed > 0 {
		q += " " + c.T("%d items before it will be marked as passed.", passed)
	}
	if sel < active {
		q += " " + c.T("It is earlier in the agenda than the running item.")
	}
	a.ask(q, func() tea.Cmd { return a.actCmd(model.ActToggle, 0) })
	return nil
}

// editKey handles the keys that edit the agenda.
func (a *agenda) editKey(msg tea.KeyPressMsg) tea.Cmd {
	k := a.keys
	sel := *a.selected()
	st, c := a.c.Store, a.c
	switch {
	case key.Matches(msg, k.Delete):
		a.ask(c.T("Delete “%s”?", safe(sel.Title)), func() tea.Cmd {
			return commit(a.c, func(ctx context.Context) (model.AgendaChanged, error) { return st.DeleteItem(ctx, sel.ID) },
				func(model.AgendaChanged) string { return c.T("Deleted %s", safe(sel.Title)) })
		})
	case key.Matches(msg, k.Edit):
		a.openForm(&sel)
	case key.Matches(msg, k.MoveUp), key.Matches(msg, k.MoveDown):
		d := 1
		if key.Matches(msg, k.MoveUp) {
			d = -1
		}
		return commit(a.c, func(ctx context.Context) (model.AgendaChanged, error) { return st.MoveItem(ctx, sel.ID, d) }, nil)
	case key.Matches(msg, k.Dup):
		return commit(a.c, func(ctx context.Context) (model.AgendaChanged, error) { return st.DuplicateItem(ctx, sel.ID) },
			func(model.AgendaChanged) string { return c.T("Duplicated %s", safe(sel.Title)) })
	}
	return nil
}

var kindOptions = func() []string {
	out := make([]string, len(model.ItemKinds))
	for i, k := range model.ItemKinds {
		out[i] = string(k)
	}
	return out
}()

// openForm opens the item form: a new item (nil) or an edit.
func (a *agenda) openForm(edit *model.AgendaItem) {
	c := a.c
	v := &model.AgendaItem{Kind: model.KindTalk, PlannedMinutes: 30}
	title := c.T("New agenda item")
	if edit != nil {
		v, title = edit, c.T("Edit agenda item")
	}
	kind := string(v.Kind)
	kinds := make([]string, len(kindOptions))
	for i, k := range kindOptions {
		kinds[i] = c.W(k)
	}
	after := a.list.pos + 1
	if len(a.items) == 0 {
		after = 0
	}
	f := a.newForm(title, func(*form) tea.Cmd {
		v.Kind = model.ItemKind(kind)
		return a.saveItemCmd(*v, edit != nil, after)
	})
	f.text(c.T("Title"), &v.Title, required()).
		text(c.T("Presenter"), &v.Presenter, placeholder(c.T("who speaks or leads"))).
		choice(c.T("Kind"), &kind, kindOptions, kinds).
		number(c.T("Minutes"), &v.PlannedMinutes, 0, 1440).
		text(c.T("Fixed start"), &v.PinnedStart, placeholder(c.T("HH:MM if it cannot move (lunch, bus)")), check(validClock)).
		text(c.T("Notes"), &v.Notes)
	a.open(f)
}

func (a *agenda) saveItemCmd(it model.AgendaItem, edit bool, after int) tea.Cmd {
	st, c, sid := a.c.Store, a.c, a.c.Cur.Session.ID
	status := func(model.AgendaChanged) string { return c.T("Added %s", safe(it.Title)) }
	if edit {
		status = func(model.AgendaChanged) string { return c.T("Saved %s", safe(it.Title)) }
	}
	return commit(a.c, func(ctx context.Context) (model.AgendaChanged, error) {
		if edit {
			return st.UpdateItem(ctx, it)
		}
		return st.AddItem(ctx, sid, it, after)
	}, status)
}

// View implements screen.
func (a *agenda) View() string {
	st := a.c.Styles
	if !a.loaded {
		return st.Muted.Render(a.c.T("Loading the agenda…"))
	}
	if len(a.items) == 0 {
		return st.Muted.Render(a.c.T("No agenda items in this session yet: a adds one, or import a CSV with “convene import agenda FILE”."))
	}
	now := a.c.Now()
	f := a.forecast()
	var b strings.Builder
	drift, dst := driftLine(a.c, f, model.SessionStart(a.c.Cur.Session, now, time.Local), now)
	b.WriteString(fit(st.Title.Render(a.c.T("Agenda"))+"  "+dst.Render(drift), a.width) + "\n")
	b.WriteString(st.Muted.Render(fit(a.pinLine(f), a.width)) + "\n")
	b.WriteString(st.TableHeader.Render(a.table.header(a.c.W)) + "\n")
	lo, hi := a.list.visible()
	for i := lo; i < hi; i++ {
		b.WriteString(a.row(i, f.Items[i], now) + "\n")
	}
	for i := hi - lo; i < a.list.height; i++ {
		b.WriteString("\n")
	}
	b.WriteString(a.nowPanel(now))
	return b.String()
}

func (a *agenda) row(i int, fi model.ItemForecast, now time.Time) string {
	st := a.c.Styles
	it := a.items[i]
	state := a.c.W(it.Clock.State().String())
	if it.Skipped {
		state = a.c.W("skipped")
	} else if fi.NotHeld {
		state = a.c.W("passed")
	}
	actual, est := "", ""
	if !it.Clock.StartedAt.IsZero() {
		actual = model.FormatDuration(it.Clock.Elapsed(now))
	}
	if !it.Skipped && !fi.NotHeld {
		est = hhmm(fi.Start)
	}
	mins := strconv.Itoa(it.PlannedMinutes)
	if x := int(it.Clock.Extra / time.Minute); x != 0 {
		mins += fmt.Sprintf("%+d", x) // planned 40, extended by 5: "40+5"
	}
	// a pinned item's planned start is its pinned time
	row := a.table.row([]string{hhmm(fi.PlannedStart), est, safe(it.Title), safe(it.Presenter),
		a.c.W(string(it.Kind)), mins, actual, state})
	switch {
	case i == a.list.pos:
		return st.SelectedRow.Apply(row)
	case it.Clock.State() == model.ClockRunning || it.Clock.State() == model.ClockPaused:
		return st.RunningRow.Apply(row)
	case it.Clock.State() == model.ClockDone || it.Skipped || fi.NotHeld:
		return st.MutedRow.Apply(row)
	}
	return row
}
