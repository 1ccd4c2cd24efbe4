package model

import (
	"errors"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

func at(min, sec int) time.Time {
	return t0.Add(time.Duration(min)*time.Minute + time.Duration(sec)*time.Second)
}

func TestClockTransitions(t *testing.T) {
	type step struct {
		op      string // start pause resume finish extend reopen
		at      time.Time
		d       time.Duration
		wantErr bool
	}
	tests := []struct {
		name        string
		steps       []step
		now         time.Time
		wantState   ClockState
		wantElapsed time.Duration
		wantRemain  time.Duration
		wantLevel   ClockLevel
	}{
		{"idle", nil, at(5, 0), ClockIdle, 0, 10 * time.Minute, LevelNormal},
		{"running", []step{{op: "start", at: at(0, 0)}}, at(3, 0), ClockRunning, 3 * time.Minute, 7 * time.Minute, LevelNormal},
		{"warning at 2 min left", []step{{op: "start", at: at(0, 0)}}, at(8, 0), ClockRunning, 8 * time.Minute, 2 * time.Minute, LevelWarning},
		{"over", []step{{op: "start", at: at(0, 0)}}, at(13, 12), ClockRunning, 13*time.Minute + 12*time.Second, -(3*time.Minute + 12*time.Second), LevelOver},
		{"paused stops the clock", []step{{op: "start", at: at(0, 0)}, {op: "pause", at: at(2, 0)}}, at(9, 0), ClockPaused, 2 * time.Minute, 8 * time.Minute, LevelNormal},
		{"resume excludes the pause", []step{{op: "start", at: at(0, 0)}, {op: "pause", at: at(2, 0)}, {op: "resume", at: at(5, 0)}}, at(6, 0), ClockRunning, 3 * time.Minute, 7 * time.Minute, LevelNormal},
		{"extend 5", []step{{op: "start", at: at(0, 0)}, {op: "extend", d: 5 * time.Minute}}, at(9, 0), ClockRunning, 9 * time.Minute, 6 * time.Minute, LevelNormal},
		{"shorten 1", []step{{op: "start", at: at(0, 0)}, {op: "extend", d: -time.Minute}}, at(8, 0), ClockRunning, 8 * time.Minute, time.Minute, LevelWarning},
		{"shorten never below 1 min", []step{{op: "extend", d: -time.Hour}}, at(0, 0), ClockIdle, 0, time.Minute, LevelNormal},
		{"finished freezes", []step{{op: "start", at: at(0, 0)}, {op: "finish", at: at(12, 0)}}, at(30, 0), ClockDone, 12 * time.Minute, -2 * time.Minute, LevelOver},
		{"finish while paused", []step{{op: "start", at: at(0, 0)}, {op: "pause", at: at(4, 0)}, {op: "finish", at: at(6, 0)}}, at(30, 0), ClockDone, 4 * time.Minute, 6 * time.Minute, LevelNormal},
		{"reopen continues", []step{{op: "start", at: at(0, 0)}, {op: "finish", at: at(4, 0)}, {op: "reopen", at: at(10, 0)}}, at(11, 0), ClockRunning, 5 * time.Minute, 5 * time.Minute, LevelNormal},
		{"pause when idle fails", []step{{op: "pause", at: at(0, 0), wantErr: true}}, at(1, 0), ClockIdle, 0, 10 * time.Minute, LevelNormal},
		{"start twice fails", []step{{op: "start", at: at(0, 0)}, {op: "start", at: at(1, 0), wantErr: true}}, at(2, 0), ClockRunning, 2 * time.Minute, 8 * time.Minute, LevelNormal},
		{"extend done fails", []step{{op: "start", at: at(0, 0)}, {op: "finish", at: at(1, 0)}, {op: "extend", d: time.Minute, wantErr: true}}, at(2, 0), ClockDone, time.Minute, 9 * time.Minute, LevelNormal},
		{"restart: read back from timestamps", []step{{op: "start", at: at(0, 0)}}, at(61, 30), ClockRunning, 61*time.Minute + 30*time.Second, -(51*time.Minute + 30*time.Second), LevelOver},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Clock{Planned: 10 * time.Minute}
			for _, s := range tt.steps {
				var err error
				switch s.op {
				case "start":
					c, err = c.Start(s.at)
				case "pause":
					c, err = c.Pause(s.at)
				case "resume":
					c, err = c.Resume(s.at)
				case "finish":
					c, err = c.Finish(s.at)
				case "extend":
					c, err = c.Extend(s.d)
				case "reopen":
					c, err = c.Reopen(s.at)
				}
				if (err != nil) != s.wantErr {
					t.Fatalf("%s: err = %v, wantErr %v", s.op, err, s.wantErr)
				}
				if err != nil && !errors.Is(err, ErrClockState) {
					t.Fatalf("%s: err %v is not ErrClockState", s.op, err)
				}
			}
			if got := c.State(); got != tt.wantState {
				t.Errorf("state = %v, want %v", got, tt.wantState)
			}
			if got := c.Elapsed(tt.now); got != tt.wantElapsed {
				t.Errorf("elapsed = %v, want %v", got, tt.wantElapsed)
			}
			if got := c.Remaining(tt.now); got != tt.wantRemain {
				t.Errorf("remaining = %v, want %v", got, tt.wantRemain)
			}
			if got := c.Level(tt.now); got != tt.wantLevel {
				t.Errorf("level = %v, want %v", got, tt.wantLevel)
			}
		})
	}
}

func TestClockWarningUsesSmallerOfTwoMinutesAnd20Percent(t *testing.T) {
	c, _ := Clock{Planned: 5 * time.Minute}.Start(t0) // 20% = 60 s < 2 min
	if got := c.Level(t0.Add(3*time.Minute + 30*time.Second)); got != LevelNormal {
		t.Errorf("90 s left of 5 min: level %v, want normal", got)
	}
	if got := c.Level(t0.Add(4 * time.Minute)); got != LevelWarning {
		t.Errorf("60 s left of 5 min: level %v, want warning", got)
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "00:00"}, {59 * time.Second, "00:59"}, {3*time.Minute + 12*time.Second, "03:12"},
		{-(3*time.Minute + 12*time.Second), "-03:12"}, {time.Hour + 2*time.Minute + 3*time.Second, "1:02:03"},
	}
	for _, tt := range tests {
		if got := FormatDuration(tt.d); got != tt.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
