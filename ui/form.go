package ui

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"convene/model"
)

// form is the one form mechanism: a vertical list of labelled fields, each
// bound to a variable by pointer when it is defined, so a field's value can
// only ever be saved where its definition says. Submitting validates every
// field, writes each value through its pointer, then calls onSubmit.
// Esc on a changed form asks before discarding.
type form struct {
	c        *Common
	title    string
	fields   []*field
	focus    int
	err      string
	keys     formKeys
	width    int
	layer    *stack // the stack the form is on (for its "discard?" question)
	onSubmit func(f *form) tea.Cmd
	kept     bool // onSubmit asked to stay open
	closed   bool
	below    func() string // a line shown under the form (a live preview)
}

// field is one labelled input: a line of text, a block of text, or a
// choice among options cycled with ←/→.
type field struct {
	label    string
	in       textinput.Model
	area     *textarea.Model
	options  []string
	labels   []string // what is shown for each option
	opt      int
	required bool
	check    func(string) error
	initial  string
	save     func(string)
	bound    any         // the pointer it saves into (see current)
	enabled  func() bool // nil: always
	shown    bool        // when not enabled, its value is shown (read only)
}

// fieldOpt configures a field.
type fieldOpt func(*field)

func required() fieldOpt                   { return func(f *field) { f.required = true } }
func check(fn func(string) error) fieldOpt { return func(f *field) { f.check = fn } }
func placeholder(s string) fieldOpt        { return func(f *field) { f.in.Placeholder = s } }
func enabledWhen(fn func() bool) fieldOpt  { return func(f *field) { f.enabled = fn } }

// readOnly shows the field's value but never focuses, edits or saves it.
func readOnly() fieldOpt {
	return func(f *field) { f.enabled, f.shown = func() bool { return false }, true }
}

// suggest offers completions (→ accepts one).
func suggest(list []string) fieldOpt {
	return func(f *field) {
		f.in.ShowSuggestions = true
		f.in.SetSuggestions(list)
		f.in.KeyMap.AcceptSuggestion = key.NewBinding(key.WithKeys("right"))
	}
}

// newForm starts a form on layer; onSubmit runs after a valid submit.
func newForm(c *Common, layer *stack, title string, onSubmit func(f *form) tea.Cmd) *form {
	return &form{c: c, title: title, keys: newFormKeys(), width: 50, layer: layer, onSubmit: onSubmit}
}

func (f *form) add(fl *field, opts []fieldOpt) *field {
	for _, o := range opts {
		o(fl)
	}
	f.fields = append(f.fields, fl)
	if len(f.fields) == 1 || f.fields[f.focus].enabled != nil && !f.fields[f.focus].enabled() {
		f.setFocus(len(f.fields) - 1)
	}
	return fl
}

// text adds a line of text bound to p.
func (f *form) text(label string, p *string, opts ...fieldOpt) *form {
	in := newInput(f.c.Styles, "", f.width)
	in.SetValue(safe(*p))
	in.CharLimit = 500
	fl := &field{label: label, in: in, initial: in.Value(), save: func(v string) { *p = v }, bound: p}
	f.add(fl, opts)
	return f
}

// current is the value now typed in the field bound to p (before the form
// saves it), for a check that depends on another field.
func (f *form) current(p *string) string {
	for _, fl := range f.fields {
		if fl.bound == p {
			return fl.value()
		}
	}
	return *p
}

// number adds a whole number between lo and hi bound to p.
func (f *form) number(label string, p *int, lo, hi int, opts ...fieldOpt) *form {
	s := strconv.Itoa(*p)
	f.text(label, &s, append([]fieldOpt{required(), check(validNumber(lo, hi))}, opts...)...)
	f.fields[len(f.fields)-1].save = func(v string) { *p, _ = strconv.Atoi(v) }
	return f
}

// area adds a block of text (several lines; enter is a new line) bound to p.
func (f *form) area(label string, p *string, height int) *form {
	ta := textarea.New()
	s := textarea.DefaultStyles(f.c.Styles.Dark)
	s.Cursor.Blink = false
	ta.SetStyles(s)
	ta.ShowLineNumbers = false
	ta.CharLimit = 20000
	ta.SetHeight(max(1, height))
	ta.SetValue(safeText(*p))
	fl := &field{label: label, area: &ta, initial: ta.Value(), save: func(v string) { *p = v }}
	f.add(fl, nil)
	return f
}

