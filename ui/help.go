package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// helpView is the full help, an overlay over whatever had the keys: it
// lists every key of that (a screen, a form, a question) and the global
// keys that work there; any key returns to it.
type helpView struct {
	c    *Common
	keys helpKeys
	help *help.Model
	popup
}

func newHelpView(c *Common, k helpKeys, h *help.Model) *helpView {
	return &helpView{c: c, keys: k, help: h, popup: popup{help: keyList{bind(keys("esc"), "any key", "close help")}}}
}

// Update implements overlay: any key closes the help.
func (h *helpView) Update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		h.closed = true
	}
	return nil
}

// View implements overlay: the help replaces the body.
func (h *helpView) View(_ string, w, hh int) string {
	h.help.ShowAll = true
	v := h.help.View(h.keys)
	h.help.ShowAll = false
	title := h.c.Styles.Title.Render(h.c.T("Keys")) + "  " + h.c.Styles.Muted.Render(h.c.T("any key closes this help"))
	return clampLines(title+"\n\n"+v, w, hh)
}
