package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"convene/model"
)

// Every write returns, as a model.Change, the state that a fresh read gives
// right after it: the tests compare the two, field by field.

func checkKind(t *testing.T, ch model.Change, kind model.ChangeKind, scope model.Scope) {
	t.Helper()
	if ch.Kind() != kind {
		t.Errorf("%T: kind %v, want %v", ch, ch.Kind(), kind)
	}
	if ch.Scope() != scope {
		t.Errorf("%T: scope %+v, want %+v", ch, ch.Scope(), scope)
	}
}

func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

func TestEventWritesReturnTheNewCurrent(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	created, err := st.CreateEvent(ctx, model.Event{Name: "Seminar\x1b[2J", Venue: "Taraz"}, model.Session{Title: "Day 1"})
	if err != nil {
		t.Fatal(err)
	}
	checkKind(t, created, model.ChangeEvent, model.Scope{})
	same(t, "CreateEvent", created.Current, mustCurrent(t, st))
	if created.Current.Event.Name != "Seminar" || created.Current.Session.Title != "Day 1" {
		t.Errorf("CreateEvent: %+v", created.Current)
	}
	added, err := st.AddSession(ctx, model.Session{EventID: created.Current.Event.ID, Title: "Day 2"}, true)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "AddSession", added.Current, mustCurrent(t, st))
	if se, ok := added.Changed(); added.Current.Session.Title != "Day 2" || len(added.Current.Sessions) != 2 || !ok || se.Title != "Day 2" {
		t.Errorf("AddSession: %+v", added)
	}
	// without makeCurrent the current session stays, and Changed() names the new one
	third, err := st.AddSession(ctx, model.Session{EventID: created.Current.Event.ID, Title: "Day 3"}, false)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "AddSession (not current)", third.Current, mustCurrent(t, st))
	if se, ok := third.Changed(); third.Current.Session.Title != "Day 2" || !ok || se.Title != "Day 3" || se.Position != 3 {
		t.Errorf("AddSession (not current): %+v", third)
	}
	back, err := st.SetCurrent(ctx, created.Current.Event.ID, created.Current.Session.ID)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "SetCurrent", back.Current, mustCurrent(t, st))
	if back.Current.Session.ID != created.Current.Session.ID {
		t.Errorf("SetCurrent: %+v", back.Current.Session)
	}
	ds := model.Demo(fixedNow, NewID)
	loaded, err := st.LoadDataset(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "LoadDataset", loaded.Current, mustCurrent(t, st))
	if loaded.Current.Event.ID != ds.Event.ID || loaded.Current.Session.ID != ds.Sessions[0].ID {
		t.Errorf("LoadDataset: %+v", loaded.Current)
	}
	set, err := st.SetSetting(ctx, SettingScreen, "topics")
	if err != nil {
		t.Fatal(err)
	}
	checkKind(t, set, model.ChangeSetting, model.Scope{})
	if v, _ := st.Setting(ctx, SettingScreen); set.Key != SettingScreen || set.Value != v || v != "topics" {
		t.Errorf("SetSetting: %+v, stored %q", set, v)
	}
}