// choice adds a choice among options bound to p, shown with labels.
func (f *form) choice(label string, p *string, options, labels []string) *form {
	fl := &field{label: label, options: options, labels: labels, save: func(v string) { *p = v }}
	for i, o := range options {
		if o == *p {
			fl.opt = i
		}
	}
	fl.initial = options[fl.opt]
	f.add(fl, nil)
	return f
}

func (fl *field) value() string {
	switch {
	case fl.options != nil:
		return fl.options[fl.opt]
	case fl.area != nil:
		return strings.TrimRight(fl.area.Value(), " \n")
	}
	return strings.TrimSpace(fl.in.Value())
}

func (fl *field) on() bool { return fl.enabled == nil || fl.enabled() }

func (fl *field) focus(on bool) {
	switch {
	case fl.area != nil && on:
		fl.area.Focus()
	case fl.area != nil:
		fl.area.Blur()
	case fl.options != nil:
	case on:
		fl.in.Focus()
		fl.in.CursorEnd()
	default:
		fl.in.Blur()
	}
}

func (f *form) setFocus(i int) {
	if i < 0 || i >= len(f.fields) {
		return
	}
	f.fields[f.focus].focus(false)
	f.focus = i
	f.fields[i].focus(true)
}

// step moves the focus to the next enabled field in direction d.
func (f *form) step(d int) {
	for i := f.focus + d; i >= 0 && i < len(f.fields); i += d {
		if f.fields[i].on() {
			f.setFocus(i)
			return
		}
	}
}

func (f *form) lastField() bool {
	for i := f.focus + 1; i < len(f.fields); i++ {
		if f.fields[i].on() {
			return false
		}
	}
	return true
}

// value is the current text of the field labelled label (for previews).
func (f *form) value(label string) string {
	for _, fl := range f.fields {
		if fl.label == label {
			return fl.value()
		}
	}
	return ""
}

// Dirty implements dirtier: something was changed.
func (f *form) Dirty() bool {
	for _, fl := range f.fields {
		if fl.value() != strings.TrimSpace(fl.initial) {
			return true
		}
	}
	return false
}

func (f *form) validate() error {
	for i, fl := range f.fields {
		if !fl.on() {
			continue
		}
		v := fl.value()
		if fl.required && v == "" {
			f.setFocus(i)
			return errors.New(f.c.T("%s is required", fl.label))
		}
		if fl.check != nil && v != "" {
			if err := fl.check(v); err != nil {
				f.setFocus(i)
				return errors.New(fl.label + ": " + f.c.translate(err))
			}
		}
	}
	return nil
}

// fail keeps the form open with an error (from onSubmit).
func (f *form) fail(msg string) { f.err, f.kept = msg, true }

// stay keeps the form open after onSubmit (something was pushed over it).
func (f *form) stay() { f.kept = true }

func (f *form) submit() tea.Cmd {
	if err := f.validate(); err != nil {
		f.err = f.c.translate(err)
		return nil
	}
	for _, fl := range f.fields {
		if fl.on() {
			fl.save(fl.value())
		}
	}
	f.kept = false
	cmd := f.onSubmit(f)
	if !f.kept {
		f.closed = true
	}
	return cmd
}

// cancel closes the form, asking first if something was changed.
func (f *form) cancel() tea.Cmd {
	if !f.Dirty() {
		f.closed = true
		return statusCmd(f.c.T("Nothing saved"))
	}
	f.layer.push(newConfirm(f.c, f.c.T("Discard your changes to “%s”?", f.title), func() tea.Cmd {
		f.closed = true
		return statusCmd(f.c.T("Nothing saved"))
	}).onNo(func() tea.Cmd { return nil }))
	return nil
}

// Update implements overlay.
func (f *form) Update(msg tea.Msg) tea.Cmd {
	cur := f.fields[f.focus]
	if p, ok := msg.(tea.PasteMsg); ok && cur.area == nil {
		msg = tea.PasteMsg{Content: oneLine(p.Content)} // a pasted block goes into one line
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return f.updateInput(cur, msg)
	}
	switch {
	case key.Matches(km, f.keys.Cancel):
		return f.cancel()
	case key.Matches(km, f.keys.Save):
		return f.submit()
	case cur.area != nil:
		return f.updateInput(cur, msg)
	case key.Matches(km, f.keys.Next) && f.lastField() && km.Code == tea.KeyEnter:
		return f.submit()
	case key.Matches(km, f.keys.Next):
		f.step(1)
	case key.Matches(km, f.keys.Prev):
		f.step(-1)
	case cur.options != nil && key.Matches(km, f.keys.Left):
		cur.opt = (cur.opt + len(cur.options) - 1) % len(cur.options)
	case cur.options != nil && key.Matches(km, f.keys.Right):
		cur.opt = (cur.opt + 1) % len(cur.options)
	case cur.options != nil:
	default:
		return f.updateInput(cur, msg)
	}
	return nil
}

