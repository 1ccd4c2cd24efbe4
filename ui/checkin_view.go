package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
)

// Drawing the Check-in screen: the search, the counts, the list.

// View implements screen.
func (s *checkin) View() string {
	st := s.c.Styles
	var b strings.Builder
	b.WriteString(st.Label.Render(s.c.T("Find")+" ") + s.search.View() + "\n")
	b.WriteString(s.countsLine() + "\n")
	for _, l := range s.categoryLines() {
		b.WriteString(s.c.Styles.Muted.Render(l) + "\n")
	}
	if !s.loaded {
		b.WriteString("\n" + st.Muted.Render(s.c.T("Loading the participants…")))
		return b.String()
	}
	if s.index.Len() == 0 {
		b.WriteString("\n" + st.Muted.Render(s.c.T("No participants yet: ctrl+n registers a walk-in, ctrl+o imports a roster.")))
		return b.String()
	}
	b.WriteString(st.TableHeader.Render(s.table.header(s.c.W)) + "\n")
	res := s.found()
	if s.waiting() {
		b.WriteString(st.Muted.Render(s.c.T("Reading all %d participants: the search starts as soon as they are in…", s.counts.total)))
		return b.String()
	}
	if len(res) == 0 {
		msg := s.c.T("Nobody matches “%s” (%s). ctrl+n registers a walk-in.", safe(s.search.Value()), s.c.W(presenceNames[s.filter]))
		b.WriteString(st.Muted.Render(msg))
		return b.String()
	}
	lo, hi := s.list.visible()
	b.Grow((hi - lo) * (s.width + 64))
	for i := lo; i < hi; i++ {
		s.writeRow(&b, res[i], s.armed && i == s.list.pos)
		b.WriteByte('\n')
	}
	info := s.list.scrollInfo()
	if s.head { // the first page of everyone
		info = fmt.Sprintf("%d–%d of %d", lo+1, hi, s.counts.total)
	}
	if s.filter != showAll {
		info += " · " + s.c.W(presenceNames[s.filter])
	}
	b.WriteString(st.Muted.Render(info))
	return b.String()
}

// row is the row of the person in slot idx.
func (s *checkin) row(idx int, selected bool) string {
	var b strings.Builder
	s.writeRow(&b, idx, selected)
	return b.String()
}

// writeRow draws the row of the person in slot idx.
func (s *checkin) writeRow(b *strings.Builder, idx int, selected bool) {
	st := s.c.Styles
	p := s.index.Person(idx)
	mark, at := "", ""
	here := !s.hereAt[idx].IsZero()
	switch {
	case here:
		mark, at = "✓", localClock(s.hereAt[idx])
	case s.earlier[idx]:
		mark = "•" // came to an earlier session
	}
	paint := Paint{}
	switch {
	case selected:
		paint = st.SelectedRow
	case here:
		paint = st.GoodRow
	}
	cells := [...]string{mark, at, safe(p.FullName), safe(p.Organisation), safe(p.Category)}
	s.table.writeRow(b, cells[:], paint)
}

func (s *checkin) countsLine() string {
	st := s.c.Styles
	c := s.counts
	pct := 0
	if c.total > 0 {
		pct = c.here * 100 / c.total
	}
	return st.Bold.Render(s.c.T("Checked in %d / %d (%d%%)", c.here, c.total, pct)) +
		st.Muted.Render(" · "+s.c.T("female %d · male %d · not stated %d", c.female, c.male, c.ns))
}

// categoryLines are the counts by category, wrapped between categories
// (never inside one) to at most three lines; what does not fit is counted.
func (s *checkin) categoryLines() []string {
	const most = 3
	var lines []string
	line := ""
	for k, cc := range s.counts.cats {
		part := fmt.Sprintf("%s %d/%d", safe(cc.name), cc.here, cc.total)
		switch {
		case line == "":
			line = part
		case lipgloss.Width(line+" · "+part) <= s.width:
			line += " · " + part
		case len(lines) == most-1:
			rest := s.c.T("+%d more", len(s.counts.cats)-k)
			return append(lines, fit(line+" · "+rest, s.width))
		default:
			lines = append(lines, line)
			line = part
		}
	}
	return append(lines, fit(line, s.width))
}
