package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// sessionPicker switches the current session or adds a new one; it is an
// overlay on the root's stack, over any screen.
type sessionPicker struct {
	c     *Common
	layer *stack
	list  cursorList
	table *table
	keys  sessionKeys
	popup
}

func newSessionPicker(c *Common, layer *stack) *sessionPicker {
	k := newSessionKeys()
	c.restrictSessionKeys(&k)
	p := &sessionPicker{c: c, layer: layer, keys: k, popup: popup{help: keyList{k.Up, k.Down, k.Switch, k.Default, k.Add, k.Edit, k.MoveUp, k.MoveDown, k.Delete, k.Close}}, table: newTable(
		column{width: 1}, column{title: "No.", width: 3, right: true}, column{title: "Title", flex: 3},
		column{title: "Venue", flex: 2}, column{title: "Date", width: 10}, column{title: "Starts", width: 6},
	)}
	p.list.setLen(len(c.Cur.Sessions))
	for i, s := range c.Cur.Sessions {
		if s.ID == c.Cur.Session.ID {
			p.list.pos = i
		}
	}
	return p
}

// Update implements overlay.
func (p *sessionPicker) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, p.keys.Close):
		p.closed = true
	case p.list.navigate(km, p.keys.navKeys):
	case key.Matches(km, p.keys.Add):
		p.openForm(nil)
	}
	if p.list.pos >= len(p.c.Cur.Sessions) {
		return nil
	}
	se := p.c.Cur.Sessions[p.list.pos]
	switch {
	case key.Matches(km, p.keys.Switch):
		p.closed = true
		return switchSessionCmd(p.c, se)
	case key.Matches(km, p.keys.Default):
		p.closed = true
		return makeDefaultCmd(p.c, se)
	case key.Matches(km, p.keys.Edit):
		p.openForm(&se)
	case key.Matches(km, p.keys.MoveUp), key.Matches(km, p.keys.MoveDown):
		d := 1
		if key.Matches(km, p.keys.MoveUp) {
			d = -1
		}
		p.list.move(d)
		return p.sessionCmd(func(ctx context.Context) (model.EventChanged, error) { return p.c.Store.MoveSession(ctx, se.ID, d) }, "")
	case key.Matches(km, p.keys.Delete):
		// a session the store would refuse to delete is refused at once,
		// with the reason, not after its question
		st, c, layer := p.c.Store, p.c, p.layer
		yes := func() tea.Cmd {
			return p.sessionCmd(func(ctx context.Context) (model.EventChanged, error) { return st.DeleteSession(ctx, se.ID) },
				c.T("Deleted the session %s", safe(se.Title)))
		}
		return func() tea.Msg {
			if err := st.SessionDeletable(context.Background(), se.ID); err != nil {
				if errors.Is(err, store.ErrSessionInUse) {
					return statusMsg(c.translate(err))
				}
				return errMsg{err}
			}
			return askMsg{layer: layer, question: c.T("Delete the session “%s” with its agenda?", safe(se.Title)), yes: yes}
		}
	}
	return nil
}

// openForm asks for a new session (edit nil) or changes one, over the
// picker.
func (p *sessionPicker) openForm(edit *model.Session) {
	c := p.c
	se := &model.Session{EventID: c.Cur.Event.ID, Title: c.T("Part %d", len(c.Cur.Sessions)+1),
		Venue: c.Cur.Session.Venue, Date: c.Now().Format("2006-01-02"), StartTime: "09:00"}
	title := c.T("New session")
	if edit != nil {
		se, title = edit, c.T("Edit session")
	}
	f := newForm(c, p.layer, title, func(*form) tea.Cmd {
		if edit != nil {
			return p.sessionCmd(func(ctx context.Context) (model.EventChanged, error) { return c.Store.UpdateSession(ctx, *se) },
				c.T("Saved %s", safe(se.Title)))
		}
		p.closed = true
		return addSessionCmd(c, *se)
	})
	f.text(c.T("Title"), &se.Title, required()).
		text(c.T("Venue"), &se.Venue).
		text(c.T("Date"), &se.Date, placeholder(c.T("YYYY-MM-DD")), check(validDate)).
		text(c.T("Starts at"), &se.StartTime, placeholder(c.T("HH:MM")), check(validClock))
	p.layer.push(f)
}

