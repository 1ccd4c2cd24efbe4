package ui

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// catCounts are the category counts of the check-in screen as a map.
func catCounts(s *checkin) map[string][2]int {
	out := map[string][2]int{}
	for _, c := range s.counts.cats {
		out[c.name] = [2]int{c.here, c.total}
	}
	return out
}

// TestAnotherWindowsWritesAreReadNotRebuilt: after another process wrote,
// the check-in screen reads only what it wrote and puts it into the index
// it has (no rebuild); counts and search agree with a full reload.
func TestAnotherWindowsWritesAreReadNotRebuilt(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	ctx := context.Background()
	later := func() time.Time { return fixedNow.Add(time.Hour) } // the other window's clock has moved on
	other, err := store.Open(ctx, st.Path(), store.WithClock(later))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	s := checkinScreen(m)
	ix0, total0, here0 := s.index, s.counts.total, s.counts.here
	sid := m.c.Cur.Session.ID

	walkIn, err := other.AddWalkIn(ctx, model.Participant{EventID: m.c.Cur.Event.ID, FullName: "Жаңа Қатысушы", Category: "media"}, sid, "desk-2")
	if err != nil {
		t.Fatal(err)
	}
	var edited, arrived model.Participant
	for i := range ix0.Len() {
		p := ix0.Person(i)
		if !s.hereAt[i].IsZero() {
			continue
		}
		if edited.ID == "" {
			edited = p
		} else if arrived.ID == "" {
			arrived = p
		}
	}
	edited.FullName, edited.Category = "Переименованный Человек", "Новая категория"
	if _, err := other.UpdateParticipant(ctx, edited); err != nil {
		t.Fatal(err)
	}
	if _, err := other.CheckIn(ctx, arrived.ID, sid, "desk-2"); err != nil {
		t.Fatal(err)
	}
	v, _ := st.DataVersion(ctx)
	run(m, func() tea.Msg { return dbChangedMsg{v} })
	press(m, "2")

	slots, ok := s.index.ChangedSince(ix0)
	if !ok || len(slots) != 2 {
		t.Fatalf("the index was rebuilt or changed wrongly: %v %v", slots, ok)
	}
	if s.counts.total != total0+1 || s.counts.here != here0+2 {
		t.Errorf("counts: total %d→%d, here %d→%d; want +1, +2", total0, s.counts.total, here0, s.counts.here)
	}
	cats := catCounts(s)
	if sec := s.sectorOf("Новая категория"); cats[sec][1] == 0 {
		t.Errorf("the new category's sector %q counts %v, want the edited person in it", sec, cats[sec])
	}
	s.recount() // a full pass over everyone must agree
	if want := catCounts(s); !maps.Equal(cats, want) {
		t.Errorf("sector counts after the changes %v, a full count %v", cats, want)
	}
	typeText(m, "pereimen")
	if res := s.found(); len(res) != 1 || s.index.Person(res[0]).ID != edited.ID {
		t.Errorf("the renamed person is not found by the new name: %v", res)
	}
	press(m, "esc")
	typeText(m, "zhana katys")
	if res := s.found(); len(res) != 1 || s.index.Person(res[0]).ID != walkIn.Participant.ID || s.hereAt[res[0]].IsZero() {
		t.Errorf("the walk-in is not found checked in: %v", res)
	}

	// the same as reading everything again
	incremental := catCounts(s)
	got := s.counts
	run(m, s.fullLoad())
	if s.counts.total != got.total || s.counts.here != got.here || s.counts.female != got.female || s.counts.male != got.male {
		t.Errorf("counts after a full load %+v, incrementally %+v", s.counts, got)
	}
	for name, c := range catCounts(s) {
		if incremental[name] != c {
			t.Errorf("category %s: full load %v, incrementally %v", name, c, incremental[name])
		}
	}
}

// TestSavingAPersonDoesNotRebuild: a walk-in or an edit made in this window
// goes into the index as one change.
func TestSavingAPersonDoesNotRebuild(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	s := checkinScreen(m)
	ix0, total0 := s.index, s.counts.total
	press(m, "2", "ctrl+n")
	fill(m, "Тестов Тест", "", "", "media")
	press(m, "ctrl+s")
	if _, ok := s.index.ChangedSince(ix0); !ok {
		t.Fatal("the index was rebuilt for one walk-in")
	}
	if s.counts.total != total0+1 {
		t.Errorf("total %d, want %d", s.counts.total, total0+1)
	}
	typeText(m, "testov")
	if res := s.found(); len(res) != 1 {
		t.Errorf("the walk-in is not found: %v", res)
	}
	if !slices.Contains(s.categories, "media") {
		t.Errorf("categories %v", s.categories)
	}
}

// TestAnotherWindowsMergeIsSeen: two people merged in another window leave
// this window's list: its search no longer finds the duplicate and its
// counts are one fewer (the window reads the roster again).
func TestAnotherWindowsMergeIsSeen(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	ctx := context.Background()
	tick := fixedNow.Add(time.Hour) // the other window's clock moves on
	later := func() time.Time { tick = tick.Add(time.Second); return tick }
	other, err := store.Open(ctx, st.Path(), store.WithClock(later))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	s := checkinScreen(m)
	total0 := s.counts.total
	var dup, keep model.Participant
	for r := range s.index.Len() { // a duplicate who is here, kept into someone who is not
		p := s.index.Person(s.index.Nth(r))
		here := !s.hereAt[s.index.Nth(r)].IsZero()
		if here && dup.ID == "" {
			dup = p
		} else if !here && keep.ID == "" {
			keep = p
		}
	}
	here0 := s.counts.here
	refresh := func() {
		v, _ := st.DataVersion(ctx)
		run(m, func() tea.Msg { return dbChangedMsg{v} })
		press(m, "2")
	}
	merged, err := other.MergePeople(ctx, dup.ID, keep.ID, "desk-2")
	if err != nil {
		t.Fatal(err)
	}
	refresh()
	if s.counts.total != total0-1 {
		t.Errorf("total %d after the merge, want %d", s.counts.total, total0-1)
	}
	if _, ok := s.index.Slot(dup.ID); ok {
		t.Error("the merged duplicate is still in the list")
	}
	s.recount()
	if s.counts.total != total0-1 {
		t.Errorf("a full count says %d", s.counts.total)
	}

	// undone in the other window: the duplicate is back, here again
	if _, err := other.Unmerge(ctx, merged.MergeID); err != nil {
		t.Fatal(err)
	}
	refresh()
	i, ok := s.index.Slot(dup.ID)
	if !ok || s.hereAt[i].IsZero() || s.counts.total != total0 || s.counts.here != here0 {
		t.Errorf("after the undo: back %v, here %v, total %d (want %d), here %d (want %d)", ok, ok && !s.hereAt[i].IsZero(), s.counts.total, total0, s.counts.here, here0)
	}
}
