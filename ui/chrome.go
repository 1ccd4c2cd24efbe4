package ui

import (
	"convene/i18n"
	"convene/model"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Drawing the whole window: header, tabs, the body (the screen and its
// overlays, then the root's), status line and help.

// View implements tea.Model.
func (m *Model) View() tea.View {
	var v tea.View
	if !m.holding() {
		v = tea.NewView(m.render())
	}
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "convene"
	if m.c.Cur.Event.Name != "" {
		v.WindowTitle = "convene — " + safe(m.c.Cur.Event.Name)
	}
	return v
}

// render draws the whole screen as a string (tests compare it).
func (m *Model) render() string {
	if m.tooSmall() {
		return tooSmall(m.c, m.width, m.height)
	}
	if d := m.display(); d != nil && m.layers.empty() && m.loaded {
		return clampLines(d.draw(m.width, m.height), m.width, m.height)
	}
	if full := m.screen().Layers().fullScreen(); full != nil && m.layers.empty() && m.loaded {
		return clampLines(full.View("", m.width, m.height), m.width, m.height)
	}
	help := m.helpView()
	w, h := m.bodySizeWith(help)
	var body string
	switch {
	case !m.loaded:
		body = clampLines(m.c.Styles.Muted.Render(m.c.T("Opening…")), w, h)
	default:
		s := m.screen()
		body = clampLines(s.View(), w, h)
		if !s.Layers().empty() {
			body = clampLines(s.Layers().view(body, w, h), w, h)
		}
	}
	if !m.layers.empty() {
		body = clampLines(m.layers.view(body, w, h), w, h)
	}
	parts := []string{m.headerView()}
	if m.hasTabs() {
		parts = append(parts, m.tabsView())
	}
	parts = append(parts, body)
	if b := m.bannerView(); b != "" {
		parts = append(parts, b)
	}
	parts = append(parts, m.alarmLines()...)
	parts = append(parts, m.statusView(), help)
	return strings.Join(parts, "\n")
}

// clampLines cuts or pads s to exactly h lines no wider than w.
func clampLines(s string, w, h int) string {
	// most frames fit already: look before copying
	n, fits := 1, true
	for rest := s; fits; n++ {
		line, more, found := strings.Cut(rest, "\n")
		fits = n <= h && styledWidth(line) <= w
		if !found {
			break
		}
		rest = more
	}
	if fits {
		if n < h {
			return s + strings.Repeat("\n", h-n)
		}
		return s
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if styledWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

func tooSmall(c *Common, w, h int) string {
	if w < 1 || h < 1 {
		return ""
	}
	msg := lipgloss.NewStyle().Width(w).Render(c.T("Make the window larger: convene needs at least %d×%d (now %d×%d).", MinWidth, MinHeight, w, h))
	return clampLines(msg, w, min(h, lipgloss.Height(msg)))
}

// runner is a screen whose clock may be running (an agenda item, a
// discussed topic): the header shows it from every screen.
type runner interface {
	Running() (title string, clk model.Clock, ok bool)
}

// running is the clock the header shows: the agenda's, else the topics'.
func (m *Model) running() (string, model.Clock, bool) {
	for _, s := range m.screens {
		if r, ok := s.(runner); ok {
			if title, clk, ok := r.Running(); ok {
				return title, clk, true
			}
		}
	}
	return "", model.Clock{}, false
}

// headerView is one line: the event and the session on the left, the
// running clock and the wall clock on the right. Short of room, it keeps,
// in this order: the session (at least its title), the running clock, the
// wall clock, the event name — shortening each before dropping it.
func (m *Model) headerView() string {
	st := m.c.Styles
	now := m.c.Now()
	sep := st.Header.Render(" · ")
	event := st.HeaderEvent.Render("convene")
	if ev := m.c.Cur.Event; ev.Name != "" {
		event += sep + st.HeaderEvent.Render(safe(ev.Name))
	}
	var full, med, short string
	if se := m.c.Cur.Session; se.Title != "" {
		short = safe(se.Title)
		full, med = short, short
		if se.Venue != "" {
			full += ", " + safe(se.Venue)
		}
		if d, err := time.Parse("2006-01-02", se.Date); err == nil && se.Date != now.Format("2006-01-02") {
			day := m.c.I18n.Date(d, i18n.DateShort)
			full += " · " + day
			med += " · " + day
		}
		full, med, short = st.HeaderSession.Render(full), st.HeaderSession.Render(med), st.HeaderSession.Render(short)
	}
	var clock, clockShort string
	if title, clk, ok := m.running(); ok {
		ls := levelStyle(st, clk.Level(now))
		left := mmss(clk.Remaining(now))
		if clk.State() == model.ClockPaused {
			left = "⏸ " + left
		}
		clock = ls.Render("▶ " + fit(safe(title), min(24, lipgloss.Width(safe(title)))) + " " + left)
		clockShort = ls.Render("▶ " + left)
	}
	wall, wallShort := st.HeaderClock.Render(m.c.I18n.Date(now, i18n.DateShort)+" "+now.Format("15:04")), st.HeaderClock.Render(now.Format("15:04"))
	for _, try := range [][4]string{
		{event, full, clock, wall}, {event, med, clock, wall}, {"", full, clock, wall}, {"", med, clock, wall},
		{"", med, clock, wallShort}, {"", short, clock, wallShort}, {"", short, clockShort, wallShort}, {"", short, clockShort, ""},
	} {
		if line, ok := m.headerLine(try, sep, false); ok {
			return line
		}
	}
	line, _ := m.headerLine([4]string{"", short, "", ""}, sep, true)
	return line
}

// headerLine joins the header's parts (event, session | clock, wall) in
// the window's width; cut says whether the left part may be cut to fit.
func (m *Model) headerLine(p [4]string, sep string, cut bool) (string, bool) {
	var left, right []string
	for _, s := range p[:2] {
		if s != "" {
			left = append(left, s)
		}
	}
	for _, s := range p[2:] {
		if s != "" {
			right = append(right, s)
		}
	}
	l, r := strings.Join(left, sep), strings.Join(right, "  ")
	room := m.width - lipgloss.Width(r) - 1
	if r == "" {
		room = m.width
	}
	if lipgloss.Width(l) > room {
		if !cut {
			return "", false
		}
		l = ansi.Truncate(l, max(0, room), "…")
	}
	gap := max(0, m.width-lipgloss.Width(l)-lipgloss.Width(r))
	return l + strings.Repeat(" ", gap) + r, true
}

func (m *Model) tabsView() string {
	st := m.c.Styles
	var b strings.Builder
	for i, n := range screenNames {
		label := strconv.Itoa(i+1) + " " + m.c.W(n)
		if m.loaded && i == m.active {
			b.WriteString(st.TabActive.Render(label))
		} else {
			b.WriteString(st.Tab.Render(label))
		}
		b.WriteString(" ")
	}
	return ansi.Truncate(b.String(), m.width, "")
}

// statusLines is the status line's text wrapped at word boundaries to at
// most two lines (never cut mid-word), and its style.
func (m *Model) statusLines() ([]string, lipgloss.Style) {
	text, st := m.status, m.c.Styles.StatusOK
	switch {
	case m.statusErr:
		st = m.c.Styles.StatusErr
	case text == "":
		if p, ok := m.screen().(prompter); ok && m.loaded {
			text, st = p.Prompt(), m.c.Styles.Warning
		}
	}
	if text == "" {
		return []string{""}, st
	}
	lines := strings.Split(wrapText(text, m.width), "\n")
	if len(lines) > 2 {
		lines = append(lines[:1], ansi.Truncate(strings.Join(lines[1:], " "), m.width, "…"))
	}
	return lines, st
}

func (m *Model) statusView() string {
	lines, st := m.statusLines()
	for i, l := range lines {
		lines[i] = st.Render(l)
	}
	return strings.Join(lines, "\n")
}

// alarmLines is the message that stays (the database cannot be written
// safely any more), wrapped.
func (m *Model) alarmLines() []string {
	if m.alarm == "" {
		return nil
	}
	lines := strings.Split(wrapText(m.alarm, m.width), "\n")
	for i, l := range lines {
		lines[i] = m.c.Styles.StatusErr.Render(l)
	}
	return lines
}