func TestCheckInWritesReturnWhatHappened(t *testing.T) {
	clk := fixedNow
	st := openTest(t)
	st.now = func() time.Time { return clk }
	ctx := context.Background()
	ev, s1, _ := seedEvent(t, st)

	walk, err := st.AddWalkIn(ctx, model.Participant{EventID: ev.ID, FullName: " Ann\x1b[31m Lee ", Organisation: "Court\x07", Gender: model.GenderFemale}, s1.ID, "desk-1")
	if err != nil {
		t.Fatal(err)
	}
	checkKind(t, walk, model.ChangeParticipant, model.Scope{EventID: ev.ID})
	people, _ := st.Participants(ctx, ev.ID)
	same(t, "AddWalkIn participant", walk.Participant, people[0])
	if !walk.Added || walk.SessionID != s1.ID || !walk.CheckedInAt.Equal(fixedNow) || walk.Desk != "desk-1" {
		t.Errorf("AddWalkIn: %+v", walk)
	}
	ann := walk.Participant
	ann.Position = "Judge\x1b]0;x\x07"
	edited, err := st.UpdateParticipant(ctx, ann)
	if err != nil {
		t.Fatal(err)
	}
	people, _ = st.Participants(ctx, ev.ID)
	same(t, "UpdateParticipant", edited.Participant, people[0])
	if edited.Added || edited.Participant.Position != "Judge" {
		t.Errorf("UpdateParticipant: %+v", edited)
	}

	bobCh, _ := st.AddWalkIn(ctx, model.Participant{EventID: ev.ID, FullName: "Bob"}, "", "desk-1")
	bob := bobCh.Participant
	if bobCh.SessionID != "" || !bobCh.CheckedInAt.IsZero() {
		t.Errorf("a walk-in not checked in: %+v", bobCh)
	}
	clk = fixedNow.Add(time.Minute)
	in, err := st.CheckIn(ctx, bob.ID, s1.ID, "desk-2")
	if err != nil {
		t.Fatal(err)
	}
	checkKind(t, in, model.ChangeCheckIn, model.Scope{EventID: ev.ID, SessionID: s1.ID})
	same(t, "CheckIn", in, model.CheckedIn{EventID: ev.ID, SessionID: s1.ID, ParticipantID: bob.ID, Name: "Bob", At: clk, Desk: "desk-2", Source: model.FromDesk})
	clk = fixedNow.Add(2 * time.Minute)
	again, _ := st.CheckIn(ctx, bob.ID, s1.ID, "desk-1")
	same(t, "CheckIn again (already here: the first arrival)", again,
		model.CheckedIn{EventID: ev.ID, SessionID: s1.ID, ParticipantID: bob.ID, Name: "Bob", At: fixedNow.Add(time.Minute), Desk: "desk-2", Source: model.FromDesk, Already: true})

	clk = fixedNow.Add(3 * time.Minute)
	undone, err := st.UndoLastCheckIn(ctx, s1.ID, "desk-2")
	if err != nil {
		t.Fatal(err)
	}
	checkKind(t, undone, model.ChangeCheckInUndone, model.Scope{EventID: ev.ID, SessionID: s1.ID})
	same(t, "UndoLastCheckIn", undone, model.CheckInUndone{EventID: ev.ID, SessionID: s1.ID, ParticipantID: bob.ID, Name: "Bob", At: clk, Desk: "desk-2"})
	unchecked, err := st.UndoCheckIn(ctx, ann.ID, s1.ID, "desk-3")
	if err != nil {
		t.Fatal(err)
	}
	same(t, "UndoCheckIn", unchecked, model.CheckInUndone{EventID: ev.ID, SessionID: s1.ID, ParticipantID: ann.ID, Name: "Ann Lee", At: clk, Desk: "desk-3"})
	if here, _ := st.Attendance(ctx, s1.ID); len(here) != 0 {
		t.Errorf("after the undos: %v", here)
	}

	imp, err := st.ImportParticipants(ctx, ev.ID, []model.Participant{{FullName: "Bob"}, {FullName: "Cem"}, {FullName: "Dana"}}, false)
	if err != nil {
		t.Fatal(err)
	}
	checkKind(t, imp, model.ChangeRoster, model.Scope{EventID: ev.ID})
	same(t, "ImportParticipants", imp, model.RosterImported{EventID: ev.ID, ImportReport: model.ImportReport{Added: 2, Present: 1,
		Duplicates: []model.Duplicate{{Row: 0, ExistingID: bob.ID, ExistingName: "Bob", EarlierRow: -1, By: model.ByName}}}})
}

