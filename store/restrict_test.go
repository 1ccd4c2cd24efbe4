package store

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"convene/model"
)

// notWrites are the methods of *Store that write nothing. Every other
// exported method is a write and must be refused by a view whose role may
// not make it: a new write method without a guard fails
// TestRestrictedViewRefusesEveryWrite.
var notWrites = map[string]bool{
	"AgendaItems": true, "Attendance": true, "AttendanceTable": true, "Check": true, "DataVersion": true,
	"Setting": true, "Events": true, "Event": true, "Sessions": true, "Current": true, "Participants": true, "RosterPeople": true, "RosterHead": true, "RosterChanges": true,
	"Categories": true, "Topics": true, "Actions": true, "TopicsWithActions": true,
	"RecentCheckIns": true, "Close": true, "Path": true, "Restrict": true, "OnWait": true, "Role": true, "Allows": true,
	"Checkpoint": true, "ReadOnly": true, "Verified": true, "PurgeCount": true, "Purges": true,
	"CategoryCounts": true, "CountParticipants": true, "EachAttendance": true, "Merges": true, "SectorMap": true, "ResolveSession": true, "SessionDeletable": true, "PeekUndoClock": true, "WaitChange": true,
}

// callZero calls a method of st with zero arguments (a real context).
func callZero(st *Store, name string) error {
	m := reflect.ValueOf(st).MethodByName(name)
	args := make([]reflect.Value, m.Type().NumIn())
	for i := range args {
		t := m.Type().In(i)
		if t.String() == "context.Context" {
			args[i] = reflect.ValueOf(context.Background())
		} else {
			args[i] = reflect.Zero(t)
		}
	}
	out := m.Call(args)
	err, _ := out[len(out)-1].Interface().(error)
	return err
}

