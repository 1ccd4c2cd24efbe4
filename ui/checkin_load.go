package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// Reading the check-in desk's roster: the whole of it, the counts, and who
// came to an earlier session.

// fullLoad reads the roster, builds its search index and reads who is here.
func (s *checkin) fullLoad() tea.Cmd {
	st, eid, sid, sessions, roster := s.c.Store, s.c.Cur.Event.ID, s.c.Cur.Session.ID, s.c.Cur.Sessions, s.c.roster
	s.loadingFor = eid + "/" + sid
	return func() tea.Msg {
		ctx := context.Background()
		index, mark, err := rosterIndex(ctx, st, roster, eid)
		if err != nil {
			return errMsg{err}
		}
		here, err := st.Attendance(ctx, sid)
		if err != nil {
			return errMsg{err}
		}
		cats, err := st.Categories(ctx, eid)
		if err != nil {
			return errMsg{err}
		}
		sectors, err := st.SectorMap(ctx)
		if err != nil {
			return errMsg{err}
		}
		before, hasEarlier, err := earlierAttendance(ctx, st, sessions, sid)
		if err != nil {
			return errMsg{err}
		}
		return rosterMsg{eventID: eid, sessionID: sid, index: index, here: here, categories: cats, sectors: sectors, before: before, hasEarlier: hasEarlier, mark: mark}
	}
}

func (s *checkin) recount() {
	t := s.newTally()
	for i := range s.index.Len() {
		p := s.index.Person(i)
		t.registered(p.Category, 1)
		if !s.hereAt[i].IsZero() {
			t.arrived(p.Category, p.Gender, 1)
		}
	}
	s.counts = t.done()
	s.fitList() // the counts may take one line more or less
}

// tally builds the counts from scratch: by sector (in report order) and,
// for who is here, by gender.
type tally struct {
	s     *checkin
	c     counts
	byCat map[string]*catCount
}

func (s *checkin) newTally() *tally { return &tally{s: s, byCat: map[string]*catCount{}} }

func (t *tally) cat(category string) *catCount {
	name := t.s.sectorOf(category)
	cc := t.byCat[name]
	if cc == nil {
		cc = &catCount{name: name}
		t.byCat[name] = cc
	}
	return cc
}

// registered counts n people of a category in the event.
func (t *tally) registered(category string, n int) {
	t.c.total += n
	t.cat(category).total += n
}

// arrived counts n people of a category and gender as here.
func (t *tally) arrived(category string, g model.Gender, n int) {
	t.c.addHere(g, n)
	t.cat(category).here += n
}

func (t *tally) done() counts {
	for _, cc := range t.byCat {
		t.c.cats = append(t.c.cats, *cc)
	}
	t.c.cats = t.s.sortCats(t.c.cats)
	return t.c
}

// addHere moves the here counts, in all and by gender, by n.
func (c *counts) addHere(g model.Gender, n int) {
	c.here += n
	switch g {
	case model.GenderFemale:
		c.female += n
	case model.GenderMale:
		c.male += n
	default:
		c.ns += n
	}
}

func (s *checkin) setRoster(msg rosterMsg) tea.Cmd {
	if msg.eventID+"/"+msg.sessionID == s.loadingFor {
		s.loadingFor = ""
	}
	if msg.sessionID != s.c.Cur.Session.ID || msg.eventID != s.c.Cur.Event.ID {
		return nil
	}
	s.index, s.categories, s.sectors = msg.index, msg.categories, msg.sectors
	if s.sectors.Sectors == nil {
		s.sectors = model.DefaultSectorMap()
	}
	s.hereAt = make([]time.Time, s.index.Len())
	s.earlier = make([]bool, s.index.Len())
	for id, at := range msg.here {
		if i, ok := s.index.Slot(id); ok {
			s.hereAt[i] = at
		}
	}
	for id := range msg.before {
		if i, ok := s.index.Slot(id); ok {
			s.earlier[i] = true
		}
	}
	s.hasEarlier = msg.hasEarlier
	if !s.hasEarlier && s.filter == showEarlier {
		s.filter = showAll
	}
	s.recount()
	s.refilter()
	s.loaded, s.head = true, false
	s.mark, s.loadedEvent, s.loadedSession = msg.mark, msg.eventID, msg.sessionID
	if s.missed && s.mark != nil && s.loadingFor == "" {
		s.missed = false
		return s.refreshCmd() // what changed while the roster was being read
	}
	return nil
}

// earlierAttendance is who came to a session before sid (by position).
func earlierAttendance(ctx context.Context, st *store.Store, sessions []model.Session, sid string) (map[string]bool, bool, error) {
	before := map[string]bool{}
	for _, se := range sessions {
		if se.ID == sid {
			return before, len(before) > 0 || se.Position > 1, nil
		}
		here, err := st.Attendance(ctx, se.ID)
		if err != nil {
			return nil, false, err
		}
		for pid := range here {
			before[pid] = true
		}
	}
	return before, false, nil
}
