package model

import (
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

// PlannedStarts returns each item's planned start: the programme as
// printed, from fixed starts and planned minutes only. An item starts when
// the planned minutes before it end (from the session start); a pinned item
// starts at its fixed time, and the items after it follow from there.
// Skipping an item, extending one or running late never changes the plan:
// the forecast (MakeForecast) carries those.
func PlannedStarts(start time.Time, items []AgendaItem) []time.Time {
	out := make([]time.Time, len(items))
	t := start
	for i, it := range items {
		if it.PinnedStart != "" {
			if p, ok := ParseClock(start, it.PinnedStart); ok {
				t = p
			}
		}
		out[i] = t
		t = t.Add(time.Duration(it.PlannedMinutes) * time.Minute)
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
			return errorf("no item selected: %w", ErrClockState)
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
			return res, errorf("nothing left to start: %w", ErrClockState)
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
			return res, errorf("no item is running: %w", ErrClockState)
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
			return res, errorf("only an upcoming item can be skipped: %w", ErrClockState)
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
			return res, errorf("no item is running: %w", ErrClockState)
		}
		return res, finishActive()
	}
	return res, errorf("unknown action %d: %w", act, ErrClockState)
}

// ItemForecast is the plan and the forecast for one agenda item.
type ItemForecast struct {
	PlannedStart time.Time     // the programme as printed (PlannedStarts)
	Start, End   time.Time     // actual where known, else forecast
	Late         time.Duration // Start − PlannedStart
	NotHeld      bool          // an upcoming item passed over by a later one, or never started in a past session
}

// PinCheck says whether a pinned item will be reached in time.
type PinCheck struct {
	Index   int
	Pinned  time.Time
	Arrival time.Time     // when the items before it will end
	Slack   time.Duration // negative: the items before it overrun the pin
}

// When says whether a session is held today, was held on an earlier day,
// or is still to come.
type When int

// The three cases of When.
const (
	Today  When = iota // forecast from now
	Past               // what ran; nothing is forecast
	Future             // the plan (with skips), nothing forecast from now
)

func (w When) String() string { return [...]string{"today", "past", "future"}[w] }

// SessionWhen tells, at now, whether the session starting at start (its
// date in start's location, see SessionStart) is held today, was held on
// an earlier day or is still to come. A session whose clock moved today
// (an item started, paused or ended today) is held today whatever its
// date, so a session run on another day than planned is still forecast.
func SessionWhen(start time.Time, items []AgendaItem, now time.Time) When {
	day := func(t time.Time) int {
		y, m, d := t.In(start.Location()).Date()
		return y*10000 + int(m)*100 + d
	}
	today := day(now)
	for _, it := range items {
		for _, t := range []time.Time{it.Clock.StartedAt, it.Clock.PausedAt, it.Clock.EndedAt} {
			if !t.IsZero() && day(t) == today {
				return Today
			}
		}
	}
	switch d := day(start); {
	case d < today:
		return Past
	case d > today:
		return Future
	}
	return Today
}

// Forecast is the honest clock of a session: planned vs actual, drift and
// projected end.
type Forecast struct {
	Items      []ItemForecast
	PlannedEnd time.Time // the end of the programme as printed
	End        time.Time // forecast (today), the plan with skips (future), or the end of what ran (past)
	Drift      time.Duration
	Started    bool // some item has started
	Pins       []PinCheck
	When       When // Today, Past or Future (SessionWhen)
}

// MakeForecast projects a session from its planned start, its items and now.
//
// Today: finished items count with their actual times, the active one ends
// when its remaining time runs out (from now), and upcoming ones follow
// with their budgets, never starting before now nor before their pinned
// time; skipped items take no time. Drift is End − PlannedEnd (positive:
// late); Pins says whether each upcoming pinned item will be reached.
//
// A session held today though dated another day (SessionWhen) is forecast
// as if it were dated today.
//
// Future (a later day, no clock moved today): the same from the session's
// start, so the estimates are the plan with skips; nothing from now.
//
// Past (an earlier day, no clock moved today): what ran. Items that ran
// keep their actual times (an item never stopped counts its budget, or its
// time to its pause); items that never started are NotHeld; End is when
// the last item that ran ended, and Drift is End − PlannedEnd. If nothing
// ran (Started is false), End is PlannedEnd and Drift is 0.
func MakeForecast(start time.Time, items []AgendaItem, now time.Time) Forecast {
	when := SessionWhen(start, items, now)
	switch when {
	case Future:
		now = start
	case Past:
		return pastForecast(start, items)
	default:
		start = onDayOf(start, now) // held today though dated another day: planned for today
	}
	f := Forecast{Items: make([]ItemForecast, len(items)), When: when}
	planned := plan(start, items, &f)
	lastStarted := -1
	for i, it := range items {
		if !it.Clock.StartedAt.IsZero() {
			lastStarted = i
		}
	}
	f.Started = lastStarted >= 0
	cursor := start
	f.End = start
	for i, it := range items {
		fi := &f.Items[i]
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

// onDayOf is start's clock time on the day of now (in start's location).
func onDayOf(start, now time.Time) time.Time {
	y, m, d := now.In(start.Location()).Date()
	return time.Date(y, m, d, start.Hour(), start.Minute(), start.Second(), start.Nanosecond(), start.Location())
}

// plan fills each item's PlannedStart and the forecast's PlannedEnd (the
// latest planned end) and returns the planned starts.
func plan(start time.Time, items []AgendaItem, f *Forecast) []time.Time {
	planned := PlannedStarts(start, items)
	f.PlannedEnd = start
	for i, it := range items {
		f.Items[i].PlannedStart = planned[i]
		if e := planned[i].Add(time.Duration(it.PlannedMinutes) * time.Minute); e.After(f.PlannedEnd) {
			f.PlannedEnd = e
		}
	}
	return planned
}

// pastForecast is what ran in a session held on an earlier day.
func pastForecast(start time.Time, items []AgendaItem) Forecast {
	f := Forecast{Items: make([]ItemForecast, len(items)), When: Past}
	planned := plan(start, items, &f)
	f.End = f.PlannedEnd
	var last time.Time
	for i, it := range items {
		fi := &f.Items[i]
		c := it.Clock
		switch c.State() {
		case ClockDone:
			fi.Start, fi.End = c.StartedAt, c.EndedAt
		case ClockPaused:
			fi.Start, fi.End = c.StartedAt, c.PausedAt
		case ClockRunning: // never stopped: count its budget
			fi.Start, fi.End = c.StartedAt, c.StartedAt.Add(c.PausedFor+c.Budget())
		default:
			fi.Start, fi.End, fi.NotHeld = planned[i], planned[i], !it.Skipped
			continue
		}
		fi.Late = fi.Start.Sub(planned[i])
		f.Started = true
		if fi.End.After(last) {
			last = fi.End
		}
	}
	if f.Started {
		f.End = last
		f.Drift = f.End.Sub(f.PlannedEnd)
	}
	return f
}
