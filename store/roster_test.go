package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

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
	ix := model.NewIndexPacked(cur.Event.ID, people)
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
			if want := ix.Person(ix.Nth(r)); p != want {
				t.Fatalf("%s: place %d: %+v, want %+v", se.Title, r, p, want)
			}
		}
		here, _ := st.Attendance(ctx, se.ID)
		before, _ := st.Attendance(ctx, s1.ID)
		cats, hereBy := map[string]int{}, map[HereCount]int{}
		for _, k := range people {
			p := k.Unpack(cur.Event.ID)
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

// TestRosterReadsAgreeWithParticipants: the desk's fast reads give each
// person as Participants does (name parts, consent and pseudonym too, so
// that an edit saved from the desk keeps them), leave out people merged
// into another record, and tell a window that had read a merged person
// to read the roster again; a purge leaves no name in name_key.
func TestRosterReadsAgreeWithParticipants(t *testing.T) {
	ctx := context.Background()
	tick := fixedNow
	st, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"), WithClock(func() time.Time { tick = tick.Add(time.Millisecond); return tick }))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.LoadDataset(ctx, model.Demo(fixedNow, NewID)); err != nil {
		t.Fatal(err)
	}
	cur := mustCurrent(t, st)
	all, err := st.Participants(ctx, cur.Event.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := all[0]
	p.Consent, p.Surname, p.GivenName, p.Patronymic = model.Consents[1], "Сейткали", "Арман", "Болатович"
	p.FullName = "Сейткали Арман Болатович"
	if _, err := st.UpdateParticipant(ctx, p); err != nil {
		t.Fatal(err)
	}
	want, _ := st.Participants(ctx, cur.Event.ID)
	byID := map[string]model.Participant{}
	for _, q := range want {
		byID[q.ID] = q
	}
	fast, mark, err := st.RosterPeople(ctx, cur.Event.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(fast) != len(want) {
		t.Fatalf("%d people read, want %d", len(fast), len(want))
	}
	for _, k := range fast {
		if q := k.Unpack(cur.Event.ID); q != byID[q.ID] {
			t.Fatalf("read %+v, want %+v", q, byID[q.ID])
		}
	}
	if byID[p.ID].Pseudonym == 0 || byID[p.ID].Consent != model.Consents[1] {
		t.Fatalf("the fixture lost its consent or pseudonym: %+v", byID[p.ID])
	}

	if _, err := st.MergePeople(ctx, want[1].ID, want[2].ID, "desk"); err != nil {
		t.Fatal(err)
	}
	ch, err := st.RosterChanges(ctx, cur.Event.ID, cur.Session.ID, mark)
	if err != nil {
		t.Fatal(err)
	}
	if !ch.Removed {
		t.Error("a merge is not reported as someone leaving the list")
	}
	for _, q := range ch.People {
		if q.ID == want[1].ID {
			t.Error("the merged person is among the changed people")
		}
	}
	after, _, _ := st.RosterPeople(ctx, cur.Event.ID)
	if len(after) != len(want)-1 {
		t.Errorf("%d people after the merge, want %d", len(after), len(want)-1)
	}
	h, err := st.RosterHead(ctx, cur.Event.ID, cur.Session.ID, nil, 500)
	if err != nil {
		t.Fatal(err)
	}
	if h.Total != len(want)-1 || len(h.People) != len(want)-1 {
		t.Errorf("head: total %d, %d people; want %d", h.Total, len(h.People), len(want)-1)
	}
	again, err := st.RosterChanges(ctx, cur.Event.ID, cur.Session.ID, ch.Mark)
	if err != nil || again.Removed || len(again.People) != 0 {
		t.Errorf("read from the new mark: %+v %v, want nothing", again, err)
	}
}
