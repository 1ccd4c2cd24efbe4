package ui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"convene/model"
)

// The Topics screen's forms (a topic, closing one, its notes) and the
// merge picker.

var raisedOptions = []string{string(model.RaisedByFloor), string(model.RaisedByAnonymous), string(model.RaisedByParticipant)}

// openForm opens the topic form: new (nil) or edit.
func (t *topics) openForm(edit *model.Topic) {
	c := t.c
	v := &model.Topic{EventID: c.Cur.Event.ID, SessionID: c.Cur.Session.ID, RaisedBy: model.RaisedByFloor, TimeboxMinutes: model.DefaultTimebox}
	title := c.T("New topic (raised in %s)", safe(c.Cur.Session.Title))
	if edit != nil {
		v, title = edit, c.T("Edit topic")
	}
	raised := string(v.RaisedBy)
	f := t.newForm(title, func(f *form) tea.Cmd {
		v.RaisedBy, v.ParticipantID = model.RaisedBy(raised), ""
		if v.RaisedBy != model.RaisedByParticipant {
			v.ParticipantName = ""
			return t.saveTopicCmd(*v, edit != nil)
		}
		matches := t.participantMatches(v.ParticipantName, 20)
		switch {
		case len(matches) == 0:
			f.fail(c.T("Participant: nobody matches; choose “from the floor” or “anonymous”, or register them first"))
			return nil
		case len(matches) > 1 && model.Fold(matches[0].FullName) != model.Fold(v.ParticipantName):
			f.stay() // several people match: choose
			t.chooseParticipant(f, v, matches, edit != nil)
			return nil
		}
		v.ParticipantID = matches[0].ID
		return t.saveTopicCmd(*v, edit != nil)
	})
	participant := func() bool { return f.value(c.T("Raised by")) == string(model.RaisedByParticipant) }
	f.text(c.T("Topic"), &v.Title, required(), placeholder(c.T("the question, in a few words"))).
		text(c.T("Details"), &v.Details).
		choice(c.T("Raised by"), &raised, raisedOptions, []string{c.W("from the floor"), c.W("anonymous"), c.W("a participant (search below)")}).
		text(c.T("Participant"), &v.ParticipantName, placeholder(c.T("type a name in any script")), enabledWhen(participant)).
		number(c.T("Timebox (min)"), &v.TimeboxMinutes, 1, 600)
	f.below = func() string {
		if !participant() {
			return ""
		}
		ms := t.participantMatches(f.value(c.T("Participant")), 4)
		if len(ms) == 0 {
			return c.Styles.Muted.Render(fit(c.T("no participant matches yet"), t.width))
		}
		lines := make([]string, 0, len(ms))
		for i, p := range ms {
			if i == 3 {
				lines = append(lines, "  "+c.T("… and more: enter shows them all to choose"))
				break
			}
			lines = append(lines, "→ "+personLine(p))
		}
		return c.Styles.Muted.Render(fit(strings.Join(lines, "\n"), t.width))
	}
	t.open(f)
}

// participantMatches are the best roster matches for q (at most n).
func (t *topics) participantMatches(q string, n int) []model.Participant {
	if strings.TrimSpace(q) == "" {
		return nil
	}
	res := t.roster.Search(nil, q, nil)
	out := make([]model.Participant, 0, min(n, len(res)))
	for _, i := range res[:min(n, len(res))] {
		out = append(out, t.roster.Person(i))
	}
	return out
}

// personLine is a person's name and organisation on one line.
func personLine(p model.Participant) string {
	if p.Organisation == "" {
		return safe(p.FullName)
	}
	return safe(p.FullName) + " — " + safe(p.Organisation)
}

// chooseParticipant asks which of the matching people raised the topic.
func (t *topics) chooseParticipant(f *form, v *model.Topic, ms []model.Participant, edit bool) {
	c := t.c
	pk := newPicker(c, c.T("Who raised “%s”?", safe(v.Title)), len(ms),
		func(i int, selected bool, w int) string {
			row := fit(personLine(ms[i]), w)
			if selected {
				return c.Styles.SelectedRow.Apply(row)
			}
			return row
		},
		func(i int) tea.Cmd {
			f.closed = true
			v.ParticipantID, v.ParticipantName = ms[i].ID, ms[i].FullName
			return t.saveTopicCmd(*v, edit)
		})
	pk.hint = c.T("enter: this person raised it · esc: back to the form")
	t.open(pk)
}

