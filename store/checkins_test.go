package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"convene/model"
)

func seedEvent(t *testing.T, st *Store) (model.Event, model.Session, model.Session) {
	t.Helper()
	ctx := context.Background()
	created, err := st.CreateEvent(ctx, model.Event{Name: "E"}, model.Session{Title: "P1"})
	if err != nil {
		t.Fatal(err)
	}
	ev, s1 := created.Current.Event, created.Current.Session
	added, err := st.AddSession(ctx, model.Session{EventID: ev.ID, Title: "P2"}, false)
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := added.Changed()
	return ev, s1, s2
}

func TestCheckInUndoRules(t *testing.T) {
	clk := fixedNow
	st := openTest(t)
	st.now = func() time.Time { return clk }
	ctx := context.Background()
	ev, s1, s2 := seedEvent(t, st)
	annCh, err := st.AddWalkIn(ctx, model.Participant{EventID: ev.ID, FullName: "Ann"}, "", "d1")
	if err != nil {
		t.Fatal(err)
	}
	ann := annCh.Participant
	bobCh, _ := st.AddWalkIn(ctx, model.Participant{EventID: ev.ID, FullName: "Bob"}, "", "d1")
	bob := bobCh.Participant

	res, err := st.CheckIn(ctx, ann.ID, s1.ID, "d1")
	if err != nil || res.Already || !res.At.Equal(fixedNow) || res.Name != "Ann" {
		t.Fatalf("check in: %+v %v", res, err)
	}
	clk = fixedNow.Add(10 * time.Minute)
	res, _ = st.CheckIn(ctx, ann.ID, s1.ID, "d2")
	if !res.Already || !res.At.Equal(fixedNow) {
		t.Fatalf("second check-in should say when she arrived: %+v", res)
	}
	if _, err := st.CheckIn(ctx, bob.ID, s1.ID, "d2"); err != nil {
		t.Fatal(err)
	}
	here, _ := st.Attendance(ctx, s1.ID)
	if len(here) != 2 {
		t.Fatalf("here = %v", here)
	}
	if h2, _ := st.Attendance(ctx, s2.ID); len(h2) != 0 {
		t.Errorf("session 2 attendance = %v", h2)
	}
	// undo last at d1 undoes Ann (Bob was at d2)
	undone, err := st.UndoLastCheckIn(ctx, s1.ID, "d1")
	if err != nil || undone.ParticipantID != ann.ID || undone.Name != "Ann" {
		t.Fatalf("undo last: %+v %v", undone, err)
	}
	if _, err := st.UndoLastCheckIn(ctx, s1.ID, "d1"); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("second undo at d1: %v", err)
	}
	if _, err := st.UndoCheckIn(ctx, ann.ID, s1.ID, "d1"); !errors.Is(err, ErrNotCheckedIn) {
		t.Errorf("un-check someone not here: %v", err)
	}
	if _, err := st.UndoCheckIn(ctx, bob.ID, s1.ID, "d1"); err != nil {
		t.Fatal(err)
	}
	here, _ = st.Attendance(ctx, s1.ID)
	if len(here) != 0 {
		t.Errorf("after undos here = %v", here)
	}
	// nothing was deleted: 2 arrivals + 2 undos (the repeated check-in wrote nothing)
	var n int
	if err := st.r.QueryRow("SELECT count(*) FROM checkins").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("rows = %d, want 4 (append-only)", n)
	}
	// checking in again after an undo works and gets the new time
	clk = fixedNow.Add(20 * time.Minute)
	res, _ = st.CheckIn(ctx, ann.ID, s1.ID, "d1")
	if res.Already || !res.At.Equal(clk) {
		t.Errorf("re-check-in: %+v", res)
	}
	if _, err := st.CheckIn(ctx, "nobody", s1.ID, "d1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown participant: %v", err)
	}
}

