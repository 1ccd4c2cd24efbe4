// Package ui is convene's terminal interface: a root model that owns the
// global keys, the layout, the styles and the status line, and one child
// model per screen (Agenda, Check-in, Topics) behind the screen interface.
// All database work runs in tea.Cmds; results and errors come back as
// messages.
package ui

import (
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"convene/i18n"
	"convene/model"
	"convene/store"
)

// Common holds what every screen of one window shares: the store, the
// styles, the clock, the message catalog, the current event and session,
// and the desk this window is.
type Common struct {
	Store  *store.Store
	Styles Styles
	Clock  Clock
	I18n   i18n.Printer
	Cur    model.Current
	Desk   string // identifies this desk's check-ins for undo
	// prefetch holds what was read before the window started (Prefetch),
	// until the window takes it.
	prefetch *Prefetch
	// writes are this window's writes in flight (waiting, cancelling).
	writes *writes
	roster Roster // a shared search index (nil: each window builds its own)
	// keyNow is when a key arrived (real time even in tests that fix the
	// clock, which set it themselves), to tell pastes from typing.
	keyNow func() time.Time
}

// Now is the clock's time.
func (c *Common) Now() time.Time { return c.Clock.Now() }

// Tick is a one-off timer (tea.Tick) from the clock.
func (c *Common) Tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return c.Clock.Tick(d, fn)
}

// Every is a timer aligned to the wall clock (tea.Every) from the clock.
func (c *Common) Every(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return c.Clock.Every(d, fn)
}

// Clock is where the app gets the time and its timers: the real one, or a
// fake one injected by tests (which then fire timers themselves instead of
// sleeping).
type Clock interface {
	Now() time.Time
	Tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd
	Every(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd
}

// realClock is the wall clock with Bubble Tea's timers.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }
func (realClock) Tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return tea.Tick(d, fn)
}
func (realClock) Every(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return tea.Every(d, fn)
}

// T translates a message.
func (c *Common) T(key string, args ...any) string { return c.I18n.T(key, args...) }

// W translates a word chosen at run time (a state, a kind, a screen name).
func (c *Common) W(key string) string { return c.I18n.Word(key) }

// screen is the contract every screen meets. The root sends a screen its
// data messages, and its keys when no overlay of its own is open; the
// screen's overlays (forms, confirms, pickers, big clocks) are on its
// stack, which the root routes to and draws.
type screen interface {
	// Load returns the command that (re)reads the screen's data for the
	// current event and session.
	Load() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	// View draws the screen itself (its overlays are drawn over it).
	View() string
	SetSize(width, height int)
	// Layers is the screen's stack of overlays.
	Layers() *stack
	// Typing reports whether the screen itself sends letters to a text
	// field (the check-in search), when no overlay is open.
	Typing() bool
	help.KeyMap
}

// base is what every screen embeds: its Common, size and overlays.
type base struct {
	c      *Common
	layers stack
	width  int
	height int
}

// Layers implements screen.
func (b *base) Layers() *stack { return &b.layers }

// Typing implements screen: most screens take commands, not text.
func (b *base) Typing() bool { return false }

// open puts an overlay on the screen's stack.
func (b *base) open(o overlay) { b.layers.push(o) }

// ask puts a yes/no question over the screen.
func (b *base) ask(question string, yes func() tea.Cmd) {
	b.layers.push(newConfirm(b.c, question, yes))
}

// newForm starts a form on the screen's stack (open it with b.open).
func (b *base) newForm(title string, onSubmit func(f *form) tea.Cmd) *form {
	return newForm(b.c, &b.layers, title, onSubmit)
}

// fit renders s in exactly w cells: cut with an ellipsis, or padded.
func fit(s string, w int) string { return align(s, w, false) }

// fitRight is fit with the text aligned right.
func fitRight(s string, w int) string { return align(s, w, true) }

func align(s string, w int, right bool) string {
	if w <= 0 {
		return ""
	}
	n, simple := simpleWidth(s)
	if !simple {
		s = ansi.Truncate(s, w, "…")
		n = ansi.StringWidth(s)
	} else if n > w {
		s = cutRunes(s, w-1) + "…"
		n = w
	}
	if n < w {
		pad := strings.Repeat(" ", w-n)
		if right {
			return pad + s
		}
		return s + pad
	}
	return s
}

// simpleWidth measures text made only of characters one cell wide with no
// combining marks (ASCII, Latin, Greek, Cyrillic with the Kazakh letters,
// common punctuation): its width is its rune count. Anything else (escape
// sequences, CJK, emoji, marks) reports ok=false, for the slow, exact path.
// Rows are drawn on every keystroke, so this matters (see BenchmarkSearchKeystroke).
func simpleWidth(s string) (n int, ok bool) {
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f,
			r >= 0xa0 && r < 0x300,
			r >= 0x370 && r < 0x483, r >= 0x48a && r < 0x530,
			r >= 0x2010 && r < 0x2028, r == 0x2032, r == 0x2116, r == 0x2713, r == 0x25cf, r == 0x2022:
			n++
		default:
			return 0, false
		}
	}
	return n, true
}

