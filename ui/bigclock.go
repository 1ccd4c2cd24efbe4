package ui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"convene/model"
)

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
