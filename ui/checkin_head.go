package ui

// The check-in list before its search index is built: the first page in
// name order and the counts, read without reading every participant
// (store.RosterHead), so that a window opened on Check-in shows the list at
// once at any roster size. The page can be scrolled and checked in from;
// what is typed into the search waits for the whole roster (a moment: 60
// ms at 10,000 people, half a second at 100,000), then searches.

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// headRows is how many people the first page reads: more than any screen
// shows, so that the first page downs work before everyone is read.
const headRows = 200

// headMsg is the first page of the list and the counts (or why they could
// not be read).
type headMsg struct {
	eventID, sessionID string
	head               store.RosterHead
	hasEarlier         bool
	err                error
}

func (s *checkin) headCmd() tea.Cmd {
	st, eid, sid, sessions := s.c.Store, s.c.Cur.Event.ID, s.c.Cur.Session.ID, s.c.Cur.Sessions
	if p := s.c.prefetch; p != nil && p.head != nil { // being read already (Prefetch)
		ch := p.head
		p.head = nil
		return func() tea.Msg {
			if msg, ok := <-ch; ok && msg.eventID == eid && msg.sessionID == sid {
				return msg
			}
			return readHead(st, eid, sid, sessions)
		}
	}
	return func() tea.Msg { return readHead(st, eid, sid, sessions) }
}

// readHead reads the first page of an event's list in a session, with the
// counts and who came to the sessions before it.
func readHead(st *store.Store, eid, sid string, sessions []model.Session) headMsg {
	var earlier []string
	hasEarlier := false
	for _, se := range sessions {
		if se.ID == sid {
			hasEarlier = len(earlier) > 0 || se.Position > 1
			break
		}
		earlier = append(earlier, se.ID)
	}
	h, err := st.RosterHead(context.Background(), eid, sid, earlier, headRows)
	return headMsg{eventID: eid, sessionID: sid, head: h, hasEarlier: hasEarlier, err: err}
}

// applyHead shows the first page, unless the whole roster came first,
// and reads the whole roster (after the first page, so that the two do not
// compete for the processor).
func (s *checkin) applyHead(msg headMsg) tea.Cmd {
	if msg.eventID != s.c.Cur.Event.ID || msg.sessionID != s.c.Cur.Session.ID {
		return nil // another load is under way
	}
	full := s.fullLoad()
	if msg.err != nil {
		return tea.Batch(full, func() tea.Msg { return errMsg{msg.err} })
	}
	if s.loaded {
		return full
	}
	h := msg.head
	s.index = model.NewIndex(h.People)
	s.hereAt = make([]time.Time, s.index.Len())
	s.earlier = make([]bool, s.index.Len())
	for id, at := range h.Here {
		if i, ok := s.index.Slot(id); ok {
			s.hereAt[i] = at
		}
	}
	for id := range h.Earlier {
		if i, ok := s.index.Slot(id); ok {
			s.earlier[i] = true
		}
	}
	s.hasEarlier = msg.hasEarlier
	s.categories = append([]string(nil), model.Categories...)
	for name := range h.Categories {
		s.addCategory(name)
	}
	s.counts = s.headCounts(h)
	s.fitList()
	s.loaded, s.head = true, true
	s.refilter()
	return full
}

// headCounts are the counts by sector and gender of the whole roster, as
// the first page's read gives them (store.RosterHead).
func (s *checkin) headCounts(h store.RosterHead) counts {
	t := s.newTally()
	for name, n := range h.Categories {
		t.registered(name, n)
	}
	for _, hc := range h.HereBy {
		t.arrived(hc.Category, hc.Gender, hc.N)
	}
	return t.done()
}

// waiting reports whether the search has to wait for the whole roster: a
// query or a filter while only the first page is in.
func (s *checkin) waiting() bool {
	return s.head && (strings.TrimSpace(s.search.Value()) != "" || s.filter != showAll)
}
