package model

import (
	"testing"
	"time"
)

func TestMinutes(t *testing.T) {
	s := time.Second
	tests := []struct {
		d    time.Duration
		want int
	}{
		{0, 0}, {29 * s, 0}, {29*s + 999*time.Millisecond, 0}, {30 * s, 1}, {59 * s, 1}, {60 * s, 1},
		{89 * s, 1}, {90 * s, 2}, {149 * s, 2}, {150 * s, 3},
		{-29 * s, 0}, {-30 * s, 0}, {-31 * s, -1}, {-89 * s, -1}, {-90 * s, -1}, {-91 * s, -2},
		{6*time.Minute + 30*s, 7}, {-6*time.Minute - 30*s, -6},
		{196 * time.Hour, 196 * 60},
	}
	for _, tt := range tests {
		if got := Minutes(tt.d); got != tt.want {
			t.Errorf("Minutes(%v) = %d, want %d", tt.d, got, tt.want)
		}
	}
}

func TestHHMM(t *testing.T) {
	at := func(h, m, sec int) time.Time { return time.Date(2026, 11, 27, h, m, sec, 0, time.UTC) }
	almaty := time.FixedZone("UTC+5", 5*3600)
	tests := []struct {
		t    time.Time
		loc  *time.Location
		want string
	}{
		{at(17, 35, 0), time.UTC, "17:35"},
		{at(17, 35, 29), time.UTC, "17:35"},
		{at(17, 35, 30), time.UTC, "17:36"}, // rounded, never truncated
		{at(17, 35, 59), time.UTC, "17:36"},
		{at(23, 59, 30), time.UTC, "00:00"},
		{at(12, 0, 30), almaty, "17:01"},
		{time.Time{}, time.UTC, ""},
	}
	for _, tt := range tests {
		if got := HHMM(tt.t, tt.loc); got != tt.want {
			t.Errorf("HHMM(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

// The drift line's end and its drift agree: the end shown is the planned
// end plus the drift shown, for every second of a range of drifts.
func TestRoundingAgrees(t *testing.T) {
	planned := time.Date(2026, 11, 27, 17, 30, 0, 0, time.UTC)
	for d := -10 * time.Minute; d <= 10*time.Minute; d += time.Second {
		end := RoundClock(planned.Add(d))
		if want := planned.Add(time.Duration(Minutes(d)) * time.Minute); !end.Equal(want) {
			t.Fatalf("drift %v: end %s, planned + drift %s", d, end.Format("15:04:05"), want.Format("15:04:05"))
		}
	}
}

func TestActionNames(t *testing.T) {
	idle := AgendaItem{Clock: Clock{Planned: time.Minute}}
	running := AgendaItem{Clock: Clock{Planned: time.Minute, StartedAt: day(9, 0)}}
	paused := AgendaItem{Clock: Clock{Planned: time.Minute, StartedAt: day(9, 0), PausedAt: day(9, 1)}}
	done := AgendaItem{Clock: Clock{Planned: time.Minute, StartedAt: day(9, 0), EndedAt: day(9, 1)}}
	agenda := []struct {
		act    AgendaAction
		d      time.Duration
		before AgendaItem
		want   string
	}{
		{ActToggle, 0, idle, "start"}, {ActToggle, 0, running, "pause"}, {ActToggle, 0, paused, "resume"},
		{ActToggle, 0, done, "restart"}, {ActNext, 0, running, "next"}, {ActExtend, time.Minute, running, "extend"},
		{ActExtend, -time.Minute, running, "shorten"}, {ActSkip, 0, idle, "skip"}, {ActSkip, 0, AgendaItem{Skipped: true}, "unskip"},
		{ActReset, 0, done, "reset"}, {ActFinish, 0, running, "finish"},
	}
	for _, tt := range agenda {
		if got := AgendaActionName(tt.act, tt.d, tt.before); got != tt.want {
			t.Errorf("AgendaActionName(%d, %v) = %q, want %q", tt.act, tt.d, got, tt.want)
		}
	}
	topics := []struct {
		act    TopicAction
		before Topic
		want   string
	}{
		{TopicDiscuss, Topic{Status: TopicProposed}, "discuss"},
		{TopicDiscuss, Topic{Status: TopicProposed, Clock: paused.Clock}, "discuss"}, // paused by another's discussion
		{TopicDiscuss, Topic{Status: TopicDiscussing, Clock: paused.Clock}, "resume"},
		{TopicPause, Topic{}, "pause"}, {TopicExtend, Topic{}, "extend"}, {TopicClose, Topic{}, "close"},
		{TopicPark, Topic{}, "park"}, {TopicReopen, Topic{}, "reopen"},
	}
	for _, tt := range topics {
		if got := TopicActionName(tt.act, tt.before); got != tt.want {
			t.Errorf("TopicActionName(%d, %+v) = %q, want %q", tt.act, tt.before.Status, got, tt.want)
		}
	}
}
