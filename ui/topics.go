package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"convene/model"
	"convene/report"
)

// topicsKeys is the Topics screen's key map.
type topicsKeys struct {
	navKeys
	Add, Edit, Delete, VoteUp, VoteDown, Sort, Merge          key.Binding
	Discuss, More, Close, Park, Reopen, Notes, Speaker, Write key.Binding
	Confirm, Save                                             key.Binding
}

func newTopicsKeys() topicsKeys {
	return topicsKeys{
		navKeys:  newNavKeys(true),
		Add:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add topic")),
		Edit:     key.NewBinding(key.WithKeys("e", "enter"), key.WithHelp("e", "edit")),
		Delete:   key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "delete")),
		VoteUp:   key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "vote")),
		VoteDown: key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "remove vote")),
		Sort:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "sort votes/raised")),
		Merge:    key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "merge into…")),
		Discuss:  key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "discuss/pause")),
		More:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "+2 min")),
		Close:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "close with outcome")),
		Park:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "park")),
		Reopen:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reopen")),
		Notes:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "notes")),
		Speaker:  key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "big clock")),
		Write:    key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write minutes")),
		Confirm:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "confirm")),
		Save:     key.NewBinding(key.WithKeys("ctrl+s", "esc"), key.WithHelp("ctrl+s/esc", "save notes")),
	}
}

// Messages of the Topics screen.
type (
	topicsLoadedMsg struct {
		eventID string
		topics  []model.Topic
		actions map[string][]model.ActionItem
	}
	// topicsChangedMsg follows a change: reload, say what happened.
	topicsChangedMsg struct {
		status   string
		selectID string
	}
)

type topicsMode int

const (
	tpList topicsMode = iota
	tpForm
	tpCloseForm
	tpNotes
	tpConfirmDelete
	tpMerge // choosing the topic to merge into
	tpConfirmMerge
	tpSpeaker
)

// topics is the Topics screen: what the room raised, prioritised,
// timeboxed and concluded.
type topics struct {
	c        *Common
	keys     topicsKeys
	topics   []model.Topic
	actions  map[string][]model.ActionItem
	roster   *model.Index
	list     cursorList
	byVotes  bool
	mode     topicsMode
	form     *form
	editing  *model.Topic
	notes    textarea.Model
	mergeID  string // the topic being merged away
	selectID string
	loaded   bool
	width    int
	height   int
}

func newTopics(c *Common) *topics {
	return &topics{c: c, keys: newTopicsKeys(), byVotes: true, roster: model.NewIndex(nil)}
}

// Load implements screen.
func (t *topics) Load() tea.Cmd {
	st, eid := t.c.Store, t.c.Cur.Event.ID
	return func() tea.Msg {
		ctx := context.Background()
		ts, err := st.Topics(ctx, eid)
		if err != nil {
			return errMsg{err}
		}
		acts, err := st.Actions(ctx, eid)
		if err != nil {
			return errMsg{err}
		}
		return topicsLoadedMsg{eventID: eid, topics: ts, actions: acts}
	}
}

// Ready implements screen: its data has arrived.
func (t *topics) Ready() bool { return t.loaded }

// Editing implements screen: forms, prompts, merging and the big clock
// capture all keys.
func (t *topics) Editing() bool { return t.mode != tpList }

// Ticking implements ticker: a discussion clock is running.
func (t *topics) Ticking() bool {
	i := model.Discussing(t.topics)
	return i >= 0 && t.topics[i].Clock.State() == model.ClockRunning
}

// SetSize implements screen.
func (t *topics) SetSize(w, h int) {
	t.width, t.height = w, h
	t.list.setHeight(max(3, h-10))
	if t.form != nil {
		t.form.SetWidth(min(90, w))
	}
	if t.mode == tpNotes {
		t.notes.SetWidth(max(10, w-4))
		t.notes.SetHeight(max(3, h-6))
	}
}

// ShortHelp implements help.KeyMap.
func (t *topics) ShortHelp() []key.Binding {
	k := t.keys
	switch t.mode {
	case tpForm, tpCloseForm:
		return t.form.keys.ShortHelp()
	case tpNotes:
		return []key.Binding{k.Save}
	case tpConfirmDelete, tpConfirmMerge:
		return []key.Binding{k.Confirm}
	case tpMerge:
		return []key.Binding{k.Up, k.Down, k.Merge}
	}
	return []key.Binding{k.Add, k.VoteUp, k.Discuss, k.Close, k.Notes, k.Write}
}

