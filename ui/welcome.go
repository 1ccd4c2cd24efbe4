package ui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// welcome is shown on an empty database: create an event or load the
// demo. It is an overlay on the root's stack; its form goes on top of it.
type welcome struct {
	c      *Common
	layer  *stack
	choice int
	zone   string // offered for a new event
	keys   welcomeKeys
	popup
}

func newWelcome(c *Common, layer *stack, zone string) *welcome {
	if zone == "" {
		zone = model.DefaultZone
	}
	k := newWelcomeKeys()
	if !c.may(store.OpEvent) {
		off(&k.Up, &k.Down, &k.Choose, &k.Create, &k.Demo) // the organiser creates the event
	}
	return &welcome{c: c, layer: layer, zone: zone, keys: k, popup: popup{help: keyList{k.Up, k.Down, k.Choose, k.Create, k.Demo}}}
}

// eventForm is what the create-an-event form fills in.
type eventForm struct {
	Name, Venue, Start, End, Zone, Session, StartTime string
}

func (w *welcome) openForm() {
	c := w.c
	today := c.Now().Format("2006-01-02")
	v := &eventForm{Start: today, End: today, Zone: w.zone, Session: c.T("Part 1"), StartTime: "09:00"}
	f := newForm(c, w.layer, c.T("Create an event"), func(*form) tea.Cmd {
		ev := model.Event{Name: v.Name, Venue: v.Venue, StartDate: v.Start, EndDate: v.End, Zone: v.Zone}
		se := model.Session{Title: v.Session, Venue: v.Venue, Date: v.Start, StartTime: v.StartTime}
		return createEventCmd(c, ev, se)
	})
	f.text(c.T("Event name"), &v.Name, required(), placeholder(c.T("e.g. Human rights seminar"))).
		text(c.T("Venue"), &v.Venue, placeholder(c.T("city, building"))).
		text(c.T("Start date"), &v.Start, required(), placeholder(c.T("YYYY-MM-DD")), check(validDate)).
		text(c.T("End date"), &v.End, placeholder(c.T("YYYY-MM-DD")), check(validDate)).
		text(c.T("Time zone"), &v.Zone, placeholder(model.DefaultZone), check(validZone)).
		text(c.T("First session"), &v.Session, required()).
		text(c.T("Starts at"), &v.StartTime, placeholder(c.T("HH:MM")), check(validClock))
	w.layer.push(f)
}

// Update implements overlay.
func (w *welcome) Update(msg tea.Msg) tea.Cmd {
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
	st, now, lang := c.Store, c.Now(), c.I18n.Lang()
	return func() tea.Msg {
		if _, err := st.LoadDataset(context.Background(), model.DemoIn(lang, now, store.NewID)); err != nil {
			return errMsg{err}
		}
		return reloadMsg{}
	}
}

// View implements overlay: the welcome fills the body.
func (w *welcome) View(_ string, _, _ int) string {
	st := w.c.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render(w.c.T("Welcome to convene")) + "\n\n")
	if !w.c.may(store.OpEvent) {
		return st.Box.Render(b.String() + w.c.T("This database has no event yet. The organiser creates it; this screen follows by itself."))
	}
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
