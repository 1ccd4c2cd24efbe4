package ui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// formKeys is the key map of every form.
type formKeys struct {
	Next, Prev, Choice, Save, Cancel key.Binding
}

func newFormKeys() formKeys {
	return formKeys{
		Next:   key.NewBinding(key.WithKeys("down", "enter"), key.WithHelp("↓/enter", "next field")),
		Prev:   key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous field")),
		Choice: key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "change choice")),
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save (enter on last field)")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

func (k formKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.Choice, k.Save, k.Cancel}
}
func (k formKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// formField is one labelled input; with options it is a choice cycled with
// ←/→ (and, if free is set, also typed).
type formField struct {
	label    string
	in       textinput.Model
	required bool
	options  []string
	labels   []string // display text for options, when different
	opt      int
	check    func(string) error
}

// form is a small vertical form used for events, sessions, walk-ins,
// agenda items and topics.
type form struct {
	title  string
	fields []formField
	focus  int
	err    string
	keys   formKeys
	st     *Styles
	width  int
}

func newForm(st *Styles, title string) *form {
	return &form{title: title, keys: newFormKeys(), st: st, width: 50}
}

// text adds a text field.
func (f *form) text(label, value, placeholder string, required bool, check func(string) error) *form {
	in := newInput(*f.st, placeholder, f.width)
	in.SetValue(value)
	in.CharLimit = 500
	f.fields = append(f.fields, formField{label: label, in: in, required: required, check: check})
	if len(f.fields) == 1 {
		f.fields[0].in.Focus()
	}
	return f
}

// combo adds a text field that offers completions (→ accepts one).
func (f *form) combo(label, value string, suggestions []string) *form {
	f.text(label, value, "type or → to complete", false, nil)
	in := &f.fields[len(f.fields)-1].in
	in.ShowSuggestions = true
	in.SetSuggestions(suggestions)
	in.KeyMap.AcceptSuggestion = key.NewBinding(key.WithKeys("right"))
	return f
}

// choice adds a choice among options (labels are what is shown).
func (f *form) choice(label string, options, labels []string, value string) *form {
	fl := formField{label: label, options: options, labels: labels}
	for i, o := range options {
		if o == value {
			fl.opt = i
		}
	}
	f.fields = append(f.fields, fl)
	return f
}

func (f *form) value(i int) string {
	fl := f.fields[i]
	if fl.options != nil {
		return fl.options[fl.opt]
	}
	return strings.TrimSpace(fl.in.Value())
}

func (f *form) setFocus(i int) {
	if i < 0 || i >= len(f.fields) {
		return
	}
	if f.fields[f.focus].options == nil {
		f.fields[f.focus].in.Blur()
	}
	f.focus = i
	if f.fields[i].options == nil {
		f.fields[i].in.Focus()
		f.fields[i].in.CursorEnd()
	}
}

func (f *form) validate() error {
	for i, fl := range f.fields {
		v := f.value(i)
		if fl.required && v == "" {
			f.setFocus(i)
			return errors.New(fl.label + " is required")
		}
		if fl.check != nil && v != "" {
			if err := fl.check(v); err != nil {
				f.setFocus(i)
				return errors.New(fl.label + ": " + err.Error())
			}
		}
	}
	return nil
}

// formResult is what a key did to a form.
type formResult int

const (
	formEditing formResult = iota
	formSubmitted
	formCancelled
)

// Update handles a message; it returns whether the form was submitted
// (valid) or cancelled.
func (f *form) Update(msg tea.Msg) (formResult, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if f.fields[f.focus].options == nil {
			var cmd tea.Cmd
			f.fields[f.focus].in, cmd = f.fields[f.focus].in.Update(msg)
			return formEditing, cmd
		}
		return formEditing, nil
	}
	cur := &f.fields[f.focus]
	switch {
	case key.Matches(km, f.keys.Cancel):
		return formCancelled, nil
	case key.Matches(km, f.keys.Save):
		return f.submit()
	case km.String() == "enter" && f.focus == len(f.fields)-1:
		return f.submit()
	case key.Matches(km, f.keys.Next):
		f.setFocus(f.focus + 1)
		return formEditing, nil
	case key.Matches(km, f.keys.Prev):
		f.setFocus(f.focus - 1)
		return formEditing, nil
	case cur.options != nil && key.Matches(km, f.keys.Choice):
		d := 1
		if km.String() == "left" {
			d = -1
		}
		cur.opt = (cur.opt + d + len(cur.options)) % len(cur.options)
		return formEditing, nil
	case cur.options != nil:
		return formEditing, nil
	}
	f.err = ""
	var cmd tea.Cmd
	cur.in, cmd = cur.in.Update(msg)
	return formEditing, cmd
}

func (f *form) submit() (formResult, tea.Cmd) {
	if err := f.validate(); err != nil {
		f.err = err.Error()
		return formEditing, nil
	}
	return formSubmitted, nil
}

// SetWidth sets the width of the whole form, box included; the inputs get
// what the labels leave.
func (f *form) SetWidth(w int) {
	f.width = w
	in := max(1, w-f.labelWidth()-9) // border and padding 4, mark 2, required mark and spaces 3
	for i := range f.fields {
		f.fields[i].in.SetWidth(in)
	}
}

func (f *form) labelWidth() int {
	lw := 0
	for _, fl := range f.fields {
		lw = max(lw, lipgloss.Width(fl.label))
	}
	return lw
}

// View renders the form.
func (f *form) View() string {
	st := f.st
	lw := f.labelWidth()
	var b strings.Builder
	b.WriteString(st.Title.Render(fit(f.title, max(1, f.width-4))))
	b.WriteString("\n\n")
	for i, fl := range f.fields {
		label := fit(fl.label, lw)
		mark := "  "
		if i == f.focus {
			mark = st.Focused.Render("› ")
			label = st.Focused.Render(label)
		} else {
			label = st.Label.Render(label)
		}
		var val string
		if fl.options != nil {
			shown := fl.options[fl.opt]
			if fl.labels != nil {
				shown = fl.labels[fl.opt]
			}
			val = "‹ " + shown + " ›"
			if i == f.focus {
				val = st.Focused.Render(val)
			}
		} else {
			val = fl.in.View()
		}
		req := " "
		if fl.required {
			req = "*"
		}
		b.WriteString(mark + label + req + " " + val + "\n")
	}
	if f.err != "" {
		b.WriteString("\n" + st.StatusErr.Render(fit(f.err, max(1, f.width-4))))
	}
	return b.String()
}
