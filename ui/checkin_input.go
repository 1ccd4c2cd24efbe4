package ui

import (
	"convene/model"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Keys at the check-in desk: the search, Enter, and telling a paste or a
// badge scanner from typing.

func (s *checkin) updateKey(km tea.KeyPressMsg) tea.Cmd {
	k := s.keys
	if cmd, done := s.burst(km); done {
		return cmd
	}
	if !s.typed(km) {
		s.found() // every other key acts on the results
	}
	switch {
	case !s.armed && (key.Matches(km, k.Down) || key.Matches(km, k.Up)):
		s.armed = true // the first arrow shows the highlight where it is
	case s.list.navigate(km, k.navKeys):
		s.armed = true
	case key.Matches(km, k.Clear):
		s.resetSearch()
	case key.Matches(km, k.Filter):
		n := presence(3)
		if s.hasEarlier {
			n = 4
		}
		s.filter = (s.filter + 1) % n
		s.refilter()
		s.list.home()
		return statusCmd(s.c.T("Showing: %s", s.c.W(presenceNames[s.filter])))
	case key.Matches(km, k.CheckIn):
		return s.checkInKey()
	case key.Matches(km, k.Undo):
		return s.undoLastCmd()
	case key.Matches(km, k.Uncheck):
		return s.askUncheck()
	case key.Matches(km, k.WalkIn): // asked about the day first, not after the typing
		return s.onSessionDay(func() tea.Cmd { s.openPersonForm(nil); return nil })
	case key.Matches(km, k.Edit):
		i, ok := s.highlighted()
		if !ok {
			return s.nobodyHighlighted()
		}
		p := s.index.Person(i)
		s.openPersonForm(&p)
	case key.Matches(km, k.Import):
		s.openImport()
	case key.Matches(km, k.Paper):
		return s.togglePaper()
	case key.Matches(km, k.Merge):
		return s.mergeKey()
	default:
		return s.updateSearch(km)
	}
	return nil
}

func (s *checkin) updateSearch(msg tea.Msg) tea.Cmd {
	if p, ok := msg.(tea.PasteMsg); ok {
		msg = tea.PasteMsg{Content: oneLine(p.Content)} // a pasted list is text, never check-ins
	}
	before := s.search.Value()
	var cmd tea.Cmd
	s.search, cmd = s.search.Update(msg)
	if v := s.search.Value(); v != before {
		if model.HasUnsafe(v) {
			s.search.SetValue(safe(v))
		}
		s.refilter()
		s.list.home()
		s.armed = strings.TrimSpace(s.search.Value()) != ""
	}
	return cmd
}

// nobodyHighlighted says what to do when a key needs a highlighted person.
func (s *checkin) nobodyHighlighted() tea.Cmd {
	return statusCmd(s.c.T("Nobody is highlighted: type a name (or ↓ to choose from the list); ctrl+n registers a walk-in"))
}

// checkInKey checks in the highlighted person: nobody when nothing is
// highlighted (an empty search, or just after a check-in), and nothing
// more for an Enter pressed again within the same second.
func (s *checkin) checkInKey() tea.Cmd {
	if s.lastKey.Sub(s.lastCheckIn) < time.Second {
		return nil
	}
	i, ok := s.highlighted()
	if !ok {
		return s.nobodyHighlighted()
	}
	s.lastCheckIn = s.lastKey
	var at time.Time
	if s.paper {
		at = s.paperTime()
	}
	s.resetSearch()
	return s.checkInCmd(s.index.ID(i), at)
}

// burst tells a paste or a scanner from typing. Keys closer together than
// burstGap are a burst: an Enter in a burst waits a moment; another key
// after it makes it a line break inside pasted text (a space in the
// search, as is every later one), while an Enter that ends the burst is a
// scanner's and checks in.
func (s *checkin) burst(km tea.KeyPressMsg) (tea.Cmd, bool) {
	now := s.c.keyNow()
	inBurst := now.Sub(s.lastKey) < burstGap
	s.lastKey = now
	enter := key.Matches(km, s.keys.CheckIn)
	switch {
	case !inBurst:
		s.pasting = false
		if s.pendingEnter { // the burst ended with that Enter, then came a pause
			s.pendingEnter = false
			if enter {
				return s.checkInKey(), true
			}
		}
		return nil, false
	case s.pendingEnter || s.pasting && enter:
		s.pendingEnter, s.pasting = false, true
		cmd := s.updateSearch(tea.KeyPressMsg{Code: ' ', Text: " "})
		if enter {
			return cmd, true
		}
		return tea.Batch(cmd, s.updateSearch(km)), true
	case enter:
		s.pendingEnter = true
		s.enterSeq++
		seq := s.enterSeq
		return s.c.Tick(2*burstGap, func(time.Time) tea.Msg { return enterDecideMsg{seq} }), true
	}
	return nil, false
}

// decideEnter settles an Enter that ended a burst.
func (s *checkin) decideEnter(msg enterDecideMsg) tea.Cmd {
	if !s.pendingEnter || msg.seq != s.enterSeq {
		return nil
	}
	s.pendingEnter = false
	if s.pasting {
		s.pasting = false
		return nil
	}
	return s.checkInKey()
}

// typed reports whether a key only types into the search (a letter, a
// digit, a space, a deletion: none of the screen's keys).
func (s *checkin) typed(km tea.KeyPressMsg) bool {
	k := s.keys
	for _, b := range []key.Binding{k.Clear, k.Filter, k.CheckIn, k.Undo, k.Uncheck, k.WalkIn, k.Edit, k.Import} {
		if key.Matches(km, b) {
			return false
		}
	}
	for _, b := range k.navKeys.bindings() {
		if key.Matches(km, b) {
			return false
		}
	}
	return true
}
