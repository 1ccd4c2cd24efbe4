package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"convene/model"
)

// agendaKeys is the Agenda screen's key map.
type agendaKeys struct {
	navKeys
	Toggle, Next, Extend1, Extend5, Shorten1, Skip  key.Binding
	Reset, Add, Edit, Delete, MoveUp, MoveDown, Dup key.Binding
	Speaker, Confirm                                key.Binding
}

func newAgendaKeys() agendaKeys {
	return agendaKeys{
		navKeys:  newNavKeys(true),
		Toggle:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "start/pause/resume")),
		Next:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next item")),
		Extend1:  key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "+1 min")),
		Extend5:  key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "+5 min")),
		Shorten1: key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "−1 min")),
		Skip:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip/unskip")),
		Reset:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reset item")),
		Add:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add item")),
		Edit:     key.NewBinding(key.WithKeys("e", "enter"), key.WithHelp("e/enter", "edit")),
		Delete:   key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "delete")),
		MoveUp:   key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K/shift+↑", "move up")),
		MoveDown: key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J/shift+↓", "move down")),
		Dup:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "duplicate")),
		Speaker:  key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "big clock")),
		Confirm:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "confirm")),
	}
}

// Messages of the Agenda screen.
type (
	agendaLoadedMsg struct {
		sessionID string
		items     []model.AgendaItem
	}
	agendaActedMsg struct {
		sessionID string
		items     []model.AgendaItem
		res       model.AgendaResult
		act       model.AgendaAction
		d         time.Duration
	}
	// agendaChangedMsg follows an edit of the agenda: reload and report.
	agendaChangedMsg struct {
		status   string
		selectID string // item ID to highlight after the reload
	}
)

type agendaMode int

const (
	agList agendaMode = iota
	agConfirmDelete
	agConfirmReset
	agForm
	agSpeaker
)

// agenda is the Agenda screen: the current session's items and their clocks.
type agenda struct {
	c        *Common
	keys     agendaKeys
	items    []model.AgendaItem
	list     cursorList
	mode     agendaMode
	form     *form
	editing  *model.AgendaItem
	selectID string
	loaded   bool // the first load has arrived
	width    int
	height   int
}

func newAgenda(c *Common) *agenda { return &agenda{c: c, keys: newAgendaKeys()} }

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

// Ready implements screen: its data has arrived.
func (a *agenda) Ready() bool { return a.loaded }

// Editing implements screen: forms, prompts and the big clock capture all
// keys (so "any other key = no" holds for q and 1/2/3 too).
func (a *agenda) Editing() bool { return a.mode != agList }

// Ticking reports whether a clock is running (the app then redraws every second).
func (a *agenda) Ticking() bool {
	i := model.Active(a.items)
	return i >= 0 && a.items[i].Clock.State() == model.ClockRunning
}

// SetSize implements screen.
func (a *agenda) SetSize(w, h int) {
	a.width, a.height = w, h
	a.list.setHeight(h - 6)
	if a.form != nil {
		a.form.SetWidth(min(90, w))
	}
}

// ShortHelp implements help.KeyMap.
func (a *agenda) ShortHelp() []key.Binding {
	k := a.keys
	switch a.mode {
	case agForm:
		return a.form.keys.ShortHelp()
	case agConfirmDelete, agConfirmReset:
		return []key.Binding{k.Confirm}
	}
	return []key.Binding{k.Toggle, k.Next, k.Extend1, k.Extend5, k.Speaker, k.Add}
}

// FullHelp implements help.KeyMap.
func (a *agenda) FullHelp() [][]key.Binding {
	k := a.keys
	if a.mode != agList {
		return [][]key.Binding{a.ShortHelp()}
	}
	return [][]key.Binding{
		{k.Toggle, k.Next, k.Extend1, k.Extend5, k.Shorten1, k.Skip, k.Reset},
		{k.Add, k.Edit, k.Delete, k.MoveUp, k.MoveDown, k.Dup, k.Speaker},
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
		return nil
	case agendaActedMsg:
		if msg.sessionID == a.c.Cur.Session.ID {
			a.setItems(msg.items)
			if i := model.Active(a.items); i >= 0 && msg.res.Started != "" {
				a.list.pos = i // follow the clock
				a.list.clamp()
			}
		}
		return statusCmd(a.describe(msg))
	case agendaChangedMsg:
		a.selectID = msg.selectID
		return tea.Batch(a.Load(), statusCmd(msg.status))
	case tea.KeyPressMsg:
		switch a.mode {
		case agSpeaker:
			a.mode = agList // any key returns
			return nil
		case agForm:
			return a.updateForm(msg)
		case agConfirmDelete, agConfirmReset:
			return a.updateConfirm(msg)
		}
		return a.updateList(msg)
	}
	if a.mode == agForm {
		_, cmd := a.form.Update(msg)
		return cmd
	}
	return nil
}

