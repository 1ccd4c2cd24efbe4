package model

import (
	"fmt"
	"time"
)

// ParseClock reads "HH:MM" on the given day (in day's location).
func ParseClock(day time.Time, hhmm string) (time.Time, bool) {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return time.Time{}, false
	}
	y, m, d := day.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, day.Location()), true
}

// SessionStart is when a session is planned to start: its date and start
// time in loc. Missing parts fall back to ref's date and 09:00.
func SessionStart(s Session, ref time.Time, loc *time.Location) time.Time {
	day := ref.In(loc)
	if d, err := time.ParseInLocation("2006-01-02", s.Date, loc); err == nil {
		day = d
	}
	hhmm := s.StartTime
	if hhmm == "" {
		hhmm = "09:00"
	}
	t, ok := ParseClock(day, hhmm)
	if !ok {
		t, _ = ParseClock(day, "09:00")
	}
	return t
}

// PlannedStarts returns each item's planned start: the session start plus
// the planned durations before it; a pinned item starts at its pinned time
// (if later than the items before it would reach, the gap is free time).
func PlannedStarts(start time.Time, items []AgendaItem) []time.Time {
	out := make([]time.Time, len(items))
	t := start
	for i, it := range items {
		if it.PinnedStart != "" {
			if p, ok := ParseClock(start, it.PinnedStart); ok && p.After(t) {
				t = p
			}
		}
		out[i] = t
		if !it.Skipped {
			t = t.Add(time.Duration(it.PlannedMinutes) * time.Minute)
		}
	}
	return out
}

// AgendaAction is something the facilitator does to the agenda's clock.
type AgendaAction int

// Agenda actions.
const (
	ActToggle AgendaAction = iota // start / pause / resume the item
	ActNext                       // finish the active item and start the following one
	ActExtend                     // add (or remove) time from the active item
	ActSkip                       // skip (or un-skip) an upcoming item
	ActReset                      // put an item back to upcoming
	ActFinish                     // finish the active item
)

// Active returns the index of the item whose clock is running or paused,
// or -1. There is at most one.
func Active(items []AgendaItem) int {
	for i, it := range items {
		if s := it.Clock.State(); s == ClockRunning || s == ClockPaused {
			return i
		}
	}
	return -1
}

// AgendaResult says what an action did, for the status line.
type AgendaResult struct {
	Changed  []int  // indexes of the items that changed
	Finished string // title of an item that was finished, if any
	Started  string // title of an item that was started or resumed, if any
}

// nextUpcoming is the first item after index after that is neither held
// nor skipped, or -1.
func nextUpcoming(items []AgendaItem, after int) int {
	for i := after + 1; i < len(items); i++ {
		if items[i].Clock.State() == ClockIdle && !items[i].Skipped {
			return i
		}
	}
	return -1
}

// ApplyAgenda performs an action on items (in place) at time now: sel is
// the highlighted item, d the extension for ActExtend. At most one item is
// active at a time: starting another finishes the one that was active.
func ApplyAgenda(items []AgendaItem, sel int, act AgendaAction, d time.Duration, now time.Time) (AgendaResult, error) {
	var res AgendaResult
	active := Active(items)
	finishActive := func() error {
		if active < 0 {
			return nil
		}
		c, err := items[active].Clock.Finish(now)
		if err != nil {
			return err
		}
		items[active].Clock = c
		res.Changed = append(res.Changed, active)
		res.Finished = items[active].Title
		return nil
	}
	start := func(i int) error {
		it := &items[i]
		var c Clock
		var err error
		if it.Clock.State() == ClockDone {
			c, err = it.Clock.Reopen(now)
		} else {
			c, err = it.Clock.Start(now)
		}
		if err != nil {
			return err
		}
		it.Clock, it.Skipped = c, false
		res.Changed = append(res.Changed, i)
		res.Started = it.Title
		return nil
	}
	valid := func(i int) error {
		if i < 0 || i >= len(items) {
			return fmt.Errorf("no item selected: %w", ErrClockState)
		}
		return nil
	}
	switch act {
	case ActToggle:
		if err := valid(sel); err != nil {
			return res, err
		}
		if sel == active {
			c, err := items[sel].Clock.Toggle(now)
			if err != nil {
				return res, err
			}
			items[sel].Clock = c
			res.Changed = append(res.Changed, sel)
			if c.State() == ClockRunning {
				res.Started = items[sel].Title
			}
			return res, nil
		}
		if err := finishActive(); err != nil {
			return res, err
		}
		return res, start(sel)
	case ActNext:
		if active < 0 {
			// nothing running: start the first item not yet held
			if i := nextUpcoming(items, -1); i >= 0 {
				return res, start(i)
			}
			return res, fmt.Errorf("nothing left to start: %w", ErrClockState)
		}
		if err := finishActive(); err != nil {
			return res, err
		}
		if i := nextUpcoming(items, active); i >= 0 {
			return res, start(i)
		}
		return res, nil
	case ActExtend:
		i := active
		if i < 0 {
			return res, fmt.Errorf("no item is running: %w", ErrClockState)
		}
		c, err := items[i].Clock.Extend(d)
		if err != nil {
			return res, err
		}
		items[i].Clock = c
		res.Changed = append(res.Changed, i)
		return res, nil
	case ActSkip:
		if err := valid(sel); err != nil {
			return res, err
		}
		if items[sel].Clock.State() != ClockIdle {
			return res, fmt.Errorf("only an upcoming item can be skipped: %w", ErrClockState)
		}
		items[sel].Skipped = !items[sel].Skipped
		res.Changed = append(res.Changed, sel)
		return res, nil
	case ActReset:
		if err := valid(sel); err != nil {
			return res, err
		}
		items[sel].Clock = items[sel].Clock.Reset()
		items[sel].Skipped = false
		res.Changed = append(res.Changed, sel)
		return res, nil
	case ActFinish:
		if active < 0 {
			return res, fmt.Errorf("no item is running: %w", ErrClockState)
		}
		return res, finishActive()
	}
	return res, fmt.Errorf("unknown action %d: %w", act, ErrClockState)
}

