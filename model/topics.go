package model

import (
	"sort"
	"time"
)

// TopicAction is something the facilitator does to a topic's status or clock.
type TopicAction int

// Topic actions.
const (
	TopicDiscuss TopicAction = iota // start (or resume) discussing; pauses any other
	TopicPause                      // pause the discussion clock (it stays "discussing")
	TopicExtend                     // add time to the timebox of the discussing topic
	TopicClose                      // done
	TopicPark                       // to the parking lot
	TopicReopen                     // a parked or done topic back to proposed
)

// DefaultTimebox is a topic's discussion time unless set otherwise.
const DefaultTimebox = 10

// Discussing returns the index of the topic being discussed, or -1.
func Discussing(topics []Topic) int {
	for i, t := range topics {
		if t.Status == TopicDiscussing {
			return i
		}
	}
	return -1
}

// ApplyTopic changes the topics (in place) for an action on topic sel at
// time now, and returns the indexes that changed. Only one topic is
// discussed at a time: discussing another pauses the first and puts it back
// to proposed, keeping its time spent.
func ApplyTopic(topics []Topic, sel int, act TopicAction, d time.Duration, now time.Time) ([]int, error) {
	if sel < 0 || sel >= len(topics) {
		return nil, errorf("no topic selected: %w", ErrClockState)
	}
	t := &topics[sel]
	pause := func(i int) {
		if topics[i].Clock.State() == ClockRunning {
			topics[i].Clock, _ = topics[i].Clock.Pause(now)
		}
	}
	switch act {
	case TopicDiscuss:
		if t.Status == TopicDone || t.Status == TopicParked {
			return nil, errorf("“%s” is %s: reopen it first: %w", t.Title, word(t.Status), ErrClockState)
		}
		changed := []int{sel}
		if cur := Discussing(topics); cur >= 0 && cur != sel {
			pause(cur)
			topics[cur].Status = TopicProposed
			changed = append(changed, cur)
		}
		var err error
		switch t.Clock.State() {
		case ClockIdle:
			t.Clock, err = t.Clock.Start(now)
		case ClockRunning: // already being discussed: its clock keeps running
		case ClockPaused:
			t.Clock, err = t.Clock.Resume(now)
		case ClockDone:
			t.Clock, err = t.Clock.Reopen(now)
		}
		if err != nil {
			return nil, err
		}
		t.Status = TopicDiscussing
		return changed, nil
	case TopicPause:
		if t.Status != TopicDiscussing || t.Clock.State() != ClockRunning {
			return nil, errorf("“%s” is not being discussed: %w", t.Title, ErrClockState)
		}
		pause(sel)
		return []int{sel}, nil
	case TopicExtend:
		if t.Status != TopicDiscussing {
			return nil, errorf("“%s” is not being discussed: %w", t.Title, ErrClockState)
		}
		c, err := t.Clock.Extend(d)
		if err != nil {
			return nil, err
		}
		t.Clock = c
		return []int{sel}, nil
	case TopicClose:
		if t.Status == TopicDone {
			return nil, errorf("“%s” is already done: %w", t.Title, ErrClockState)
		}
		if s := t.Clock.State(); s == ClockRunning || s == ClockPaused {
			t.Clock, _ = t.Clock.Finish(now)
		}
		t.Status = TopicDone
		return []int{sel}, nil
	case TopicPark:
		if t.Status == TopicParked || t.Status == TopicDone {
			return nil, errorf("“%s” is %s: %w", t.Title, word(t.Status), ErrClockState)
		}
		pause(sel)
		t.Status = TopicParked
		return []int{sel}, nil
	case TopicReopen:
		if t.Status != TopicParked && t.Status != TopicDone {
			return nil, errorf("only a parked or done topic can be reopened: %w", ErrClockState)
		}
		t.Status = TopicProposed
		return []int{sel}, nil
	}
	return nil, errorf("unknown topic action %d: %w", act, ErrClockState)
}

// Vote adds delta votes (never below zero).
func Vote(votes, delta int) int { return max(0, votes+delta) }

// SortTopics orders topics by votes (most first, then the order raised) or
// by the order raised.
func SortTopics(topics []Topic, byVotes bool) {
	sort.SliceStable(topics, func(i, j int) bool {
		a, b := topics[i], topics[j]
		if byVotes && a.Votes != b.Votes {
			return a.Votes > b.Votes
		}
		if !a.CreatedAt.Equal(b.CreatedAt) {
			return a.CreatedAt.Before(b.CreatedAt)
		}
		return a.ID < b.ID
	})
}

// MergeText is what the kept topic's details become when other is merged
// into it.
func MergeText(keep, other Topic) string {
	s := keep.Details
	if s != "" {
		s += "\n\n"
	}
	s += "Merged: " + other.Title
	if other.Details != "" {
		s += "\n" + other.Details
	}
	if other.Notes != "" {
		s += "\nNotes: " + other.Notes
	}
	return s
}
