package ui

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// Styles is the app's one set of styles, built for a dark or light
// background, or without colour (NO_COLOR: bold, underline and reverse only).
type Styles struct {
	Header, HeaderEvent, HeaderSession, HeaderClock lipgloss.Style
	Tab, TabActive                                  lipgloss.Style
	Title, Muted, Bold, Label                       lipgloss.Style
	TableHeader, Row, Selected                      lipgloss.Style
	Good, Warning, Alarm, Running                   lipgloss.Style
	StatusOK, StatusErr                             lipgloss.Style
	Box, WarnBox, Focused, Input                    lipgloss.Style
	BarFull, BarEmpty                               lipgloss.Style
	BigNormal, BigWarning, BigOver                  lipgloss.Style

	Dark    bool
	NoColor bool

	// Pre-rendered escape codes of the row styles, for drawing many rows
	// cheaply (lipgloss's Render measures and wraps, which is too slow to
	// do per row per keystroke).
	SelectedRow, GoodRow, MutedRow, RunningRow Paint
}

// Paint is a style's opening and closing escape codes, valid for one line
// of plain text without tabs.
type Paint struct{ pre, post string }

func newPaint(st lipgloss.Style) Paint {
	r := st.Render("M")
	i := strings.Index(r, "M")
	if i < 0 {
		return Paint{}
	}
	return Paint{pre: r[:i], post: r[i+1:]}
}

// Apply paints one line.
func (p Paint) Apply(s string) string { return p.pre + s + p.post }

func (s *Styles) cachePaints() {
	s.SelectedRow, s.GoodRow, s.MutedRow, s.RunningRow = newPaint(s.Selected), newPaint(s.Good), newPaint(s.Muted), newPaint(s.Running)
}

// NewStyles builds the styles for a background (dark or light), or without
// colours.
func NewStyles(dark, noColor bool) Styles {
	s := Styles{Dark: dark, NoColor: noColor}
	ld := lipgloss.LightDark(dark)
	c := func(light, darkHex string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(darkHex)) }
	accent := c("#5A3FC0", "#B7A6FF")
	muted := c("#6B6B6B", "#9A9A9A")
	good := c("#0B7A3B", "#5FD68A")
	warn := c("#9A6200", "#FFC24B")
	alarm := c("#C0182B", "#FF6B6B")
	selBg := c("#E4DEFF", "#3B3170")
	base := lipgloss.NewStyle()

	if noColor {
		s.noColor()
		return s
	}
	s.Header = base.Foreground(accent)
	s.HeaderEvent = base.Bold(true).Foreground(accent)
	s.HeaderSession = base
	s.HeaderClock = base.Bold(true)
	s.Tab = base.Padding(0, 1).Foreground(muted)
	s.TabActive = base.Padding(0, 1).Bold(true).Foreground(c("#FFFFFF", "#1A1A1A")).Background(accent)
	s.Title = base.Bold(true).Foreground(accent)
	s.Muted = base.Foreground(muted)
	s.Bold = base.Bold(true)
	s.Label = base.Foreground(muted)
	s.TableHeader = base.Bold(true).Foreground(muted)
	s.Row = base
	s.Selected = base.Background(selBg).Bold(true)
	s.Good = base.Foreground(good)
	s.Warning = base.Bold(true).Foreground(warn)
	s.Alarm = base.Bold(true).Foreground(alarm)
	s.Running = base.Bold(true).Foreground(good)
	s.StatusOK = base.Foreground(good)
	s.StatusErr = base.Bold(true).Foreground(alarm)
	s.Box = base.Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1)
	s.WarnBox = base.Border(lipgloss.DoubleBorder()).BorderForeground(warn).Padding(0, 1)
	s.Focused = base.Foreground(accent).Bold(true)
	s.Input = base
	s.BarFull = base.Foreground(accent)
	s.BarEmpty = base.Foreground(muted)
	s.BigNormal = base.Bold(true).Foreground(good)
	s.BigWarning = base.Bold(true).Foreground(warn)
	s.BigOver = base.Bold(true).Foreground(alarm)
	s.cachePaints()
	return s
}

// noColor sets the styles used without colours: bold, underline and
// reverse only.
func (s *Styles) noColor() {
	base := lipgloss.NewStyle()
	s.Header = base.Bold(true)
	s.HeaderEvent = base.Bold(true)
	s.HeaderSession = base
	s.HeaderClock = base.Bold(true)
	s.Tab = base.Padding(0, 1)
	s.TabActive = base.Padding(0, 1).Reverse(true).Bold(true)
	s.Title = base.Bold(true).Underline(true)
	s.Muted = base
	s.Bold = base.Bold(true)
	s.Label = base.Bold(true)
	s.TableHeader = base.Bold(true).Underline(true)
	s.Row = base
	s.Selected = base.Reverse(true)
	s.Good = base.Bold(true)
	s.Warning = base.Bold(true).Underline(true)
	s.Alarm = base.Bold(true).Reverse(true)
	s.Running = base.Bold(true)
	s.StatusOK = base.Bold(true)
	s.StatusErr = base.Bold(true).Reverse(true)
	s.Box = base.Border(lipgloss.NormalBorder()).Padding(0, 1)
	s.WarnBox = base.Border(lipgloss.DoubleBorder()).Padding(0, 1)
	s.Focused = base.Bold(true)
	s.Input = base
	s.BarFull = base.Reverse(true)
	s.BarEmpty = base
	s.BigNormal = base.Bold(true)
	s.BigWarning = base.Bold(true)
	s.BigOver = base.Bold(true).Reverse(true)
	s.cachePaints()
}
