package ui

import (
	"context"
	"path/filepath"
	"sort"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/report"
)

// Messages of the Topics screen.
type (
	topicsLoadedMsg struct {
		eventID string
		set     model.TopicSet
	}
	// settleMsg re-sorts the list a moment after the last vote.
	settleMsg struct{ seq int }
)

// settleAfter is how long after the last vote the list re-sorts by itself.
const settleAfter = 3 * time.Second

// topics is the Topics screen: what the room raised, prioritised,
// timeboxed and concluded.
type topics struct {
	base
	keys    topicsKeys
	topics  []model.Topic
	actions map[string][]model.ActionItem
	roster  *model.Index
	list    cursorList
	table   *table
	byVotes bool
	// held: the list keeps its order after a vote (so the next ↓ lands on
	// the topic that was below); it re-sorts when the cursor moves on or
	// after a pause.
	held      bool
	settleSeq int
	mergeID   string // the topic being merged away
	selectID  string
	loaded    bool
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
		set, err := st.TopicsWithActions(ctx, eid)
		if err != nil {
			return errMsg{err}
		}
		return topicsLoadedMsg{eventID: eid, set: set}
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
	t.table.fitWords(t.c, 2, 11, max(11, min(18, w/7)), []string{"proposed", "discussing", "done", "parked", "paused"}) // the status, in this language
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
		{k.VoteUp, k.VoteDown, k.Discuss, k.More, k.Undo, k.Speaker},
		{k.Close, k.Park, k.Reopen, k.Notes, k.Details, k.Write},
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
	if t.held {
		keepOrder(ts, t.topics)
	} else {
		model.SortTopics(ts, t.byVotes)
	}
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
			t.actions = msg.set.Actions
			t.setTopics(msg.set.Topics)
			t.loaded = true
		}
	case changedMsg:
		if ch, ok := msg.change.(model.TopicsChanged); ok && ch.EventID == t.c.Cur.Event.ID {
			t.actions, t.selectID = ch.Actions, ch.TopicID
			t.setTopics(ch.Topics)
		}
	case rosterMsg:
		if msg.eventID == t.c.Cur.Event.ID {
			t.roster = msg.index
		}
	case settleMsg:
		if msg.seq == t.settleSeq {
			t.settle()
		}
	case tea.KeyPressMsg:
		return t.updateList(msg)
	}
	return nil
}

// changed runs a change of the topics in the store; status says it.
func (t *topics) changed(status string, fn func(ctx context.Context) (model.TopicsChanged, error)) tea.Cmd {
	return commit(t.c, fn, func(model.TopicsChanged) string { return status })
}

// act runs a timebox or status action on a topic.
// status says what happened, given the topic's title.
func (t *topics) act(sel *model.Topic, act model.TopicAction, d time.Duration, status func(title string) string) tea.Cmd {
	st, eid, id, desk := t.c.Store, t.c.Cur.Event.ID, sel.ID, t.c.Desk
	return t.changed(status(safe(sel.Title)), func(ctx context.Context) (model.TopicsChanged, error) {
		return st.TopicAct(ctx, eid, id, act, d, desk)
	})
}

func (t *topics) updateList(msg tea.KeyPressMsg) tea.Cmd {
	k := t.keys
	switch {
	case t.list.navigate(msg, k.navKeys):
		t.settle() // the move happened in the order seen; now re-sort
		return nil
	case key.Matches(msg, k.Add):
		t.openForm(nil)
		return nil
	case key.Matches(msg, k.Write):
		return t.writeMinutesCmd()
	case key.Matches(msg, k.Undo):
		return undoClockCmd(t.c)
	case key.Matches(msg, k.Speaker):
		t.open(newBigClockView(t.bigClock))
		return nil
	case key.Matches(msg, k.Sort):
		t.byVotes, t.held = !t.byVotes, false
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
	case key.Matches(msg, k.Details):
		t.open(newTextView(t.c, safe(sel.Title), t.fullDetail(sel)))
	case key.Matches(msg, k.Edit):
		cp := *sel
		t.openForm(&cp)
	case key.Matches(msg, k.Delete):
		st, id, title := t.c.Store, sel.ID, safe(sel.Title)
		t.ask(t.c.T("Delete “%s”?", title), func() tea.Cmd {
			return t.changed(t.c.T("Deleted %s", title), func(ctx context.Context) (model.TopicsChanged, error) { return st.DeleteTopic(ctx, id) })
		})
	case key.Matches(msg, k.Merge):
		t.mergeID = sel.ID
		t.open(newMergePicker(t))
	}
	return nil
}

func (t *topics) voteCmd(sel *model.Topic, d int) tea.Cmd {
	st, id, title := t.c.Store, sel.ID, safe(sel.Title)
	t.held = t.byVotes
	t.settleSeq++
	seq := t.settleSeq
	settle := t.c.Tick(settleAfter, func(time.Time) tea.Msg { return settleMsg{seq} })
	return tea.Batch(settle, commit(t.c, func(ctx context.Context) (model.TopicsChanged, error) { return st.VoteTopic(ctx, id, d) },
		func(ch model.TopicsChanged) string {
			tp, _ := ch.Changed()
			return t.c.T("%s: %d votes", title, tp.Votes)
		}))
}

// settle re-sorts a list held after a vote, keeping the cursor on the
// topic it is on.
func (t *topics) settle() {
	if t.held {
		t.held = false
		t.setTopics(t.topics)
	}
}

// keepOrder sorts ts in the order of the topics in before (new ones last).
func keepOrder(ts, before []model.Topic) {
	pos := make(map[string]int, len(before))
	for i, tp := range before {
		pos[tp.ID] = i
	}
	sort.SliceStable(ts, func(i, j int) bool {
		pi, iok := pos[ts[i].ID]
		pj, jok := pos[ts[j].ID]
		if iok != jok {
			return iok
		}
		return pi < pj
	})
}

// writeMinutesCmd writes the Markdown minutes next to the database.
func (t *topics) writeMinutesCmd() tea.Cmd {
	st, ev, sessions, now, lang := t.c.Store, t.c.Cur.Event, t.c.Cur.Sessions, t.c.Now(), t.c.I18n
	c := t.c
	return func() tea.Msg {
		ctx := context.Background()
		set, err := st.TopicsWithActions(ctx, ev.ID)
		if err != nil {
			return errMsg{err}
		}
		ts, acts := set.Topics, set.Actions
		path := filepath.Join(filepath.Dir(st.Path()), "minutes-"+now.Local().Format("2006-01-02-1504")+".md")
		if err := report.WriteFile(path, report.Minutes{Event: ev, Sessions: sessions, Topics: ts, Actions: acts, Now: now, P: lang, H: lang}.Markdown); err != nil {
			return errMsg{err}
		}
		return statusMsg(c.T("Minutes written to %s", path))
	}
}
