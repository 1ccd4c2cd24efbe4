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
	c := counts{total: s.index.Len()}
	byCat := map[string]*catCount{}
	for i := range s.index.Len() {
		p := s.index.Person(i)
		cat := s.sectorOf(p.Category)
		cc := byCat[cat]
		if cc == nil {
			cc = &catCount{name: cat}
			byCat[cat] = cc
		}
		cc.total++
		if s.hereAt[i].IsZero() {
			continue
		}
		c.here++
		cc.here++
		switch p.Gender {
		case model.GenderFemale:
			c.female++
		case model.GenderMale:
			c.male++
		default:
			c.ns++
		}
	}
	for _, cc := range byCat {
		c.cats = append(c.cats, *cc)
	}
	c.cats = s.sortCats(c.cats)
	s.counts = c
	s.fitList() // the counts may take one line more or less
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
