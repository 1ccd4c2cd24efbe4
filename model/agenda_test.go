package model

import (
	"errors"
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
	tests := []struct {
		name      string
		setup     setup
		now       time.Time
		wantEnd   string
		wantDrift time.Duration
		wantPin   time.Duration // slack before lunch
		started   bool
	}{
		// plan: A 09:00-09:30, B 09:30-10:30, lunch pinned 13:00-14:00, C 14:00-14:45
		{"not started, before the start", func([]AgendaItem) {}, day(8, 0), "14:45", 0, 150 * time.Minute, false},
		{"not started, the day began late", func([]AgendaItem) {}, day(11, 0), "14:45", 0, 30 * time.Minute, false},
		{"on time", func(it []AgendaItem) { run(it, 0, ActToggle, 0, day(9, 0)) }, day(9, 10), "14:45", 0, 150 * time.Minute, true},
		{"A overruns by 12 min, lunch absorbs it", func(it []AgendaItem) { run(it, 0, ActToggle, 0, day(9, 0)) }, day(9, 42), "14:45", 0, 138 * time.Minute, true},
		{"paused item: remaining counts from now", func(it []AgendaItem) {
			run(it, 0, ActToggle, 0, day(9, 0))
			run(it, 0, ActToggle, 0, day(9, 10))
		}, day(12, 0), "15:05", 20 * time.Minute, -20 * time.Minute, true}, // A ends 12:20, B 13:20, lunch moves to 13:20
		{"overrun past the pin makes the day late", func(it []AgendaItem) {
			run(it, 0, ActToggle, 0, day(9, 0))
			run(it, 0, ActNext, 0, day(9, 30))
		}, day(13, 30), "15:15", 30 * time.Minute, -30 * time.Minute, true}, // B still running at 13:30
		{"extension counts", func(it []AgendaItem) {
			run(it, 0, ActToggle, 0, day(9, 0))
			run(it, 0, ActNext, 0, day(9, 30))
			run(it, 1, ActExtend, 5*time.Minute, day(9, 31))
		}, day(9, 40), "14:45", 0, 145 * time.Minute, true},
		{"skipped items free time", func(it []AgendaItem) {
			run(it, 3, ActSkip, 0, day(8, 0))
		}, day(8, 0), "14:00", 0, 150 * time.Minute, false}, // the plan no longer holds C either
		{"jumping ahead: earlier upcoming items are passed", func(it []AgendaItem) {
			run(it, 3, ActToggle, 0, day(9, 0))
		}, day(9, 0), "09:45", -5 * time.Hour, 0, true},
		{"restart: all read from timestamps", func(it []AgendaItem) {
			run(it, 0, ActToggle, 0, day(9, 0))
			run(it, 0, ActNext, 0, day(9, 35)) // A took 35
		}, day(10, 40), "14:45", 0, 140 * time.Minute, true}, // B over time, ends now
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := testItems()
			tt.setup(items)
			f := MakeForecast(start, items, tt.now)
			if got := f.End.Format("15:04"); got != tt.wantEnd {
				t.Errorf("end = %s, want %s", got, tt.wantEnd)
			}
			if f.Drift != tt.wantDrift {
				t.Errorf("drift = %v, want %v", f.Drift, tt.wantDrift)
			}
			if want := map[bool]string{true: "14:00", false: "14:45"}[items[3].Skipped]; f.PlannedEnd.Format("15:04") != want {
				t.Errorf("planned end = %s", f.PlannedEnd.Format("15:04"))
			}
			if f.Started != tt.started {
				t.Errorf("started = %v", f.Started)
			}
			var slack time.Duration
			for _, p := range f.Pins {
				slack = p.Slack
			}
			if tt.wantPin != 0 && slack != tt.wantPin {
				t.Errorf("lunch slack = %v, want %v", slack, tt.wantPin)
			}
		})
	}
}