// sessionsChangedMsg carries the event's sessions after an edit, a move or
// a delete in the picker.
type sessionsChangedMsg struct {
	change model.EventChanged
	status string
}

// sessionCmd runs an edit of the sessions.
func (p *sessionPicker) sessionCmd(fn func(ctx context.Context) (model.EventChanged, error), status string) tea.Cmd {
	return func() tea.Msg {
		ch, err := fn(context.Background())
		if errors.Is(err, store.ErrSessionInUse) {
			return statusMsg(p.c.translate(err))
		}
		if err != nil {
			return errMsg{err}
		}
		return sessionsChangedMsg{ch, status}
	}
}

// sessionsChanged takes the event's sessions after an edit in the picker
// (a deleted current session: this window moves to the first one).
func (m *Model) sessionsChanged(msg sessionsChangedMsg) tea.Cmd {
	cur := msg.change.Current
	m.c.Cur.Event, m.c.Cur.Sessions = cur.Event, cur.Sessions
	still := false
	for _, se := range cur.Sessions {
		if se.ID == m.c.Cur.Session.ID {
			m.c.Cur.Session, still = se, true
		}
	}
	var cmds []tea.Cmd
	if msg.status != "" {
		cmds = append(cmds, statusCmd(msg.status))
	}
	if !still && len(cur.Sessions) > 0 {
		cmds = append(cmds, switchSessionCmd(m.c, cur.Sessions[0]))
	}
	if p, ok := m.layers.top().(*sessionPicker); ok {
		p.list.setLen(len(cur.Sessions))
	}
	m.layout()
	return tea.Batch(cmds...)
}

// sessionAddedMsg says a session was added (the window asks whether to
// switch to it).
type sessionAddedMsg struct{ change model.EventChanged }

func addSessionCmd(c *Common, se model.Session) tea.Cmd {
	st := c.Store
	return func() tea.Msg {
		ch, err := st.AddSession(context.Background(), se, false)
		if err != nil {
			return errMsg{err}
		}
		return sessionAddedMsg{ch}
	}
}

// sessionAdded asks whether this window switches to the new session.
func (m *Model) sessionAdded(msg sessionAddedMsg) tea.Cmd {
	se, _ := msg.change.Changed()
	m.c.Cur.Sessions = msg.change.Current.Sessions
	m.layers.push(newConfirm(m.c, m.c.T("Added session %s. Switch this window to it now?", safe(se.Title)), func() tea.Cmd {
		return switchSessionCmd(m.c, se)
	}).onNo(func() tea.Cmd {
		return statusCmd(m.c.T("This window stays on %s; F2 switches sessions", safe(m.c.Cur.Session.Title)))
	}))
	return nil
}

// makeDefaultCmd makes se the event's current session: the default for
// new windows and for the commands (other windows are told, not switched).
func makeDefaultCmd(c *Common, se model.Session) tea.Cmd {
	st, key := c.Store, c.deskKey(store.SettingSession)
	status := c.T("%s is now the default session for new windows and commands", safe(se.Title))
	return func() tea.Msg {
		ctx := context.Background()
		if _, err := st.SetCurrent(ctx, se.EventID, se.ID); err != nil {
			return errMsg{err}
		}
		if _, err := st.SetSetting(ctx, key, se.ID); err != nil {
			return errMsg{err}
		}
		return sessionSwitchedMsg{session: se, status: status}
	}
}

// View implements overlay: the picker fills the body.
func (p *sessionPicker) View(_ string, w, h int) string {
	st := p.c.Styles
	p.list.setHeight(h - 7)
	p.table.layout(max(20, w-4))
	var b strings.Builder
	b.WriteString(st.Title.Render(p.c.T("Sessions of %s", safe(p.c.Cur.Event.Name))) + "\n\n")
	b.WriteString(st.TableHeader.Render(p.table.header(p.c.W)) + "\n")
	a, z := p.list.visible()
	for i := a; i < z; i++ {
		s := p.c.Cur.Sessions[i]
		mark := ""
		if s.ID == p.c.Cur.Session.ID {
			mark = "●"
		}
		line := p.table.row([]string{mark, strconv.Itoa(s.Position), safe(s.Title), safe(s.Venue), s.Date, s.StartTime})
		if i == p.list.pos {
			line = st.SelectedRow.Apply(line)
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\n" + st.Muted.Render(p.c.T("● marks the current session")))
	return st.Box.Render(b.String())
}