// FullHelp implements help.KeyMap.
func (t *topics) FullHelp() [][]key.Binding {
	k := t.keys
	if t.mode != tpList {
		return [][]key.Binding{t.ShortHelp()}
	}
	return [][]key.Binding{
		append(k.navKeys.bindings(), k.Add, k.Edit, k.Delete, k.Merge, k.Sort),
		{k.VoteUp, k.VoteDown, k.Discuss, k.More, k.Speaker},
		{k.Close, k.Park, k.Reopen, k.Notes, k.Write},
	}
}

// Prompt implements prompter: the question Lean Coffee asks when time is up.
func (t *topics) Prompt() string {
	i := model.Discussing(t.topics)
	if i < 0 || t.topics[i].Clock.Level(t.c.Now()) != model.LevelOver {
		return ""
	}
	return t.c.T("Time is up for “%s” (%s). Continue? x = 2 more minutes · c = close with the outcome",
		safe(t.topics[i].Title), clockText(t.c, t.topics[i].Clock, t.c.Now()))
}

func (t *topics) selected() *model.Topic {
	if t.list.pos < 0 || t.list.pos >= len(t.topics) {
		return nil
	}
	return &t.topics[t.list.pos]
}

func (t *topics) setTopics(ts []model.Topic) {
	keep := t.selectID
	if keep == "" {
		if s := t.selected(); s != nil {
			keep = s.ID
		}
	}
	model.SortTopics(ts, t.byVotes)
	t.topics = ts
	t.list.setLen(len(ts))
	for i, tp := range ts {
		if tp.ID == keep {
			t.list.pos = i
			t.list.clamp()
		}
	}
	t.selectID = ""
}

// Update implements screen.
func (t *topics) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case topicsLoadedMsg:
		if msg.eventID == t.c.Cur.Event.ID {
			t.actions = msg.actions
			t.setTopics(msg.topics)
			t.loaded = true
		}
		return nil
	case topicsChangedMsg:
		t.selectID = msg.selectID
		if msg.status == "" {
			return t.Load()
		}
		return tea.Batch(t.Load(), statusCmd(msg.status))
	case rosterLoadedMsg:
		if msg.eventID == t.c.Cur.Event.ID {
			t.roster = msg.index
		}
		return nil
	case tea.KeyPressMsg:
		switch t.mode {
		case tpSpeaker:
			t.mode = tpList
			return nil
		case tpForm:
			return t.updateForm(msg)
		case tpCloseForm:
			return t.updateCloseForm(msg)
		case tpNotes:
			return t.updateNotes(msg)
		case tpConfirmDelete, tpConfirmMerge:
			return t.updateConfirm(msg)
		case tpMerge:
			return t.updateMerge(msg)
		}
		return t.updateList(msg)
	}
	switch t.mode {
	case tpForm, tpCloseForm:
		_, cmd := t.form.Update(msg)
		return cmd
	case tpNotes:
		var cmd tea.Cmd
		t.notes, cmd = t.notes.Update(msg)
		return cmd
	}
	return nil
}

// changed runs a store call and reloads.
func (t *topics) changed(status, selectID string, fn func(ctx context.Context) error) tea.Cmd {
	return func() tea.Msg {
		if err := fn(context.Background()); err != nil {
			if errors.Is(err, model.ErrClockState) {
				return statusMsg(err.Error())
			}
			return errMsg{err}
		}
		return topicsChangedMsg{status: status, selectID: selectID}
	}
}

func (t *topics) act(act model.TopicAction, d time.Duration, status func(title string) string) tea.Cmd {
	sel := t.selected()
	if act == model.TopicExtend {
		if i := model.Discussing(t.topics); i >= 0 {
			sel = &t.topics[i]
		}
	}
	if sel == nil {
		return nil
	}
	st, eid, id := t.c.Store, t.c.Cur.Event.ID, sel.ID
	return t.changed(status(safe(sel.Title)), id, func(ctx context.Context) error {
		_, err := st.TopicAct(ctx, eid, id, act, d)
		return err
	})
}