// styledWidth is the width in cells of a line that may hold escape
// sequences (styles): those are skipped and the rest measured as
// simpleWidth does; a line with anything else is measured exactly
// (ansi.StringWidth, many times slower: every frame measures every line).
func styledWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			j := skipEscape(s, i)
			if j < 0 {
				return ansi.StringWidth(s)
			}
			i = j
			continue
		case c >= 0x20 && c < 0x7f:
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if _, ok := simpleWidth(string(r)); !ok {
			return ansi.StringWidth(s)
		}
		n++
		i += size
	}
	return n
}

// skipEscape returns the index just after the escape sequence (CSI, such as
// a style, or OSC, such as a hyperlink) that starts at s[i], or -1 for one
// it does not know.
func skipEscape(s string, i int) int {
	if i+1 >= len(s) {
		return -1
	}
	switch s[i+1] {
	case '[': // CSI: parameters, then a final byte 0x40–0x7e
		for j := i + 2; j < len(s); j++ {
			switch c := s[j]; {
			case c >= 0x40 && c <= 0x7e:
				return j + 1
			case c < 0x20 || c > 0x7e:
				return -1
			}
		}
	case ']': // OSC: up to BEL or ST (ESC \)
		for j := i + 2; j < len(s); j++ {
			switch s[j] {
			case 0x07:
				return j + 1
			case 0x1b:
				if j+1 < len(s) && s[j+1] == '\\' {
					return j + 2
				}
				return -1
			}
		}
	}
	return -1
}

// cutRunes returns the first n runes of s.
func cutRunes(s string, n int) string {
	if n <= 0 {
		return ""
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// safe sanitises data for display on one line.
func safe(s string) string { return model.SanitizeLine(s) }

// newInput makes a text input styled for the app, without a blinking
// cursor (a blinking cursor would make the idle app redraw constantly).
func newInput(st Styles, placeholder string, width int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.SetWidth(max(1, width))
	s := textinput.DefaultStyles(st.Dark)
	if st.NoColor {
		plain := lipgloss.NewStyle()
		s.Focused = textinput.StyleState{Text: plain, Placeholder: plain.Faint(true), Prompt: plain, Suggestion: plain}
		s.Blurred = s.Focused
	}
	s.Cursor.Blink = false
	in.SetStyles(s)
	return in
}

// cursorList tracks the highlighted row and the scroll offset of a list.
type cursorList struct {
	pos, offset, n, height int
}

func (c *cursorList) setLen(n int) {
	c.n = n
	c.clamp()
}

func (c *cursorList) setHeight(h int) {
	c.height = max(1, h)
	c.clamp()
}

func (c *cursorList) move(d int) {
	c.pos += d
	c.clamp()
}

func (c *cursorList) home() { c.pos = 0; c.clamp() }
func (c *cursorList) end()  { c.pos = c.n - 1; c.clamp() }

func (c *cursorList) clamp() {
	if c.pos >= c.n {
		c.pos = c.n - 1
	}
	if c.pos < 0 {
		c.pos = 0
	}
	if c.height <= 0 {
		c.height = 1
	}
	if c.pos < c.offset {
		c.offset = c.pos
	}
	if c.pos >= c.offset+c.height {
		c.offset = c.pos - c.height + 1
	}
	if c.offset > max(0, c.n-c.height) {
		c.offset = max(0, c.n-c.height)
	}
	if c.offset < 0 {
		c.offset = 0
	}
}

// navigate moves the highlight if msg is a navigation key, and says so.
func (c *cursorList) navigate(msg tea.KeyPressMsg, k navKeys) bool {
	switch {
	case key.Matches(msg, k.Up):
		c.move(-1)
	case key.Matches(msg, k.Down):
		c.move(1)
	case key.Matches(msg, k.PageUp):
		c.move(-c.height)
	case key.Matches(msg, k.PageDown):
		c.move(c.height)
	case key.Matches(msg, k.Home):
		c.home()
	case key.Matches(msg, k.End):
		c.end()
	default:
		return false
	}
	return true
}

// visible returns the half-open range of rows on screen.
func (c *cursorList) visible() (int, int) {
	return c.offset, min(c.n, c.offset+c.height)
}

// scrollInfo is a short "12–30 of 120" label.
func (c *cursorList) scrollInfo(cm *Common) string {
	if c.n == 0 {
		return ""
	}
	a, b := c.visible()
	return cm.T("%d–%d of %d", a+1, b, c.n)
}

// localClock formats a time as HH:MM in local time.
func localClock(t time.Time) string {
	if t.IsZero() {
		return "--:--"
	}
	return t.Local().Format("15:04")
}

// wrapText wraps s at word boundaries to lines of at most w cells (a word
// longer than a line is broken).
func wrapText(s string, w int) string { return ansi.Wrap(s, max(1, w), "") }
