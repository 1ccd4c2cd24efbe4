package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func day(h, m int) time.Time { return time.Date(2026, 11, 27, h, m, 0, 0, time.UTC) }

func testItems() []AgendaItem {
	mk := func(title string, min int, pin string) AgendaItem {
		return AgendaItem{ID: title, Title: title, PlannedMinutes: min, PinnedStart: pin, Clock: Clock{Planned: time.Duration(min) * time.Minute}}
	}
	return []AgendaItem{mk("A", 30, ""), mk("B", 60, ""), mk("Lunch", 60, "13:00"), mk("C", 45, "")}
}

func TestApplyAgenda(t *testing.T) {
	type step struct {
		act  AgendaAction
		sel  int
		d    time.Duration
		at   time.Time
		fail bool
	}
	tests := []struct {
		name       string
		steps      []step
		now        time.Time
		wantStates string // one letter per item: u r p d s
		wantActive int
	}{
		{"start first", []step{{ActToggle, 0, 0, day(9, 0), false}}, day(9, 10), "ruuu", 0},
		{"pause", []step{{ActToggle, 0, 0, day(9, 0), false}, {ActToggle, 0, 0, day(9, 5), false}}, day(9, 10), "puuu", 0},
		{"next finishes and starts the following", []step{{ActToggle, 0, 0, day(9, 0), false}, {ActNext, 0, 0, day(9, 35), false}}, day(9, 40), "druu", 1},
		{"next with nothing running starts the first", []step{{ActNext, 2, 0, day(9, 0), false}}, day(9, 1), "ruuu", 0},
		{"next skips skipped", []step{{ActSkip, 1, 0, day(8, 0), false}, {ActToggle, 0, 0, day(9, 0), false}, {ActNext, 0, 0, day(9, 30), false}}, day(9, 31), "dsru", 2},
		{"starting another finishes the active", []step{{ActToggle, 0, 0, day(9, 0), false}, {ActToggle, 3, 0, day(9, 10), false}}, day(9, 11), "duur", 3},
		{"next at the end finishes", []step{{ActToggle, 3, 0, day(9, 0), false}, {ActNext, 3, 0, day(9, 10), false}}, day(9, 11), "uuud", -1},
		{"extend needs a running item", []step{{ActExtend, 0, time.Minute, day(9, 0), true}}, day(9, 0), "uuuu", -1},
		{"skip a running item fails", []step{{ActToggle, 0, 0, day(9, 0), false}, {ActSkip, 0, 0, day(9, 1), true}}, day(9, 2), "ruuu", 0},
		{"reset", []step{{ActToggle, 0, 0, day(9, 0), false}, {ActReset, 0, 0, day(9, 1), false}}, day(9, 2), "uuuu", -1},
		{"space on a done item reopens it", []step{{ActToggle, 0, 0, day(9, 0), false}, {ActNext, 0, 0, day(9, 10), false}, {ActToggle, 0, 0, day(9, 12), false}}, day(9, 13), "rduu", 0},
		{"finish", []step{{ActToggle, 1, 0, day(9, 0), false}, {ActFinish, 1, 0, day(9, 10), false}}, day(9, 13), "uduu", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := testItems()
			for _, s := range tt.steps {
				_, err := ApplyAgenda(items, s.sel, s.act, s.d, s.at)
				if (err != nil) != s.fail {
					t.Fatalf("step %+v: err %v", s, err)
				}
				if err != nil && !errors.Is(err, ErrClockState) {
					t.Fatalf("error not ErrClockState: %v", err)
				}
			}
			got := ""
			for _, it := range items {
				switch {
				case it.Skipped:
					got += "s"
				default:
					got += string("urpd"[it.Clock.State()])
				}
			}
			if got != tt.wantStates {
				t.Errorf("states = %s, want %s", got, tt.wantStates)
			}
			if a := Active(items); a != tt.wantActive {
				t.Errorf("active = %d, want %d", a, tt.wantActive)
			}
		})
	}
}

