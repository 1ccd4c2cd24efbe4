package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"convene/model"
)

func sessionTitles(ss []model.Session) string {
	var out []string
	for i, s := range ss {
		if s.Position != i+1 {
			out = append(out, "!")
		}
		out = append(out, s.Title)
	}
	return strings.Join(out, ",")
}

func addSession(t *testing.T, st *Store, se model.Session) model.Session {
	t.Helper()
	ch, err := st.AddSession(context.Background(), se, false)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := ch.Changed()
	if !ok {
		t.Fatalf("AddSession: the change does not name the new session: %+v", ch)
	}
	return got
}

func TestUpdateSessionValidatesAndSanitises(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	_, s1, s2 := seedEvent(t, st)
	s2.Title, s2.Venue, s2.Date, s2.StartTime = "Part 2 \x1b]0;pwned\x07— village", "Aisha\x1b[31m Bibi", "2026-12-02", "10:30"
	ch, err := st.UpdateSession(ctx, s2)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "UpdateSession", ch.Current, mustCurrent(t, st))
	got, ok := ch.Changed()
	if !ok || got.Title != "Part 2 — village" || got.Venue != "Aisha Bibi" || got.Date != "2026-12-02" || got.StartTime != "10:30" || got.Position != 2 {
		t.Errorf("UpdateSession: %+v", got)
	}
	if ch.Current.Session.ID != s1.ID {
		t.Errorf("editing a session changed the current one: %+v", ch.Current.Session)
	}
	for _, bad := range []model.Session{
		{ID: s2.ID, Title: "  "},
		{ID: s2.ID, Title: "x", Date: "02.12.2026"},
		{ID: s2.ID, Title: "x", StartTime: "10h"},
		{ID: s2.ID, Title: "x", StartTime: "25:00"},
	} {
		if _, err := st.UpdateSession(ctx, bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("UpdateSession(%+v) = %v, want ErrInvalid", bad, err)
		}
	}
	if _, err := st.UpdateSession(ctx, model.Session{ID: "nope", Title: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown session: %v", err)
	}
	// AddSession validates the same way
	if _, err := st.AddSession(ctx, model.Session{EventID: s1.EventID, Title: "x", Date: "tomorrow"}, false); !errors.Is(err, ErrInvalid) {
		t.Errorf("AddSession with a bad date: %v", err)
	}
	cur := mustCurrent(t, st)
	if sessionTitles(cur.Sessions) != "P1,Part 2 — village" {
		t.Errorf("sessions after refused writes: %s", sessionTitles(cur.Sessions))
	}
}

func TestMoveSessionKeepsPositions(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	ev, s1, _ := seedEvent(t, st)
	s3 := addSession(t, st, model.Session{EventID: ev.ID, Title: "P3"})
	steps := []struct {
		id    string
		delta int
		want  string
	}{
		{s3.ID, -2, "P3,P1,P2"},
		{s3.ID, -1, "P3,P1,P2"}, // already first
		{s1.ID, 5, "P3,P2,P1"},  // clamped to the end
		{s1.ID, 0, "P3,P2,P1"},
		{s3.ID, 1, "P2,P3,P1"},
	}
	for _, tt := range steps {
		ch, err := st.MoveSession(ctx, tt.id, tt.delta)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "MoveSession", ch.Current, mustCurrent(t, st))
		if got := sessionTitles(ch.Current.Sessions); got != tt.want {
			t.Errorf("move by %d: %s, want %s", tt.delta, got, tt.want)
		}
		if ch.SessionID != tt.id || ch.Current.Session.ID != s1.ID {
			t.Errorf("move: session %s, current %s", ch.SessionID, ch.Current.Session.Title)
		}
	}
	if _, err := st.MoveSession(ctx, "nope", 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown session: %v", err)
	}
}