func (t *topics) updateList(msg tea.KeyPressMsg) tea.Cmd {
	k := t.keys
	switch {
	case t.list.navigate(msg, k.navKeys):
		return nil
	case key.Matches(msg, k.Add):
		t.openForm(nil)
		return nil
	case key.Matches(msg, k.Write):
		return t.writeMinutesCmd()
	case key.Matches(msg, k.Speaker):
		t.mode = tpSpeaker
		return nil
	case key.Matches(msg, k.Sort):
		t.byVotes = !t.byVotes
		t.setTopics(t.topics)
		if t.byVotes {
			return statusCmd(t.c.T("Sorted by votes"))
		}
		return statusCmd(t.c.T("Sorted in the order raised"))
	}
	sel := t.selected()
	if sel == nil {
		return nil
	}
	st, id := t.c.Store, sel.ID
	switch {
	case key.Matches(msg, k.VoteUp), key.Matches(msg, k.VoteDown):
		d := 1
		if key.Matches(msg, k.VoteDown) {
			d = -1
		}
		title := safe(sel.Title)
		return func() tea.Msg {
			ch, err := st.VoteTopic(context.Background(), id, d)
			if err != nil {
				return errMsg{err}
			}
			voted, _ := ch.Changed()
			return topicsChangedMsg{status: fmt.Sprintf("%s: %d", title, voted.Votes), selectID: id}
		}
	case key.Matches(msg, k.Discuss):
		if sel.Status == model.TopicDiscussing && sel.Clock.State() == model.ClockRunning {
			return t.act(model.TopicPause, 0, func(s string) string { return t.c.T("Paused %s", s) })
		}
		return t.act(model.TopicDiscuss, 0, func(s string) string { return t.c.T("Discussing %s", s) })
	case key.Matches(msg, k.More):
		return t.act(model.TopicExtend, 2*time.Minute, func(s string) string { return t.c.T("2 more minutes for %s", s) })
	case key.Matches(msg, k.Park):
		return t.act(model.TopicPark, 0, func(s string) string { return t.c.T("Parked %s", s) })
	case key.Matches(msg, k.Reopen):
		return t.act(model.TopicReopen, 0, func(s string) string { return t.c.T("Reopened %s", s) })
	case key.Matches(msg, k.Close):
		t.openCloseForm(*sel)
	case key.Matches(msg, k.Notes):
		t.openNotes(*sel)
	case key.Matches(msg, k.Edit):
		cp := *sel
		t.openForm(&cp)
	case key.Matches(msg, k.Delete):
		t.mode = tpConfirmDelete
	case key.Matches(msg, k.Merge):
		t.mergeID = id
		t.mode = tpMerge
	}
	return nil
}

func (t *topics) updateMerge(msg tea.KeyPressMsg) tea.Cmd {
	k := t.keys
	switch {
	case t.list.navigate(msg, k.navKeys):
	case key.Matches(msg, k.Merge), msg.String() == "enter":
		if s := t.selected(); s != nil && s.ID != t.mergeID {
			t.mode = tpConfirmMerge
		}
	case msg.String() == "esc":
		t.mode, t.mergeID = tpList, ""
	}
	return nil
}

func (t *topics) byID(id string) *model.Topic {
	for i := range t.topics {
		if t.topics[i].ID == id {
			return &t.topics[i]
		}
	}
	return nil
}

func (t *topics) updateConfirm(msg tea.KeyPressMsg) tea.Cmd {
	mode := t.mode
	t.mode = tpList
	sel := t.selected()
	if !key.Matches(msg, t.keys.Confirm) || sel == nil {
		t.mergeID = ""
		return statusCmd(t.c.T("Nothing changed"))
	}
	st := t.c.Store
	keepID, title := sel.ID, safe(sel.Title)
	if mode == tpConfirmDelete {
		return t.changed(t.c.T("Deleted %s", title), "", func(ctx context.Context) error { _, err := st.DeleteTopic(ctx, keepID); return err })
	}
	other := t.mergeID
	t.mergeID = ""
	return t.changed(t.c.T("Merged into %s", title), keepID, func(ctx context.Context) error {
		_, err := st.MergeTopics(ctx, keepID, other)
		return err
	})
}

var raisedOptions = []string{string(model.RaisedByFloor), string(model.RaisedByAnonymous), string(model.RaisedByParticipant)}

