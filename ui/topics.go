package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"convene/model"
)

// topicsKeys is the Topics screen's key map.
type topicsKeys struct {
	Up, Down key.Binding
}

// topicsLoadedMsg carries the event's topics.
type topicsLoadedMsg struct {
	eventID string
	topics  []model.Topic
}

// topics is the Topics screen: what the room raised, with votes and status.
type topics struct {
	c      *Common
	keys   topicsKeys
	topics []model.Topic
	list   cursorList
	width  int
	height int
}

func newTopics(c *Common) *topics {
	return &topics{c: c, keys: topicsKeys{
		Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
	}}
}

// Load implements screen.
func (t *topics) Load() tea.Cmd {
	st, eid := t.c.Store, t.c.Cur.Event.ID
	return func() tea.Msg {
		ts, err := st.Topics(context.Background(), eid)
		if err != nil {
			return errMsg{err}
		}
		return topicsLoadedMsg{eventID: eid, topics: ts}
	}
}

// Editing implements screen.
func (t *topics) Editing() bool { return false }

// SetSize implements screen.
func (t *topics) SetSize(w, h int) {
	t.width, t.height = w, h
	t.list.setHeight(h - 3)
}

// ShortHelp implements help.KeyMap.
func (t *topics) ShortHelp() []key.Binding { return []key.Binding{t.keys.Up, t.keys.Down} }

// FullHelp implements help.KeyMap.
func (t *topics) FullHelp() [][]key.Binding { return [][]key.Binding{t.ShortHelp()} }

// Update implements screen.
func (t *topics) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case topicsLoadedMsg:
		if msg.eventID != t.c.Cur.Event.ID {
			return nil
		}
		t.topics = msg.topics
		t.list.setLen(len(t.topics))
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, t.keys.Up):
			t.list.move(-1)
		case key.Matches(msg, t.keys.Down):
			t.list.move(1)
		}
	}
	return nil
}

func (t *topics) raisedBy(tp model.Topic) string {
	switch tp.RaisedBy {
	case model.RaisedByParticipant:
		if tp.ParticipantName != "" {
			return safe(tp.ParticipantName)
		}
		return t.c.T("a participant")
	case model.RaisedByAnonymous:
		return t.c.T("anonymous")
	}
	return t.c.T("from the floor")
}

// View implements screen.
func (t *topics) View() string {
	st := t.c.Styles
	if len(t.topics) == 0 {
		return st.Muted.Render(t.c.T("No topics raised yet."))
	}
	now := t.c.Now()
	var b strings.Builder
	b.WriteString(st.Title.Render(t.c.T("Topics")) + st.Muted.Render(fmt.Sprintf("  %d", len(t.topics))) + "\n")
	fixed := 5 + 1 + 11 + 1 + 6 + 1 + 2
	flex := max(10, t.width-fixed)
	titleW := flex * 62 / 100
	byW := flex - titleW - 1
	header := fitRight(t.c.T("Votes"), 5) + " " + fit(t.c.T("Topic"), titleW) + " " + fit(t.c.T("Status"), 11) + " " + fit(t.c.T("Raised by"), byW) + " " + fitRight(t.c.T("Time"), 6)
	b.WriteString(st.TableHeader.Render(fit(header, t.width-2)) + "\n")
	lo, hi := t.list.visible()
	for i := lo; i < hi; i++ {
		tp := t.topics[i]
		spent := ""
		if !tp.Clock.StartedAt.IsZero() {
			spent = model.FormatDuration(tp.Clock.Elapsed(now))
		}
		row := fitRight(fmt.Sprint(tp.Votes), 5) + " " + fit(safe(tp.Title), titleW) + " " + fit(t.c.W(string(tp.Status)), 11) + " " + fit(t.raisedBy(tp), byW) + " " + fitRight(spent, 6)
		row = fit(row, t.width-2)
		if i == t.list.pos {
			row = st.Selected.Render(row)
		}
		b.WriteString(row + "\n")
	}
	return b.String()
}
