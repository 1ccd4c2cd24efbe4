package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// picker is the one overlay for choosing one of a few rows (possible
// duplicates of a walk-in, the participant who raised a topic): ↑/↓ move,
// enter picks, esc goes back to what is beneath; an optional extra key does
// something else (save as a new person).
type picker struct {
	c       *Common
	title   string
	hint    string
	n       int
	row     func(i int, selected bool, w int) string
	onPick  func(i int) tea.Cmd
	extra   key.Binding
	onExtra func() tea.Cmd
	list    cursorList
	keys    pickKeys
	popup
}

func newPicker(c *Common, title string, n int, row func(i int, selected bool, w int) string, onPick func(i int) tea.Cmd) *picker {
	p := &picker{c: c, title: title, n: n, row: row, onPick: onPick, keys: newPickKeys()}
	p.list.setLen(n)
	p.help = keyList{p.keys.Up, p.keys.Down, p.keys.Pick, p.keys.Back}
	return p
}

// withExtra adds a key that does something other than picking.
func (p *picker) withExtra(b key.Binding, fn func() tea.Cmd) *picker {
	p.extra, p.onExtra = b, fn
	p.help = keyList{p.keys.Up, p.keys.Down, p.keys.Pick, b, p.keys.Back}
	return p
}

// Update implements overlay.
func (p *picker) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case p.list.navigate(km, p.keys.navKeys):
	case key.Matches(km, p.keys.Back):
		p.closed = true
	case p.onExtra != nil && key.Matches(km, p.extra):
		p.closed = true
		return p.onExtra()
	case key.Matches(km, p.keys.Pick) && p.n > 0:
		p.closed = true
		return p.onPick(p.list.pos)
	}
	return nil
}

// View implements overlay: the picker replaces what is beneath.
func (p *picker) View(_ string, w, h int) string {
	st := p.c.Styles
	p.list.setHeight(max(1, h-4))
	var b strings.Builder
	b.WriteString(st.Warning.Render(fit(p.title, w)) + "\n\n")
	lo, hi := p.list.visible()
	for i := lo; i < hi; i++ {
		b.WriteString(p.row(i, i == p.list.pos, w) + "\n")
	}
	if p.hint != "" {
		b.WriteString("\n" + st.Muted.Render(fit(p.hint, w)))
	}
	return b.String()
}

// textView shows a long text (a topic's details, notes, outcome and
// actions) to read: ↑/↓/pgup/pgdn scroll, any other key returns.
type textView struct {
	c     *Common
	title string
	lines []string
	top   int
	nav   navKeys
	popup
}

func newTextView(c *Common, title string, text string) *textView {
	v := &textView{c: c, title: title, lines: strings.Split(text, "\n"), nav: newNavKeys(true)}
	v.help = keyList{v.nav.Up, v.nav.Down, v.nav.PageDown, bind(keys("esc"), "esc", "back")}
	return v
}

// Update implements overlay.
func (v *textView) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, v.nav.Up):
		v.top--
	case key.Matches(km, v.nav.Down):
		v.top++
	case key.Matches(km, v.nav.PageUp):
		v.top -= 10
	case key.Matches(km, v.nav.PageDown):
		v.top += 10
	case key.Matches(km, v.nav.Home):
		v.top = 0
	case key.Matches(km, v.nav.End):
		v.top = len(v.lines)
	default:
		v.closed = true
	}
	return nil
}

// View implements overlay: the text replaces what is beneath.
func (v *textView) View(_ string, w, h int) string {
	st := v.c.Styles
	var wrapped []string
	for _, l := range v.lines {
		wrapped = append(wrapped, strings.Split(wrapText(l, max(10, w-2)), "\n")...)
	}
	room := max(1, h-3)
	v.top = max(0, min(v.top, len(wrapped)-room))
	end := min(len(wrapped), v.top+room)
	var b strings.Builder
	b.WriteString(st.Title.Render(fit(v.title, w)) + "\n\n")
	b.WriteString(strings.Join(wrapped[v.top:end], "\n"))
	if len(wrapped) > room {
		b.WriteString("\n" + st.Muted.Render(v.c.T("lines %d–%d of %d · ↑/↓ scroll · esc back", v.top+1, end, len(wrapped))))
	}
	return b.String()
}
