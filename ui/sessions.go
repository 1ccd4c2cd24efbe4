package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"convene/model"
)

// sessionPicker switches the current session or adds a new one; it opens
// over any screen.
type sessionPicker struct {
	c      *Common
	list   cursorList
	form   *form
	keys   sessionKeys
	width  int
	height int
}

type sessionKeys struct {
	navKeys
	Switch, Add, Close key.Binding
}

func (k sessionKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Switch, k.Add, k.Close}
}
func (k sessionKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func newSessionPicker(c *Common) *sessionPicker {
	p := &sessionPicker{c: c, keys: sessionKeys{
		navKeys: newNavKeys(true),
		Switch:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "make current")),
		Add:     key.NewBinding(key.WithKeys("n", "a"), key.WithHelp("n", "new session")),
		Close:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}}
	p.list.setLen(len(c.Cur.Sessions))
	for i, s := range c.Cur.Sessions {
		if s.ID == c.Cur.Session.ID {
			p.list.pos = i
		}
	}
	return p
}

func (p *sessionPicker) keyMap() help.KeyMap {
	if p.form != nil {
		return p.form.keys
	}
	return p.keys
}

// SetSize sets the space the picker has.
func (p *sessionPicker) SetSize(w, h int) {
	p.width, p.height = w, h
	p.list.setHeight(h - 6)
	if p.form != nil {
		p.form.SetWidth(min(80, w))
	}
}

// Update handles a key; closed is true when the picker should go away.
func (p *sessionPicker) Update(msg tea.Msg) (cmd tea.Cmd, closed bool) {
	if p.form != nil {
		res, cmd := p.form.Update(msg)
		switch res {
		case formCancelled:
			p.form = nil
		case formSubmitted:
			f := p.form
			se := model.Session{EventID: p.c.Cur.Event.ID, Title: f.value(0), Venue: f.value(1), Date: f.value(2), StartTime: f.value(3)}
			return addSessionCmd(p.c, se), true
		}
		return cmd, false
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, false
	}
	switch {
	case key.Matches(km, p.keys.Close):
		return nil, true
	case p.list.navigate(km, p.keys.navKeys):
	case key.Matches(km, p.keys.Add):
		c := p.c
		n := len(c.Cur.Sessions) + 1
		p.form = newForm(&c.Styles, c.T("New session")).
			text(c.T("Title"), c.T("Part %d", n), "", true, nil).
			text(c.T("Venue"), c.Cur.Session.Venue, "", false, nil).
			text(c.T("Date"), c.Now().Format("2006-01-02"), "YYYY-MM-DD", false, validDate).
			text(c.T("Starts at"), "09:00", "HH:MM", false, validClock)
		p.SetSize(p.width, p.height)
	case key.Matches(km, p.keys.Switch):
		if p.list.pos < len(p.c.Cur.Sessions) {
			return switchSessionCmd(p.c, p.c.Cur.Sessions[p.list.pos]), true
		}
	}
	return nil, false
}

func addSessionCmd(c *Common, se model.Session) tea.Cmd {
	st := c.Store
	return func() tea.Msg {
		ch, err := st.AddSession(context.Background(), se)
		if err != nil {
			return errMsg{err}
		}
		se := ch.Current.Session
		return tea.BatchMsg{func() tea.Msg { return reloadMsg{} }, statusCmd(c.T("Added session %s", se.Title))}
	}
}

func switchSessionCmd(c *Common, se model.Session) tea.Cmd {
	st := c.Store
	return func() tea.Msg {
		if _, err := st.SetCurrent(context.Background(), se.EventID, se.ID); err != nil {
			return errMsg{err}
		}
		return tea.BatchMsg{func() tea.Msg { return reloadMsg{} }, statusCmd(c.T("Current session: %s", se.Title))}
	}
}

// View renders the picker.
func (p *sessionPicker) View() string {
	st := p.c.Styles
	if p.form != nil {
		return st.Box.Render(p.form.View())
	}
	var b strings.Builder
	b.WriteString(st.Title.Render(p.c.T("Sessions of %s", safe(p.c.Cur.Event.Name))) + "\n\n")
	a, z := p.list.visible()
	w := max(20, p.width-8)
	for i := a; i < z; i++ {
		s := p.c.Cur.Sessions[i]
		mark := "  "
		if s.ID == p.c.Cur.Session.ID {
			mark = "● "
		}
		line := fit(fmt.Sprintf("%s%d. %s · %s · %s %s", mark, s.Position, safe(s.Title), safe(s.Venue), s.Date, s.StartTime), w)
		if i == p.list.pos {
			line = st.Selected.Render(line)
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\n" + st.Muted.Render(p.c.T("● marks the current session")))
	return st.Box.Render(b.String())
}
