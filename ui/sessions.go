package ui

import (
	"context"
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
	p := &sessionPicker{c: c, layer: layer, keys: k, popup: popup{help: keyList{k.Up, k.Down, k.Switch, k.Default, k.Add, k.Close}}, table: newTable(
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
		p.openForm()
	case key.Matches(km, p.keys.Switch):
		if p.list.pos < len(p.c.Cur.Sessions) {
			p.closed = true
			return switchSessionCmd(p.c, p.c.Cur.Sessions[p.list.pos])
		}
	case key.Matches(km, p.keys.Default):
		if p.list.pos < len(p.c.Cur.Sessions) {
			p.closed = true
			return makeDefaultCmd(p.c, p.c.Cur.Sessions[p.list.pos])
		}
	}
	return nil
}

// openForm asks for a new session (over the picker).
func (p *sessionPicker) openForm() {
	c := p.c
	se := &model.Session{EventID: c.Cur.Event.ID, Title: c.T("Part %d", len(c.Cur.Sessions)+1),
		Venue: c.Cur.Session.Venue, Date: c.Now().Format("2006-01-02"), StartTime: "09:00"}
	f := newForm(c, p.layer, c.T("New session"), func(*form) tea.Cmd {
		p.closed = true
		return addSessionCmd(c, *se)
	})
	f.text(c.T("Title"), &se.Title, required()).
		text(c.T("Venue"), &se.Venue).
		text(c.T("Date"), &se.Date, placeholder("YYYY-MM-DD"), check(validDate)).
		text(c.T("Starts at"), &se.StartTime, placeholder("HH:MM"), check(validClock))
	p.layer.push(f)
}

// sessionAddedMsg says a session was added (the window asks whether to
// switch to it).
type sessionAddedMsg struct{ change model.EventChanged }

func addSessionCmd(c *Common, se model.Session) tea.Cmd {
	st := c.Store
	return func() tea.Msg {
		ch, err := st.AddSession(context.Background(), se)
		if err != nil {
			return errMsg{err}
		}
		return sessionAddedMsg{ch}
	}
}

// sessionAdded asks whether this window switches to the new session.
func (m *Model) sessionAdded(msg sessionAddedMsg) tea.Cmd {
	se := msg.change.Current.Session
	m.defaultSeen = se.ID // this window's own doing: no banner
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
