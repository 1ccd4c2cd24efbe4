package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// confirm is the one yes/no question of the app: y answers yes, any other
// key no (so a stray key never does the thing asked about). It floats over
// what it is about, which stays visible.
type confirm struct {
	c        *Common
	question string
	yes, no  func() tea.Cmd
	keys     confirmKeys
	popup
}

// newConfirm asks question; yes runs on y. A nil no reports that nothing
// changed.
func newConfirm(c *Common, question string, yes func() tea.Cmd) *confirm {
	k := newConfirmKeys()
	return &confirm{c: c, question: question, yes: yes, keys: k, popup: popup{help: keyList{k.Yes, k.No}}}
}

// onNo sets what any other key does.
func (q *confirm) onNo(no func() tea.Cmd) *confirm { q.no = no; return q }

// Update implements overlay.
func (q *confirm) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil // a paste answers nothing
	}
	q.closed = true
	if key.Matches(km, q.keys.Yes) {
		return q.yes()
	}
	if q.no != nil {
		return q.no()
	}
	return statusCmd(q.c.T("Nothing changed"))
}

// View implements overlay.
func (q *confirm) View(beneath string, w, h int) string {
	st := q.c.Styles
	hintText := q.c.T("y = yes · any other key = no")
	inner := min(max(lipgloss.Width(q.question), lipgloss.Width(hintText)), 70, max(10, w-4))
	text := lipgloss.NewStyle().Width(inner).Render(q.question)
	hint := st.Muted.Render(lipgloss.NewStyle().Width(inner).Render(hintText))
	return float(beneath, st.WarnBox.Render(st.Warning.Render(text)+"\n\n"+hint), w, h)
}