func (a *agenda) describe(m agendaActedMsg) string {
	c := a.c
	switch {
	case m.act == model.ActExtend:
		i := model.Active(m.items)
		if i < 0 {
			return ""
		}
		verb := "extended by"
		d := m.d
		if d < 0 {
			verb, d = "shortened by", -d
		}
		return c.T("%s %s %d min: now %d min", safe(m.items[i].Title), c.W(verb), int(d/time.Minute), int(m.items[i].Clock.Budget()/time.Minute))
	case m.act == model.ActSkip:
		return c.T("Skip toggled")
	case m.act == model.ActReset:
		return c.T("Item reset to upcoming")
	case m.res.Finished != "" && m.res.Started != "":
		return c.T("Finished %s · started %s at %s", safe(m.res.Finished), safe(m.res.Started), c.Now().Format("15:04"))
	case m.res.Finished != "":
		return c.T("Finished %s at %s", safe(m.res.Finished), c.Now().Format("15:04"))
	case m.res.Started != "":
		return c.T("▶ %s at %s", safe(m.res.Started), c.Now().Format("15:04:05"))
	case len(m.res.Changed) > 0:
		return c.T("Paused %s", safe(m.items[m.res.Changed[0]].Title))
	}
	return ""
}

func (a *agenda) actCmd(act model.AgendaAction, d time.Duration) tea.Cmd {
	st, sid := a.c.Store, a.c.Cur.Session.ID
	id := ""
	if it := a.selected(); it != nil {
		id = it.ID
	}
	return func() tea.Msg {
		ch, err := st.AgendaAct(context.Background(), sid, id, act, d)
		if err != nil {
			if errors.Is(err, model.ErrClockState) {
				return statusMsg(err.Error())
			}
			return errMsg{err}
		}
		return agendaActedMsg{sessionID: sid, items: ch.Items, res: ch.Result, act: act, d: d}
	}
}

func (a *agenda) updateList(msg tea.KeyPressMsg) tea.Cmd {
	k := a.keys
	switch {
	case a.list.navigate(msg, k.navKeys):
	case key.Matches(msg, k.Speaker):
		a.mode = agSpeaker
	case key.Matches(msg, k.Add):
		a.openForm(nil)
	}
	if a.mode != agList || len(a.items) == 0 {
		return nil
	}
	switch {
	case key.Matches(msg, k.Toggle):
		return a.actCmd(model.ActToggle, 0)
	case key.Matches(msg, k.Next):
		return a.actCmd(model.ActNext, 0)
	case key.Matches(msg, k.Extend1):
		return a.actCmd(model.ActExtend, time.Minute)
	case key.Matches(msg, k.Extend5):
		return a.actCmd(model.ActExtend, 5*time.Minute)
	case key.Matches(msg, k.Shorten1):
		return a.actCmd(model.ActExtend, -time.Minute)
	case key.Matches(msg, k.Skip):
		return a.actCmd(model.ActSkip, 0)
	case key.Matches(msg, k.Reset):
		a.mode = agConfirmReset
	case key.Matches(msg, k.Delete):
		a.mode = agConfirmDelete
	case key.Matches(msg, k.Edit):
		it := *a.selected()
		a.openForm(&it)
	case key.Matches(msg, k.MoveUp), key.Matches(msg, k.MoveDown):
		d := 1
		if key.Matches(msg, k.MoveUp) {
			d = -1
		}
		id := a.selected().ID
		st := a.c.Store
		return func() tea.Msg {
			if _, err := st.MoveItem(context.Background(), id, d); err != nil {
				return errMsg{err}
			}
			return agendaChangedMsg{status: "", selectID: id}
		}
	case key.Matches(msg, k.Dup):
		id, title := a.selected().ID, a.selected().Title
		st, c := a.c.Store, a.c
		return func() tea.Msg {
			ch, err := st.DuplicateItem(context.Background(), id)
			if err != nil {
				return errMsg{err}
			}
			return agendaChangedMsg{status: c.T("Duplicated %s", safe(title)), selectID: ch.ItemID}
		}
	}
	return nil
}

