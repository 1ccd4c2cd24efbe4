package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"convene/i18n"
	"convene/model"
)

// The Agenda's clock: the forecast of the session (the honest clock's
// drift and pinned items), the running item's panel, the speaker view.

// forecast projects the session at the current time.
func (a *agenda) forecast() model.Forecast {
	start := model.SessionStart(a.c.Cur.Session, a.c.Now(), time.Local)
	return model.MakeForecast(start, a.items, a.c.Now())
}

// hhmm is a time of day as the programme shows it (rounded to the minute).
func hhmm(t time.Time) string { return model.HHMM(t, time.Local) }

// driftLine is the session's honest clock in one line: today the drift and
// the projected end; a session on an earlier day what ran; a later one its
// plan.
func driftLine(c *Common, f model.Forecast, day time.Time, now time.Time) (string, lipgloss.Style) {
	st := c.Styles
	end, planned := hhmm(f.End), hhmm(f.PlannedEnd)
	date := c.I18n.Date(day, i18n.DateShort)
	switch {
	case f.When == model.Past && !f.Started:
		return c.T("Held on %s: nothing was started · planned %s–%s", date, hhmm(f.Items[0].PlannedStart), planned), st.Muted
	case f.When == model.Future:
		return c.T("Planned for %s · starts %s · ends %s", date, hhmm(f.Items[0].PlannedStart), end), st.Muted
	case f.When == model.Today && !f.Started && now.Before(f.Items[0].PlannedStart):
		return c.T("Starts %s · planned end %s", hhmm(f.Items[0].PlannedStart), planned), st.Muted
	}
	m := model.Minutes(f.Drift)
	if f.When == model.Past {
		return c.T("Held on %s · ended %s (planned %s)", date, end, planned), st.Muted
	}
	switch {
	case m > 0:
		return c.T("Running %d min late · ends %s (planned %s)", m, end, planned), st.Warning
	case m < 0:
		return c.T("Running %d min ahead · ends %s (planned %s)", -m, end, planned), st.Good
	}
	return c.T("On time · ends %s", end), st.Good
}

func (a *agenda) pinLine(f model.Forecast) string {
	if f.When != model.Today {
		return ""
	}
	var parts []string
	for _, p := range f.Pins {
		title := safe(a.items[p.Index].Title)
		at := hhmm(p.Pinned)
		if m := model.Minutes(p.Slack); m < 0 {
			parts = append(parts, a.c.T("%s %s: the items before it end %d min late", title, at, -m))
		} else {
			parts = append(parts, a.c.T("%s %s: reached in time (%d min spare)", title, at, m))
		}
	}
	return strings.Join(parts, " · ")
}

// nextItem is the first upcoming item after index i, or -1.
func (a *agenda) nextItem(i int) int {
	for j := i + 1; j < len(a.items); j++ {
		if a.items[j].Clock.State() == model.ClockIdle && !a.items[j].Skipped {
			return j
		}
	}
	return -1
}

// nowPanel shows the active item's clock (3 lines).
func (a *agenda) nowPanel(now time.Time) string {
	st := a.c.Styles
	i := model.Active(a.items)
	if i < 0 {
		line := a.c.T("Nothing running.")
		if n := a.nextItem(-1); n >= 0 && a.keys.Toggle.Enabled() {
			line += " " + a.c.T("Next: %s — space or n starts it.", safe(a.items[n].Title))
		} else if n >= 0 {
			line += " " + a.c.T("Next: %s", safe(a.items[n].Title))
		}
		return st.Muted.Render(fit(line, a.width)) + "\n\n"
	}
	it := a.items[i]
	clk := it.Clock
	icon := "▶"
	if clk.State() == model.ClockPaused {
		icon = "⏸"
	}
	head := fmt.Sprintf("%s %s", icon, safe(it.Title))
	if it.Presenter != "" {
		head += " — " + safe(it.Presenter)
	}
	info := a.c.T("elapsed %s of %d min · ", model.FormatDuration(clk.Elapsed(now)), int(clk.Budget()/time.Minute))
	return levelStyle(st, clk.Level(now)).Render(fit(head, a.width)) + "\n" + clockLine(a.c, "", info, clk, now, a.width, 40) + "\n"
}

// speakerView is the big clock for the speaker or a projector.
func (a *agenda) speakerView(w, h int) string {
	i := model.Active(a.items)
	if i < 0 {
		return bigClock(a.c, a.c.T("Nothing running"), nil, "", w, h)
	}
	next := ""
	if j := a.nextItem(i); j >= 0 {
		next = a.c.T("Next: %s", safe(a.items[j].Title))
		if p := a.items[j].Presenter; p != "" {
			next += " — " + safe(p)
		}
	}
	return bigClock(a.c, safe(a.items[i].Title), &a.items[i].Clock, next, w, h)
}

// Running implements runner: the running or paused item.
func (a *agenda) Running() (string, model.Clock, bool) {
	if i := model.Active(a.items); i >= 0 {
		return a.items[i].Title, a.items[i].Clock, true
	}
	return "", model.Clock{}, false
}
