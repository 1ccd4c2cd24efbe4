package store

import (
	"context"
	"testing"

	"convene/model"
)

// TestRosterHeadAgreesWithTheWholeRoster: the first page and the counts
// read without reading everyone are those of the whole roster.
func TestRosterHeadAgreesWithTheWholeRoster(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	if _, err := st.LoadDataset(ctx, model.Demo(fixedNow, NewID)); err != nil {
		t.Fatal(err)
	}
	cur := mustCurrent(t, st)
	// a few more check-ins and an undo in part 2, after some in part 1
	s1, s2 := cur.Sessions[0], cur.Sessions[1]
	people, mark, err := st.RosterPeople(ctx, cur.Event.ID)
	if err != nil {
		t.Fatal(err)
	}
	ix := model.NewIndex(people)
	for r := range 12 {
		p := ix.Person(ix.Nth(r))
		if r%3 == 0 {
			if _, err := st.CheckIn(ctx, p.ID, s2.ID, "d"); err != nil {
				t.Fatal(err)
			}
		}
		if r%6 == 0 {
			if _, err := st.UndoCheckIn(ctx, p.ID, s2.ID, "d"); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, se := range []model.Session{s1, s2} {
		var earlier []string
		if se.ID == s2.ID {
			earlier = []string{s1.ID}
		}
		h, err := st.RosterHead(ctx, cur.Event.ID, se.ID, earlier, 25)
		if err != nil {
			t.Fatal(err)
		}
		if h.Total != len(people) {
			t.Errorf("total %d, want %d", h.Total, len(people))
		}
		for r, p := range h.People {
			if want := ix.Person(ix.Nth(r)); p != *want {
				t.Fatalf("%s: place %d: %+v, want %+v", se.Title, r, p, *want)
			}
		}
		here, _ := st.Attendance(ctx, se.ID)
		before, _ := st.Attendance(ctx, s1.ID)
		cats, hereBy := map[string]int{}, map[HereCount]int{}
		for _, p := range people {
			cats[p.Category]++
			if _, ok := here[p.ID]; ok {
				hereBy[HereCount{Category: p.Category, Gender: p.Gender}]++
			}
		}
		for c, n := range cats {
			if h.Categories[c] != n {
				t.Errorf("%s: category %q: %d, want %d", se.Title, c, h.Categories[c], n)
			}
		}
		got := map[HereCount]int{}
		for _, c := range h.HereBy {
			got[HereCount{Category: c.Category, Gender: c.Gender}] = c.N
		}
		if len(got) != len(hereBy) {
			t.Errorf("%s: here by category and gender %v, want %v", se.Title, got, hereBy)
		}
		for k, n := range hereBy {
			if got[k] != n {
				t.Errorf("%s: here %v: %d, want %d", se.Title, k, got[k], n)
			}
		}
		for _, p := range h.People {
			if at, ok := here[p.ID]; ok != !h.Here[p.ID].IsZero() || ok && !at.Equal(h.Here[p.ID]) {
				t.Errorf("%s: %s here %v, want %v", se.Title, p.FullName, h.Here[p.ID], at)
			}
			if _, ok := before[p.ID]; se.ID == s2.ID && ok != h.Earlier[p.ID] {
				t.Errorf("%s: %s came earlier %v, want %v", se.Title, p.FullName, h.Earlier[p.ID], ok)
			}
		}
	}
	if mark.Rowid == 0 || mark.Updated == "" {
		t.Errorf("mark %+v", mark)
	}
}