func (a *agenda) updateConfirm(msg tea.KeyPressMsg) tea.Cmd {
	mode := a.mode
	a.mode = agList
	if !key.Matches(msg, a.keys.Confirm) {
		return statusCmd(a.c.T("Nothing changed"))
	}
	if mode == agConfirmReset {
		return a.actCmd(model.ActReset, 0)
	}
	it := a.selected()
	if it == nil {
		return nil
	}
	id, title := it.ID, it.Title
	st, c := a.c.Store, a.c
	return func() tea.Msg {
		if _, err := st.DeleteItem(context.Background(), id); err != nil {
			return errMsg{err}
		}
		return agendaChangedMsg{status: c.T("Deleted %s", safe(title))}
	}
}

var kindOptions = func() []string {
	out := make([]string, len(model.ItemKinds))
	for i, k := range model.ItemKinds {
		out[i] = string(k)
	}
	return out
}()

func validMinutes(v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 1440 {
		return errors.New("a number of minutes (0–1440)")
	}
	return nil
}

// openForm opens the item form: a new item (nil) or an edit.
func (a *agenda) openForm(it *model.AgendaItem) {
	c := a.c
	v := model.AgendaItem{Kind: model.KindTalk, PlannedMinutes: 30}
	title := c.T("New agenda item")
	if it != nil {
		v = *it
		title = c.T("Edit agenda item")
	}
	a.form = newForm(&c.Styles, title).
		text(c.T("Title"), v.Title, "", true, nil).
		text(c.T("Presenter"), v.Presenter, c.T("who speaks or leads"), false, nil).
		choice(c.T("Kind"), kindOptions, nil, string(v.Kind)).
		text(c.T("Minutes"), strconv.Itoa(v.PlannedMinutes), "", true, validMinutes).
		text(c.T("Fixed start"), v.PinnedStart, c.T("HH:MM if it cannot move (lunch, bus)"), false, validClock).
		text(c.T("Notes"), v.Notes, "", false, nil)
	a.editing = it
	a.mode = agForm
	a.SetSize(a.width, a.height)
}

func (a *agenda) updateForm(msg tea.Msg) tea.Cmd {
	res, cmd := a.form.Update(msg)
	switch res {
	case formCancelled:
		a.mode, a.form, a.editing = agList, nil, nil
		return nil
	case formSubmitted:
		f := a.form
		mins, _ := strconv.Atoi(f.value(3))
		it := model.AgendaItem{Title: f.value(0), Presenter: f.value(1), Kind: model.ItemKind(f.value(2)), PlannedMinutes: mins, PinnedStart: f.value(4), Notes: f.value(5)}
		editing := a.editing
		a.mode, a.form, a.editing = agList, nil, nil
		st, c, sid := a.c.Store, a.c, a.c.Cur.Session.ID
		after := a.list.pos + 1
		if len(a.items) == 0 {
			after = 0
		}
		return func() tea.Msg {
			ctx := context.Background()
			if editing != nil {
				it.ID = editing.ID
				if _, err := st.UpdateItem(ctx, it); err != nil {
					return errMsg{err}
				}
				return agendaChangedMsg{status: c.T("Saved %s", safe(it.Title)), selectID: it.ID}
			}
			ch, err := st.AddItem(ctx, sid, it, after)
			if err != nil {
				return errMsg{err}
			}
			added, _ := ch.Item()
			return agendaChangedMsg{status: c.T("Added %s", safe(added.Title)), selectID: added.ID}
		}
	}
	return cmd
}

// forecast projects the session at the current time.
func (a *agenda) forecast() model.Forecast {
	start := model.SessionStart(a.c.Cur.Session, a.c.Now(), time.Local)
	return model.MakeForecast(start, a.items, a.c.Now())
}

func minutes(d time.Duration) int { return int((d + 30*time.Second) / time.Minute) }

// driftLine is the session's honest clock in one line.
func driftLine(c *Common, f model.Forecast, now time.Time) (string, lipgloss.Style) {
	st := c.Styles
	end, planned := f.End.Local().Format("15:04"), f.PlannedEnd.Local().Format("15:04")
	if !f.Started && now.Before(f.Items[0].PlannedStart) {
		return c.T("Starts %s · planned end %s", f.Items[0].PlannedStart.Local().Format("15:04"), planned), st.Muted
	}
	m := minutes(f.Drift)
	switch {
	case m > 0:
		return c.T("Running %d min late · ends %s (planned %s)", m, end, planned), st.Warning
	case m < 0:
		return c.T("Running %d min ahead · ends %s (planned %s)", -m, end, planned), st.Good
	}
	return c.T("On time · ends %s", end), st.Good
}