func TestAgendaWritesReturnTheWholeAgenda(t *testing.T) {
	clk := fixedNow
	st := openTest(t)
	st.now = func() time.Time { return clk }
	ctx := context.Background()
	ev, s1, s2 := seedEvent(t, st)
	scope := model.Scope{EventID: ev.ID, SessionID: s1.ID}
	check := func(what string, ch model.AgendaChanged, err error, itemID string) model.AgendaChanged {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		checkKind(t, ch, model.ChangeAgenda, scope)
		items, _ := st.AgendaItems(ctx, s1.ID)
		same(t, what+": items", ch.Items, items)
		if ch.ItemID != itemID {
			t.Errorf("%s: item %q, want %q", what, ch.ItemID, itemID)
		}
		return ch
	}
	ch, err := st.AddItem(ctx, s1.ID, model.AgendaItem{Title: "Talk", PlannedMinutes: 30}, 0)
	a, _ := ch.Item()
	check("AddItem", ch, err, a.ID)
	if a.Title != "Talk" || a.Position != 1 {
		t.Errorf("AddItem: the new item %+v", a)
	}
	ch, err = st.AddItem(ctx, s1.ID, model.AgendaItem{Title: "Opening", PlannedMinutes: 5}, 0)
	b, _ := ch.Item()
	check("AddItem at the start", ch, err, b.ID)
	if b.Position != 1 || len(ch.Items) != 2 || ch.Items[1].ID != a.ID {
		t.Errorf("AddItem at the start: %+v", ch.Items)
	}
	ch, err = st.UpdateItem(ctx, model.AgendaItem{ID: a.ID, Title: "Keynote", PlannedMinutes: 40, Kind: model.KindTalk})
	check("UpdateItem", ch, err, a.ID)
	if it, _ := ch.Item(); it.Title != "Keynote" || it.PlannedMinutes != 40 {
		t.Errorf("UpdateItem: %+v", it)
	}
	ch, err = st.MoveItem(ctx, a.ID, -1)
	check("MoveItem", ch, err, a.ID)
	if ch.Items[0].ID != a.ID {
		t.Errorf("MoveItem: %s first", ch.Items[0].Title)
	}
	ch, err = st.DuplicateItem(ctx, a.ID)
	dup, _ := ch.Item()
	check("DuplicateItem", ch, err, dup.ID)
	if dup.ID == a.ID || dup.Title != "Keynote" || dup.Position != 2 {
		t.Errorf("DuplicateItem: %+v", dup)
	}
	clk = fixedNow.Add(time.Minute)
	ch, err = st.AgendaAct(ctx, s1.ID, a.ID, model.ActToggle, 0, "test")
	check("AgendaAct start", ch, err, a.ID)
	if ch.Result.Started != "Keynote" || ch.Items[0].Clock.State() != model.ClockRunning {
		t.Errorf("AgendaAct: %+v", ch.Result)
	}
	clk = fixedNow.Add(5 * time.Minute)
	ch, err = st.AgendaAct(ctx, s1.ID, "", model.ActNext, 0, "test")
	check("AgendaAct next", ch, err, "")
	if ch.Result.Finished != "Keynote" || ch.Result.Started != "Keynote" || ch.Items[1].Clock.State() != model.ClockRunning {
		t.Errorf("AgendaAct next: %+v", ch.Result)
	}
	ch, err = st.DeleteItem(ctx, b.ID)
	check("DeleteItem", ch, err, "")
	if len(ch.Items) != 2 {
		t.Errorf("DeleteItem: %d items", len(ch.Items))
	}
	ch, err = st.ImportItems(ctx, s1.ID, []model.AgendaItem{{Title: "Lunch", PlannedMinutes: 60}}, true)
	check("ImportItems dry run", ch, err, "")
	if ch.Imported != 1 || len(ch.Items) != 2 {
		t.Errorf("ImportItems dry run: %d imported, %d items", ch.Imported, len(ch.Items))
	}
	ch, err = st.ImportItems(ctx, s1.ID, []model.AgendaItem{{Title: "Lunch", PlannedMinutes: 60}}, false)
	check("ImportItems", ch, err, "")
	if ch.Imported != 1 || len(ch.Items) != 3 {
		t.Errorf("ImportItems: %d imported, %d items", ch.Imported, len(ch.Items))
	}
	// another session's agenda is its own
	other, err := st.AddItem(ctx, s2.ID, model.AgendaItem{Title: "Day 2"}, 0)
	if err != nil || other.SessionID != s2.ID || len(other.Items) != 1 {
		t.Errorf("AddItem to another session: %+v %v", other, err)
	}
}