// openForm opens the topic form: new (nil) or edit.
func (t *topics) openForm(tp *model.Topic) {
	c := t.c
	v := model.Topic{RaisedBy: model.RaisedByFloor, TimeboxMinutes: model.DefaultTimebox}
	title := c.T("New topic (raised in %s)", safe(c.Cur.Session.Title))
	if tp != nil {
		v = *tp
		title = c.T("Edit topic")
	}
	labels := []string{c.W("from the floor"), c.W("anonymous"), c.W("a participant (search below)")}
	t.form = newForm(&c.Styles, title).
		text(c.T("Topic"), v.Title, c.T("the question, in a few words"), true, nil).
		text(c.T("Details"), v.Details, "", false, nil).
		choice(c.T("Raised by"), raisedOptions, labels, string(v.RaisedBy)).
		text(c.T("Participant"), v.ParticipantName, c.T("type a name in any script"), false, nil).
		text(c.T("Timebox (min)"), strconv.Itoa(v.TimeboxMinutes), "", true, validTimebox)
	t.editing = tp
	t.mode = tpForm
	t.SetSize(t.width, t.height)
}

func validTimebox(v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 600 {
		return errors.New("minutes, 1–600")
	}
	return nil
}

// participantMatch is the best roster match for the form's participant text.
func (t *topics) participantMatch() *model.Participant {
	q := t.form.value(3)
	if q == "" {
		return nil
	}
	res := t.roster.Search(nil, q, nil)
	if len(res) == 0 {
		return nil
	}
	return t.roster.Person(res[0])
}

func (t *topics) updateForm(msg tea.Msg) tea.Cmd {
	res, cmd := t.form.Update(msg)
	switch res {
	case formCancelled:
		t.mode, t.form, t.editing = tpList, nil, nil
	case formSubmitted:
		f := t.form
		tb, _ := strconv.Atoi(f.value(4))
		tp := model.Topic{EventID: t.c.Cur.Event.ID, SessionID: t.c.Cur.Session.ID, Title: f.value(0), Details: f.value(1),
			RaisedBy: model.RaisedBy(f.value(2)), TimeboxMinutes: tb}
		if tp.RaisedBy == model.RaisedByParticipant {
			p := t.participantMatch()
			if p == nil {
				f.err = t.c.T("Participant: nobody matches; choose “from the floor” or “anonymous”, or register them first")
				return nil
			}
			tp.ParticipantID = p.ID
		}
		editing := t.editing
		t.mode, t.form, t.editing = tpList, nil, nil
		st, c := t.c.Store, t.c
		if editing != nil {
			tp.ID, tp.Notes, tp.Outcome, tp.SessionID = editing.ID, editing.Notes, editing.Outcome, editing.SessionID
			return t.changed(c.T("Saved %s", safe(tp.Title)), tp.ID, func(ctx context.Context) error { _, err := st.UpdateTopic(ctx, tp); return err })
		}
		return func() tea.Msg {
			ch, err := st.AddTopic(context.Background(), tp)
			if err != nil {
				return errMsg{err}
			}
			added, _ := ch.Changed()
			return topicsChangedMsg{status: c.T("Added %s", safe(added.Title)), selectID: added.ID}
		}
	}
	return cmd
}

func (t *topics) openCloseForm(tp model.Topic) {
	c := t.c
	f := newForm(&c.Styles, c.T("Close “%s”: outcome and actions", safe(tp.Title))).
		text(c.T("Outcome"), tp.Outcome, c.T("the recommendation or conclusion"), false, nil)
	for i := 1; i <= 3; i++ {
		f.text(c.T("Action %d: what", i), "", "", false, nil).
			text(c.T("  who"), "", "", false, nil).
			text(c.T("  by when"), "", "", false, nil)
	}
	t.form, t.editing, t.mode = f, &tp, tpCloseForm
	t.SetSize(t.width, t.height)
}

func (t *topics) updateCloseForm(msg tea.Msg) tea.Cmd {
	res, cmd := t.form.Update(msg)
	switch res {
	case formCancelled:
		t.mode, t.form, t.editing = tpList, nil, nil
	case formSubmitted:
		f, tp := t.form, t.editing
		var acts []model.ActionItem
		for i := range 3 {
			if w := f.value(1 + 3*i); w != "" {
				acts = append(acts, model.ActionItem{What: w, Who: f.value(2 + 3*i), Due: f.value(3 + 3*i)})
			}
		}
		outcome := f.value(0)
		t.mode, t.form, t.editing = tpList, nil, nil
		st, eid, id := t.c.Store, t.c.Cur.Event.ID, tp.ID
		return t.changed(t.c.T("Closed %s with %d actions", safe(tp.Title), len(acts)), id, func(ctx context.Context) error {
			_, err := st.CloseTopic(ctx, eid, id, outcome, acts)
			return err
		})
	}
	return cmd
}