func (t *topics) saveTopicCmd(tp model.Topic, edit bool) tea.Cmd {
	st, c := t.c.Store, t.c
	if edit {
		return t.changed(c.T("Saved %s", safe(tp.Title)), func(ctx context.Context) (model.TopicsChanged, error) { return st.UpdateTopic(ctx, tp) })
	}
	return t.changed(c.T("Added %s", safe(tp.Title)), func(ctx context.Context) (model.TopicsChanged, error) { return st.AddTopic(ctx, tp) })
}

// openCloseForm asks for the outcome and up to three actions.
func (t *topics) openCloseForm(tp model.Topic) {
	c := t.c
	outcome := tp.Outcome
	var acts [3]model.ActionItem
	f := t.newForm(c.T("Close “%s”: outcome and actions", safe(tp.Title)), func(*form) tea.Cmd {
		var list []model.ActionItem
		for _, a := range acts {
			if a.What != "" {
				list = append(list, a)
			}
		}
		st, eid := c.Store, c.Cur.Event.ID
		return t.changed(c.T("Closed %s with %d actions", safe(tp.Title), len(list)), func(ctx context.Context) (model.TopicsChanged, error) {
			return st.CloseTopic(ctx, eid, tp.ID, outcome, list)
		})
	})
	f.text(c.T("Outcome"), &outcome, placeholder(c.T("the recommendation or conclusion")))
	for i := range acts {
		f.text(c.T("Action %d: what", i+1), &acts[i].What).
			text(c.T("  who"), &acts[i].Who).
			text(c.T("  by when"), &acts[i].Due)
	}
	t.open(f)
}

// openNotes edits a topic's notes (several lines; ctrl+s saves).
func (t *topics) openNotes(tp model.Topic) {
	c := t.c
	notes := tp.Notes
	f := t.newForm(c.T("Notes: %s", safe(tp.Title)), func(*form) tea.Cmd {
		st, id := c.Store, tp.ID
		return t.changed(c.T("Notes saved for %s", safe(tp.Title)), func(ctx context.Context) (model.TopicsChanged, error) { return st.SaveNotes(ctx, id, notes) })
	})
	f.area(c.T("Notes"), &notes, max(3, t.height-8))
	t.open(f)
}

// mergePicker chooses the topic that a duplicate is merged into: the list
// stays in view with the duplicate marked; m on another topic asks.
type mergePicker struct {
	t    *topics
	keys mergeKeys
	popup
}

func newMergePicker(t *topics) *mergePicker {
	k := newMergeKeys()
	return &mergePicker{t: t, keys: k, popup: popup{help: keyList{k.Up, k.Down, k.Merge, k.Cancel}}}
}

// Update implements overlay.
func (p *mergePicker) Update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	t := p.t
	switch {
	case t.list.navigate(km, p.keys.navKeys):
	case key.Matches(km, p.keys.Cancel):
		p.closed, t.mergeID = true, ""
	case key.Matches(km, p.keys.Merge):
		keep, other := t.selected(), t.byID(t.mergeID)
		if keep == nil || other == nil || keep.ID == other.ID {
			return nil
		}
		p.closed = true
		st, c, keepID, otherID, title := t.c.Store, t.c, keep.ID, other.ID, safe(keep.Title)
		t.open(newConfirm(c, c.T("Merge “%s” into “%s” (votes add up)?", safe(other.Title), title), func() tea.Cmd {
			t.mergeID = ""
			return t.changed(c.T("Merged into %s", title), func(ctx context.Context) (model.TopicsChanged, error) {
				return st.MergeTopics(ctx, keepID, otherID)
			})
		}).onNo(func() tea.Cmd {
			t.mergeID = ""
			return statusCmd(c.T("Nothing changed"))
		}))
	}
	return nil
}

// View implements overlay: the list stays, with the question on its
// second line.
func (p *mergePicker) View(beneath string, w, _ int) string {
	lines := strings.SplitN(beneath, "\n", 3)
	if len(lines) < 3 {
		return beneath
	}
	t := p.t
	other := t.byID(t.mergeID)
	if other == nil {
		return beneath
	}
	keysText := " " + t.c.T("↑/↓ choose the topic that stays · m merge · esc cancel")
	head := fit(t.c.T("Merge “%s” into…", safe(other.Title)), max(10, w-lipgloss.Width(keysText)))
	lines[1] = t.c.Styles.Warning.Render(fit(head+keysText, w))
	return strings.Join(lines, "\n")
}
