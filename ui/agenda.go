package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"convene/model"
)

// agendaKeys is the Agenda screen's key map.
type agendaKeys struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
}

func newAgendaKeys() agendaKeys {
	return agendaKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home", "first")),
		End:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end", "last")),
	}
}

// agendaLoadedMsg carries a session's agenda.
type agendaLoadedMsg struct {
	sessionID string
	items     []model.AgendaItem
}

// agenda is the Agenda screen: the current session's items and their clocks.
type agenda struct {
	c      *Common
	keys   agendaKeys
	items  []model.AgendaItem
	list   cursorList
	width  int
	height int
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

// Editing implements screen.
func (a *agenda) Editing() bool { return false }

// SetSize implements screen.
func (a *agenda) SetSize(w, h int) {
	a.width, a.height = w, h
	a.list.setHeight(h - 3)
}

// ShortHelp implements help.KeyMap.
func (a *agenda) ShortHelp() []key.Binding { return []key.Binding{a.keys.Up, a.keys.Down} }

// FullHelp implements help.KeyMap.
func (a *agenda) FullHelp() [][]key.Binding {
	k := a.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}}
}

// Update implements screen.
func (a *agenda) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case agendaLoadedMsg:
		if msg.sessionID != a.c.Cur.Session.ID {
			return nil
		}
		a.items = msg.items
		a.list.setLen(len(a.items))
	case tea.KeyPressMsg:
		k := a.keys
		switch {
		case key.Matches(msg, k.Up):
			a.list.move(-1)
		case key.Matches(msg, k.Down):
			a.list.move(1)
		case key.Matches(msg, k.PageUp):
			a.list.move(-a.list.height)
		case key.Matches(msg, k.PageDown):
			a.list.move(a.list.height)
		case key.Matches(msg, k.Home):
			a.list.home()
		case key.Matches(msg, k.End):
			a.list.end()
		}
	}
	return nil
}

// View implements screen.
func (a *agenda) View() string {
	st := a.c.Styles
	if len(a.items) == 0 {
		return st.Muted.Render(a.c.T("No agenda items in this session yet."))
	}
	now := a.c.Now()
	start := model.SessionStart(a.c.Cur.Session, now, time.Local)
	starts := model.PlannedStarts(start, a.items)
	total := 0
	for _, it := range a.items {
		if !it.Skipped {
			total += it.PlannedMinutes
		}
	}
	end := start
	if n := len(a.items); n > 0 && !a.items[n-1].Skipped {
		end = starts[n-1].Add(time.Duration(a.items[n-1].PlannedMinutes) * time.Minute)
	}
	var b strings.Builder
	b.WriteString(st.Title.Render(a.c.T("Agenda")) + st.Muted.Render(fmt.Sprintf("  %d items · %s–%s planned", len(a.items), start.Format("15:04"), end.Format("15:04"))) + "\n")
	// columns: start 5, title flex, presenter flex, kind 10, plan 5, actual 6, state 9
	fixed := 5 + 1 + 10 + 1 + 5 + 1 + 6 + 1 + 9 + 2
	flex := max(10, a.width-fixed)
	titleW := flex * 3 / 5
	presW := flex - titleW - 1
	header := fit(a.c.T("Start"), 5) + " " + fit(a.c.T("Title"), titleW) + " " + fit(a.c.T("Presenter"), presW) + " " +
		fit(a.c.T("Kind"), 10) + " " + fitRight(a.c.T("Plan"), 5) + " " + fitRight(a.c.T("Actual"), 6) + " " + fit(a.c.T("State"), 9)
	b.WriteString(st.TableHeader.Render(fit(header, a.width-2)) + "\n")
	lo, hi := a.list.visible()
	for i := lo; i < hi; i++ {
		it := a.items[i]
		state := a.c.W(it.Clock.State().String())
		if it.Skipped {
			state = a.c.T("skipped")
		}
		actual := ""
		if !it.Clock.StartedAt.IsZero() {
			actual = model.FormatDuration(it.Clock.Elapsed(now))
		}
		startCol := starts[i].Format("15:04")
		if it.PinnedStart != "" {
			startCol = it.PinnedStart
		}
		row := fit(startCol, 5) + " " + fit(safe(it.Title), titleW) + " " + fit(safe(it.Presenter), presW) + " " +
			fit(a.c.W(string(it.Kind)), 10) + " " + fitRight(fmt.Sprintf("%d′", it.PlannedMinutes), 5) + " " + fitRight(actual, 6) + " " + fit(state, 9)
		row = fit(row, a.width-2)
		switch {
		case i == a.list.pos:
			row = st.Selected.Render(row)
		case it.Clock.State() == model.ClockRunning:
			row = st.Running.Render(row)
		case it.Clock.State() == model.ClockDone || it.Skipped:
			row = st.Muted.Render(row)
		}
		b.WriteString(row + "\n")
	}
	if a.list.n > a.list.height {
		b.WriteString(st.Muted.Render(a.list.scrollInfo()))
	}
	return b.String()
}
