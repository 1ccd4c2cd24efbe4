package model

import "time"

// One rounding rule for every minute convene shows or exports (the drift
// line, the pinned-item line, the agenda export): to the nearest minute,
// halves rounded up (towards the later time). Durations and clock times
// follow the same rule, so "ends HH:MM" always equals the planned end plus
// the drift shown.

// Minutes is d in whole minutes, to the nearest, halves up: 29 s → 0,
// 30 s → 1, 89 s → 1, 90 s → 2; −30 s → 0, −31 s → −1, −90 s → −1.
func Minutes(d time.Duration) int {
	m := d + 30*time.Second
	q := m / time.Minute
	if m%time.Minute < 0 {
		q-- // floor, not truncation towards zero
	}
	return int(q)
}

// RoundClock is t rounded to the nearest minute, halves up: 17:35:29 is
// 17:35, 17:35:30 is 17:36.
func RoundClock(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.Add(30 * time.Second).Truncate(time.Minute)
}

// HHMM shows t as HH:MM in loc, rounded by RoundClock (never truncated);
// "" for the zero time.
func HHMM(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return RoundClock(t).In(loc).Format("15:04")
}
