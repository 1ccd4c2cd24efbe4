package ui

import "charm.land/bubbles/v2/key"

// globalKeys work on every screen. Tab, Shift+Tab, Ctrl+C, F1 and F2 work
// even while a text field has focus; the others only when none has.
type globalKeys struct {
	Next, Prev, Quit, QuitQ, Screen1, Screen2, Screen3, Help, Sessions key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Next:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next screen")),
		Prev:     key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous screen")),
		Quit:     key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		QuitQ:    key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Screen1:  key.NewBinding(key.WithKeys("1"), key.WithHelp("1/2/3", "agenda/check-in/topics")),
		Screen2:  key.NewBinding(key.WithKeys("2")),
		Screen3:  key.NewBinding(key.WithKeys("3")),
		Help:     key.NewBinding(key.WithKeys("?", "f1"), key.WithHelp("?/f1", "help")),
		Sessions: key.NewBinding(key.WithKeys("f2", "S"), key.WithHelp("f2/S", "sessions")),
	}
}

// bindings are the global keys shown in the short help: while a text field
// has focus only those that still work there.
func (k globalKeys) bindings(editing bool) []key.Binding {
	if editing {
		f1 := key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "help"))
		f2 := key.NewBinding(key.WithKeys("f2"), key.WithHelp("f2", "sessions"))
		return []key.Binding{f1, k.Next, f2, k.Quit}
	}
	return []key.Binding{k.Help, k.Next, k.Screen1, k.Sessions, k.QuitQ}
}

// helpKeys joins a screen's key map with the global keys for bubbles/help.
type helpKeys struct {
	screen interface {
		ShortHelp() []key.Binding
		FullHelp() [][]key.Binding
	}
	global globalKeys
	short  []key.Binding
}

// ShortHelp puts the help key first (so even a narrow window shows how to
// see everything), then the screen's keys, then the other global ones.
func (h helpKeys) ShortHelp() []key.Binding {
	if len(h.short) == 0 {
		return h.screen.ShortHelp()
	}
	return append(append([]key.Binding{h.short[0]}, h.screen.ShortHelp()...), h.short[1:]...)
}

func (h helpKeys) FullHelp() [][]key.Binding {
	g := h.global
	// the global column first, so a narrow window cuts the screen's last column, not it
	return append([][]key.Binding{{g.Next, g.Prev, g.Screen1, g.Sessions, g.Help, g.QuitQ, g.Quit}}, h.screen.FullHelp()...)
}