func (f *form) updateInput(cur *field, msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case cur.area != nil:
		*cur.area, cmd = cur.area.Update(msg)
		if v := cur.area.Value(); model.HasUnsafe(strings.ReplaceAll(v, "\n", "")) {
			cur.area.SetValue(safeText(v))
		}
	case cur.options == nil:
		f.err = ""
		cur.in, cmd = cur.in.Update(msg)
		if v := cur.in.Value(); model.HasUnsafe(v) {
			cur.in.SetValue(safe(v)) // no control or bidi characters, typed or pasted
		}
	}
	return cmd
}

// oneLine joins the lines of a pasted block with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)), " ")
}

// SetWidth sets the width of the whole form, box included; the inputs get
// what the labels leave.
func (f *form) SetWidth(w int) {
	f.width = w
	in := max(1, w-f.labelWidth()-9) // border and padding 4, mark 2, required mark and spaces 3
	for _, fl := range f.fields {
		fl.in.SetWidth(in)
		if fl.area != nil {
			fl.area.SetWidth(max(10, w-4))
		}
	}
}

func (f *form) labelWidth() int {
	lw := 0
	for _, fl := range f.fields {
		if fl.area == nil {
			lw = max(lw, lipgloss.Width(fl.label))
		}
	}
	return lw
}

// View implements overlay: the form replaces what is beneath it.
func (f *form) View(_ string, w, _ int) string {
	if f.width != min(90, w) {
		f.SetWidth(min(90, w))
	}
	st := f.c.Styles
	lw := f.labelWidth()
	var b strings.Builder
	b.WriteString(st.Title.Render(fit(f.title, max(1, f.width-4))))
	b.WriteString("\n\n")
	for i, fl := range f.fields {
		if fl.area != nil {
			b.WriteString(st.Label.Render(fl.label) + "\n" + fl.area.View() + "\n")
			continue
		}
		b.WriteString(f.fieldLine(i, fl, lw) + "\n")
	}
	if f.err != "" {
		b.WriteString("\n" + st.StatusErr.Render(fit(f.err, max(1, f.width-4))))
	}
	out := st.Box.Render(b.String())
	if f.below != nil {
		if line := f.below(); line != "" {
			out += "\n" + line
		}
	}
	return out
}

func (f *form) fieldLine(i int, fl *field, lw int) string {
	st := f.c.Styles
	label := fit(fl.label, lw)
	mark := "  "
	switch {
	case !fl.on():
		label = st.Muted.Render(label)
	case i == f.focus:
		mark = st.Focused.Render("› ")
		label = st.Focused.Render(label)
	default:
		label = st.Label.Render(label)
	}
	var val string
	switch {
	case !fl.on() && fl.shown:
		val = st.Muted.Render(fl.in.Value())
	case !fl.on():
		val = st.Muted.Render("—")
	case fl.options != nil:
		shown := fl.options[fl.opt]
		if fl.labels != nil {
			shown = fl.labels[fl.opt]
		}
		val = "‹ " + shown + " ›"
		if i == f.focus {
			val = st.Focused.Render(val)
		}
	default:
		val = fl.in.View()
	}
	req := " "
	if fl.required {
		req = "*"
	}
	return mark + label + req + " " + val
}

// Typing implements overlay: a form always has a text field or a choice
// with focus, so letters never act as commands.
func (f *form) Typing() bool { return true }

// Closed implements overlay.
func (f *form) Closed() bool { return f.closed }

// ShortHelp implements help.KeyMap.
func (f *form) ShortHelp() []key.Binding {
	if f.fields[f.focus].area != nil {
		return []key.Binding{f.keys.Save, f.keys.Cancel}
	}
	return f.keys.ShortHelp()
}

// FullHelp implements help.KeyMap.
func (f *form) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }
