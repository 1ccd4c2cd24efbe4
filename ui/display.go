package ui

// The display: a window of the display role (a projector, the speaker's
// laptop) is one full-screen big clock following whatever agenda item or
// topic timebox runs, with what is next, the organiser's message large
// over it, and one flash when time is up. It writes nothing. And the
// organiser's side: the message picker on the Agenda (m).

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"convene/i18n"
	"convene/model"
)

// messageLoadedMsg carries the display message as stored.
type messageLoadedMsg struct {
	eventID, text string
}

// display is the display role's only screen.
type display struct {
	base
	agenda  *agenda
	topics  *topics
	message string
	// flash: when the followed clock went over time, until when the
	// screen is drawn reversed; overID is the clock that did (it flashes
	// once).
	flashUntil time.Time
	overID     string
}

func newDisplay(c *Common, a *agenda, t *topics) *display {
	return &display{base: base{c: c}, agenda: a, topics: t}
}

// display is the window's display screen, if it is a display.
func (m *Model) display() *display {
	d, _ := m.screens[ScreenCheckIn].(*display)
	return d
}

// displayKey handles a key on a display: only quitting, the language and
// the help act (nothing writes).
func (m *Model) displayKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.QuitQ):
		return m.quit()
	case key.Matches(msg, k.Language):
		return m.nextLanguage()
	case key.Matches(msg, k.Help), key.Matches(msg, k.HelpF1):
		return m.openHelp()
	}
	return nil
}

// Load implements screen: the organiser's message.
func (d *display) Load() tea.Cmd {
	st, eid := d.c.Store, d.c.Cur.Event.ID
	return func() tea.Msg {
		text, err := st.Setting(context.Background(), displayMessageKey(eid))
		if err != nil {
			return errMsg{err}
		}
		return messageLoadedMsg{eventID: eid, text: text}
	}
}

// Update implements screen.
func (d *display) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case messageLoadedMsg:
		if msg.eventID == d.c.Cur.Event.ID {
			d.message = msg.text
		}
	case changedMsg:
		if ch, ok := msg.change.(model.SettingChanged); ok && ch.Key == displayMessageKey(d.c.Cur.Event.ID) {
			d.message = ch.Value
		}
		d.checkOver()
	case secondMsg:
		d.checkOver()
	}
	return nil
}

// followed is the clock the display follows: the agenda's running item,
// else the topic under discussion. id tells clocks apart.
func (d *display) followed() (id string, clk model.Clock, ok bool) {
	if i := model.Active(d.agenda.items); i >= 0 {
		return "a:" + d.agenda.items[i].ID, d.agenda.items[i].Clock, true
	}
	if i := model.Discussing(d.topics.topics); i >= 0 {
		return "t:" + d.topics.topics[i].ID, d.topics.topics[i].Clock, true
	}
	return "", model.Clock{}, false
}

// checkOver starts the flash when the followed clock has just gone over
// time (once per clock).
func (d *display) checkOver() {
	now := d.c.Now()
	id, clk, ok := d.followed()
	if !ok || clk.State() != model.ClockRunning || clk.Level(now) != model.LevelOver || id == d.overID {
		return
	}
	if d.overID == "" && clk.Remaining(now) < -2*time.Second {
		d.overID = id // already over when the display started: no flash
		return
	}
	d.overID = id
	d.flashUntil = now.Add(time.Second)
}

// Ticking implements ticker: the flash ends by itself.
func (d *display) Ticking() bool { return d.c.Now().Before(d.flashUntil) }

// SetSize implements screen.
func (d *display) SetSize(w, h int) { d.width, d.height = w, h }

// View implements screen (the root draws the display full screen).
func (d *display) View() string { return d.draw(d.width, d.height) }

// ShortHelp implements help.KeyMap: a display has no keys of its own.
func (d *display) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (d *display) FullHelp() [][]key.Binding { return nil }

// draw is the whole display in w×h cells.
func (d *display) draw(w, h int) string {
	c := d.c
	var v string
	switch _, _, ok := d.followed(); {
	case ok && model.Active(d.agenda.items) >= 0:
		v = d.agenda.speakerView(w, h)
	case ok:
		v = d.topics.bigClock(w, h)
	default:
		next := ""
		if j := d.agenda.nextItem(-1); j >= 0 {
			next = c.T("Next: %s", safe(d.agenda.items[j].Title))
			if p := d.agenda.items[j].Presenter; p != "" {
				next += " — " + safe(p)
			}
		}
		v = bigClock(c, c.T("Nothing running"), nil, next, w, h)
	}
	if d.message != "" {
		v = float(v, d.messageBox(w, h), w, h)
	}
	if c.Now().Before(d.flashUntil) {
		v = lipgloss.NewStyle().Reverse(true).Render(clampLines(v, w, h))
	}
	return v
}

