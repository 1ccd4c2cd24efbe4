package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"convene/model"
)

// checkinKeys is the Check-in screen's key map.
type checkinKeys struct {
	Up, Down, PageUp, PageDown, Home, End, Clear key.Binding
}

func newCheckinKeys() checkinKeys {
	return checkinKeys{
		Up:       key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
		Down:     key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first")),
		End:      key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last")),
		Clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),
	}
}

// rosterLoadedMsg carries the event's participants (indexed) and the
// current session's attendance.
type rosterLoadedMsg struct {
	eventID, sessionID string
	index              *model.Index
	here               map[string]time.Time
}

// checkin is the Check-in screen: type to find, see who is here.
type checkin struct {
	c       *Common
	keys    checkinKeys
	search  textinput.Model
	index   *model.Index
	here    map[string]time.Time
	results []int
	list    cursorList
	width   int
	height  int
}

func newCheckIn(c *Common) *checkin {
	ci := &checkin{c: c, keys: newCheckinKeys(), index: model.NewIndex(nil), here: map[string]time.Time{}}
	ci.search = newInput(c.Styles, c.T("type a name, organisation, e-mail or phone — any script"), 40)
	ci.search.Focus()
	return ci
}

// Load implements screen.
func (s *checkin) Load() tea.Cmd {
	st, eid, sid := s.c.Store, s.c.Cur.Event.ID, s.c.Cur.Session.ID
	return func() tea.Msg {
		ctx := context.Background()
		people, err := st.Participants(ctx, eid)
		if err != nil {
			return errMsg{err}
		}
		here, err := st.Attendance(ctx, sid)
		if err != nil {
			return errMsg{err}
		}
		return rosterLoadedMsg{eventID: eid, sessionID: sid, index: model.NewIndex(people), here: here}
	}
}

// Editing implements screen: the search field always has focus.
func (s *checkin) Editing() bool { return true }

// SetSize implements screen.
func (s *checkin) SetSize(w, h int) {
	s.width, s.height = w, h
	s.search.SetWidth(max(10, w-12))
	s.list.setHeight(h - 5)
}

// ShortHelp implements help.KeyMap.
func (s *checkin) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Up, s.keys.Down, s.keys.Clear}
}

// FullHelp implements help.KeyMap.
func (s *checkin) FullHelp() [][]key.Binding {
	k := s.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End, k.Clear}}
}

func (s *checkin) refilter() {
	s.results = s.index.Search(s.results, s.search.Value(), nil)
	s.list.setLen(len(s.results))
}

// Update implements screen.
func (s *checkin) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case rosterLoadedMsg:
		if msg.sessionID != s.c.Cur.Session.ID || msg.eventID != s.c.Cur.Event.ID {
			return nil
		}
		s.index, s.here = msg.index, msg.here
		s.refilter()
		return nil
	case tea.MouseWheelMsg:
		if msg.Mouse().Button == tea.MouseWheelUp {
			s.list.move(-3)
		} else if msg.Mouse().Button == tea.MouseWheelDown {
			s.list.move(3)
		}
		return nil
	case tea.KeyPressMsg:
		k := s.keys
		switch {
		case key.Matches(msg, k.Up):
			s.list.move(-1)
			return nil
		case key.Matches(msg, k.Down):
			s.list.move(1)
			return nil
		case key.Matches(msg, k.PageUp):
			s.list.move(-s.list.height)
			return nil
		case key.Matches(msg, k.PageDown):
			s.list.move(s.list.height)
			return nil
		case key.Matches(msg, k.Home):
			s.list.home()
			return nil
		case key.Matches(msg, k.End):
			s.list.end()
			return nil
		case key.Matches(msg, k.Clear):
			s.search.SetValue("")
			s.refilter()
			return nil
		}
	}
	before := s.search.Value()
	var cmd tea.Cmd
	s.search, cmd = s.search.Update(msg)
	if s.search.Value() != before {
		s.refilter()
		s.list.home()
	}
	return cmd
}

// View implements screen.
func (s *checkin) View() string {
	st := s.c.Styles
	var b strings.Builder
	b.WriteString(st.Label.Render(s.c.T("Find: ")) + s.search.View() + "\n")
	b.WriteString(s.countsLine() + "\n")
	if s.index.Len() == 0 {
		b.WriteString("\n" + st.Muted.Render(s.c.T("No participants yet.")))
		return b.String()
	}
	// columns: mark 2, time 5, name flex, org flex, category 14
	fixed := 2 + 6 + 1 + 15
	flex := max(10, s.width-fixed)
	nameW := flex * 45 / 100
	orgW := flex - nameW - 1
	header := fit("", 2) + fit(s.c.T("Time"), 6) + fit(s.c.T("Name"), nameW) + " " + fit(s.c.T("Organisation"), orgW) + " " + fit(s.c.T("Category"), 14)
	b.WriteString(st.TableHeader.Render(fit(header, s.width)) + "\n")
	if len(s.results) == 0 {
		b.WriteString(st.Muted.Render(s.c.T("Nobody matches “%s”.", safe(s.search.Value()))))
		return b.String()
	}
	lo, hi := s.list.visible()
	for i := lo; i < hi; i++ {
		p := s.index.Person(s.results[i])
		mark, at := "  ", ""
		if t, ok := s.here[p.ID]; ok {
			mark, at = "✓ ", localClock(t)
		}
		row := fit(mark, 2) + fit(at, 6) + fit(safe(p.FullName), nameW) + " " + fit(safe(p.Organisation), orgW) + " " + fit(safe(p.Category), 14)
		row = fit(row, s.width)
		if i == s.list.pos {
			row = st.Selected.Render(row)
		} else if mark != "  " {
			row = st.Good.Render(row)
		}
		b.WriteString(row + "\n")
	}
	if s.list.n > s.list.height {
		b.WriteString(st.Muted.Render(s.list.scrollInfo()))
	}
	return b.String()
}

func (s *checkin) countsLine() string {
	st := s.c.Styles
	n := s.index.Len()
	here := 0
	var f, m int
	for i := range n {
		p := s.index.Person(i)
		if _, ok := s.here[p.ID]; ok {
			here++
			switch p.Gender {
			case model.GenderFemale:
				f++
			case model.GenderMale:
				m++
			}
		}
	}
	return st.Bold.Render(s.c.T("Checked in %d / %d", here, n)) +
		st.Muted.Render(fmt.Sprintf(" · %s %d · %s %d · %s %d", s.c.T("female"), f, s.c.T("male"), m, s.c.T("not stated"), here-f-m))
}
