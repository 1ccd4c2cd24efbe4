package ui

// The Check-in screen applying changes without reading everything again:
// a check-in or its undo moves the counts by one; a saved person (a walk-in
// at another desk, an edit) swaps in the new index and keeps who is here.

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// personSavedMsg carries the index after a person was saved.
type personSavedMsg struct {
	eventID    string
	index      *model.Index
	categories []string
	change     model.ParticipantSaved
}

// rosterIndex is the search index of an event: the shared one, or one of
// this window's own.
func rosterIndex(ctx context.Context, st *store.Store, roster Roster, eventID string) (*model.Index, error) {
	if roster != nil {
		return roster.Index(ctx, eventID)
	}
	people, err := st.Participants(ctx, eventID)
	if err != nil {
		return nil, err
	}
	return model.NewIndex(people), nil
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
	p := s.index.Person(i)
	c := &s.counts
	c.here += d
	switch p.Gender {
	case model.GenderFemale:
		c.female += d
	case model.GenderMale:
		c.male += d
	default:
		c.ns += d
	}
	cat := p.Category
	if cat == "" {
		cat = "—"
	}
	for j := range c.cats {
		if c.cats[j].name == cat {
			c.cats[j].here += d
		}
	}
	s.fitList() // the counts may take one line more or less
}

// savePerson gets the index with a saved person in it: the shared one, or
// this window's own rebuilt from the people it has (no database read).
func (s *checkin) savePerson(ch model.ParticipantSaved) tea.Cmd {
	old, roster, st, eid := s.index, s.c.roster, s.c.Store, s.c.Cur.Event.ID
	return func() tea.Msg {
		ctx := context.Background()
		var ix *model.Index
		if roster != nil {
			var err error
			if ix, err = roster.Index(ctx, eid); err != nil {
				return errMsg{err}
			}
		} else {
			people := make([]model.Participant, 0, old.Len()+1)
			found := false
			for _, q := range old.People() {
				if q.ID == ch.Participant.ID {
					q, found = ch.Participant, true
				}
				people = append(people, q)
			}
			if !found {
				people = append(people, ch.Participant)
			}
			ix = model.NewIndex(people)
		}
		cats, err := st.Categories(ctx, eid)
		if err != nil {
			return errMsg{err}
		}
		return personSavedMsg{eventID: eid, index: ix, categories: cats, change: ch}
	}
}

// applyPerson swaps in the index with the saved person, keeping who is
// here (as of now, not as of when the index was asked for).
func (s *checkin) applyPerson(msg personSavedMsg) {
	if msg.eventID != s.c.Cur.Event.ID {
		return
	}
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
	if ch := msg.change; ch.SessionID == s.c.Cur.Session.ID && !ch.CheckedInAt.IsZero() {
		here[ch.Participant.ID] = ch.CheckedInAt
	}
	s.setRoster(rosterMsg{eventID: msg.eventID, sessionID: s.c.Cur.Session.ID, index: msg.index, here: here,
		categories: msg.categories, before: before, hasEarlier: s.hasEarlier})
}
