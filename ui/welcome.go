package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// welcome is shown on an empty database: create an event or load the demo.
type welcome struct {
	c      *Common
	choice int
	form   *form
	keys   welcomeKeys
	width  int
	height int
}

type welcomeKeys struct {
	Up, Down, Choose, Create, Demo key.Binding
}

func (k welcomeKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Choose, k.Create, k.Demo}
}
func (k welcomeKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func newWelcome(c *Common) *welcome {
	return &welcome{c: c, keys: welcomeKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓", "down")),
		Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Create: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "create an event")),
		Demo:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "load the demo")),
	}}
}

func (w *welcome) keyMap() help.KeyMap {
	if w.form != nil {
		return w.form.keys
	}
	return w.keys
}

// SetSize implements the sizing of the screen contract.
func (w *welcome) SetSize(width, height int) {
	w.width, w.height = width, height
	if w.form != nil {
		w.form.SetWidth(min(80, width))
	}
}

func validDate(s string) error {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return errors.New("use YYYY-MM-DD")
	}
	return nil
}

func validClock(s string) error {
	if _, err := time.Parse("15:04", s); err != nil {
		return errors.New("use HH:MM")
	}
	return nil
}

func (w *welcome) openForm() {
	today := w.c.Now().Format("2006-01-02")
	c := w.c
	w.form = newForm(&c.Styles, c.T("Create an event")).
		text(c.T("Event name"), "", c.T("e.g. Human rights seminar"), true, nil).
		text(c.T("Venue"), "", c.T("city, building"), false, nil).
		text(c.T("Start date"), today, "YYYY-MM-DD", true, validDate).
		text(c.T("End date"), today, "YYYY-MM-DD", false, validDate).
		text(c.T("First session"), c.T("Part 1"), "", true, nil).
		text(c.T("Starts at"), "09:00", "HH:MM", false, validClock)
	w.SetSize(w.width, w.height)
}

// Update handles keys for the welcome screen.
func (w *welcome) Update(msg tea.Msg) tea.Cmd {
	if w.form != nil {
		res, cmd := w.form.Update(msg)
		switch res {
		case formCancelled:
			w.form = nil
		case formSubmitted:
			f := w.form
			ev := model.Event{Name: f.value(0), Venue: f.value(1), StartDate: f.value(2), EndDate: f.value(3)}
			se := model.Session{Title: f.value(4), Venue: f.value(1), Date: f.value(2), StartTime: f.value(5)}
			return createEventCmd(w.c, ev, se)
		}
		return cmd
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, w.keys.Up), key.Matches(km, w.keys.Down):
		w.choice = 1 - w.choice
	case key.Matches(km, w.keys.Create):
		w.openForm()
	case key.Matches(km, w.keys.Demo):
		return loadDemoCmd(w.c)
	case key.Matches(km, w.keys.Choose):
		if w.choice == 0 {
			w.openForm()
			return nil
		}
		return loadDemoCmd(w.c)
	}
	return nil
}

func createEventCmd(c *Common, ev model.Event, se model.Session) tea.Cmd {
	st := c.Store
	return func() tea.Msg {
		if _, err := st.CreateEvent(context.Background(), ev, se); err != nil {
			return errMsg{err}
		}
		return reloadMsg{}
	}
}

func loadDemoCmd(c *Common) tea.Cmd {
	st, now := c.Store, c.Now()
	return func() tea.Msg {
		if _, err := st.LoadDataset(context.Background(), model.Demo(now, store.NewID)); err != nil {
			return errMsg{err}
		}
		return reloadMsg{}
	}
}

// View renders the welcome screen.
func (w *welcome) View() string {
	st := w.c.Styles
	if w.form != nil {
		return st.Box.Render(w.form.View())
	}
	var b strings.Builder
	b.WriteString(st.Title.Render(w.c.T("Welcome to convene")) + "\n\n")
	b.WriteString(w.c.T("This database has no event yet. What would you like to do?") + "\n\n")
	opts := []string{w.c.T("Create an event (name, venue, dates, first session)"), w.c.T("Load the demo event (a two-part human-rights seminar)")}
	for i, o := range opts {
		line := "  " + o
		if i == w.choice {
			line = st.Selected.Render("› " + o)
		}
		b.WriteString(line + "\n")
	}
	return st.Box.Render(b.String())
}
