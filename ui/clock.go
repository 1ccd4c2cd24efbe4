package ui

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"convene/model"
)

// Drawing clocks, shared by the Agenda (items) and Topics (timeboxes): the
// colour of a clock at its level, "12:03 left" / "+03:12 over", a progress
// bar, the one-line clock with its title, and the full-screen big clock.

// levelStyle is the colour of a clock's text at its level.
func levelStyle(st Styles, l model.ClockLevel) lipgloss.Style {
	return byLevel(l, st.Running, st.Warning, st.Alarm)
}

// bigStyle is the colour of the big clock's digits at its level.
func bigStyle(st Styles, l model.ClockLevel) lipgloss.Style {
	return byLevel(l, st.BigNormal, st.BigWarning, st.BigOver)
}

// byLevel picks the style for a clock level.
func byLevel(l model.ClockLevel, normal, warning, over lipgloss.Style) lipgloss.Style {
	switch l {
	case model.LevelWarning:
		return warning
	case model.LevelOver:
		return over
	case model.LevelNormal:
	}
	return normal
}

// clockText is "12:03 left" or "+03:12 over".
func clockText(c *Common, clk model.Clock, now time.Time) string {
	rem := clk.Remaining(now)
	if rem < 0 {
		return c.T("+%s over", model.FormatDuration(-rem))
	}
	return c.T("%s left", model.FormatDuration(rem))
}

// progressBar draws elapsed/budget in w cells.
func progressBar(st Styles, clk model.Clock, now time.Time, w int) string {
	if w <= 0 {
		return ""
	}
	full := int(clk.Progress(now) * float64(w))
	return st.BarFull.Render(strings.Repeat("█", full)) + st.BarEmpty.Render(strings.Repeat("░", w-full))
}

// clockLine is a running clock on one line of width w: head (cut to fit),
// then info, a progress bar of at most barMax cells, and the time left or
// over, in the clock's colour.
func clockLine(c *Common, head, info string, clk model.Clock, now time.Time, w, barMax int) string {
	st := c.Styles
	ls := levelStyle(st, clk.Level(now))
	tail := clockText(c, clk, now)
	if clk.State() == model.ClockPaused {
		tail += " · " + c.T("paused")
	}
	room := w - lipgloss.Width(info) - lipgloss.Width(tail) - 2
	head = fit(head, min(lipgloss.Width(head), max(8, room-min(barMax, 10))))
	barW := min(barMax, max(0, room-lipgloss.Width(head)))
	return ls.Render(head) + st.Muted.Render(info) + progressBar(st, clk, now, barW) + " " + ls.Render(tail)
}

// mmss is a remaining time for the big clock: "12:03", or "+03:12" once over.
func mmss(rem time.Duration) string {
	if rem < 0 {
		return "+" + model.FormatDuration(-rem)
	}
	return model.FormatDuration(rem)
}

// glyphs is a 5-row block font for the speaker view's big clock.
var glyphs = map[rune][5]string{
	'0': {"####", "#  #", "#  #", "#  #", "####"},
	'1': {"  # ", " ## ", "  # ", "  # ", " ###"},
	'2': {"####", "   #", "####", "#   ", "####"},
	'3': {"####", "   #", " ###", "   #", "####"},
	'4': {"#  #", "#  #", "####", "   #", "   #"},
	'5': {"####", "#   ", "####", "   #", "####"},
	'6': {"####", "#   ", "####", "#  #", "####"},
	'7': {"####", "   #", "  # ", " #  ", " #  "},
	'8': {"####", "#  #", "####", "#  #", "####"},
	'9': {"####", "#  #", "####", "   #", "####"},
	':': {" ", "#", " ", "#", " "},
	'+': {"   ", " # ", "###", " # ", "   "},
	'-': {"   ", "   ", "###", "   ", "   "},
	' ': {" ", " ", " ", " ", " "},
}

// bigWidth is the width in cells of text drawn at scale k (each font pixel
// is 2k cells wide and k rows tall, one pixel of space between glyphs).
func bigWidth(text string, k int) int {
	w := 0
	for i, r := range text {
		g, ok := glyphs[r]
		if !ok {
			continue
		}
		if i > 0 {
			w++
		}
		w += len(g[0])
	}
	return w * 2 * k
}

