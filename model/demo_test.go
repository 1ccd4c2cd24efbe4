package model

import (
	"fmt"
	"testing"
	"time"
	"unicode"
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

// The demo in Russian and Kazakh is the same event — same people, check-ins,
// votes, kinds and times — with its agenda, topics, organisations,
// positions and categories written in that language; people's names do not
// change.
func TestDemoInEveryLanguage(t *testing.T) {
	day := time.Date(2026, 11, 27, 7, 0, 0, 0, time.UTC)
	en := DemoIn("en", day, seqIDs())
	if fmt.Sprint(en) != fmt.Sprint(Demo(day, seqIDs())) {
		t.Fatal("Demo is not DemoIn(\"en\")")
	}
	if fmt.Sprint(DemoIn("xx", day, seqIDs())) != fmt.Sprint(en) {
		t.Error("an unknown language is not English")
	}
	for _, lang := range DemoLanguages() {
		tx := demoTexts[lang]
		if tx == nil {
			t.Fatalf("no demo text for %s", lang)
		}
		for si := range demoAgenda {
			if len(tx.items[si]) != len(demoAgenda[si]) {
				t.Errorf("%s: session %d has %d item texts for %d items", lang, si+1, len(tx.items[si]), len(demoAgenda[si]))
			}
		}
		if len(tx.topics) != len(demoTopics) || len(tx.categories) != len(Categories) || len(tx.orgs) != len(Categories) || len(tx.positions) != len(Categories) {
			t.Fatalf("%s: tables of the wrong length", lang)
		}
		for ci := range Categories {
			if len(tx.orgs[ci]) != len(demoEN.orgs[ci]) || len(tx.positions[ci]) != len(demoEN.positions[ci]) {
				t.Errorf("%s: category %d has a different number of organisations or positions than English (the draws would differ)", lang, ci)
			}
		}
		if lang == "en" {
			continue
		}
		ds := DemoIn(lang, day, seqIDs())
		if len(ds.Participants) != len(en.Participants) || len(ds.CheckIns) != len(en.CheckIns) || len(ds.Items) != len(en.Items) || len(ds.Topics) != len(en.Topics) {
			t.Fatalf("%s: a different event: %d/%d participants, %d/%d check-ins", lang, len(ds.Participants), len(en.Participants), len(ds.CheckIns), len(en.CheckIns))
		}
		for i, p := range ds.Participants {
			q := en.Participants[i]
			if p.FullName != q.FullName || p.Gender != q.Gender || p.Phone != q.Phone || p.Email != q.Email {
				t.Errorf("%s: participant %d is %q, in English %q", lang, i, p.FullName, q.FullName)
			}
			if !hasCyrillic(p.Organisation) || !hasCyrillic(p.Position) || !hasCyrillic(p.Category) {
				t.Errorf("%s: participant %d: %q, %q, %q", lang, i, p.Organisation, p.Position, p.Category)
			}
		}
		texts := []string{ds.Event.Name, ds.Event.Venue}
		for _, s := range ds.Sessions {
			texts = append(texts, s.Title, s.Venue)
		}
		for i, it := range ds.Items {
			if it.Kind != en.Items[i].Kind || it.PlannedMinutes != en.Items[i].PlannedMinutes || it.PinnedStart != en.Items[i].PinnedStart {
				t.Errorf("%s: item %d differs from English beyond its text", lang, i)
			}
			texts = append(texts, it.Title)
			if it.Presenter != "" {
				texts = append(texts, it.Presenter)
			}
		}
		for i, tp := range ds.Topics {
			if tp.Votes != en.Topics[i].Votes || tp.RaisedBy != en.Topics[i].RaisedBy {
				t.Errorf("%s: topic %d differs from English beyond its text", lang, i)
			}
			texts = append(texts, tp.Title)
			if tp.Details != "" {
				texts = append(texts, tp.Details)
			}
		}
		for _, s := range texts {
			if !hasCyrillic(s) || hasLatin(s) {
				t.Errorf("%s: %q is not written in Cyrillic", lang, s)
			}
		}
	}
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

func hasLatin(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// TestDemoCheckInsAreNotInTheFuture: whatever the time the demo is made,
// no check-in is later than now.
func TestDemoCheckInsAreNotInTheFuture(t *testing.T) {
	n := 0
	for _, now := range []time.Time{
		time.Date(2026, 11, 27, 10, 16, 0, 0, time.UTC), time.Date(2026, 11, 27, 18, 1, 0, 0, time.UTC),
		time.Date(2026, 11, 27, 13, 44, 59, 0, time.UTC),
	} {
		id := 0
		ds := DemoIn("ru", now, func() string { id++; return fmt.Sprint(id) })
		for _, c := range ds.CheckIns {
			n++
			if c.At.After(now) {
				t.Errorf("made at %s: a check-in at %s", now.Format("15:04:05"), c.At.Format("15:04:05"))
			}
		}
	}
	if n == 0 {
		t.Fatal("no check-ins at all")
	}
}
