package model

import (
	"fmt"
	"testing"
	"time"
)

func seqIDs() func() string {
	n := 0
	return func() string { n++; return fmt.Sprintf("id%04d", n) }
}

func TestDemoIsDeterministicAndRealistic(t *testing.T) {
	day := time.Date(2026, 11, 27, 7, 0, 0, 0, time.UTC)
	a, b := Demo(day, seqIDs()), Demo(day, seqIDs())
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatal("demo differs between runs")
	}
	if n := len(a.Participants); n < 100 || n > 140 {
		t.Errorf("participants = %d, want about 120", n)
	}
	if len(a.Sessions) != 2 || a.Sessions[0].Date == a.Sessions[1].Date {
		t.Errorf("want two sessions on two days: %+v", a.Sessions)
	}
	cats, genders, latin, cyr := map[string]int{}, map[Gender]int{}, 0, 0
	for _, p := range a.Participants {
		cats[p.Category]++
		genders[p.Gender]++
		if p.FullName == Transliterate(p.FullName) {
			latin++
		} else {
			cyr++
		}
	}
	if len(cats) < 7 {
		t.Errorf("categories = %v", cats)
	}
	if genders[GenderFemale] == 0 || genders[GenderMale] == 0 {
		t.Errorf("genders = %v", genders)
	}
	if latin == 0 || cyr == 0 {
		t.Errorf("latin %d, cyrillic %d", latin, cyr)
	}
	if len(a.CheckIns) == 0 || len(a.Topics) < 4 {
		t.Errorf("check-ins %d, topics %d", len(a.CheckIns), len(a.Topics))
	}
	items := map[string]int{}
	for _, it := range a.Items {
		items[it.SessionID]++
	}
	for _, s := range a.Sessions {
		if items[s.ID] < 8 {
			t.Errorf("session %s has %d items", s.Title, items[s.ID])
		}
	}
}

func TestTransliterate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ұлжан", "Ulzhan"}, {"Нурланов Ерлан", "Nurlanov Erlan"}, {"Щука", "Shchuka"}, {"Ann", "Ann"},
	}
	for _, tt := range tests {
		if got := Transliterate(tt.in); got != tt.want {
			t.Errorf("Transliterate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlannedStarts(t *testing.T) {
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	items := []AgendaItem{
		{PlannedMinutes: 30}, {PlannedMinutes: 45, Skipped: true}, {PlannedMinutes: 60},
		{PlannedMinutes: 60, PinnedStart: "13:00"}, {PlannedMinutes: 15},
	}
	got := PlannedStarts(start, items)
	want := []string{"09:00", "09:30", "10:15", "13:00", "14:00"} // a skipped item keeps its slot
	for i := range want {
		if got[i].Format("15:04") != want[i] {
			t.Errorf("item %d starts %s, want %s", i, got[i].Format("15:04"), want[i])
		}
	}
	// a fixed start is printed as fixed, even where the items before it
	// would run past it; the ones after follow from it
	overlap := []AgendaItem{{PlannedMinutes: 90}, {PlannedMinutes: 30, PinnedStart: "10:00"}, {PlannedMinutes: 10}, {PlannedMinutes: 5, PinnedStart: "bad"}}
	got = PlannedStarts(start, overlap)
	for i, w := range []string{"09:00", "10:00", "10:30", "10:40"} {
		if got[i].Format("15:04") != w {
			t.Errorf("overlap: item %d starts %s, want %s", i, got[i].Format("15:04"), w)
		}
	}
}