func TestTopicWritesReturnTopicsAndActions(t *testing.T) {
	clk := fixedNow
	st := openTest(t)
	st.now = func() time.Time { return clk }
	ctx := context.Background()
	ev, s1, _ := seedEvent(t, st)
	check := func(what string, ch model.TopicsChanged, err error, topicID string) model.TopicsChanged {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		checkKind(t, ch, model.ChangeTopics, model.Scope{EventID: ev.ID})
		set, err := st.TopicsWithActions(ctx, ev.ID)
		if err != nil {
			t.Fatal(err)
		}
		same(t, what+": topics and actions", ch.TopicSet, set)
		if ch.TopicID != topicID {
			t.Errorf("%s: topic %q, want %q", what, ch.TopicID, topicID)
		}
		return ch
	}
	add := func(title string) model.Topic {
		t.Helper()
		clk = clk.Add(time.Second)
		ch, err := st.AddTopic(ctx, model.Topic{EventID: ev.ID, SessionID: s1.ID, Title: title})
		tp, _ := ch.Changed()
		check("AddTopic "+title, ch, err, tp.ID)
		if tp.Title != title || tp.Status != model.TopicProposed {
			t.Errorf("AddTopic: %+v", tp)
		}
		return tp
	}
	a, b := add("Access to lawyers"), add("Lawyers' access")
	ch, err := st.VoteTopic(ctx, a.ID, 2)
	check("VoteTopic", ch, err, a.ID)
	if tp, _ := ch.Changed(); tp.Votes != 2 {
		t.Errorf("VoteTopic: %d votes", tp.Votes)
	}
	a.Details = "from the floor"
	ch, err = st.UpdateTopic(ctx, a)
	check("UpdateTopic", ch, err, a.ID)
	ch, err = st.SaveNotes(ctx, a.ID, "notes")
	check("SaveNotes", ch, err, a.ID)
	ch, err = st.TopicAct(ctx, ev.ID, a.ID, model.TopicDiscuss, 0, "test")
	check("TopicAct discuss", ch, err, a.ID)
	if tp, _ := ch.Changed(); tp.Status != model.TopicDiscussing {
		t.Errorf("TopicAct: %s", tp.Status)
	}
	clk = clk.Add(3 * time.Minute)
	ch, err = st.CloseTopic(ctx, ev.ID, a.ID, "a hotline", []model.ActionItem{{What: "Draft", Who: "NPM"}})
	check("CloseTopic", ch, err, a.ID)
	if tp, _ := ch.Changed(); tp.Status != model.TopicDone || tp.Outcome != "a hotline" || len(ch.Actions[a.ID]) != 1 {
		t.Errorf("CloseTopic: %+v %+v", tp, ch.Actions)
	}
	ch, err = st.MergeTopics(ctx, a.ID, b.ID)
	check("MergeTopics", ch, err, a.ID)
	if len(ch.Topics) != 1 {
		t.Errorf("MergeTopics: %d topics", len(ch.Topics))
	}
	ch, err = st.DeleteTopic(ctx, a.ID)
	check("DeleteTopic", ch, err, "")
	if len(ch.Topics) != 0 || len(ch.Actions) != 0 {
		t.Errorf("DeleteTopic: %+v", ch.TopicSet)
	}
}

func TestChangeKindsAreDistinct(t *testing.T) {
	all := []model.Change{model.CheckedIn{}, model.CheckInUndone{}, model.ParticipantSaved{}, model.RosterImported{},
		model.AgendaChanged{}, model.TopicsChanged{}, model.EventChanged{}, model.SettingChanged{}}
	seen := map[model.ChangeKind]bool{}
	for _, c := range all {
		if seen[c.Kind()] || c.Kind().String() == "unknown" {
			t.Errorf("%T: kind %v repeated or unnamed", c, c.Kind())
		}
		seen[c.Kind()] = true
	}
}
