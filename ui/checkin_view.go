package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"convene/report"
)

// Drawing the Check-in screen: the search, the counts, the list.

// View implements screen.
func (s *checkin) View() string {
	st := s.c.Styles
	var b strings.Builder
	if s.paper {
		b.WriteString(st.Warning.Render(s.paperLine()) + "\n")
	}
	if line := s.mergeLine(); line != "" {
		b.WriteString(st.Warning.Render(line) + "\n")
	}
	label := s.c.T("Find")
	if s.paper {
		label = s.c.T("Paper")
	}
	b.WriteString(st.Label.Render(label+" ") + s.search.View() + "\n")
	for _, l := range s.countLines() {
		b.WriteString(l + "\n")
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
		if strings.TrimSpace(s.search.Value()) == "" { // only the filter: nobody in it
			msg = s.c.T("Nobody in this list (%s). ctrl+f shows another.", s.c.W(presenceNames[s.filter]))
		}
		b.WriteString(st.Muted.Render(msg))
		return b.String()
	}
	lo, hi := s.list.visible()
	b.Grow((hi - lo) * (s.width + 64))
	for i := lo; i < hi; i++ {
		s.writeRow(&b, res[i], s.armed && i == s.list.pos)
		b.WriteByte('\n')
	}
	info := s.list.scrollInfo(s.c)
	if s.head { // the first page of everyone
		info = s.c.T("%d–%d of %d", lo+1, hi, s.counts.total)
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
	if s.merging != "" && p.ID == s.merging {
		mark = "⇄" // marked to merge
	}
	paint := Paint{}
	switch {
	case selected:
		paint = st.SelectedRow
	case here:
		paint = st.GoodRow
	}
	// a sector's own name in the window's language, as in the counts
	cells := [...]string{mark, at, safe(p.FullName), safe(p.Organisation), report.SectorName(s.c.I18n, p.Category)}
	s.table.writeRow(b, cells[:], paint)
}

// countLines are the counts at the top: checked in and by gender on one
// line, or two when the window is narrow, then the categories.
func (s *checkin) countLines() []string {
	st := s.c.Styles
	c := s.counts
	pct := 0
	if c.total > 0 {
		pct = c.here * 100 / c.total
	}
	total := s.c.T("Checked in %d / %d (%d%%)", c.here, c.total, pct)
	genders := s.c.T("female %d · male %d · not stated %d", c.female, c.male, c.ns)
	lines := []string{st.Bold.Render(total) + st.Muted.Render(" · "+genders)}
	if lipgloss.Width(total+" · "+genders) > s.width {
		lines = []string{st.Bold.Render(fit(total, s.width)), st.Muted.Render(fit(genders, s.width))}
	}
	for _, l := range s.categoryLines() {
		lines = append(lines, st.Muted.Render(l))
	}
	return lines
}

// fitList gives the list what the search, the counts, the table header
// and the position line leave.
func (s *checkin) fitList() {
	s.list.setHeight(s.height - 3 - len(s.countLines()) - s.extraLines())
}

// categoryLines are the counts by sector (see model.SectorMap), wrapped
// between sectors (never inside one) to at most three lines; what does not
// fit is counted.
func (s *checkin) categoryLines() []string {
	const most = 3
	var lines []string
	line := ""
	for k, cc := range s.counts.cats {
		part := fmt.Sprintf("%s %d/%d", report.SectorName(s.c.I18n, cc.name), cc.here, cc.total)
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
