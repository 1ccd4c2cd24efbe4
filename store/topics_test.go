package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"convene/model"
)

// votesOf is the vote count of the topic a change names.
func votesOf(ch model.TopicsChanged) int {
	t, _ := ch.Changed()
	return t.Votes
}

func TestTopicLifecycleAndMerge(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	clk := fixedNow
	now := func() time.Time { return clk }
	st, err := Open(ctx, path, WithClock(now))
	if err != nil {
		t.Fatal(err)
	}
	ev, s1, _ := seedEvent(t, st)
	annCh, _ := st.AddWalkIn(ctx, model.Participant{EventID: ev.ID, FullName: "Ann"}, "", "d")
	ann := annCh.Participant
	add := func(title string, by model.RaisedBy, pid string) model.Topic {
		clk = clk.Add(time.Second)
		ch, err := st.AddTopic(ctx, model.Topic{EventID: ev.ID, SessionID: s1.ID, Title: title, RaisedBy: by, ParticipantID: pid})
		if err != nil {
			t.Fatal(err)
		}
		tp, ok := ch.Changed()
		if !ok {
			t.Fatalf("AddTopic: the change does not name the new topic")
		}
		return tp
	}
	a := add("UN complaints", model.RaisedByParticipant, ann.ID)
	b := add("Lawyer access", model.RaisedByFloor, "")
	c := add("Torture reports", model.RaisedByAnonymous, ann.ID) // anonymous keeps no name
	if _, err := st.AddTopic(ctx, model.Topic{EventID: ev.ID, Title: "x", RaisedBy: model.RaisedByParticipant}); !errors.Is(err, ErrInvalid) {
		t.Errorf("participant topic without participant: %v", err)
	}
	ts, _ := st.Topics(ctx, ev.ID)
	if len(ts) != 3 || ts[0].ParticipantName != "Ann" || ts[2].ParticipantID != "" || ts[0].TimeboxMinutes != 10 {
		t.Fatalf("topics = %+v", ts)
	}
	for range 3 {
		if _, err := st.VoteTopic(ctx, a.ID, 1); err != nil {
			t.Fatal(err)
		}
	}
	if ch, _ := st.VoteTopic(ctx, b.ID, -1); votesOf(ch) != 0 {
		t.Errorf("votes below zero: %d", votesOf(ch))
	}
	if _, err := st.VoteTopic(ctx, b.ID, 2); err != nil {
		t.Fatal(err)
	}
	// discuss a, then b: a is paused and back to proposed
	if _, err := st.TopicAct(ctx, ev.ID, a.ID, model.TopicDiscuss, 0, "test"); err != nil {
		t.Fatal(err)
	}
	clk = clk.Add(4 * time.Minute)
	acted, err := st.TopicAct(ctx, ev.ID, b.ID, model.TopicDiscuss, 0, "test")
	if err != nil {
		t.Fatal(err)
	}
	ts = acted.Topics
	byID := map[string]model.Topic{}
	for _, x := range ts {
		byID[x.ID] = x
	}
	if byID[a.ID].Status != model.TopicProposed || byID[a.ID].Clock.State() != model.ClockPaused || byID[b.ID].Status != model.TopicDiscussing {
		t.Fatalf("one at a time: a=%s/%v b=%s", byID[a.ID].Status, byID[a.ID].Clock.State(), byID[b.ID].Status)
	}
	// b runs past its timebox, gets 2 more minutes; a restart keeps the clock
	clk = clk.Add(11 * time.Minute)
	if _, err := st.TopicAct(ctx, ev.ID, b.ID, model.TopicExtend, 2*time.Minute, "test"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	clk = clk.Add(30 * time.Second)
	st, err = Open(ctx, path, WithClock(now))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ts, _ = st.Topics(ctx, ev.ID)
	for _, x := range ts {
		if x.ID == b.ID && (x.Clock.Elapsed(clk) != 11*time.Minute+30*time.Second || x.Clock.Budget() != 12*time.Minute) {
			t.Errorf("after restart: elapsed %v budget %v", x.Clock.Elapsed(clk), x.Clock.Budget())
		}
	}
	if _, err := st.SaveNotes(ctx, b.ID, "Notes line 1\nline 2"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CloseTopic(ctx, ev.ID, b.ID, "Recommend a hotline", []model.ActionItem{{What: "Draft", Who: "NPM", Due: "Dec"}, {What: " "}, {What: "Report", Who: "OSCE"}}); err != nil {
		t.Fatal(err)
	}
	acts, _ := st.Actions(ctx, ev.ID)
	if len(acts[b.ID]) != 2 {
		t.Errorf("actions = %+v", acts)
	}
	if _, err := st.TopicAct(ctx, ev.ID, b.ID, model.TopicDiscuss, 0, "test"); !errors.Is(err, model.ErrClockState) {
		t.Errorf("discussing a done topic without reopening: %v", err)
	}
	if _, err := st.TopicAct(ctx, ev.ID, c.ID, model.TopicPark, 0, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.TopicAct(ctx, ev.ID, c.ID, model.TopicReopen, 0, "test"); err != nil {
		t.Error(err)
	}
	// merge c into a: votes add, text moves, c disappears
	if _, err := st.VoteTopic(ctx, c.ID, 2); err != nil {
		t.Fatal(err)
	}
	merged, err := st.MergeTopics(ctx, a.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	keep, _ := merged.Changed()
	if keep.Votes != 5 || !strings.Contains(keep.Details, "Merged: Torture reports") {
		t.Errorf("merged = %+v", keep)
	}
	ts, _ = st.Topics(ctx, ev.ID)
	if len(ts) != 2 {
		t.Errorf("after merge %d topics", len(ts))
	}
	if _, err := st.MergeTopics(ctx, a.ID, a.ID); !errors.Is(err, ErrInvalid) {
		t.Errorf("self merge: %v", err)
	}
	if _, err := st.VoteTopic(ctx, c.ID, 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("vote on merged topic: %v", err)
	}
	if _, err := st.DeleteTopic(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	ts, _ = st.Topics(ctx, ev.ID)
	if len(ts) != 1 {
		t.Errorf("after delete %d", len(ts))
	}
}