// ItemForecast is the plan and the forecast for one agenda item.
type ItemForecast struct {
	PlannedStart time.Time
	Start, End   time.Time // actual where known, else forecast
	Late         time.Duration
	NotHeld      bool // an upcoming item passed over by a later one
}

// PinCheck says whether a pinned item will be reached in time.
type PinCheck struct {
	Index   int
	Pinned  time.Time
	Arrival time.Time     // when the items before it will end
	Slack   time.Duration // negative: the items before it overrun the pin
}

// Forecast is the honest clock of a session: planned vs actual, drift and
// projected end.
type Forecast struct {
	Items      []ItemForecast
	PlannedEnd time.Time
	End        time.Time
	Drift      time.Duration // End - PlannedEnd: positive is late
	Started    bool          // some item has started
	Pins       []PinCheck
}

// MakeForecast projects a session from its planned start, its items and now:
// finished items count with their actual times, the active one ends when its
// remaining time runs out (from now), and upcoming ones follow with their
// budgets, never starting before now nor before their pinned time.
func MakeForecast(start time.Time, items []AgendaItem, now time.Time) Forecast {
	planned := PlannedStarts(start, items)
	f := Forecast{Items: make([]ItemForecast, len(items)), PlannedEnd: start, End: start}
	lastStarted := -1
	for i, it := range items {
		if !it.Clock.StartedAt.IsZero() {
			lastStarted = i
		}
	}
	f.Started = lastStarted >= 0
	cursor := start
	for i, it := range items {
		fi := &f.Items[i]
		fi.PlannedStart = planned[i]
		if !it.Skipped {
			f.PlannedEnd = planned[i].Add(time.Duration(it.PlannedMinutes) * time.Minute)
		}
		var pin time.Time
		if it.PinnedStart != "" {
			if p, ok := ParseClock(start, it.PinnedStart); ok {
				pin = p
			}
		}
		switch st := it.Clock.State(); {
		case st == ClockDone:
			fi.Start, fi.End = it.Clock.StartedAt, it.Clock.EndedAt
		case st == ClockRunning || st == ClockPaused:
			fi.Start = it.Clock.StartedAt
			fi.End = now.Add(max(0, it.Clock.Remaining(now)))
		case it.Skipped || i < lastStarted:
			fi.Start, fi.End, fi.NotHeld = cursor, cursor, i < lastStarted && !it.Skipped
		default:
			s := cursor
			if f.Started && now.After(s) {
				s = now
			}
			if !f.Started && now.After(start) && now.After(s) {
				s = now // the session should have begun: upcoming items cannot start in the past
			}
			if !pin.IsZero() {
				f.Pins = append(f.Pins, PinCheck{Index: i, Pinned: pin, Arrival: s, Slack: pin.Sub(s)})
				if pin.After(s) {
					s = pin
				}
			}
			fi.Start, fi.End = s, s.Add(it.Clock.Budget())
		}
		fi.Late = fi.Start.Sub(planned[i])
		if fi.End.After(cursor) || !fi.NotHeld {
			cursor = fi.End
		}
		f.End = cursor
	}
	f.Drift = f.End.Sub(f.PlannedEnd)
	return f
}
