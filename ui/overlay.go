package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// overlay is anything shown over a screen or over the whole app: a form, a
// confirm, a picker, the help, a big clock, the welcome. The root and each
// screen keep a stack of them; the top one gets the keys (and pastes),
// what is beneath is kept and shown again when it closes.
type overlay interface {
	// Update handles a key or a paste; it may close the overlay (Closed).
	Update(msg tea.Msg) tea.Cmd
	// View draws the overlay over what is beneath it (the screen, or the
	// overlay below) in a body of w×h cells.
	View(beneath string, w, h int) string
	// Typing reports whether a text field has focus (letters are text,
	// not commands).
	Typing() bool
	// Closed reports whether the overlay is done and should be removed.
	Closed() bool
	help.KeyMap
}

// fullScreen is an overlay that takes the whole terminal (the big clocks),
// not only the body between header and footer.
type fullScreen interface{ FullScreen() bool }

// dirtier is an overlay holding unsaved input (a changed form).
type dirtier interface{ Dirty() bool }

// stack is a stack of overlays.
type stack struct{ items []overlay }

func (s *stack) push(o overlay) { s.items = append(s.items, o) }

// top is the overlay that gets the keys, or nil.
func (s *stack) top() overlay {
	if len(s.items) == 0 {
		return nil
	}
	return s.items[len(s.items)-1]
}

func (s *stack) empty() bool { return len(s.items) == 0 }

// clear removes every overlay.
func (s *stack) clear() { s.items = nil }

// prune removes closed overlays (an action may close several at once).
func (s *stack) prune() {
	kept := s.items[:0]
	for _, o := range s.items {
		if !o.Closed() {
			kept = append(kept, o)
		}
	}
	for i := len(kept); i < len(s.items); i++ {
		s.items[i] = nil
	}
	s.items = kept
}

// update gives msg to the top overlay, if any, and removes what closed.
func (s *stack) update(msg tea.Msg) (tea.Cmd, bool) {
	o := s.top()
	if o == nil {
		return nil, false
	}
	cmd := o.Update(msg)
	s.prune()
	return cmd, true
}

// view draws the overlays, bottom to top, over base.
func (s *stack) view(base string, w, h int) string {
	for _, o := range s.items {
		base = o.View(base, w, h)
	}
	return base
}

// typing reports whether the top overlay has a text field with focus.
func (s *stack) typing() bool {
	o := s.top()
	return o != nil && o.Typing()
}

// dirty reports whether any overlay holds unsaved input.
func (s *stack) dirty() bool {
	for _, o := range s.items {
		if d, ok := o.(dirtier); ok && d.Dirty() {
			return true
		}
	}
	return false
}

// fullScreen is the topmost overlay that takes the whole terminal, if any.
func (s *stack) fullScreen() overlay {
	if o := s.top(); o != nil {
		if f, ok := o.(fullScreen); ok && f.FullScreen() {
			return o
		}
	}
	return nil
}

// float draws box over the middle of background (both multi-line strings),
// keeping what is left and right of it visible.
func float(background, box string, w, h int) string {
	bg := strings.Split(clampLines(background, w, h), "\n")
	lines := strings.Split(box, "\n")
	bw := lipgloss.Width(box)
	if bw > w {
		bw = w
	}
	x := max(0, (w-bw)/2)
	y := max(0, (h-len(lines))/2)
	for i, l := range lines {
		row := y + i
		if row >= len(bg) {
			break
		}
		l = ansi.Truncate(l, bw, "")
		pad := bw - ansi.StringWidth(l)
		left := ansi.Truncate(bg[row], x, "")
		left += strings.Repeat(" ", max(0, x-ansi.StringWidth(left)))
		right := ansi.Cut(bg[row], x+bw, w)
		bg[row] = left + l + strings.Repeat(" ", pad) + right
	}
	return strings.Join(bg, "\n")
}

// popup is what most overlays embed: closing, not typing, and a fixed
// list of keys for the help.
type popup struct {
	closed bool
	help   keyList
}

// Closed implements overlay.
func (p *popup) Closed() bool { return p.closed }

// Typing implements overlay: a popup takes keys, not text.
func (p *popup) Typing() bool { return false }

// ShortHelp implements help.KeyMap.
func (p *popup) ShortHelp() []key.Binding { return p.help }

// FullHelp implements help.KeyMap.
func (p *popup) FullHelp() [][]key.Binding { return [][]key.Binding{p.help} }
