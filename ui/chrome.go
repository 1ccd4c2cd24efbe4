package ui

import (
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
	v := tea.NewView(m.render())
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
	if full := m.screen().Layers().fullScreen(); full != nil && m.layers.empty() && m.loaded {
		return clampLines(full.View("", m.width, m.height), m.width, m.height)
	}
	w, h := m.bodySize()
	var body string
	switch {
	case !m.loaded:
		body = m.c.Styles.Muted.Render(m.c.T("Opening…"))
	default:
		s := m.screen()
		body = s.Layers().view(clampLines(s.View(), w, h), w, h)
	}
	body = m.layers.view(clampLines(body, w, h), w, h)
	parts := []string{m.headerView(), m.tabsView(), clampLines(body, w, h), m.statusView(), m.helpView()}
	return strings.Join(parts, "\n")
}

// clampLines cuts or pads s to exactly h lines no wider than w.
func clampLines(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
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

func (m *Model) headerView() string {
	st := m.c.Styles
	now := m.c.Now()
	right := st.HeaderClock.Render(now.Format("Mon 2 Jan 15:04"))
	left := st.HeaderEvent.Render("convene")
	if ev := m.c.Cur.Event; ev.Name != "" {
		left += st.Header.Render(" · ") + st.HeaderEvent.Render(safe(ev.Name))
	}
	if se := m.c.Cur.Session; se.Title != "" {
		info := safe(se.Title)
		if se.Venue != "" {
			info += ", " + safe(se.Venue)
		}
		if d, err := time.Parse("2006-01-02", se.Date); err == nil {
			info += " · " + d.Format("Mon 2 Jan")
		}
		left += st.Header.Render(" · ") + st.HeaderSession.Render(info)
	}
	room := m.width - lipgloss.Width(right) - 1
	left = ansi.Truncate(left, max(0, room), "…")
	gap := max(1, m.width-lipgloss.Width(left)-lipgloss.Width(right))
	return left + strings.Repeat(" ", gap) + right
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

func (m *Model) statusView() string {
	if m.status == "" {
		if p, ok := m.screen().(prompter); ok && m.loaded {
			return m.c.Styles.Warning.Render(ansi.Truncate(p.Prompt(), m.width, "…"))
		}
		return ""
	}
	st := m.c.Styles.StatusOK
	if m.statusErr {
		st = m.c.Styles.StatusErr
	}
	return st.Render(ansi.Truncate(m.status, m.width, "…"))
}
