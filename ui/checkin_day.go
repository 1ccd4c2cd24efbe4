package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/i18n"
	"convene/model"
)

// otherDay reports whether the window's session is dated another day than
// today, and that day as shown ("Sat 28 Nov"). A session without a date is
// today's.
func otherDay(c *Common) (string, bool) {
	if c.Cur.Session.Date == "" {
		return "", false
	}
	now := c.Now().In(time.Local)
	start := model.SessionStart(c.Cur.Session, now, time.Local)
	if y, m, d := start.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return "", false
	}
	return c.I18n.Date(start, i18n.DateShort), true
}

// onSessionDay runs act — a check-in, a walk-in checked in — first asking,
// once per session in this window, when the session is dated another day
// than today: a desk left on tomorrow's session must not record people
// there unseen. Paper mode (check-ins typed in later from a signed sheet)
// never asks.
func (s *checkin) onSessionDay(act func() tea.Cmd) tea.Cmd {
	day, other := otherDay(s.c)
	sid := s.c.Cur.Session.ID
	if s.paper || !other || s.dayOK[sid] {
		return act()
	}
	s.ask(s.c.T("“%s” is dated %s, not today. Check people in to it anyway?", safe(s.c.Cur.Session.Title), day), func() tea.Cmd {
		if s.dayOK == nil {
			s.dayOK = map[string]bool{}
		}
		s.dayOK[sid] = true
		return act()
	})
	return nil
}
