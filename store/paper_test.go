package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"convene/model"
)

// paperEvent is an event with two sessions and the given people.
func paperEvent(t *testing.T, st *Store, people ...model.Participant) (model.Current, []model.Participant) {
	t.Helper()
	ctx := context.Background()
	ev, err := st.CreateEvent(ctx, model.Event{Name: "Seminar", StartDate: "2026-11-27"}, model.Session{Title: "Part 1", StartTime: "09:00"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddSession(ctx, model.Session{EventID: ev.Current.Event.ID, Title: "Part 2", Date: "2026-11-28", StartTime: "10:00"}, false); err != nil {
		t.Fatal(err)
	}
	cur, err := st.Current(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var out []model.Participant
	for _, p := range people {
		p.EventID = cur.Event.ID
		ch, err := st.AddWalkIn(ctx, p, "", "desk")
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ch.Participant)
	}
	return cur, out
}

func TestNamePartsAreStored(t *testing.T) {
	st := openTest(t)
	_, ps := paperEvent(t, st,
		model.Participant{FullName: "Нурланов  Ерлан Болатович"},
		model.Participant{FullName: "John Smith", Surname: "Smith"},
		model.Participant{FullName: "Иванова Анна Мария", Surname: "Иванова", GivenName: "Анна Мария"},
	)
	want := [][3]string{{"Нурланов", "Ерлан", "Болатович"}, {"Smith", "John", ""}, {"Иванова", "Анна Мария", ""}}
	for i, p := range ps {
		if got := [3]string{p.Surname, p.GivenName, p.Patronymic}; got != want[i] {
			t.Errorf("%q: parts %q, want %q", p.FullName, got, want[i])
		}
	}
	// an edit of the full name that drops the surname works the parts out again
	p := ps[1]
	p.FullName = "Jane Doe"
	saved, err := st.UpdateParticipant(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Participant.Surname != "Jane" || saved.Participant.GivenName != "Doe" {
		t.Errorf("after the edit: %+v", saved.Participant)
	}
}

func TestAttendanceSortedBySurnameWithSources(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	clk := fixedNow
	st.now = func() time.Time { return clk }
	cur, ps := paperEvent(t, st,
		model.Participant{FullName: "Ұлжанов Асан"},
		model.Participant{FullName: "Уалиев Бекзат"},
		model.Participant{FullName: "Ақанов Ерлан"},
		model.Participant{FullName: "Аканов Ерлан"},
		model.Participant{FullName: "John Smith", Surname: "Smith"},
	)
	s1, s2 := cur.Sessions[0], cur.Sessions[1]
	var names []string
	if err := st.EachAttendance(ctx, cur.Event.ID, cur.Sessions, "kk", func(r model.AttendanceRow) error {
		names = append(names, r.P.FullName)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// Latin first; Kazakh order: К before Қ, У before Ұ
	want := []string{"John Smith", "Аканов Ерлан", "Ақанов Ерлан", "Уалиев Бекзат", "Ұлжанов Асан"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("order %q, want %q", names, want)
	}

	// a paper check-in at the session's start, a desk one now
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	if ch, err := st.CheckInAt(ctx, ps[0].ID, s1.ID, "door", start, model.FromPaper); err != nil || ch.Source != model.FromPaper || !ch.At.Equal(start) {
		t.Fatalf("paper check-in: %+v %v", ch, err)
	}
	clk = fixedNow.Add(2 * time.Hour)
	if _, err := st.CheckIn(ctx, ps[1].ID, s2.ID, "door"); err != nil {
		t.Fatal(err)
	}
	rows, err := st.AttendanceTable(ctx, cur.Event.ID, cur.Sessions)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]model.AttendanceRow{}
	for _, r := range rows {
		by[r.P.ID] = r
	}
	if r := by[ps[0].ID]; !r.At[0].Equal(start) || r.Source[0] != model.FromPaper || !r.At[1].IsZero() || r.Source[1] != "" {
		t.Errorf("paper row: %+v", r)
	}
	if r := by[ps[1].ID]; !r.At[1].Equal(clk) || r.Source[1] != model.FromDesk || r.Attended() != 1 {
		t.Errorf("desk row: %+v", r)
	}
	// undo works on a paper check-in as on any other (this desk's last)
	if u, err := st.UndoLastCheckIn(ctx, s1.ID, "door"); err != nil || u.ParticipantID != ps[0].ID {
		t.Errorf("undo the paper check-in: %+v %v", u, err)
	}
	if here, _ := st.Attendance(ctx, s1.ID); len(here) != 0 {
		t.Errorf("after the undo: %v", here)
	}
}

func TestImportCheckIns(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	cur, ps := paperEvent(t, st, model.Participant{FullName: "A B"}, model.Participant{FullName: "C D"})
	s1 := cur.Sessions[0]
	if _, err := st.CheckIn(ctx, ps[0].ID, s1.ID, "door"); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 27, 9, 5, 0, 0, time.UTC)
	rows := []model.PaperCheckIn{{ParticipantID: ps[0].ID, SessionID: s1.ID, At: at}, {ParticipantID: ps[1].ID, SessionID: s1.ID, At: at}, {ParticipantID: ps[1].ID, SessionID: s1.ID, At: at}}
	dry, present, err := st.ImportCheckIns(ctx, cur.Event.ID, rows, "import", true)
	if err != nil || dry.Added != 1 || dry.Present != 2 || !reflect.DeepEqual(present, []int{0, 2}) {
		t.Fatalf("dry run: %+v %v %v", dry, present, err)
	}
	if here, _ := st.Attendance(ctx, s1.ID); len(here) != 1 {
		t.Errorf("a dry run wrote: %v", here)
	}
	done, _, err := st.ImportCheckIns(ctx, cur.Event.ID, rows, "import", false)
	if err != nil || done.Added != 1 {
		t.Fatalf("import: %+v %v", done, err)
	}
	here, _ := st.Attendance(ctx, s1.ID)
	if !here[ps[1].ID].Equal(at) || len(here) != 2 {
		t.Errorf("after the import: %v", here)
	}
	again, _, _ := st.ImportCheckIns(ctx, cur.Event.ID, rows, "import", false)
	if again.Added != 0 || again.Present != 3 {
		t.Errorf("importing again: %+v", again)
	}
}

func TestMergeAndUnmerge(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	clk := fixedNow
	st.now = func() time.Time { return clk }
	cur, ps := paperEvent(t, st,
		model.Participant{FullName: "Нурланов Ерлан", Organisation: "Police"},
		model.Participant{FullName: "Nurlanov Yerlan", Phone: "+7 705 111 22 33", Category: "police"},
		model.Participant{FullName: "Other Person"},
	)
	keep, dup := ps[0], ps[1]
	s1, s2 := cur.Sessions[0], cur.Sessions[1]
	mustIn := func(pid, sid string) {
		t.Helper()
		clk = clk.Add(time.Minute)
		if _, err := st.CheckIn(ctx, pid, sid, "door"); err != nil {
			t.Fatal(err)
		}
	}
	mustIn(dup.ID, s1.ID)
	mustIn(keep.ID, s1.ID) // both records checked in to part 1: the earlier arrival counts
	mustIn(dup.ID, s2.ID)
	topic, err := st.AddTopic(ctx, model.Topic{EventID: cur.Event.ID, Title: "T", RaisedBy: model.RaisedByParticipant, ParticipantID: dup.ID, TimeboxMinutes: 10})
	if err != nil {
		t.Fatal(err)
	}
	clk = clk.Add(time.Minute)
	m, err := st.MergePeople(ctx, dup.ID, keep.ID, "door")
	if err != nil {
		t.Fatal(err)
	}
	checkKind(t, m, model.ChangeMerge, model.Scope{EventID: cur.Event.ID})
	if m.Moved != 2 || m.Kept.Phone != "+7 705 111 22 33" || m.Kept.Category != "police" || !reflect.DeepEqual(m.Filled, []string{model.FieldCategory, model.FieldPhone}) {
		t.Errorf("merge: %+v", m)
	}
	people, _ := st.Participants(ctx, cur.Event.ID)
	if len(people) != 2 {
		t.Errorf("listed after the merge: %d", len(people))
	}
	rows, _ := st.AttendanceTable(ctx, cur.Event.ID, cur.Sessions)
	for _, r := range rows {
		if r.P.ID == keep.ID && (r.Attended() != 2 || !r.At[0].Equal(fixedNow.Add(time.Minute))) {
			t.Errorf("the kept record's attendance: %+v", r)
		}
	}
	set, _ := st.TopicsWithActions(ctx, cur.Event.ID)
	if tp, _ := set.Topic(topic.TopicID); tp.ParticipantID != keep.ID {
		t.Errorf("the topic stays with %q", tp.ParticipantID)
	}
	if _, err := st.CheckIn(ctx, dup.ID, s1.ID, "door"); !errors.Is(err, ErrNotFound) {
		t.Errorf("checking in a merged record: %v", err)
	}

	// ctrl+z at the desk: the merge came after the desk's check-ins
	clk = clk.Add(time.Minute)
	ch, err := st.UndoLastAtDesk(ctx, s1.ID, "door")
	if err != nil {
		t.Fatal(err)
	}
	un, ok := ch.(model.PeopleMerged)
	if !ok || !un.Undone || un.Kept.Phone != "" || un.Merged.ID != dup.ID {
		t.Fatalf("undo: %+v", ch)
	}
	people, _ = st.Participants(ctx, cur.Event.ID)
	if len(people) != 3 {
		t.Errorf("listed after the undo: %d", len(people))
	}
	rows, _ = st.AttendanceTable(ctx, cur.Event.ID, cur.Sessions)
	for _, r := range rows {
		switch r.P.ID {
		case keep.ID:
			if r.Attended() != 1 || r.P.Category != "" {
				t.Errorf("kept after the undo: %+v", r)
			}
		case dup.ID:
			if r.Attended() != 2 {
				t.Errorf("merged after the undo: %+v", r)
			}
		}
	}
	set, _ = st.TopicsWithActions(ctx, cur.Event.ID)
	if tp, _ := set.Topic(topic.TopicID); tp.ParticipantID != dup.ID {
		t.Errorf("the topic went back to %q", tp.ParticipantID)
	}
	// the next ctrl+z undoes the desk's last check-in again
	ch, err = st.UndoLastAtDesk(ctx, s1.ID, "door")
	if u, ok := ch.(model.CheckInUndone); err != nil || !ok || u.ParticipantID != keep.ID {
		t.Errorf("then the check-in: %+v %v", ch, err)
	}
	if _, err := st.Unmerge(ctx, m.MergeID); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undoing twice: %v", err)
	}

	// a merge chain: undo the later one first
	m1, err := st.MergePeople(ctx, dup.ID, keep.ID, "door")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.MergePeople(ctx, keep.ID, ps[2].ID, "door"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Unmerge(ctx, m1.MergeID); !errors.Is(err, ErrUndoConflict) {
		t.Errorf("undoing the first of a chain: %v", err)
	}
	list, err := st.Merges(ctx, cur.Event.ID)
	if err != nil || len(list) != 3 || list[0].Merged.ID != keep.ID || !list[2].Undone {
		t.Errorf("merges: %+v %v", list, err)
	}
}

func TestImportFillsMissingContacts(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	cur, ps := paperEvent(t, st, model.Participant{FullName: "Асанова Дана", Organisation: "НПО"}, model.Participant{FullName: "Bek Bekov", Phone: "87051112233"})
	in := []model.Participant{
		{FullName: "Асанова Дана", Organisation: "НПО", Phone: "+7 701 000 00 00", Email: "dana@example.org"},
		{FullName: "Bekov Bek", Organisation: "Elsewhere", Phone: "+7 (705) 111-22-33"}, // same phone and name
		{FullName: "New Person"},
	}
	imp, err := st.ImportParticipants(ctx, cur.Event.ID, in, false)
	if err != nil {
		t.Fatal(err)
	}
	if imp.Added != 1 || imp.Present != 2 || len(imp.Filled) != 1 || imp.Filled[0].ID != ps[0].ID ||
		imp.Duplicates[1].ExistingID != ps[1].ID || imp.Duplicates[1].By != model.ByPhone {
		t.Errorf("report: %+v", imp.ImportReport)
	}
	people, _ := st.Participants(ctx, cur.Event.ID)
	for _, p := range people {
		if p.ID == ps[0].ID && (p.Phone != "+7 701 000 00 00" || p.Email != "dana@example.org") {
			t.Errorf("not filled: %+v", p)
		}
	}
	saved, filled, err := st.FillContact(ctx, ps[1].ID, "+7 700 000 00 00", "bek@example.org")
	if err != nil || !reflect.DeepEqual(filled, []string{model.FieldEmail}) || saved.Participant.Phone != "87051112233" {
		t.Errorf("FillContact: %+v %v %v", saved, filled, err)
	}
}

func TestSectors(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	m, err := st.SectorMap(ctx)
	if err != nil || !reflect.DeepEqual(m.Sectors, model.CanonicalSectors) {
		t.Fatalf("sectors: %+v %v", m, err)
	}
	if m.Sector("Полиция") != model.SectorLaw || m.Sector("Адвокатура") != model.SectorOther {
		t.Errorf("guesses: %q %q", m.Sector("Полиция"), m.Sector("Адвокатура"))
	}
	if _, err := st.AddSector(ctx, "Legal profession"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddSector(ctx, "legal  PROFESSION"); !errors.Is(err, ErrDuplicate) {
		t.Errorf("adding twice: %v", err)
	}
	ch, err := st.MapCategory(ctx, "адвокатура", "legal profession")
	if err != nil {
		t.Fatal(err)
	}
	if s, set := ch.Map.Of("Адвокатура"); s != "Legal profession" || !set {
		t.Errorf("mapped: %q %v", s, set)
	}
	if _, err := st.RemoveSector(ctx, "Legal profession"); !errors.Is(err, ErrSectorInUse) {
		t.Errorf("removing a sector in use: %v", err)
	}
	if _, err := st.MapCategory(ctx, "Адвокатура", ""); err != nil {
		t.Fatal(err)
	}
	if ch, err = st.RemoveSector(ctx, "legal profession"); err != nil || ch.Map.Has("Legal profession") {
		t.Errorf("remove: %+v %v", ch, err)
	}
	if _, err := st.MapCategory(ctx, "x", "nonsense"); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown sector: %v", err)
	}
}