func TestForecast(t *testing.T) {
	start := day(9, 0)
	type setup func(items []AgendaItem)
	run := func(items []AgendaItem, sel int, act AgendaAction, d time.Duration, at time.Time) {
		if _, err := ApplyAgenda(items, sel, act, d, at); err != nil {
			panic(err)
		}
	}
	const plan = "09:00 09:30 13:00 14:00" // the printed programme never moves
	tests := []struct {
		name      string
		setup     setup
		now       time.Time
		wantEst   string // estimated (or actual) starts, HH:MM
		wantEnd   string
		wantDrift time.Duration
		wantPin   time.Duration // slack before lunch
		started   bool
		when      When
	}{
		// plan: A 09:00-09:30, B 09:30-10:30, lunch pinned 13:00-14:00, C 14:00-14:45
		{"not started, before the start", func([]AgendaItem) {}, day(8, 0), plan, "14:45", 0, 150 * time.Minute, false, Today},
		{"not started, the day began late", func([]AgendaItem) {}, day(11, 0), "11:00 11:30 13:00 14:00", "14:45", 0, 30 * time.Minute, false, Today},
		{"on time", func(it []AgendaItem) { run(it, 0, ActToggle, 0, day(9, 0)) }, day(9, 10), plan, "14:45", 0, 150 * time.Minute, true, Today},
		{"A overruns by 12 min, lunch absorbs it", func(it []AgendaItem) { run(it, 0, ActToggle, 0, day(9, 0)) }, day(9, 42), "09:00 09:42 13:00 14:00", "14:45", 0, 138 * time.Minute, true, Today},
		{"paused item: remaining counts from now", func(it []AgendaItem) {
			run(it, 0, ActToggle, 0, day(9, 0))
			run(it, 0, ActToggle, 0, day(9, 10))
		}, day(12, 0), "09:00 12:20 13:20 14:20", "15:05", 20 * time.Minute, -20 * time.Minute, true, Today}, // A ends 12:20, B 13:20, lunch moves to 13:20
		{"overrun past the pin makes the day late", func(it []AgendaItem) {
			run(it, 0, ActToggle, 0, day(9, 0))
			run(it, 0, ActNext, 0, day(9, 30))
		}, day(13, 30), "09:00 09:30 13:30 14:30", "15:15", 30 * time.Minute, -30 * time.Minute, true, Today}, // B still running at 13:30
		{"extension counts in the estimate, not in the plan", func(it []AgendaItem) {
			run(it, 0, ActToggle, 0, day(9, 0))
			run(it, 0, ActNext, 0, day(9, 30))
			run(it, 1, ActExtend, 5*time.Minute, day(9, 31))
		}, day(9, 40), plan, "14:45", 0, 145 * time.Minute, true, Today},
		{"a skipped item keeps its slot in the plan; the estimate moves up", func(it []AgendaItem) {
			run(it, 1, ActSkip, 0, day(8, 0))
		}, day(8, 0), "09:00 09:30 13:00 14:00", "14:45", 0, 210 * time.Minute, false, Today},
		{"skipping the last item ends the day early", func(it []AgendaItem) {
			run(it, 3, ActSkip, 0, day(8, 0))
		}, day(8, 0), "09:00 09:30 13:00 14:00", "14:00", -45 * time.Minute, 150 * time.Minute, false, Today},
		{"skip after a late start: later items start earlier than planned", func(it []AgendaItem) {
			run(it, 0, ActToggle, 0, day(9, 0))
			run(it, 1, ActSkip, 0, day(9, 5))
		}, day(9, 10), "09:00 09:30 13:00 14:00", "14:45", 0, 210 * time.Minute, true, Today},
		{"jumping ahead: earlier upcoming items are passed", func(it []AgendaItem) {
			run(it, 3, ActToggle, 0, day(9, 0))
		}, day(9, 0), "09:00 09:00 09:00 09:00", "09:45", -5 * time.Hour, 0, true, Today},
		{"restart: all read from timestamps", func(it []AgendaItem) {
			run(it, 0, ActToggle, 0, day(9, 0))
			run(it, 0, ActNext, 0, day(9, 35)) // A took 35
		}, day(10, 40), "09:00 09:35 13:00 14:00", "14:45", 0, 140 * time.Minute, true, Today}, // B over time, ends now
		// another day
		{"eight days later, nothing ran: no forecast from now", func([]AgendaItem) {}, day(9, 0).AddDate(0, 0, 8),
			plan, "14:45", 0, 0, false, Past},
		{"the next day: what ran", func(it []AgendaItem) {
			run(it, 0, ActToggle, 0, day(9, 5))
			run(it, 0, ActNext, 0, day(9, 40))
			run(it, 1, ActNext, 0, day(10, 50)) // lunch starts early, runs 11:00
			run(it, 2, ActFinish, 0, day(12, 0))
		}, day(9, 0).AddDate(0, 0, 1), "09:05 09:40 10:50 14:00", "12:00", -165 * time.Minute, 0, true, Past}, // C never held
		{"the next day, a clock left running counts its budget", func(it []AgendaItem) {
			run(it, 0, ActToggle, 0, day(9, 0))
			run(it, 0, ActNext, 0, day(9, 30))
		}, day(9, 0).AddDate(0, 0, 1), plan, "10:30", -255 * time.Minute, 0, true, Past},
		{"a later day: the plan, from its start", func([]AgendaItem) {}, day(9, 0).AddDate(0, 0, -3), plan, "14:45", 0, 150 * time.Minute, false, Future},
		{"a later day with a skip: the plan with the skip", func(it []AgendaItem) {
			run(it, 3, ActSkip, 0, day(8, 0))
		}, day(16, 0).AddDate(0, 0, -1), plan, "14:00", -45 * time.Minute, 150 * time.Minute, false, Future},
		{"held today though dated another day: forecast from now", func(it []AgendaItem) {
			run(it, 0, ActToggle, 0, day(9, 0).AddDate(0, 0, 2))
		}, day(9, 10).AddDate(0, 0, 2), "09:00 09:30 13:00 14:00", "14:45", 0, 150 * time.Minute, true, Today},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := testItems()
			tt.setup(items)
			f := MakeForecast(start, items, tt.now)
			var planned, est []string
			for _, fi := range f.Items {
				planned = append(planned, HHMM(fi.PlannedStart, time.UTC))
				est = append(est, HHMM(fi.Start, time.UTC))
			}
			if got := strings.Join(planned, " "); got != plan {
				t.Errorf("plan = %s, want %s", got, plan)
			}
			if got := strings.Join(est, " "); got != tt.wantEst {
				t.Errorf("estimates = %s, want %s", got, tt.wantEst)
			}
			if got := HHMM(f.End, time.UTC); got != tt.wantEnd {
				t.Errorf("end = %s, want %s", got, tt.wantEnd)
			}
			if f.Drift != tt.wantDrift {
				t.Errorf("drift = %v, want %v", f.Drift, tt.wantDrift)
			}
			if got := HHMM(f.PlannedEnd, time.UTC); got != "14:45" {
				t.Errorf("planned end = %s, want 14:45 whatever happened", got)
			}
			if f.Started != tt.started || f.When != tt.when {
				t.Errorf("started = %v, when = %v; want %v, %v", f.Started, f.When, tt.started, tt.when)
			}
			var slack time.Duration
			for _, p := range f.Pins {
				slack = p.Slack
			}
			if slack != tt.wantPin {
				t.Errorf("lunch slack = %v, want %v", slack, tt.wantPin)
			}
		})
	}
}

