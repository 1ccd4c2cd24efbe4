package model

import (
	"errors"
	"testing"
	"time"
)

func TestApplyTopicRules(t *testing.T) {
	mk := func() []Topic {
		return []Topic{
			{ID: "a", Title: "A", Status: TopicProposed, Clock: Clock{Planned: 10 * time.Minute}},
			{ID: "b", Title: "B", Status: TopicProposed, Clock: Clock{Planned: 10 * time.Minute}},
			{ID: "c", Title: "C", Status: TopicParked, Clock: Clock{Planned: 10 * time.Minute}},
		}
	}
	type step struct {
		sel  int
		act  TopicAction
		fail bool
	}
	tests := []struct {
		name   string
		steps  []step
		status string // first letter of each status
	}{
		{"discuss", []step{{0, TopicDiscuss, false}}, "dpP"},
		{"one at a time", []step{{0, TopicDiscuss, false}, {1, TopicDiscuss, false}}, "pdP"},
		{"close", []step{{0, TopicDiscuss, false}, {0, TopicClose, false}}, "DpP"},
		{"park while discussing", []step{{0, TopicDiscuss, false}, {0, TopicPark, false}}, "PpP"},
		{"parked cannot be discussed", []step{{2, TopicDiscuss, true}}, "ppP"},
		{"reopen parked", []step{{2, TopicReopen, false}, {2, TopicDiscuss, false}}, "ppd"},
		{"reopen proposed fails", []step{{0, TopicReopen, true}}, "ppP"},
		{"extend needs discussion", []step{{0, TopicExtend, true}}, "ppP"},
		{"close twice fails", []step{{0, TopicClose, false}, {0, TopicClose, true}}, "DpP"},
		{"pause", []step{{0, TopicDiscuss, false}, {0, TopicPause, false}, {0, TopicPause, true}}, "dpP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := mk()
			now := t0
			for _, s := range tt.steps {
				now = now.Add(time.Minute)
				_, err := ApplyTopic(ts, s.sel, s.act, time.Minute, now)
				if (err != nil) != s.fail {
					t.Fatalf("%+v: %v", s, err)
				}
				if err != nil && !errors.Is(err, ErrClockState) {
					t.Fatal(err)
				}
			}
			got := ""
			for _, x := range ts {
				got += map[TopicStatus]string{TopicProposed: "p", TopicDiscussing: "d", TopicDone: "D", TopicParked: "P"}[x.Status]
			}
			if got != tt.status {
				t.Errorf("statuses %s, want %s", got, tt.status)
			}
		})
	}
}

func TestTopicClockPausesWhenAnotherStarts(t *testing.T) {
	ts := []Topic{{Title: "A", Status: TopicProposed, Clock: Clock{Planned: 10 * time.Minute}}, {Title: "B", Status: TopicProposed, Clock: Clock{Planned: 10 * time.Minute}}}
	for _, step := range []struct {
		sel int
		at  time.Duration
	}{{0, 0}, {1, 4 * time.Minute}, {0, 9 * time.Minute}} {
		if _, err := ApplyTopic(ts, step.sel, TopicDiscuss, 0, t0.Add(step.at)); err != nil {
			t.Fatalf("discuss %d at +%v: %v", step.sel, step.at, err)
		}
	}
	if got := ts[0].Clock.Elapsed(t0.Add(10 * time.Minute)); got != 5*time.Minute {
		t.Errorf("A elapsed %v, want 5m (4 + 1, the pause excluded)", got)
	}
	if ts[1].Clock.State() != ClockPaused || ts[1].Status != TopicProposed {
		t.Errorf("B not paused: %v %s", ts[1].Clock.State(), ts[1].Status)
	}
}

func TestVoteAndSort(t *testing.T) {
	if Vote(0, -1) != 0 || Vote(2, 1) != 3 {
		t.Error("vote arithmetic")
	}
	ts := []Topic{{ID: "a", Votes: 1, CreatedAt: t0}, {ID: "b", Votes: 5, CreatedAt: t0.Add(time.Minute)}, {ID: "c", Votes: 5, CreatedAt: t0.Add(-time.Minute)}}
	SortTopics(ts, true)
	if ts[0].ID != "c" || ts[1].ID != "b" || ts[2].ID != "a" {
		t.Errorf("by votes: %s%s%s", ts[0].ID, ts[1].ID, ts[2].ID)
	}
	SortTopics(ts, false)
	if ts[0].ID != "c" || ts[1].ID != "a" || ts[2].ID != "b" {
		t.Errorf("by order: %s%s%s", ts[0].ID, ts[1].ID, ts[2].ID)
	}
	if got := MergeText(Topic{Details: "x"}, Topic{Title: "T", Details: "d", Notes: "n"}); got != "x\n\nMerged: T\nd\nNotes: n" {
		t.Errorf("merge text %q", got)
	}
}
