package model

import (
	"errors"
	"fmt"
	"time"
)

// Clock is convene's one timekeeping helper, shared by agenda items and topic
// timeboxes. It is stored as timestamps, never as a ticking counter, so a
// running clock read back after a restart or a power cut shows the right
// elapsed time. All methods are pure: "now" is always passed in.
type Clock struct {
	Planned   time.Duration // the planned length
	Extra     time.Duration // added (or, if negative, removed) while running
	StartedAt time.Time     // zero until first started
	PausedAt  time.Time     // non-zero while paused
	PausedFor time.Duration // total length of completed pauses
	EndedAt   time.Time     // non-zero once finished
}

// ClockState is derived from a clock's timestamps.
type ClockState int

// Clock states.
const (
	ClockIdle ClockState = iota
	ClockRunning
	ClockPaused
	ClockDone
)

func (s ClockState) String() string {
	//i18n:key
	return [...]string{"upcoming", "running", "paused", "done"}[s]
}

// ClockLevel says how close to its end a clock is, for colouring.
type ClockLevel int

// Levels: normal, warning (2 minutes or 20% left, whichever is smaller), over.
const (
	LevelNormal ClockLevel = iota
	LevelWarning
	LevelOver
)

// ErrClockState is returned for a transition the clock's state does not allow.
var ErrClockState = errors.New("not possible in this clock state") //i18n:key

// State derives the clock's state.
func (c Clock) State() ClockState {
	switch {
	case !c.EndedAt.IsZero():
		return ClockDone
	case c.StartedAt.IsZero():
		return ClockIdle
	case !c.PausedAt.IsZero():
		return ClockPaused
	}
	return ClockRunning
}

// Budget is the planned length plus any extension.
func (c Clock) Budget() time.Duration { return max(0, c.Planned+c.Extra) }

// Elapsed is the time the clock has run, excluding pauses.
func (c Clock) Elapsed(now time.Time) time.Duration {
	if c.StartedAt.IsZero() {
		return 0
	}
	end := now
	switch {
	case !c.EndedAt.IsZero():
		end = c.EndedAt
	case !c.PausedAt.IsZero():
		end = c.PausedAt
	}
	d := end.Sub(c.StartedAt) - c.PausedFor
	return max(0, d)
}

// Remaining is the budget minus elapsed time; negative once over.
func (c Clock) Remaining(now time.Time) time.Duration { return c.Budget() - c.Elapsed(now) }

// Level tells normal / warning / over for colouring.
func (c Clock) Level(now time.Time) ClockLevel {
	if c.StartedAt.IsZero() {
		return LevelNormal
	}
	rem := c.Remaining(now)
	if rem < 0 {
		return LevelOver
	}
	warn := min(2*time.Minute, c.Budget()/5)
	if rem <= warn {
		return LevelWarning
	}
	return LevelNormal
}

// Progress is elapsed/budget, clamped to [0,1].
func (c Clock) Progress(now time.Time) float64 {
	b := c.Budget()
	if b <= 0 {
		return 1
	}
	return min(1, max(0, float64(c.Elapsed(now))/float64(b)))
}

// Start starts an idle clock.
func (c Clock) Start(now time.Time) (Clock, error) {
	if c.State() != ClockIdle {
		return c, errorf("start: %w", ErrClockState)
	}
	c.StartedAt = now
	return c, nil
}

// Pause pauses a running clock.
func (c Clock) Pause(now time.Time) (Clock, error) {
	if c.State() != ClockRunning {
		return c, errorf("pause: %w", ErrClockState)
	}
	c.PausedAt = now
	return c, nil
}

// Resume resumes a paused clock.
func (c Clock) Resume(now time.Time) (Clock, error) {
	if c.State() != ClockPaused {
		return c, errorf("resume: %w", ErrClockState)
	}
	c.PausedFor += max(0, now.Sub(c.PausedAt))
	c.PausedAt = time.Time{}
	return c, nil
}

// Toggle starts, pauses or resumes as the state requires.
func (c Clock) Toggle(now time.Time) (Clock, error) {
	switch c.State() {
	case ClockIdle:
		return c.Start(now)
	case ClockRunning:
		return c.Pause(now)
	case ClockPaused:
		return c.Resume(now)
	default: // ClockDone: a finished clock is reopened or reset, not toggled
		return c, errorf("toggle: %w", ErrClockState)
	}
}

// Extend adds d (or removes it if negative) to a started, unfinished clock.
// The budget never goes below one minute.
func (c Clock) Extend(d time.Duration) (Clock, error) {
	if s := c.State(); s == ClockDone {
		return c, errorf("extend: %w", ErrClockState)
	}
	c.Extra += d
	if c.Planned+c.Extra < time.Minute {
		c.Extra = time.Minute - c.Planned
	}
	return c, nil
}

// Finish ends a running or paused clock. A paused clock ends at its pause.
func (c Clock) Finish(now time.Time) (Clock, error) {
	switch c.State() {
	case ClockRunning:
		c.EndedAt = now
	case ClockPaused:
		c.PausedFor += max(0, now.Sub(c.PausedAt))
		c.PausedAt = time.Time{}
		c.EndedAt = now
	default:
		return c, errorf("finish: %w", ErrClockState)
	}
	return c, nil
}

// Reopen continues a finished clock from where it ended (the time it was
// closed does not count).
func (c Clock) Reopen(now time.Time) (Clock, error) {
	if c.State() != ClockDone {
		return c, errorf("reopen: %w", ErrClockState)
	}
	c.PausedFor += max(0, now.Sub(c.EndedAt))
	c.EndedAt = time.Time{}
	return c, nil
}

// Reset returns the clock to idle, keeping its plan but not its extension.
func (c Clock) Reset() Clock { return Clock{Planned: c.Planned} }

// FormatDuration renders d as MM:SS (or H:MM:SS), with a sign if negative.
func FormatDuration(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign = "-"
		d = -d
	}
	s := int64(d / time.Second)
	h, m, sec := s/3600, (s/60)%60, s%60
	if h > 0 {
		return fmt.Sprintf("%s%d:%02d:%02d", sign, h, m, sec)
	}
	return fmt.Sprintf("%s%02d:%02d", sign, m, sec)
}
