package ui

// The Check-in screen applying changes without reading everything again:
// a check-in or its undo moves the counts by one; a saved person goes into
// the search index as one change (model.Index.With), not a rebuild; when
// another process wrote to the database, only what it wrote is read.

import (
	"context"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// personSavedMsg carries the shared index (convene serve) after a person
// was saved.
type personSavedMsg struct {
	eventID string
	index   *model.Index
	change  model.ParticipantSaved
}

// refreshMsg is what another process wrote since the roster was read.
type refreshMsg struct {
	eventID, sessionID string
	changes            store.RosterChanges
	here               map[string]time.Time // another session's attendance (nil: the same session)
	before             map[string]bool      // read again when earlier sessions changed (nil: not)
	hasEarlier         bool
}

// refreshAtMost is how many changed people a refresh applies one by one;
// more (an import in another window) and the roster is read again.
const refreshAtMost = 2000

// rosterIndex is the search index of an event: the shared one (no mark:
// the window does not read changes itself), or one of this window's own.
func rosterIndex(ctx context.Context, st *store.Store, roster Roster, eventID string) (*model.Index, *store.RosterMark, error) {
	if roster != nil {
		ix, err := roster.Index(ctx, eventID)
		return ix, nil, err
	}
	people, mark, err := st.RosterPeople(ctx, eventID)
	if err != nil {
		return nil, nil, err
	}
	return model.NewIndexPacked(eventID, people), &mark, nil
}

// refreshCmd reads what was written since the roster was read (and, for
// another session of the event, that session's attendance).
func (s *checkin) refreshCmd() tea.Cmd {
	st, eid, sid, sessions, mark := s.c.Store, s.c.Cur.Event.ID, s.c.Cur.Session.ID, s.c.Cur.Sessions, *s.mark
	sameSession := s.loadedSession == sid
	return func() tea.Msg {
		ctx := context.Background()
		ch, err := st.RosterChanges(ctx, eid, sid, mark)
		if err != nil {
			return errMsg{err}
		}
		msg := refreshMsg{eventID: eid, sessionID: sid, changes: ch}
		if !sameSession {
			if msg.here, err = st.Attendance(ctx, sid); err != nil {
				return errMsg{err}
			}
		}
		if !sameSession || ch.Elsewhere {
			if msg.before, msg.hasEarlier, err = earlierAttendance(ctx, st, sessions, sid); err != nil {
				return errMsg{err}
			}
		}
		return msg
	}
}

// applyRefresh applies what another process wrote.
func (s *checkin) applyRefresh(msg refreshMsg) tea.Cmd {
	if msg.eventID != s.c.Cur.Event.ID || msg.sessionID != s.c.Cur.Session.ID || s.mark == nil {
		return nil
	}
	if len(msg.changes.People) > refreshAtMost || msg.changes.Removed {
		return s.fullLoad()
	}
	if len(msg.changes.People) > 0 {
		s.swapIndex(s.index.With(msg.changes.People...))
		for _, p := range msg.changes.People {
			s.addCategory(p.Category)
		}
	}
	if msg.here != nil { // another session: who is here is all new
		clear(s.hereAt)
		for id, at := range msg.here {
			if i, ok := s.index.Slot(id); ok {
				s.hereAt[i] = at
			}
		}
		s.recount()
		s.loadedSession = msg.sessionID
	}
	for _, c := range msg.changes.CheckIns {
		at := c.At
		if c.Action != model.ActionIn {
			at = time.Time{}
		}
		s.setHere(c.ParticipantID, at)
	}
	if msg.before != nil {
		clear(s.earlier)
		for id := range msg.before {
			if i, ok := s.index.Slot(id); ok {
				s.earlier[i] = true
			}
		}
		s.hasEarlier = msg.hasEarlier
		if !s.hasEarlier && s.filter == showEarlier {
			s.filter = showAll
		}
	}
	s.mark = &msg.changes.Mark
	s.refilter()
	return nil
}

// count moves the counts for person i arriving at at (zero: leaving).
func (s *checkin) count(i int, at time.Time) {
	was, now := !s.hereAt[i].IsZero(), !at.IsZero()
	if was == now {
		return
	}
	d := 1
	if !now {
		d = -1
	}
	s.tallyHere(s.index.Category(i), s.index.Gender(i), d)
	s.fitList() // the counts may take one line more or less
}

// tallyHere moves the here counts of one person by d.
func (s *checkin) tallyHere(category string, g model.Gender, d int) {
	c := &s.counts
	c.addHere(g, d)
	if j := s.catAt(category, false); j >= 0 {
		c.cats[j].here += d
	}
}

// tally moves the counts by d for one person: the totals, and the here
// counts if they are here.
func (s *checkin) tally(ix *model.Index, slot int, here bool, d int) {
	s.counts.total += d
	j := s.catAt(ix.Category(slot), d > 0)
	s.counts.cats[j].total += d
	if here {
		s.tallyHere(ix.Category(slot), ix.Gender(slot), d)
	}
	if s.counts.cats[j].total <= 0 && s.counts.cats[j].here <= 0 {
		s.counts.cats = slices.Delete(s.counts.cats, j, j+1)
	}
}

// catAt is the place of a category's sector in the counts (added if add
// and missing; -1 if missing).
func (s *checkin) catAt(cat string, add bool) int {
	sec := s.sectorOf(cat)
	if j := slices.IndexFunc(s.counts.cats, func(c catCount) bool { return c.name == sec }); j >= 0 || !add {
		return j
	}
	s.counts.cats = s.sortCats(append(s.counts.cats, catCount{name: sec}))
	return slices.IndexFunc(s.counts.cats, func(c catCount) bool { return c.name == sec })
}

// sectorOf is the sector a category counts in.
func (s *checkin) sectorOf(cat string) string {
	if s.sectors.Sectors == nil {
		s.sectors = model.DefaultSectorMap()
	}
	return s.sectors.Sector(cat)
}

// sortCats puts the counts by sector in report order (model.SectorMap.Order),
// then any other sector by name.
func (s *checkin) sortCats(cats []catCount) []catCount {
	order := s.sectors.Order()
	rank := func(name string) int {
		if i := slices.Index(order, name); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(cats, func(a, b catCount) int {
		if ra, rb := rank(a.name), rank(b.name); ra != rb {
			return ra - rb
		}
		return strings.Compare(a.name, b.name)
	})
	return cats
}

// addCategory offers a category the forms did not know yet.
func (s *checkin) addCategory(cat string) {
	if cat == "" {
		return
	}
	for _, c := range s.categories {
		if strings.EqualFold(c, cat) {
			return
		}
	}
	s.categories = append(s.categories, cat)
}

// swapIndex takes a later version of the index (made from this one by
// With, so that every slot keeps its person): the counts move for the
// people it changed, and the per-slot state grows. It reports false (and
// changes nothing) for an index that is not such a version.
func (s *checkin) swapIndex(ix *model.Index) bool {
	slots, ok := ix.ChangedSince(s.index)
	if !ok {
		return false
	}
	old := s.index
	if n := ix.Len(); n > len(s.hereAt) {
		s.hereAt = append(s.hereAt, make([]time.Time, n-len(s.hereAt))...)
		s.earlier = append(s.earlier, make([]bool, n-len(s.earlier))...)
	}
	for _, slot := range slots {
		here := !s.hereAt[slot].IsZero()
		if slot < old.Len() {
			s.tally(old, slot, here, -1)
		}
		s.tally(ix, slot, here, 1)
	}
	s.index = ix
	s.refilter()
	s.fitList() // the counts may take one line more or less
	return true
}

// savePerson puts a saved person into the index: this window's own, at
// once; the shared one (convene serve), as the server has it.
func (s *checkin) savePerson(ch model.ParticipantSaved) tea.Cmd {
	if roster := s.c.roster; roster != nil {
		eid := s.c.Cur.Event.ID
		return func() tea.Msg {
			ix, err := roster.Index(context.Background(), eid)
			if err != nil {
				return errMsg{err}
			}
			return personSavedMsg{eventID: eid, index: ix, change: ch}
		}
	}
	s.swapIndex(s.index.With(ch.Participant))
	s.saved(ch)
	return nil
}

// saved notes what a save says beyond the person: a new category, and a
// walk-in's check-in.
func (s *checkin) saved(ch model.ParticipantSaved) {
	s.addCategory(ch.Participant.Category)
	if ch.SessionID == s.c.Cur.Session.ID && !ch.CheckedInAt.IsZero() {
		s.setHere(ch.Participant.ID, ch.CheckedInAt)
	}
}

// applyPerson swaps in the shared index with the saved person, keeping who
// is here (as of now, not as of when the index was asked for).
func (s *checkin) applyPerson(msg personSavedMsg) {
	if msg.eventID != s.c.Cur.Event.ID {
		return
	}
	if !s.swapIndex(msg.index) { // rebuilt: find everyone's slot again
		here := make(map[string]time.Time, s.counts.here+1)
		before := map[string]bool{}
		for i := range s.index.Len() {
			id := s.index.Person(i).ID
			if !s.hereAt[i].IsZero() {
				here[id] = s.hereAt[i]
			}
			if s.earlier[i] {
				before[id] = true
			}
		}
		s.setRoster(rosterMsg{eventID: msg.eventID, sessionID: s.c.Cur.Session.ID, index: msg.index, here: here,
			categories: s.categories, before: before, hasEarlier: s.hasEarlier})
	}
	s.saved(msg.change)
}