func (t *topics) openNotes(tp model.Topic) {
	ta := textarea.New()
	s := textarea.DefaultStyles(t.c.Styles.Dark)
	s.Cursor.Blink = false
	ta.SetStyles(s)
	ta.ShowLineNumbers = false
	ta.CharLimit = 20000
	ta.SetValue(tp.Notes)
	ta.Focus()
	t.notes = ta
	t.editing = &tp
	t.mode = tpNotes
	t.SetSize(t.width, t.height)
}

func (t *topics) updateNotes(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, t.keys.Save) {
		id, notes, title := t.editing.ID, t.notes.Value(), safe(t.editing.Title)
		t.mode, t.editing = tpList, nil
		st := t.c.Store
		return t.changed(t.c.T("Notes saved for %s", title), id, func(ctx context.Context) error { _, err := st.SaveNotes(ctx, id, notes); return err })
	}
	var cmd tea.Cmd
	t.notes, cmd = t.notes.Update(msg)
	return cmd
}

// writeMinutesCmd writes the Markdown minutes next to the database.
func (t *topics) writeMinutesCmd() tea.Cmd {
	st, ev, sessions, now := t.c.Store, t.c.Cur.Event, t.c.Cur.Sessions, t.c.Now()
	c := t.c
	return func() tea.Msg {
		ctx := context.Background()
		ts, err := st.Topics(ctx, ev.ID)
		if err != nil {
			return errMsg{err}
		}
		acts, err := st.Actions(ctx, ev.ID)
		if err != nil {
			return errMsg{err}
		}
		path := filepath.Join(filepath.Dir(st.Path()), "minutes-"+now.Local().Format("2006-01-02-1504")+".md")
		if err := report.WriteFile(path, report.Minutes{Event: ev, Sessions: sessions, Topics: ts, Actions: acts, Now: now}.Markdown); err != nil {
			return errMsg{err}
		}
		return statusMsg(c.T("Minutes written to %s", path))
	}
}

func (t *topics) raisedBy(tp model.Topic) string {
	switch tp.RaisedBy {
	case model.RaisedByParticipant:
		if tp.ParticipantName != "" {
			return safe(tp.ParticipantName)
		}
		return t.c.T("a participant")
	case model.RaisedByAnonymous:
		return t.c.T("anonymous")
	}
	return t.c.T("from the floor")
}

// View implements screen.
func (t *topics) View() string {
	st := t.c.Styles
	switch t.mode {
	case tpForm:
		v := st.Box.Render(t.form.View())
		if t.form.value(2) == string(model.RaisedByParticipant) {
			line := t.c.T("no participant matches yet")
			if p := t.participantMatch(); p != nil {
				line = "→ " + safe(p.FullName)
				if p.Organisation != "" {
					line += " — " + safe(p.Organisation)
				}
			}
			v += "\n" + st.Muted.Render(fit(line, t.width))
		}
		return v
	case tpCloseForm:
		return st.Box.Render(t.form.View())
	case tpNotes:
		return st.Title.Render(t.c.T("Notes: %s", safe(t.editing.Title))) + "\n" + t.notes.View()
	}
	if !t.loaded {
		return st.Muted.Render(t.c.T("Loading the topics…"))
	}
	if len(t.topics) == 0 {
		return st.Muted.Render(t.c.T("No topics raised yet: a adds one."))
	}
	now := t.c.Now()
	var b strings.Builder
	order := t.c.T("by votes")
	if !t.byVotes {
		order = t.c.T("in the order raised")
	}
	head := st.Title.Render(t.c.T("Topics")) + st.Muted.Render(fmt.Sprintf("  %d · %s", len(t.topics), order))
	b.WriteString(fit(head, t.width) + "\n")
	switch t.mode {
	case tpConfirmDelete:
		b.WriteString(st.Warning.Render(t.c.T("Delete “%s”? y = yes, any other key = no", safe(t.selected().Title))) + "\n")
	case tpMerge:
		if m := t.byID(t.mergeID); m != nil {
			b.WriteString(st.Warning.Render(fit(t.c.T("Merge “%s” into… choose the topic that stays and press m", safe(m.Title)), t.width)) + "\n")
		}
	case tpConfirmMerge:
		if m := t.byID(t.mergeID); m != nil {
			b.WriteString(st.Warning.Render(fit(t.c.T("Merge “%s” into “%s” (votes add up)? y = yes", safe(m.Title), safe(t.selected().Title)), t.width)) + "\n")
		}
	default:
		b.WriteString(t.discussionLine(now) + "\n")
	}
	fixed := 5 + 1 + 11 + 1 + 9 + 1
	flex := max(10, t.width-fixed-1)
	titleW := flex * 62 / 100
	byW := flex - titleW - 1
	header := fitRight(t.c.T("Votes"), 5) + " " + fit(t.c.T("Topic"), titleW) + " " + fit(t.c.T("Status"), 11) + " " + fit(t.c.T("Raised by"), byW) + " " + fitRight(t.c.T("Time"), 9)
	b.WriteString(st.TableHeader.Render(fit(header, t.width)) + "\n")
	lo, hi := t.list.visible()
	for i := lo; i < hi; i++ {
		b.WriteString(t.row(i, titleW, byW, now) + "\n")
	}
	for i := hi - lo; i < t.list.height; i++ {
		b.WriteString("\n")
	}
	b.WriteString(t.detail())
	return b.String()
}

