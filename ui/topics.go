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
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"convene/model"
	"convene/report"
)

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

// topics is the Topics screen: what the room raised, prioritised,
// timeboxed and concluded.
type topics struct {
	base
	keys     topicsKeys
	topics   []model.Topic
	actions  map[string][]model.ActionItem
	roster   *model.Index
	list     cursorList
	table    *table
	byVotes  bool
	mergeID  string // the topic being merged away
	selectID string
	loaded   bool
}

func newTopics(c *Common) *topics {
	return &topics{base: base{c: c}, keys: newTopicsKeys(), byVotes: true, roster: model.NewIndex(nil), table: newTable(
		column{title: "Votes", width: 5, right: true},
		column{title: "Topic", flex: 62},
		column{title: "Status", width: 11},
		column{title: "Raised by", flex: 38},
		column{title: "Time", width: 9, right: true},
	)}
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

// Ticking implements ticker: a discussion clock is running.
func (t *topics) Ticking() bool {
	i := model.Discussing(t.topics)
	return i >= 0 && t.topics[i].Clock.State() == model.ClockRunning
}

// SetSize implements screen.
func (t *topics) SetSize(w, h int) {
	t.width, t.height = w, h
	t.list.setHeight(max(3, h-10))
	t.table.layout(w)
}

// ShortHelp implements help.KeyMap.
func (t *topics) ShortHelp() []key.Binding {
	k := t.keys
	return []key.Binding{k.Add, k.VoteUp, k.Discuss, k.Close, k.Notes, k.Write}
}

// FullHelp implements help.KeyMap.
func (t *topics) FullHelp() [][]key.Binding {
	k := t.keys
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

func (t *topics) byID(id string) *model.Topic {
	for i := range t.topics {
		if t.topics[i].ID == id {
			return &t.topics[i]
		}
	}
	return nil
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
	case topicsChangedMsg:
		t.selectID = msg.selectID
		if msg.status == "" {
			return t.Load()
		}
		return tea.Batch(t.Load(), statusCmd(msg.status))
	case rosterMsg:
		if msg.eventID == t.c.Cur.Event.ID {
			t.roster = msg.index
		}
	case tea.KeyPressMsg:
		return t.updateList(msg)
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

// act runs a timebox or status action on a topic.
// status says what happened, given the topic's title.
func (t *topics) act(sel *model.Topic, act model.TopicAction, d time.Duration, status func(title string) string) tea.Cmd {
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
		t.open(newBigClockView(t.bigClock))
		return nil
	case key.Matches(msg, k.Sort):
		t.byVotes = !t.byVotes
		t.setTopics(t.topics)
		if t.byVotes {
			return statusCmd(t.c.T("Sorted by votes"))
		}
		return statusCmd(t.c.T("Sorted in the order raised"))
	}
	if sel := t.selected(); sel != nil {
		return t.topicKey(msg, sel)
	}
	return nil
}

// topicKey handles the keys that act on the highlighted topic.
func (t *topics) topicKey(msg tea.KeyPressMsg, sel *model.Topic) tea.Cmd {
	k := t.keys
	switch {
	case key.Matches(msg, k.VoteUp), key.Matches(msg, k.VoteDown):
		d := 1
		if key.Matches(msg, k.VoteDown) {
			d = -1
		}
		return t.voteCmd(sel, d)
	case key.Matches(msg, k.Discuss):
		if sel.Status == model.TopicDiscussing && sel.Clock.State() == model.ClockRunning {
			return t.act(sel, model.TopicPause, 0, func(s string) string { return t.c.T("Paused %s", s) })
		}
		return t.act(sel, model.TopicDiscuss, 0, func(s string) string { return t.c.T("Discussing %s", s) })
	case key.Matches(msg, k.More):
		if i := model.Discussing(t.topics); i >= 0 {
			sel = &t.topics[i]
		}
		return t.act(sel, model.TopicExtend, 2*time.Minute, func(s string) string { return t.c.T("2 more minutes for %s", s) })
	case key.Matches(msg, k.Park):
		return t.act(sel, model.TopicPark, 0, func(s string) string { return t.c.T("Parked %s", s) })
	case key.Matches(msg, k.Reopen):
		return t.act(sel, model.TopicReopen, 0, func(s string) string { return t.c.T("Reopened %s", s) })
	case key.Matches(msg, k.Close):
		t.openCloseForm(*sel)
	case key.Matches(msg, k.Notes):
		t.openNotes(*sel)
	case key.Matches(msg, k.Edit):
		cp := *sel
		t.openForm(&cp)
	case key.Matches(msg, k.Delete):
		st, id, title := t.c.Store, sel.ID, safe(sel.Title)
		t.ask(t.c.T("Delete “%s”?", title), func() tea.Cmd {
			return t.changed(t.c.T("Deleted %s", title), "", func(ctx context.Context) error { return st.DeleteTopic(ctx, id) })
		})
	case key.Matches(msg, k.Merge):
		t.mergeID = sel.ID
		t.open(newMergePicker(t))
	}
	return nil
}

func (t *topics) voteCmd(sel *model.Topic, d int) tea.Cmd {
	st, id, title := t.c.Store, sel.ID, safe(sel.Title)
	return func() tea.Msg {
		n, err := st.VoteTopic(context.Background(), id, d)
		if err != nil {
			return errMsg{err}
		}
		return topicsChangedMsg{status: fmt.Sprintf("%s: %d", title, n), selectID: id}
	}
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