func TestWalkInIsOneTransaction(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	ev, s1, _ := seedEvent(t, st)
	walk, err := st.AddWalkIn(ctx, model.Participant{EventID: ev.ID, FullName: " Walk \x1b[2J In ", Gender: model.GenderFemale}, s1.ID, "d")
	p, at := walk.Participant, walk.CheckedInAt
	if err != nil || p.FullName != "Walk In" || p.Source != model.SourceWalkIn {
		t.Fatalf("walk-in: %+v %v", p, err)
	}
	here, _ := st.Attendance(ctx, s1.ID)
	if !here[p.ID].Equal(at) {
		t.Errorf("walk-in not checked in: %v", here)
	}
	// a walk-in into a session that does not exist fails whole: no participant left behind
	if _, err := st.AddWalkIn(ctx, model.Participant{EventID: ev.ID, FullName: "Ghost"}, "no-such-session", "d"); err == nil {
		t.Fatal("walk-in into a missing session succeeded")
	}
	people, _ := st.Participants(ctx, ev.ID)
	if len(people) != 1 {
		t.Errorf("participants = %d, want 1 (the failed walk-in must leave nothing)", len(people))
	}
	p.Organisation, p.Email = "Court", "w@example.kz"
	if _, err := st.UpdateParticipant(ctx, p); err != nil {
		t.Fatal(err)
	}
	people, _ = st.Participants(ctx, ev.ID)
	if people[0].Organisation != "Court" {
		t.Errorf("update lost: %+v", people[0])
	}
	if _, err := st.UpdateParticipant(ctx, model.Participant{ID: "nope", FullName: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("update missing: %v", err)
	}
}

func TestImportParticipantsAllOrNothingAndIdempotent(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	ev, _, _ := seedEvent(t, st)
	if _, err := st.AddWalkIn(ctx, model.Participant{EventID: ev.ID, FullName: "Нурланов Ерлан", Organisation: "Court"}, "", "d"); err != nil {
		t.Fatal(err)
	}
	in := []model.Participant{
		{FullName: "Erlan Nurlanov", Organisation: "COURT"},        // same person, other script and order
		{FullName: "Ann Lee", Email: "ann@example.org"},            // new
		{FullName: "Ann Lee-Smith", Email: "ANN@example.org"},      // same e-mail as the row above
		{FullName: "Bob", Organisation: "Akimat"},                  // new
		{FullName: "Bob", Organisation: "Akimat", Email: "b@x.kz"}, // repeated in the file
		{FullName: "Қанат Омаров", Organisation: "Police"},         // new
	}
	rep, err := st.ImportParticipants(ctx, ev.ID, in, true)
	if err != nil || rep.Added != 3 || rep.Present != 3 || !rep.DryRun {
		t.Fatalf("dry run: %+v %v", rep, err)
	}
	if people, _ := st.Participants(ctx, ev.ID); len(people) != 1 {
		t.Fatalf("dry run wrote %d", len(people))
	}
	rep, err = st.ImportParticipants(ctx, ev.ID, in, false)
	if err != nil || rep.Added != 3 {
		t.Fatalf("import: %+v %v", rep, err)
	}
	rep, _ = st.ImportParticipants(ctx, ev.ID, in, false)
	if rep.Added != 0 || rep.Present != len(in) {
		t.Errorf("re-import: %+v", rep)
	}
	// a row that violates the schema makes the whole import fail and write nothing
	bad := []model.Participant{{FullName: "Good One"}, {FullName: "Bad", ID: ""}}
	if _, err := st.w.Exec("CREATE TRIGGER no_bad BEFORE INSERT ON participants WHEN NEW.full_name = 'Bad' BEGIN SELECT RAISE(ABORT, 'bad row'); END"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportParticipants(ctx, ev.ID, bad, false); err == nil {
		t.Fatal("import with a failing row succeeded")
	}
	if people, _ := st.Participants(ctx, ev.ID); len(people) != 4 {
		t.Errorf("half an import was written: %d people", len(people))
	}
	if _, err := st.ImportParticipants(ctx, "no-event", in, false); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown event: %v", err)
	}
}

// TestCtrlZUndoesTheDesksLastAction: ctrl+z (UndoLastAtDesk) takes back
// the desk's latest action still in effect, a check-in or an un-check; an
// un-check taken back gives the arrival back with its time. ctrl+z never
// redoes: a check-in it took back is not given back by the next one, and
// an arrival it gave back is not taken back by the next one (that goes on
// to the desk's action before).
func TestCtrlZUndoesTheDesksLastAction(t *testing.T) {
	type step struct {
		do   string // "in P", "uncheck P", "z", at the desk after "@"
		want string // for "z": "undo P", "restore P" or "nothing"
	}
	for _, tc := range []struct {
		name  string
		steps []step
		here  string // who is here at the end, in order
	}{
		{"an un-check is given back", []step{{"in Ann@d1", ""}, {"uncheck Ann@d1", ""}, {"z@d1", "restore Ann"}}, "Ann"},
		{"two check-ins, two ctrl+z", []step{{"in Ann@d1", ""}, {"in Bob@d1", ""}, {"z@d1", "undo Bob"}, {"z@d1", "undo Ann"}, {"z@d1", "nothing"}}, ""},
		{"newest first", []step{{"in Ann@d1", ""}, {"uncheck Ann@d1", ""}, {"in Bob@d1", ""}, {"z@d1", "undo Bob"}, {"z@d1", "restore Ann"}, {"z@d1", "nothing"}}, "Ann"},
		{"an un-check at another desk", []step{{"in Ann@d1", ""}, {"uncheck Ann@d2", ""}, {"z@d1", "nothing"}, {"z@d2", "restore Ann"}, {"z@d2", "nothing"}}, "Ann"},
		{"checked in again since", []step{{"in Ann@d1", ""}, {"uncheck Ann@d1", ""}, {"in Ann@d1", ""}, {"z@d1", "undo Ann"}, {"z@d1", "nothing"}}, ""},
		{"given back, then the action before", []step{{"in Ann@d1", ""}, {"in Bob@d1", ""}, {"uncheck Ann@d1", ""}, {"z@d1", "restore Ann"}, {"z@d1", "undo Bob"}, {"z@d1", "nothing"}}, "Ann"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk := fixedNow
			st := openTest(t)
			st.now = func() time.Time { return clk }
			ctx := context.Background()
			ev, s1, _ := seedEvent(t, st)
			ids, arrived := map[string]string{}, map[string]time.Time{}
			for _, n := range []string{"Ann", "Bob"} {
				ch, err := st.AddWalkIn(ctx, model.Participant{EventID: ev.ID, FullName: n}, "", "d1")
				if err != nil {
					t.Fatal(err)
				}
				ids[n] = ch.Participant.ID
			}
			for i, s := range tc.steps {
				clk = clk.Add(time.Minute)
				what, desk, _ := strings.Cut(s.do, "@")
				verb, who, _ := strings.Cut(what, " ")
				switch verb {
				case "in":
					if _, err := st.CheckIn(ctx, ids[who], s1.ID, desk); err != nil {
						t.Fatal(err)
					}
					arrived[who] = clk
				case "uncheck":
					if _, err := st.UndoCheckIn(ctx, ids[who], s1.ID, desk); err != nil {
						t.Fatal(err)
					}
				case "z":
					ch, err := st.UndoLastAtDesk(ctx, s1.ID, desk)
					got := "nothing"
					if err != nil {
						ch = nil
					}
					switch ch := ch.(type) {
					case model.CheckInUndone:
						got = "undo " + ch.Name
					case model.CheckedIn:
						got = "restore " + ch.Name
						if !ch.Restored || !ch.At.Equal(arrived[ch.Name]) {
							t.Errorf("step %d: given back %+v, want Restored and the arrival at %v", i+1, ch, arrived[ch.Name])
						}
					}
					if got == "nothing" && !errors.Is(err, ErrNothingToUndo) {
						t.Fatalf("step %d: %v", i+1, err)
					}
					if got != s.want {
						t.Fatalf("step %d (%s): %s, want %s", i+1, s.do, got, s.want)
					}
				}
			}
			here, _ := st.Attendance(ctx, s1.ID)
			var names []string
			for _, n := range []string{"Ann", "Bob"} {
				if at, ok := here[ids[n]]; ok {
					names = append(names, n)
					if !at.Equal(arrived[n]) {
						t.Errorf("%s here since %v, want %v", n, at, arrived[n])
					}
				}
			}
			if got := strings.Join(names, " "); got != tc.here {
				t.Errorf("here at the end: %q, want %q", got, tc.here)
			}
		})
	}
}