func (a *agenda) pinLine(f model.Forecast) string {
	var parts []string
	for _, p := range f.Pins {
		title := safe(a.items[p.Index].Title)
		at := p.Pinned.Local().Format("15:04")
		if m := minutes(p.Slack); m < 0 {
			parts = append(parts, a.c.T("%s %s: the items before it end %d min late", title, at, -m))
		} else {
			parts = append(parts, a.c.T("%s %s: reached in time (%d min spare)", title, at, m))
		}
	}
	return strings.Join(parts, " · ")
}

// View implements screen.
func (a *agenda) View() string {
	st := a.c.Styles
	if a.mode == agForm {
		return st.Box.Render(a.form.View())
	}
	if !a.loaded {
		return st.Muted.Render(a.c.T("Loading the agenda…"))
	}
	if len(a.items) == 0 {
		return st.Muted.Render(a.c.T("No agenda items in this session yet: a adds one, or import a CSV with “convene import agenda FILE”."))
	}
	now := a.c.Now()
	f := a.forecast()
	var b strings.Builder
	drift, dst := driftLine(a.c, f, now)
	b.WriteString(fit(st.Title.Render(a.c.T("Agenda"))+"  "+dst.Render(drift), a.width) + "\n")
	switch a.mode {
	case agConfirmDelete:
		b.WriteString(st.Warning.Render(a.c.T("Delete “%s”? y = yes, any other key = no", safe(a.selected().Title))) + "\n")
	case agConfirmReset:
		b.WriteString(st.Warning.Render(a.c.T("Reset “%s” to upcoming (its times are cleared)? y = yes, any other key = no", safe(a.selected().Title))) + "\n")
	default:
		b.WriteString(st.Muted.Render(fit(a.pinLine(f), a.width)) + "\n")
	}
	wide := a.width >= 100
	fixed := 5 + 1 + 10 + 1 + 5 + 1 + 6 + 1 + 9
	if wide {
		fixed += 6
	}
	flex := max(10, a.width-fixed-2)
	titleW := flex * 3 / 5
	presW := flex - titleW - 1
	header := fit(a.c.T("Plan"), 5) + " "
	if wide {
		header += fit(a.c.T("Est."), 5) + " "
	}
	header += fit(a.c.T("Title"), titleW) + " " + fit(a.c.T("Presenter"), presW) + " " +
		fit(a.c.T("Kind"), 10) + " " + fitRight(a.c.T("Min"), 5) + " " + fitRight(a.c.T("Actual"), 6) + " " + fit(a.c.T("State"), 9)
	b.WriteString(st.TableHeader.Render(fit(header, a.width)) + "\n")
	lo, hi := a.list.visible()
	for i := lo; i < hi; i++ {
		b.WriteString(a.row(i, f.Items[i], titleW, presW, wide, now) + "\n")
	}
	for i := hi - lo; i < a.list.height; i++ {
		b.WriteString("\n")
	}
	b.WriteString(a.nowPanel(now))
	return b.String()
}

