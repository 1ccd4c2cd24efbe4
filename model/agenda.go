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
