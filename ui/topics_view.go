package ui

import (
	"convene/model"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
)

// Drawing the Topics screen: the list, the discussion clock, the details.

func (t *topics) raisedBy(tp model.Topic) string {
	switch tp.RaisedBy {
	case model.RaisedByParticipant:
		if tp.ParticipantName != "" {
			return safe(tp.ParticipantName)
		}
		return t.c.T("a participant")
	case model.RaisedByAnonymous:
		return t.c.T("anonymous")
	case model.RaisedByFloor:
	}
	return t.c.T("from the floor")
}

// View implements screen.
func (t *topics) View() string {
	st := t.c.Styles
	if !t.loaded {
		return st.Muted.Render(t.c.T("Loading the topics…"))
	}
	if len(t.topics) == 0 {
		return st.Muted.Render(t.c.T("No topics raised yet: a adds one."))
	}
	now := t.c.Now()
	var b strings.Builder
	order := t.c.T("by votes")
	switch {
	case !t.byVotes:
		order = t.c.T("in the order raised")
	case t.held:
		order = t.c.T("by votes (re-sorts when you move on)")
	}
	head := st.Title.Render(t.c.T("Topics")) + st.Muted.Render(fmt.Sprintf("  %d · %s", len(t.topics), order))
	b.WriteString(fit(head, t.width) + "\n")
	b.WriteString(t.discussionLine(now) + "\n")
	b.WriteString(st.TableHeader.Render(t.table.header(t.c.W)) + "\n")
	lo, hi := t.list.visible()
	for i := lo; i < hi; i++ {
		b.WriteString(t.row(i, now) + "\n")
	}
	for i := hi - lo; i < t.list.height; i++ {
		b.WriteString("\n")
	}
	b.WriteString(t.detail())
	return b.String()
}

func (t *topics) row(i int, now time.Time) string {
	st := t.c.Styles
	tp := t.topics[i]
	spent := ""
	if !tp.Clock.StartedAt.IsZero() {
		spent = model.FormatDuration(tp.Clock.Elapsed(now)) + "/" + strconv.Itoa(int(tp.Clock.Budget()/time.Minute))
	}
	status := t.c.W(string(tp.Status))
	if tp.Status == model.TopicDiscussing && tp.Clock.State() == model.ClockPaused {
		status = t.c.W("paused")
	}
	votes := strconv.Itoa(tp.Votes) + " "
	if tp.ID == t.mergeID {
		votes = strconv.Itoa(tp.Votes) + "»"
	}
	row := t.table.row([]string{votes, safe(tp.Title), status, t.raisedBy(tp), spent})
	switch {
	case i == t.list.pos:
		return st.SelectedRow.Apply(row)
	case tp.Status == model.TopicDiscussing:
		return st.RunningRow.Apply(row)
	case tp.Status == model.TopicDone || tp.Status == model.TopicParked:
		return st.MutedRow.Apply(row)
	}
	return row
}

// discussionLine shows the discussed topic's clock.
func (t *topics) discussionLine(now time.Time) string {
	i := model.Discussing(t.topics)
	if i < 0 {
		return t.c.Styles.Muted.Render(fit(t.c.T("Nothing under discussion: space starts the highlighted topic's timebox."), t.width))
	}
	tp := t.topics[i]
	return clockLine(t.c, t.c.T("Discussing “%s” · ", safe(tp.Title)), "", tp.Clock, now, t.width, 30)
}

// detail shows the highlighted topic's details, notes, outcome and
// actions, one line each, as many as fit; v shows everything.
func (t *topics) detail() string {
	st := t.c.Styles
	tp := t.selected()
	if tp == nil {
		return ""
	}
	var lines []string
	cut := false
	add := func(label, text string) {
		text = strings.ReplaceAll(safeText(text), "\n", " ⏎ ")
		if text != "" {
			room := max(1, t.width-lipgloss.Width(label)-2)
			cut = cut || lipgloss.Width(text) > room
			lines = append(lines, st.Label.Render(label+": ")+fit(text, room))
		}
	}
	for _, f := range t.detailFields(tp) {
		add(f[0], f[1])
	}
	if len(lines) == 0 {
		lines = append(lines, st.Muted.Render(t.c.T("No details, notes or outcome yet.")))
	}
	room := max(1, t.height-3-t.list.height)
	switch {
	case len(lines) > room:
		more := len(lines) - room + 1
		lines = append(lines[:room-1], st.Muted.Render(fit(t.c.T("… %d more lines: v shows everything", more), t.width)))
	case cut && len(lines) < room:
		lines = append(lines, st.Muted.Render(fit(t.c.T("v shows everything in full"), t.width)))
	}
	return strings.Join(lines, "\n")
}

// detailFields are a topic's labelled texts, in the order shown.
func (t *topics) detailFields(tp *model.Topic) [][2]string {
	var out [][2]string
	for _, se := range t.c.Cur.Sessions {
		if se.ID == tp.SessionID && len(t.c.Cur.Sessions) > 1 {
			out = append(out, [2]string{t.c.T("Raised in"), se.Title})
		}
	}
	out = append(out, [2]string{t.c.T("Details"), tp.Details}, [2]string{t.c.T("Notes"), tp.Notes}, [2]string{t.c.T("Outcome"), tp.Outcome})
	for _, a := range t.actions[tp.ID] {
		out = append(out, [2]string{t.c.T("Action"), strings.TrimSuffix(fmt.Sprintf("%s — %s — %s", a.What, a.Who, a.Due), " —  — ")})
	}
	return out
}

// fullDetail is everything about a topic, for reading in full.
func (t *topics) fullDetail(tp *model.Topic) string {
	var b strings.Builder
	b.WriteString(t.c.T("Raised by") + ": " + t.raisedBy(*tp) + "\n")
	for _, f := range t.detailFields(tp) {
		if f[1] != "" {
			b.WriteString("\n" + f[0] + ":\n" + safeText(f[1]) + "\n")
		}
	}
	return b.String()
}

// bigClock is the big clock of the discussion.
func (t *topics) bigClock(w, h int) string {
	i := model.Discussing(t.topics)
	if i < 0 {
		return bigClock(t.c, t.c.T("Nothing under discussion"), nil, "", w, h)
	}
	return bigClock(t.c, safe(t.topics[i].Title), &t.topics[i].Clock, "", w, h)
}

// Running implements runner: the topic under discussion.
func (t *topics) Running() (string, model.Clock, bool) {
	if i := model.Discussing(t.topics); i >= 0 {
		return t.topics[i].Title, t.topics[i].Clock, true
	}
	return "", model.Clock{}, false
}