func TestDeleteSessionRefusedWhileInUse(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	ev, s1, s2 := seedEvent(t, st)
	saved, err := st.AddWalkIn(ctx, model.Participant{EventID: ev.ID, FullName: "Арман Сейтказиев"}, "", "door")
	if err != nil {
		t.Fatal(err)
	}
	p := saved.Participant
	if _, err := st.CheckIn(ctx, p.ID, s2.ID, "door"); err != nil {
		t.Fatal(err)
	}
	item := addItem(t, st, s2.ID, model.AgendaItem{Title: "Opening", PlannedMinutes: 10}, 0)
	if _, err := st.AgendaAct(ctx, s2.ID, item.ID, model.ActToggle, 0, "door"); err != nil {
		t.Fatal(err)
	}
	refused := func(what, want string) {
		t.Helper()
		_, err := st.DeleteSession(ctx, s2.ID)
		if !errors.Is(err, ErrSessionInUse) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want ErrSessionInUse saying %q", what, err, want)
		}
		if n := len(mustCurrent(t, st).Sessions); n != 2 {
			t.Errorf("%s: %d sessions left", what, n)
		}
	}
	refused("checked in", "“P2” has check-ins in effect (1); un-check them or keep the session")
	if _, err := st.UndoCheckIn(ctx, p.ID, s2.ID, "door"); err != nil {
		t.Fatal(err)
	}
	refused("clock ran", "“P2” has agenda items whose clock has run (1)")
	if _, err := st.AgendaAct(ctx, s2.ID, item.ID, model.ActReset, 0, "door"); err != nil {
		t.Fatal(err)
	}
	// make P2 current, for the shared setting and for one desk's own
	if _, err := st.SetCurrent(ctx, ev.ID, s2.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetSetting(ctx, SettingSession+"@door", s2.ID); err != nil {
		t.Fatal(err)
	}
	ch, err := st.DeleteSession(ctx, s2.ID)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "DeleteSession", ch.Current, mustCurrent(t, st))
	if len(ch.Current.Sessions) != 1 || ch.Current.Session.ID != s1.ID || ch.SessionID != s2.ID {
		t.Errorf("after delete: %+v", ch)
	}
	if v, _ := st.Setting(ctx, SettingSession+"@door"); v != s1.ID {
		t.Errorf("the desk's session is %q, want the first one", v)
	}
	if items, _ := st.AgendaItems(ctx, s2.ID); len(items) != 0 {
		t.Errorf("agenda of the deleted session: %d items", len(items))
	}
	// the last session stays
	if _, err := st.DeleteSession(ctx, s1.ID); !errors.Is(err, ErrSessionInUse) || !strings.Contains(err.Error(), "only session") {
		t.Errorf("deleting the only session: %v", err)
	}
	if _, err := st.DeleteSession(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown session: %v", err)
	}
}

func TestDeleteSessionRenumbers(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	ev, _, s2 := seedEvent(t, st)
	addSession(t, st, model.Session{EventID: ev.ID, Title: "P3"})
	ch, err := st.DeleteSession(ctx, s2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := sessionTitles(ch.Current.Sessions); got != "P1,P3" {
		t.Errorf("after delete: %s", got)
	}
}

func TestResolveSession(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	created, err := st.CreateEvent(ctx, model.Event{Name: "Seminar"}, model.Session{ID: "abcd1111-0000-4000-8000-000000000001", Title: "Part 1"})
	if err != nil {
		t.Fatal(err)
	}
	ev := created.Current.Event
	addSession(t, st, model.Session{ID: "abcd2222-0000-4000-8000-000000000002", EventID: ev.ID, Title: "Part 2"})
	addSession(t, st, model.Session{ID: "f00d3333-0000-4000-8000-000000000003", EventID: ev.ID, Title: "Part 3"})
	other, err := st.CreateEvent(ctx, model.Event{Name: "Other"}, model.Session{ID: "beef4444-0000-4000-8000-000000000004", Title: "Elsewhere"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetCurrent(ctx, ev.ID, "abcd2222-0000-4000-8000-000000000002"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		event, ref string
		want       string // a title, or the error
		err        error
	}{
		{"", "", "Part 2", nil},
		{"", "1", "Part 1", nil},
		{"", " 3 ", "Part 3", nil},
		{"", "abcd2", "Part 2", nil},
		{"", "ABCD1111", "Part 1", nil},
		{"", "f00d", "Part 3", nil},
		{"", "abcd2222-0000-4000-8000-000000000002", "Part 2", nil},
		{"", "beef", "Elsewhere", nil}, // an ID of another event still works
		{ev.ID, "beef", "no", ErrNotFound},
		{other.Current.Event.ID, "1", "Elsewhere", nil},
		{other.Current.Event.ID, "", "Elsewhere", nil},
		{"", "abcd", "ambiguous", ErrInvalid},
		{"", "abc", "at least 4", ErrInvalid},
		{"", "4", "not found", ErrNotFound},
		{"", "0", "not found", ErrNotFound},
		{"", "zzzz", "not found", ErrNotFound},
		{"nope", "1", "not found", ErrNotFound},
	}
	for _, tt := range tests {
		got, err := st.ResolveSession(ctx, tt.event, tt.ref)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("ResolveSession(%q, %q) = %+v, %v; want %v", tt.event, tt.ref, got, err, tt.err)
			}
			continue
		}
		if err != nil || got.Title != tt.want {
			t.Errorf("ResolveSession(%q, %q) = %q, %v; want %q", tt.event, tt.ref, got.Title, err, tt.want)
		}
	}
	// the errors list the sessions to choose from
	_, err = st.ResolveSession(ctx, "", "abcd")
	for _, want := range []string{"2 sessions start with it", "1  abcd1111  Part 1", "2  abcd2222  Part 2", "3  f00d3333  Part 3"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ambiguous: %v; want %q", err, want)
		}
	}
}