// messageBox is the organiser's message, large: bold, in a double box,
// with room around it.
func (d *display) messageBox(w, h int) string {
	st := d.c.Styles
	inner := max(10, w*2/3)
	text := wrapText(safe(d.message), inner-8)
	lines := strings.Split(text, "\n")
	if len(lines) > max(1, h-6) {
		lines = lines[:max(1, h-6)]
	}
	body := lipgloss.NewStyle().Width(inner - 4).Align(lipgloss.Center).Bold(true).Render(strings.Join(lines, "\n"))
	return st.WarnBox.Padding(1, 2).Render(body)
}

// The organiser's side.

// messagesLoadedMsg carries the saved messages, to open the picker.
type messagesLoadedMsg struct{ saved []string }

// savedMessagesKey is the setting holding the messages the organiser
// typed, one a line, newest first.
const savedMessagesKey = "display_messages"

// loadMessagesCmd reads the saved messages and opens the picker.
func loadMessagesCmd(c *Common) tea.Cmd {
	st := c.Store
	return func() tea.Msg {
		v, err := st.Setting(context.Background(), savedMessagesKey)
		if err != nil {
			return errMsg{err}
		}
		var saved []string
		for _, l := range strings.Split(v, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				saved = append(saved, l)
			}
		}
		return messagesLoadedMsg{saved: saved}
	}
}

// openMessages opens the message picker over the Agenda.
func (m *Model) openMessages(msg messagesLoadedMsg) tea.Cmd {
	a := m.screens[ScreenAgenda].(*agenda)
	a.open(newMessagePicker(m.c, &a.layers, msg.saved))
	return nil
}

// newMessagePicker lists the standard messages and the saved ones, then
// «type a message» and «clear».
func newMessagePicker(c *Common, layer *stack, saved []string) *picker {
	texts := []string{c.T("5 minutes"), c.T("Please wrap up"), c.T("Questions from the floor")}
	for _, s := range saved {
		dup := false
		for _, t := range texts {
			dup = dup || t == s
		}
		if !dup {
			texts = append(texts, s)
		}
	}
	typeRow, clearRow := len(texts), len(texts)+1
	row := func(i int, selected bool, w int) string {
		label := ""
		switch i {
		case typeRow:
			label = c.T("Type a message…")
		case clearRow:
			label = c.T("Clear the message (the displays show only the clock)")
		default:
			label = "«" + safe(texts[i]) + "»"
		}
		line := fit("  "+label, w)
		if selected {
			return c.Styles.SelectedRow.Apply(line)
		}
		return line
	}
	p := newPicker(c, c.T("Message to the displays (shown large over the clock)"), len(texts)+2, row, func(i int) tea.Cmd {
		switch i {
		case typeRow:
			var text string
			f := newForm(c, layer, c.T("Message to the displays"), func(*form) tea.Cmd {
				return sendMessageCmd(c, text, append([]string{text}, saved...))
			})
			f.text(c.T("Message"), &text, required(), placeholder(c.T("a few words, read from the back of the room")))
			layer.push(f)
			return nil
		case clearRow:
			return sendMessageCmd(c, "", nil)
		}
		return sendMessageCmd(c, texts[i], nil)
	})
	p.keys.Pick.SetHelp("enter", i18n.Key("send to the displays"))
	p.help = keyList{p.keys.Up, p.keys.Down, p.keys.Pick, p.keys.Back}
	return p
}

// sendMessageCmd stores the display message (the displays get it through
// the change); a typed one is also kept in the saved list (save: the new
// list, newest first).
func sendMessageCmd(c *Common, text string, save []string) tea.Cmd {
	st, key := c.Store, displayMessageKey(c.Cur.Event.ID)
	text = safe(strings.TrimSpace(text))
	status := c.T("The displays show «%s»", text)
	if text == "" {
		status = c.T("Message cleared: the displays show only the clock")
	}
	return commit(c, func(ctx context.Context) (model.SettingChanged, error) {
		if save != nil {
			if len(save) > 10 {
				save = save[:10]
			}
			if _, err := st.SetSetting(ctx, savedMessagesKey, strings.Join(save, "\n")); err != nil {
				return model.SettingChanged{}, err
			}
		}
		return st.SetSetting(ctx, key, text)
	}, func(model.SettingChanged) string { return status })
}