func (a *agenda) row(i int, fi model.ItemForecast, titleW, presW int, wide bool, now time.Time) string {
	st := a.c.Styles
	it := a.items[i]
	state := a.c.W(it.Clock.State().String())
	if it.Skipped {
		state = a.c.W("skipped")
	} else if fi.NotHeld {
		state = a.c.W("passed")
	}
	actual := ""
	if !it.Clock.StartedAt.IsZero() {
		actual = model.FormatDuration(it.Clock.Elapsed(now))
	}
	plan := fi.PlannedStart.Local().Format("15:04") // a pinned item's planned start is its pinned time
	mins := strconv.Itoa(it.PlannedMinutes)
	if x := int(it.Clock.Extra / time.Minute); x != 0 {
		mins += fmt.Sprintf("%+d", x) // planned 40, extended by 5: "40+5"
	}
	row := fit(plan, 5) + " "
	if wide {
		est := ""
		if !it.Skipped && !fi.NotHeld {
			est = fi.Start.Local().Format("15:04")
		}
		row += fit(est, 5) + " "
	}
	row += fit(safe(it.Title), titleW) + " " + fit(safe(it.Presenter), presW) + " " +
		fit(a.c.W(string(it.Kind)), 10) + " " + fitRight(mins, 5) + " " + fitRight(actual, 6) + " " + fit(state, 9)
	row = fit(row, a.width)
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

// levelStyle is the colour of a clock's text at its level.
func levelStyle(st Styles, l model.ClockLevel) lipgloss.Style {
	return byLevel(l, st.Running, st.Warning, st.Alarm)
}

// bigStyle is the colour of the big clock's digits at its level.
func bigStyle(st Styles, l model.ClockLevel) lipgloss.Style {
	return byLevel(l, st.BigNormal, st.BigWarning, st.BigOver)
}

// byLevel picks the style for a clock level.
func byLevel(l model.ClockLevel, normal, warning, over lipgloss.Style) lipgloss.Style {
	switch l {
	case model.LevelWarning:
		return warning
	case model.LevelOver:
		return over
	}
	return normal
}

// clockText is "12:03 left" or "+03:12 over".
func clockText(c *Common, clk model.Clock, now time.Time) string {
	rem := clk.Remaining(now)
	if rem < 0 {
		return c.T("+%s over", model.FormatDuration(-rem))
	}
	return c.T("%s left", model.FormatDuration(rem))
}

// progressBar draws elapsed/budget in w cells.
func progressBar(st Styles, clk model.Clock, now time.Time, w int) string {
	if w <= 0 {
		return ""
	}
	full := int(clk.Progress(now) * float64(w))
	return st.BarFull.Render(strings.Repeat("█", full)) + st.BarEmpty.Render(strings.Repeat("░", w-full))
}

// nowPanel shows the active item's clock (3 lines).
func (a *agenda) nowPanel(now time.Time) string {
	st := a.c.Styles
	i := model.Active(a.items)
	if i < 0 {
		next := ""
		for _, it := range a.items {
			if it.Clock.State() == model.ClockIdle && !it.Skipped {
				next = it.Title
				break
			}
		}
		line := a.c.T("Nothing running.")
		if next != "" {
			line += " " + a.c.T("Next: %s — space or n starts it.", safe(next))
		}
		return st.Muted.Render(fit(line, a.width)) + "\n\n"
	}
	it := a.items[i]
	clk := it.Clock
	ls := levelStyle(st, clk.Level(now))
	icon := "▶"
	if clk.State() == model.ClockPaused {
		icon = "⏸"
	}
	head := fmt.Sprintf("%s %s", icon, safe(it.Title))
	if it.Presenter != "" {
		head += " — " + safe(it.Presenter)
	}
	info := a.c.T("elapsed %s of %d min · ", model.FormatDuration(clk.Elapsed(now)), int(clk.Budget()/time.Minute))
	tail := clockText(a.c, clk, now)
	if clk.State() == model.ClockPaused {
		tail += " · " + a.c.T("paused")
	}
	barW := max(0, a.width-lipgloss.Width(info)-lipgloss.Width(tail)-2)
	return ls.Render(fit(head, a.width)) + "\n" + st.Muted.Render(info) + progressBar(st, clk, now, min(barW, 40)) + " " + ls.Render(tail) + "\n"
}

// FullScreen implements fullScreener: the speaker view.
func (a *agenda) FullScreen(w, h int) (string, bool) {
	if a.mode != agSpeaker {
		return "", false
	}
	return a.speakerView(w, h), true
}

// speakerView is the big clock for the speaker or a projector.
func (a *agenda) speakerView(w, h int) string {
	i := model.Active(a.items)
	if i < 0 {
		return bigClock(a.c, a.c.T("Nothing running"), nil, "", w, h)
	}
	next := ""
	for j := i + 1; j < len(a.items); j++ {
		if a.items[j].Clock.State() == model.ClockIdle && !a.items[j].Skipped {
			next = a.c.T("Next: %s", safe(a.items[j].Title))
			if p := a.items[j].Presenter; p != "" {
				next += " — " + safe(p)
			}
			break
		}
	}
	return bigClock(a.c, safe(a.items[i].Title), &a.items[i].Clock, next, w, h)
}

// mmss is a remaining time for the big clock: "12:03", or "+03:12" once over.
func mmss(rem time.Duration) string {
	if rem < 0 {
		return "+" + model.FormatDuration(-rem)
	}
	return model.FormatDuration(rem)
}
