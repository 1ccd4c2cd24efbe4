package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"convene/model"
)

func TestSplitTime(t *testing.T) {
	for in, want := range map[string]struct {
		q string
		d time.Duration
	}{
		"Нурланов 10:20": {"Нурланов", 10*time.Hour + 20*time.Minute}, "nurlan 9.05": {"nurlan", 9*time.Hour + 5*time.Minute},
		"Нурланов": {"Нурланов", -1}, "room 25:00": {"room 25:00", -1}, "": {"", -1},
	} {
		if q, d := splitTime(in); q != want.q || d != want.d {
			t.Errorf("splitTime(%q) = %q %v", in, q, d)
		}
	}
}

func TestCheckInFromPaper(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	press(m, "2")
	s := checkinScreen(m)
	ctx := context.Background()
	press(m, "ctrl+p")
	screen := screenText(m)
	if !s.paper || !strings.Contains(screen, "FROM PAPER · dated") || !strings.Contains(screen, "Paper ") {
		t.Fatalf("the mode is not shown:\n%s", screen)
	}
	start := model.SessionStart(m.c.Cur.Session, fixedNow, time.Local)
	// no time typed: dated at the session's start
	var first, second model.Participant
	for i := range s.index.Len() {
		if p := s.index.Person(i); s.hereAt[i].IsZero() {
			if first.ID == "" {
				first = p
			} else if second.ID == "" && model.NameKey(p.FullName) != model.NameKey(first.FullName) {
				second = p
			}
		}
	}
	typeText(m, first.FullName)
	press(m, "enter")
	if !strings.Contains(screenText(m), "(from paper)") {
		t.Errorf("status:\n%s", screenText(m))
	}
	// a time typed after the name
	typeText(m, second.FullName+" 10:20")
	if highlightedName(m) != second.FullName {
		t.Fatalf("the time is searched for: %q", highlightedName(m))
	}
	press(m, "enter")
	rows, _ := st.AttendanceTable(ctx, m.c.Cur.Event.ID, []model.Session{m.c.Cur.Session})
	got := map[string]model.AttendanceRow{}
	for _, r := range rows {
		got[r.P.ID] = r
	}
	if r := got[first.ID]; !r.At[0].Equal(start) || r.Source[0] != model.FromPaper {
		t.Errorf("no time: %v %q, want %v from paper", r.At[0], r.Source[0], start)
	}
	want := time.Date(start.Year(), start.Month(), start.Day(), 10, 20, 0, 0, time.Local)
	if r := got[second.ID]; !r.At[0].Equal(want) || r.Source[0] != model.FromPaper {
		t.Errorf("typed time: %v, want %v", r.At[0], want)
	}
	// undo works as for any check-in
	press(m, "ctrl+z")
	if here, _ := st.Attendance(ctx, m.c.Cur.Session.ID); !here[second.ID].IsZero() {
		t.Error("ctrl+z did not undo the paper check-in")
	}
	// back to the desk
	press(m, "ctrl+p")
	if s.paper || strings.Contains(screenText(m), "FROM PAPER") {
		t.Error("the mode did not end")
	}
}

func TestMergeAtTheDesk(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	ctx := context.Background()
	press(m, "2")
	s := checkinScreen(m)
	// a walk-in who is someone already registered, under a Latin spelling
	var orig model.Participant
	for i := range s.index.Len() {
		if p := s.index.Person(i); !s.hereAt[i].IsZero() && p.Phone == "" {
			orig = p
			break
		}
	}
	if orig.ID == "" {
		t.Skip("the demo has nobody checked in without a phone")
	}
	dup, err := st.AddWalkIn(ctx, model.Participant{EventID: m.c.Cur.Event.ID, FullName: "Zz " + orig.FullName, Phone: "8 705 999 11 22"}, "", "test")
	if err != nil {
		t.Fatal(err)
	}
	run(m, s.Load())
	total := s.counts.total
	typeText(m, "Zz "+orig.FullName)
	press(m, "ctrl+r")
	if s.merging != dup.Participant.ID {
		t.Fatalf("not marked:\n%s", screenText(m))
	}
	// the likely record is offered; esc, then find it by searching
	if pk, ok := s.layers.top().(*picker); !ok || pk.n == 0 {
		t.Fatalf("no likely record offered:\n%s", screenText(m))
	}
	press(m, "esc")
	if !strings.Contains(screenText(m), "MERGING Zz "+orig.FullName) {
		t.Errorf("no banner:\n%s", screenText(m))
	}
	press(m, "esc") // clears the search
	typeText(m, orig.FullName)
	for highlightedName(m) != orig.FullName {
		press(m, "down")
	}
	press(m, "ctrl+r")
	if !strings.Contains(screenText(m), "Merge Zz "+orig.FullName+" into "+orig.FullName+"?") {
		t.Fatalf("no confirmation:\n%s", screenText(m))
	}
	press(m, "y")
	if s.counts.total != total-1 || s.merging != "" {
		t.Fatalf("after the merge: %d people (was %d)", s.counts.total, total)
	}
	people, _ := st.Participants(ctx, m.c.Cur.Event.ID)
	for _, p := range people {
		if p.ID == orig.ID && model.PhoneKey(p.Phone) != "77059991122" {
			t.Errorf("the kept record did not take the phone: %+v", p)
		}
	}
	press(m, "esc", "ctrl+z")
	if s.counts.total != total || !strings.Contains(screenText(m), "Merge undone") {
		t.Errorf("ctrl+z: %d people\n%s", s.counts.total, screenText(m))
	}
}

func TestDuplicateKeepsTheTypedPhone(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	ctx := context.Background()
	press(m, "2")
	s := checkinScreen(m)
	var p model.Participant
	for i := range s.index.Len() {
		if x := s.index.Person(i); s.hereAt[i].IsZero() && x.Phone == "" {
			p = x
			break
		}
	}
	press(m, "ctrl+n")
	typeText(m, p.FullName)
	for range 6 { // down to the phone
		press(m, "down")
	}
	typeText(m, "+7 777 123 45 67")
	press(m, "ctrl+s")
	if _, ok := s.layers.top().(*picker); !ok {
		t.Fatalf("no duplicate offered:\n%s", screenText(m))
	}
	for highlightedPick(s) != p.ID {
		press(m, "down")
	}
	press(m, "enter")
	people, _ := st.Participants(ctx, m.c.Cur.Event.ID)
	for _, x := range people {
		if x.ID == p.ID && x.Phone != "+7 777 123 45 67" {
			t.Errorf("the typed phone is lost: %+v", x)
		}
	}
	if here, _ := st.Attendance(ctx, m.c.Cur.Session.ID); here[p.ID].IsZero() {
		t.Error("not checked in")
	}
	if !strings.Contains(screenText(m), "saved: phone") {
		t.Errorf("status:\n%s", screenText(m))
	}
	// the new phone is found at once, typed with 8
	press(m, "esc")
	typeText(m, "8 777 123")
	if highlightedName(m) != p.FullName {
		t.Errorf("search by the new phone: %q", highlightedName(m))
	}
}

// highlightedPick is the ID of the person highlighted in the duplicates'
// picker.
func highlightedPick(s *checkin) string {
	pk := s.layers.top().(*picker)
	dups := s.similarTo(model.Participant{FullName: s.layers.items[len(s.layers.items)-2].(*form).value("Full name"), Phone: "+7 777 123 45 67"}, 8)
	return s.index.Person(dups[pk.list.pos]).ID
}
