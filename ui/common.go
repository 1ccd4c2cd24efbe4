// Package ui is convene's terminal interface: a root model that owns the
// global keys, the layout, the styles and the status line, and one child
// model per screen (Agenda, Check-in, Topics) behind the screen interface.
// All database work runs in tea.Cmds; results and errors come back as
// messages.
package ui

import (
	"fmt"
	"strings"
	"time"

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

// Common holds what every screen shares: the store, the styles, the clock,
// the message catalog and the current event and session.
type Common struct {
	Store  *store.Store
	Styles Styles
	Now    func() time.Time
	I18n   i18n.Printer
	Cur    model.Current
	Desk   string // identifies this desk's check-ins for undo
	// timers is false in tests, where commands are run synchronously and
	// a timer would block: Tick and Every then return nil.
	timers bool
}

// Tick is tea.Tick, or nothing when timers are off.
func (c *Common) Tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	if !c.timers {
		return nil
	}
	return tea.Tick(d, fn)
}

// Every is tea.Every, or nothing when timers are off.
func (c *Common) Every(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	if !c.timers {
		return nil
	}
	return tea.Every(d, fn)
}

// T translates a message.
func (c *Common) T(key string, args ...any) string { return c.I18n.T(key, args...) }

// W translates a word chosen at run time (a state, a kind, a screen name).
func (c *Common) W(key string) string { return c.I18n.Word(key) }

// screen is the contract every screen meets.
type screen interface {
	// Load returns the command that (re)reads the screen's data for the
	// current event and session.
	Load() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	// Ready reports whether the screen's first data has arrived.
	Ready() bool
	// Editing reports whether a text field has focus (then plain letters
	// and digits are text, not commands).
	Editing() bool
	help.KeyMap
}

// Messages shared by the screens and the root.
type (
	// errMsg reports a failed action; it is shown in the status line.
	errMsg struct{ err error }
	// statusMsg reports a completed action in the status line.
	statusMsg string
	// clearStatusMsg clears the status line if it still shows message seq.
	clearStatusMsg struct{ seq int }
	// reloadMsg asks every screen to reload (after the current session or
	// event changed).
	reloadMsg struct{}
)

func errCmd(err error) tea.Cmd { return func() tea.Msg { return errMsg{err} } }

func statusCmd(s string) tea.Cmd { return func() tea.Msg { return statusMsg(s) } }

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

// navKeys move a list's highlight; every list embeds them in its key map.
type navKeys struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
}

// newNavKeys builds the navigation keys; letters (k/j/g/G) only where
// typing does not go to a text field.
func newNavKeys(letters bool) navKeys {
	up, down, home, end := []string{"up"}, []string{"down"}, []string{"home"}, []string{"end"}
	upHelp, downHelp := "↑", "↓"
	if letters {
		up, down, home, end = append(up, "k"), append(down, "j"), append(home, "g"), append(end, "G")
		upHelp, downHelp = "↑/k", "↓/j"
	}
	return navKeys{
		Up:       key.NewBinding(key.WithKeys(up...), key.WithHelp(upHelp, "up")),
		Down:     key.NewBinding(key.WithKeys(down...), key.WithHelp(downHelp, "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys(home...), key.WithHelp("home", "first")),
		End:      key.NewBinding(key.WithKeys(end...), key.WithHelp("end", "last")),
	}
}

func (k navKeys) bindings() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
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
func (c *cursorList) scrollInfo() string {
	if c.n == 0 {
		return ""
	}
	a, b := c.visible()
	return fmt.Sprintf("%d–%d of %d", a+1, b, c.n)
}

// localClock formats a time as HH:MM in local time.
func localClock(t time.Time) string {
	if t.IsZero() {
		return "--:--"
	}
	return t.Local().Format("15:04")
}