func TestRestrictedViewRefusesEveryWrite(t *testing.T) {
	st := openTest(t)
	ds := model.Demo(fixedNow, NewID)
	if _, err := st.LoadDataset(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	deskMay := map[string]bool{
		"CheckIn": true, "UndoCheckIn": true, "UndoLastCheckIn": true, "AddWalkIn": true, "UpdateParticipant": true,
		"AddTopic": true, "UpdateTopic": true, "SaveNotes": true, "DeleteTopic": true, "VoteTopic": true,
		"TopicAct": true, "CloseTopic": true, "MergeTopics": true, "UndoLastAtDesk": true, "CheckInAt": true, "AddWalkInAt": true, "FillContact": true, "UndoClock": true, // its own topic actions (a desk cannot act on the agenda)
	}
	typ := reflect.TypeOf(st)
	for _, role := range []model.Role{model.RoleDisplay, model.RoleDesk} {
		v := st.Restrict(role, "door")
		for i := range typ.NumMethod() {
			name := typ.Method(i).Name
			if notWrites[name] || role == model.RoleDesk && deskMay[name] {
				continue
			}
			if err := callZero(v, name); !errors.Is(err, ErrNotAllowed) {
				t.Errorf("%s: %s = %v, want ErrNotAllowed", role, name, err)
			}
		}
	}
	// a view cannot close the store it shares
	if err := st.Restrict(model.RoleDisplay, "p").Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Events(context.Background()); err != nil {
		t.Fatalf("store closed by its view: %v", err)
	}
}

func TestDeskMayCheckInAndOwnSettingsOnly(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	ds := model.Demo(fixedNow, NewID)
	if _, err := st.LoadDataset(ctx, ds); err != nil {
		t.Fatal(err)
	}
	sid := ds.Sessions[0].ID
	var p model.Participant
	here, _ := st.Attendance(ctx, sid)
	for _, q := range ds.Participants {
		if _, ok := here[q.ID]; !ok && q.Phone != "" && q.Email != "" {
			p = q
			break
		}
	}
	desk, display := st.Restrict(model.RoleDesk, "door"), st.Restrict(model.RoleDisplay, "proj")
	if _, err := display.CheckIn(ctx, p.ID, sid, "proj"); !errors.Is(err, ErrNotAllowed) {
		t.Fatalf("display checked in: %v", err)
	}
	if h, _ := st.Attendance(ctx, sid); len(h) != len(here) {
		t.Fatal("the refused check-in was written")
	}
	if _, err := desk.CheckIn(ctx, p.ID, sid, "door"); err != nil {
		t.Fatalf("desk check-in: %v", err)
	}
	items, _ := st.AgendaItems(ctx, sid)
	if _, err := desk.AgendaAct(ctx, sid, items[0].ID, model.ActToggle, 0, "door"); !errors.Is(err, ErrNotAllowed) {
		t.Errorf("desk started the clock: %v", err)
	}
	for key, ok := range map[string]bool{"lang@door": true, "screen@door": true, "lang@other": false, "display_message:x": false, SettingSession: false} {
		_, err := desk.SetSetting(ctx, key, "v")
		if ok != (err == nil) || !ok && !errors.Is(err, ErrNotAllowed) {
			t.Errorf("desk SetSetting(%s) = %v", key, err)
		}
	}
	if _, err := display.SetSetting(ctx, "lang@proj", "ru"); err != nil {
		t.Errorf("display's own language: %v", err)
	}
	if _, err := display.SetSetting(ctx, "lang@door", "ru"); !errors.Is(err, ErrNotAllowed) {
		t.Errorf("display wrote another desk's setting: %v", err)
	}
	// a desk edits a person but not their contacts (its form shows them masked)
	edit := p
	edit.Organisation, edit.Phone, edit.Email = "New org", model.MaskPhone(p.Phone), "x@y.kz"
	ch, err := desk.UpdateParticipant(ctx, edit)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Participant.Organisation != "New org" || ch.Participant.Phone != p.Phone || ch.Participant.Email != p.Email {
		t.Errorf("desk edit stored %+v (phone and e-mail must stay %q, %q)", ch.Participant, p.Phone, p.Email)
	}
	ch, err = st.UpdateParticipant(ctx, edit)
	if err != nil || ch.Participant.Email != "x@y.kz" {
		t.Errorf("organiser edit: %+v, %v", ch.Participant, err)
	}
}

func TestOnWaitSaysAWriteWaitsForAnotherWriter(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	other, err := sql.Open("sqlite", dsn(st.Path(), append(pragmas, "_txlock=immediate")...))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.BeginTx(ctx, nil) // an import in another process holds the writer
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var got []bool
	waited := make(chan struct{})
	v := st.Restrict(model.RoleDesk, "door").OnWait(20*time.Millisecond, func(w bool) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, w)
		if w {
			close(waited)
		}
	})
	done := make(chan error)
	go func() { _, err := v.SetSetting(ctx, "lang@door", "kk"); done <- err }()
	select {
	case <-waited:
	case <-time.After(5 * time.Second):
		t.Fatal("the waiting write never said so")
	}
	tx.Rollback()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !reflect.DeepEqual(got, []bool{true, false}) {
		t.Errorf("onWait calls = %v, want [true false]", got)
	}
	// a quick write says nothing
	got = nil
	mu.Unlock()
	quick := v.OnWait(2*time.Second, func(w bool) { mu.Lock(); got = append(got, w); mu.Unlock() })
	if _, err := quick.SetSetting(ctx, "lang@door", "ru"); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if len(got) != 0 {
		t.Errorf("a quick write said it waited: %v", got)
	}
}

func TestRecentCheckInsOfADesk(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	ds := model.Demo(fixedNow, NewID)
	ds.CheckIns = nil
	if _, err := st.LoadDataset(ctx, ds); err != nil {
		t.Fatal(err)
	}
	sid := ds.Sessions[0].ID
	for i, desk := range []string{"door", "door", "hall", "door"} {
		if _, err := st.CheckIn(ctx, ds.Participants[i].ID, sid, desk); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.UndoCheckIn(ctx, ds.Participants[3].ID, sid, "door"); err != nil {
		t.Fatal(err)
	}
	got, err := st.RecentCheckIns(ctx, sid, "door", 5)
	if err != nil || len(got) != 2 || got[0].ParticipantID != ds.Participants[1].ID || got[1].Name != ds.Participants[0].FullName {
		t.Fatalf("recent = %+v, %v", got, err)
	}
}