// bigScale is the largest scale at which text fits in w×h: kx for width
// (each font pixel 2kx cells wide) and ky for height (ky rows), with ky at
// most 2kx so the digits stay clock-shaped while filling a tall window.
func bigScale(text string, w, h int) (kx, ky int) {
	kx = 1
	for bigWidth(text, kx+1) <= w {
		kx++
	}
	ky = max(1, min(h/5, 2*kx))
	return kx, ky
}

// bigText draws text in block characters: 5·ky rows, pixels 2·kx wide.
func bigText(text string, kx, ky int) []string {
	k := kx
	rows := make([]string, 5*ky)
	for row := range 5 {
		var b strings.Builder
		first := true
		for _, r := range text {
			g, ok := glyphs[r]
			if !ok {
				continue
			}
			if !first {
				b.WriteString(strings.Repeat(" ", 2*k))
			}
			first = false
			for _, px := range g[row] {
				cell := " "
				if px == '#' {
					cell = "█"
				}
				b.WriteString(strings.Repeat(cell, 2*k))
			}
		}
		for j := range ky {
			rows[row*ky+j] = b.String()
		}
	}
	return rows
}

// bigClock is the full-screen clock shared by the agenda's speaker view and
// the topics' timebox: the remaining time in block digits (the overrun,
// counting up, once over), the title, what is next, and the warning and
// over-time colours. With no clock it shows the time of day.
func bigClock(c *Common, title string, clk *model.Clock, next string, w, h int) string {
	st := c.Styles
	now := c.Now()
	digits, sub, big := now.Format("15:04"), c.T("the time now"), st.BigNormal
	if clk != nil {
		digits = mmss(clk.Remaining(now))
		big = bigStyle(st, clk.Level(now))
		sub = clockText(c, *clk, now)
		if clk.State() == model.ClockPaused {
			sub += " · " + c.T("paused")
		}
	}
	kx, ky := bigScale(digits, w-2, h-7)
	center := lipgloss.NewStyle().Width(w).Align(lipgloss.Center)
	parts := []string{center.Render(st.Bold.Render(fit(title, min(w, lipgloss.Width(title))))), ""}
	for _, l := range bigText(digits, kx, ky) {
		parts = append(parts, center.Render(big.Render(l)))
	}
	parts = append(parts, "", center.Render(big.Render(sub)))
	if next != "" {
		parts = append(parts, center.Render(st.Muted.Render(fit(next, min(w, lipgloss.Width(next))))))
	}
	body := strings.Join(parts, "\n")
	pad := max(0, (h-lipgloss.Height(body))/2)
	return strings.Repeat("\n", pad) + body
}

// bigClockView is the big clock as an overlay that takes the whole
// terminal (the speaker view); any key returns. draw is called at every
// redraw, so it follows the running clock.
type bigClockView struct {
	draw func(w, h int) string
	popup
}

func newBigClockView(draw func(w, h int) string) *bigClockView {
	return &bigClockView{draw: draw, popup: popup{help: keyList{bind(keys("esc"), anyKey, "back")}}}
}

// Update implements overlay: any key returns.
func (b *bigClockView) Update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		b.closed = true
	}
	return nil
}

// View implements overlay.
func (b *bigClockView) View(_ string, w, h int) string { return b.draw(w, h) }

// FullScreen implements fullScreen.
func (b *bigClockView) FullScreen() bool { return true }

// undoClockCmd undoes this desk's newest clock action (an agenda item's or
// a topic's), restoring the times stored before it; the store refuses when
// something later changed the same item, and says who.
func undoClockCmd(c *Common) tea.Cmd {
	st, eid, desk := c.Store, c.Cur.Event.ID, c.Desk
	return commit(c, func(ctx context.Context) (model.Change, error) { return st.UndoClock(ctx, eid, desk) },
		func(ch model.Change) string {
			var u model.ClockUndo
			switch ch := ch.(type) {
			case model.AgendaChanged:
				u = ch.Undone
			case model.TopicsChanged:
				u = ch.Undone
			}
			status := c.T("Undone: %s of “%s” (u again undoes the one before)", c.W(u.Action), safe(u.Title))
			if u.SessionID != "" && u.SessionID != c.Cur.Session.ID {
				for _, se := range c.Cur.Sessions {
					if se.ID == u.SessionID {
						status += " " + c.T("(in %s)", safe(se.Title))
					}
				}
			}
			return status
		})
}
