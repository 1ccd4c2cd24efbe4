package ui

// Routing keys: ctrl+c, the root overlays, the global keys, then the
// active screen's overlays and the screen; and the help of whatever has
// the keys.

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// handleKey routes a key: ctrl+c, then the root overlays, then the global
// keys that apply, then the active screen (its top overlay first).
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if key.Matches(msg, k.Quit) {
		return m.quit()
	}
	if m.tooSmall() {
		return nil // nothing acts on a screen nobody can read
	}
	if m.c.writes.Waiting() && key.Matches(msg, m.keys.CancelWrite) {
		m.c.writes.cancelAll()
		return nil
	}
	if m.display() != nil && m.layers.empty() {
		return m.displayKey(msg)
	}
	if key.Matches(msg, k.HelpF1) || key.Matches(msg, k.Help) && m.helpKeyFree() {
		return m.openHelp()
	}
	if cmd, ok := m.layers.update(msg); ok {
		m.afterRootOverlay()
		return cmd
	}
	if m.banner != nil && key.Matches(msg, k.Accept) {
		return m.acceptBanner()
	}
	if key.Matches(msg, k.Language) {
		return m.nextLanguage()
	}
	if !m.loaded {
		return nil
	}
	top := m.screen().Layers().top()
	if top != nil && !top.Typing() {
		return m.routeInput(msg) // a question, picker or big clock takes every key
	}
	switch {
	case key.Matches(msg, k.Next):
		return m.switchTo(m.active + 1)
	case key.Matches(msg, k.Prev):
		return m.switchTo(m.active - 1)
	case key.Matches(msg, k.SessionsF2), !m.typing() && key.Matches(msg, k.Sessions):
		return m.openSessions()
	}
	if !m.typing() {
		switch {
		case key.Matches(msg, k.QuitQ):
			return m.quit()
		case key.Matches(msg, k.Screen1):
			return m.switchTo(ScreenAgenda)
		case key.Matches(msg, k.Screen2):
			return m.switchTo(ScreenCheckIn)
		case key.Matches(msg, k.Screen3):
			return m.switchTo(ScreenTopics)
		}
	}
	return m.routeInput(msg)
}

// routeInput gives a key, paste or mouse event to the active screen's top
// overlay, or to the screen.
func (m *Model) routeInput(msg tea.Msg) tea.Cmd {
	if !m.layers.empty() {
		cmd, _ := m.layers.update(msg)
		return cmd
	}
	if !m.loaded {
		return nil
	}
	s := m.screen()
	if cmd, ok := s.Layers().update(msg); ok {
		return cmd
	}
	return s.Update(msg)
}

// helpKeyFree reports whether ? opens the help now: not while typing, and
// not over a question (where any key answers no).
func (m *Model) helpKeyFree() bool {
	if m.typing() {
		return false
	}
	top := m.layers.top()
	if top == nil && m.loaded {
		top = m.screen().Layers().top()
	}
	_, question := top.(*confirm)
	return !question
}

// afterRootOverlay tidies up when a root overlay closed.
func (m *Model) afterRootOverlay() {
	if m.layers.empty() {
		m.quitting = false
	}
	m.layout()
}

// openHelp shows every key of what has the keys now (or closes the help).
func (m *Model) openHelp() tea.Cmd {
	if h, open := m.layers.top().(*helpView); open {
		h.closed = true // f1 again closes it
		m.layers.prune()
		m.layout()
		return nil
	}
	m.layers.push(newHelpView(m.c, m.helpKeys(true), &m.help))
	m.layout()
	return nil
}

// openSessions opens the session picker (not over a form: what the form
// saves belongs to the session it was opened in).
func (m *Model) openSessions() tea.Cmd {
	if !m.screen().Layers().empty() {
		return statusCmd(m.c.T("Save or cancel the form first (ctrl+s saves, esc cancels)"))
	}
	m.layers.push(newSessionPicker(m.c, &m.layers))
	m.layout()
	return nil
}

// quit ends the program; with unsaved input in a form it asks first
// (ctrl+c again, or y, quits anyway).
func (m *Model) quit() tea.Cmd {
	if m.quitting {
		return tea.Quit
	}
	dirty := false
	for _, s := range m.screens {
		dirty = dirty || s.Layers().dirty()
	}
	if !dirty && !m.layers.dirty() {
		return tea.Quit
	}
	m.quitting = true
	m.layers.push(newConfirm(m.c, m.c.T("A form has unsaved changes. Quit anyway and lose them?"), func() tea.Cmd { return tea.Quit }).
		onNo(func() tea.Cmd { return statusCmd(m.c.T("Not quitting: the form is still open")) }))
	return nil
}

// helpKeys are the keys of whatever has them now, with the global keys
// that work there.
func (m *Model) helpKeys(all bool) helpKeys {
	h := helpKeys{c: m.c}
	if top := m.layers.top(); top != nil {
		if hv, ok := top.(*helpView); ok && !all {
			h.screen = hv
			return h
		}
		if _, isHelp := top.(*helpView); !isHelp {
			h.screen = top
			h.global = []key.Binding{m.keys.HelpF1, m.keys.Quit}
			if !top.Typing() {
				h.global[0] = m.keys.Help
			}
			return h
		}
	}
	s := m.screen()
	if top := s.Layers().top(); top != nil {
		h.screen = top
		h.global = []key.Binding{m.keys.HelpF1, m.keys.Quit}
		if top.Typing() {
			h.global = m.keys.short(true)
			h.column = m.keys.full(true)
		}
		return h
	}
	h.screen = s
	h.global = m.keys.short(m.typing())
	h.column = m.keys.full(m.typing())
	return h
}

func (m *Model) helpView() string {
	m.help.ShowAll = false
	// NOTE: bubbles/help can overflow its width by one item when the
	// ellipsis does not fit, so every line is cut to the width as well.
	v := m.help.View(m.helpKeys(false))
	return clampLines(v, m.width, lipgloss.Height(v))
}