func TestForecastPastItems(t *testing.T) {
	items := testItems()
	for i, step := range []struct {
		sel int
		act AgendaAction
		at  time.Time
	}{
		{0, ActToggle, day(9, 5)},
		{0, ActNext, day(9, 40)},
		{2, ActSkip, day(9, 41)},
		{0, ActFinish, day(10, 0)},
	} {
		if _, err := ApplyAgenda(items, step.sel, step.act, 0, step.at); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	f := MakeForecast(day(9, 0), items, day(9, 0).AddDate(0, 0, 1))
	var held []string
	for i, fi := range f.Items {
		held = append(held, map[bool]string{true: "not held", false: "held"}[fi.NotHeld])
		if !fi.NotHeld && !items[i].Skipped && fi.Late != fi.Start.Sub(fi.PlannedStart) {
			t.Errorf("item %d late %v", i, fi.Late)
		}
	}
	// A and B ran, lunch was skipped (neither held nor "not held"), C never started
	if got := strings.Join(held, ","); got != "held,held,held,not held" {
		t.Errorf("held = %s", got)
	}
	if f.Items[0].Late != 5*time.Minute || HHMM(f.End, time.UTC) != "10:00" || f.Drift != -285*time.Minute {
		t.Errorf("late %v, end %s, drift %v", f.Items[0].Late, HHMM(f.End, time.UTC), f.Drift)
	}
}

func TestSessionWhen(t *testing.T) {
	almaty := time.FixedZone("UTC+5", 5*3600)
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, almaty)
	started := testItems()
	if _, err := ApplyAgenda(started, 0, ActToggle, 0, time.Date(2026, 11, 29, 23, 30, 0, 0, almaty)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		now   time.Time
		items []AgendaItem
		want  When
	}{
		{time.Date(2026, 11, 27, 0, 1, 0, 0, almaty), nil, Today},
		{time.Date(2026, 11, 27, 23, 59, 0, 0, almaty), nil, Today},
		{time.Date(2026, 11, 26, 23, 59, 0, 0, almaty), nil, Future},
		{time.Date(2026, 11, 28, 0, 0, 0, 0, almaty), nil, Past},
		// 27 Nov 20:00 UTC is already 28 Nov in Almaty: the session's zone decides
		{time.Date(2026, 11, 27, 20, 0, 0, 0, time.UTC), nil, Past},
		{time.Date(2026, 12, 5, 9, 0, 0, 0, almaty), testItems(), Past},
		// a clock that moved on the day of now makes it today
		{time.Date(2026, 11, 29, 23, 50, 0, 0, almaty), started, Today},
		{time.Date(2026, 11, 30, 0, 10, 0, 0, almaty), started, Past},
	}
	for _, tt := range tests {
		if got := SessionWhen(start, tt.items, tt.now); got != tt.want {
			t.Errorf("SessionWhen(now %v) = %v, want %v", tt.now, got, tt.want)
		}
	}
}