func (t *topics) row(i, titleW, byW int, now time.Time) string {
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
	mark := " "
	if tp.ID == t.mergeID {
		mark = "»"
	}
	row := fitRight(strconv.Itoa(tp.Votes), 4) + mark + " " + fit(safe(tp.Title), titleW) + " " + fit(status, 11) + " " + fit(t.raisedBy(tp), byW) + " " + fitRight(spent, 9)
	row = fit(row, t.width)
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
	st := t.c.Styles
	i := model.Discussing(t.topics)
	if i < 0 {
		return st.Muted.Render(fit(t.c.T("Nothing under discussion: space starts the highlighted topic's timebox."), t.width))
	}
	tp := t.topics[i]
	ls := levelStyle(st, tp.Clock.Level(now))
	tail := clockText(t.c, tp.Clock, now)
	room := max(8, t.width-lipgloss.Width(tail)-lipgloss.Width(t.c.T("Discussing “%s” · ", ""))-14)
	head := t.c.T("Discussing “%s” · ", fit(safe(tp.Title), min(room, lipgloss.Width(safe(tp.Title)))))
	barW := min(30, max(0, t.width-lipgloss.Width(head)-lipgloss.Width(tail)-2))
	return ls.Render(head) + progressBar(st, tp.Clock, now, barW) + " " + ls.Render(tail)
}

// detail shows the highlighted topic's details, notes, outcome and actions.
func (t *topics) detail() string {
	st := t.c.Styles
	tp := t.selected()
	if tp == nil {
		return ""
	}
	var lines []string
	add := func(label, text string) {
		text = strings.ReplaceAll(safeText(text), "\n", " ⏎ ")
		if text != "" {
			lines = append(lines, st.Label.Render(label+": ")+fit(text, max(1, t.width-lipgloss.Width(label)-2)))
		}
	}
	for _, se := range t.c.Cur.Sessions {
		if se.ID == tp.SessionID && len(t.c.Cur.Sessions) > 1 {
			add(t.c.T("Raised in"), se.Title)
		}
	}
	add(t.c.T("Details"), tp.Details)
	add(t.c.T("Notes"), tp.Notes)
	add(t.c.T("Outcome"), tp.Outcome)
	for _, a := range t.actions[tp.ID] {
		add(t.c.T("Action"), strings.TrimSuffix(fmt.Sprintf("%s — %s — %s", a.What, a.Who, a.Due), " —  — "))
	}
	if len(lines) == 0 {
		lines = append(lines, st.Muted.Render(t.c.T("No details, notes or outcome yet.")))
	}
	if len(lines) > 5 {
		lines = lines[:5]
	}
	return strings.Join(lines, "\n")
}

// FullScreen implements fullScreener: the big clock of the discussion.
func (t *topics) FullScreen(w, h int) (string, bool) {
	if t.mode != tpSpeaker {
		return "", false
	}
	i := model.Discussing(t.topics)
	if i < 0 {
		return bigClock(t.c, t.c.T("Nothing under discussion"), nil, "", w, h), true
	}
	return bigClock(t.c, safe(t.topics[i].Title), &t.topics[i].Clock, "", w, h), true
}
