package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"convene/model"
)

// Merging two records of one person at the check-in desk (ctrl+r): mark
// the duplicate, choose the record to keep — from the likely ones offered,
// or by searching and pressing ctrl+r on it — and confirm. Every check-in
// moves to the record kept, which takes what it lacked (a phone, an
// e-mail…); ctrl+z undoes the merge exactly (the desk's last action).

// mergeKey marks the highlighted person, unmarks them, or merges the
// marked person into them.
func (s *checkin) mergeKey() tea.Cmd {
	i, ok := s.highlighted()
	if !ok {
		return statusCmd(s.c.T("Highlight a person first: ctrl+r marks the duplicate, then ctrl+r on the record to keep"))
	}
	p := s.index.Person(i)
	switch s.merging {
	case "":
		s.merging = p.ID
		s.SetSize(s.width, s.height)
		if dups := s.similarTo(p, 8); len(dups) > 0 {
			s.offerMerge(p, dups)
		}
		return statusCmd(s.c.T("Marked %s to merge: find the record to keep and press ctrl+r on it (ctrl+r on %s again unmarks)", safe(p.FullName), safe(p.FullName)))
	case p.ID:
		s.merging = ""
		s.SetSize(s.width, s.height)
		return statusCmd(s.c.T("%s is no longer marked to merge", safe(p.FullName)))
	}
	s.confirmMerge(s.merging, p.ID)
	return nil
}

// markedPerson is the person marked to merge, if still listed.
func (s *checkin) markedPerson() (model.Participant, bool) {
	if s.merging == "" {
		return model.Participant{}, false
	}
	if i := s.positionOf(s.merging); i >= 0 {
		return s.index.Person(i), true
	}
	return model.Participant{}, false
}

// offerMerge offers the people the marked one may be (close name, same
// phone or e-mail): enter chooses the record to keep; esc leaves the mark,
// to find the other record by searching.
func (s *checkin) offerMerge(dup model.Participant, dups []int) {
	c := s.c
	pk := newPicker(c, c.T("Merge %s into which record? (the one chosen is kept)", safe(dup.FullName)), len(dups),
		func(i int, selected bool, _ int) string { return s.row(dups[i], selected) },
		func(i int) tea.Cmd {
			s.confirmMerge(dup.ID, s.index.Person(dups[i]).ID)
			return nil
		})
	pk.keys.Pick = bind(keys("enter"), "enter", "keep this record")
	pk.help = keyList{pk.keys.Up, pk.keys.Down, pk.keys.Pick, pk.keys.Back}
	pk.hint = c.T("enter: merge into the highlighted record · esc: find the record to keep by searching, then ctrl+r on it")
	s.open(pk)
}

// confirmMerge asks before merging dupID into keepID.
func (s *checkin) confirmMerge(dupID, keepID string) {
	c := s.c
	di, ki := s.positionOf(dupID), s.positionOf(keepID)
	if di < 0 || ki < 0 {
		s.merging = ""
		return
	}
	dup, keep := s.index.Person(di), s.index.Person(ki)
	_, filled := model.MergeFill(keep, dup)
	q := c.T("Merge %s into %s?", safe(dup.FullName), safe(keep.FullName)) + "\n\n" +
		c.T("Every check-in of %s moves to %s, and %s is no longer listed.", safe(dup.FullName), safe(keep.FullName), safe(dup.FullName))
	if len(filled) > 0 {
		var words []string
		for _, f := range filled {
			words = append(words, c.W(f))
		}
		q += "\n" + c.T("%s takes from it: %s.", safe(keep.FullName), strings.Join(words, ", "))
	}
	q += "\n" + c.T("ctrl+z undoes the merge.")
	st, desk := c.Store, c.Desk
	s.open(newConfirm(c, q, func() tea.Cmd {
		s.merging = ""
		s.SetSize(s.width, s.height)
		return commit(c, func(ctx context.Context) (model.PeopleMerged, error) { return st.MergePeople(ctx, dupID, keepID, desk) },
			func(ch model.PeopleMerged) string {
				return c.T("Merged %s into %s (check-ins moved: %d) · ctrl+z undoes it", safe(ch.Merged.FullName), safe(ch.Kept.FullName), ch.Moved)
			})
	}).onNo(func() tea.Cmd {
		return statusCmd(c.T("Not merged; %s is still marked (ctrl+r on them unmarks)", safe(dup.FullName)))
	}))
}

// mergeLine is the banner while a person is marked to merge.
func (s *checkin) mergeLine() string {
	p, ok := s.markedPerson()
	if !ok {
		return ""
	}
	return fit(s.c.T("MERGING %s · ctrl+r on the record to keep · ctrl+r on them again unmarks", safe(p.FullName)), s.width)
}
