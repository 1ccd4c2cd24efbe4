package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// helpView is the full help, an overlay over whatever had the keys: it
// lists every key of that (a screen, a form, a question) and the global
// keys that work there; any key returns to it.
type helpView struct {
	c    *Common
	keys helpKeys
	help *help.Model
	top  int // the first line shown, when the help is longer than the window
	more bool
	popup
}

func newHelpView(c *Common, k helpKeys, h *help.Model) *helpView {
	return &helpView{c: c, keys: k, help: h, popup: popup{help: keyList{bind(keys("esc"), anyKey, "close help")}}}
}

// Update implements overlay: any key closes the help, but ↓/↑ (and
// pgdown/pgup) scroll a help longer than the window.
func (h *helpView) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch k.String() {
	case "down", "j", "pgdown", "space":
		if h.more {
			h.top += 5
			return nil
		}
	case "up", "k", "pgup":
		if h.top > 0 {
			h.top = max(0, h.top-5)
			return nil
		}
	}
	h.closed = true
	return nil
}

// View implements overlay: the help replaces the body; in a small window
// its last line says that more follows (↓).
func (h *helpView) View(_ string, w, hh int) string {
	title := h.c.Styles.Title.Render(h.c.T("Keys")) + "  " + h.c.Styles.Muted.Render(h.c.T("any key closes this help"))
	lines := strings.Split(title+"\n\n"+packColumns(h.help, h.keys.FullHelp(), w), "\n")
	h.top = min(h.top, max(0, len(lines)-(hh-1)))
	lines = lines[h.top:]
	h.more = len(lines) > hh
	if h.more {
		lines = append(lines[:hh-1], h.c.Styles.Muted.Render(h.c.T("↓ more keys (%d lines)", len(lines)-(hh-1))))
	}
	return clampLines(strings.Join(lines, "\n"), w, hh)
}

// helpGap is the space between two columns of the full help.
const helpGap = "   "

// packColumns lays the full help's columns out side by side while they fit
// in w, and starts a new row of columns below when the next one does not:
// a narrow window (or a language with longer words) shows every key, in
// more rows, instead of cutting the columns that do not fit.
func packColumns(hm *help.Model, groups [][]key.Binding, w int) string {
	one := *hm
	one.SetWidth(w)
	var rows []string
	var row []string
	rowW := 0
	flush := func() {
		if len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
	}
	for _, g := range groups {
		b := one.FullHelpView([][]key.Binding{g})
		if b == "" {
			continue
		}
		bw := lipgloss.Width(b)
		if len(row) > 0 && rowW+len(helpGap)+bw > w {
			flush()
		}
		if len(row) > 0 {
			row = append(row, helpGap)
			rowW += len(helpGap)
		}
		row = append(row, b)
		rowW += bw
	}
	flush()
	return strings.Join(rows, "\n\n")
}
