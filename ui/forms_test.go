package ui

import (
	"context"
	"strings"
	"testing"

	"convene/model"
)

// Round trips of every form: a distinct value is typed into each field
// through the form's own keys, the form is saved, and the stored record is
// checked field by field, so two swapped fields fail.

// fill types values into consecutive fields (ctrl+u clears each first);
// a value "<" or ">" presses left or right on a choice instead.
func fill(m *Model, values ...string) {
	for i, v := range values {
		if i > 0 {
			press(m, "down")
		}
		switch v {
		case "<":
			press(m, "left")
		case ">":
			press(m, "right")
		case "=":
		default:
			press(m, "ctrl+u")
			typeText(m, v)
		}
	}
}

func TestFormRoundTripPerson(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	ctx := context.Background()
	find := func(name string) model.Participant {
		t.Helper()
		ps, _ := st.Participants(ctx, m.c.Cur.Event.ID)
		for _, p := range ps {
			if p.FullName == name {
				return p
			}
		}
		t.Fatalf("%q not stored", name)
		return model.Participant{}
	}
	press(m, "2", "ctrl+n")
	fill(m, "Qwerty Zzyxova", "Zzyxova", "Org Two", "Position Three", "Category Four", "<", "+7 705 555 0101", "Five@Example.kz", ">")
	press(m, "ctrl+s")
	p := find("Qwerty Zzyxova")
	want := model.Participant{FullName: "Qwerty Zzyxova", Organisation: "Org Two", Position: "Position Three", Category: "Category Four",
		Gender: model.GenderMale, Phone: "+7 705 555 0101", Email: "five@example.kz"}
	if p.Organisation != want.Organisation || p.Position != want.Position || p.Category != want.Category ||
		p.Gender != want.Gender || p.Phone != want.Phone || p.Email != want.Email || p.Consent != model.ConsentYes || p.Surname != "Zzyxova" || p.GivenName != "Qwerty" {
		t.Fatalf("walk-in stored as %+v, want %+v and consent yes", p, want)
	}
	// the edit form, every field changed
	typeText(m, "qwerty zzyx")
	press(m, "ctrl+e")
	fill(m, "Qwerty Edited", "Edited", "Org 2b", "Position 3b", "Category 4b", "<", "+7 701 000 0000", "six@example.kz", ">")
	press(m, "ctrl+s")
	p = find("Qwerty Edited")
	if p.Organisation != "Org 2b" || p.Position != "Position 3b" || p.Category != "Category 4b" || p.Surname != "Edited" ||
		p.Gender != model.GenderFemale || p.Phone != "+7 701 000 0000" || p.Email != "six@example.kz" || p.Consent != model.ConsentNo {
		t.Fatalf("edit stored as %+v", p)
	}
	// a surname that is not a word of the name is refused, not dropped
	press(m, "esc") // the search is cleared
	typeText(m, "qwerty edited")
	press(m, "ctrl+e")
	fill(m, "=", "Nowhere")
	press(m, "ctrl+s")
	if !strings.Contains(screenText(m), "“Nowhere” is not a word of the full name") {
		t.Errorf("no error for a surname outside the name:\n%s", screenText(m))
	}
	fill(m, "=") // the same field, now the name itself changes: «Qwerty Nowhere»
	press(m, "up")
	fill(m, "Qwerty Nowhere")
	press(m, "ctrl+s")
	if p = find("Qwerty Nowhere"); p.Surname != "Nowhere" {
		t.Errorf("a surname matching the name as typed was not taken: %+v", p)
	}
}

func TestFormRoundTripAgendaItem(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	press(m, "a")
	fill(m, "Item title", "Item presenter", ">", "35", "12:30", "Item notes")
	press(m, "ctrl+s")
	items, _ := st.AgendaItems(context.Background(), m.c.Cur.Session.ID)
	it := items[1]
	if it.Title != "Item title" || it.Presenter != "Item presenter" || it.Kind != model.KindPanel ||
		it.PlannedMinutes != 35 || it.PinnedStart != "12:30" || it.Notes != "Item notes" {
		t.Fatalf("item stored as %+v", it)
	}
}

func TestFormRoundTripTopicAndClose(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	ctx := context.Background()
	press(m, "3", "a")
	fill(m, "Topic title", "Topic details", ">", "=", "7") // anonymous: the participant field is skipped
	press(m, "ctrl+s")
	tp := topicsScreen(m).selected()
	got, _ := st.Topics(ctx, m.c.Cur.Event.ID)
	var stored model.Topic
	for _, g := range got {
		if g.ID == tp.ID {
			stored = g
		}
	}
	if stored.Title != "Topic title" || stored.Details != "Topic details" || stored.RaisedBy != model.RaisedByAnonymous ||
		stored.ParticipantID != "" || stored.TimeboxMinutes != 7 || stored.SessionID != m.c.Cur.Session.ID {
		t.Fatalf("topic stored as %+v", stored)
	}
	press(m, "c")
	fill(m, "The outcome", "What 1", "Who 1", "Due 1", "What 2", "Who 2", "Due 2", "What 3", "Who 3", "Due 3")
	press(m, "ctrl+s")
	acts, _ := st.Actions(ctx, m.c.Cur.Event.ID)
	a := acts[tp.ID]
	if len(a) != 3 {
		t.Fatalf("actions %+v", a)
	}
	for i, x := range a {
		n := string(rune('1' + i))
		if x.What != "What "+n || x.Who != "Who "+n || x.Due != "Due "+n {
			t.Errorf("action %d stored as %+v", i, x)
		}
	}
	got, _ = st.Topics(ctx, m.c.Cur.Event.ID)
	for _, g := range got {
		if g.ID == tp.ID && (g.Outcome != "The outcome" || g.Status != model.TopicDone) {
			t.Errorf("closed topic stored as %+v", g)
		}
	}
}

func TestFormRoundTripSessionAndEvent(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, true)
	ctx := context.Background()
	press(m, "c")
	fill(m, "Event name", "Event venue", "2026-12-01", "2026-12-02", "Asia/Tashkent", "First part", "10:30")
	press(m, "ctrl+s")
	evs, _ := st.Events(ctx)
	if len(evs) != 1 {
		t.Fatalf("events %+v", evs)
	}
	ev := evs[0]
	if ev.Name != "Event name" || ev.Venue != "Event venue" || ev.StartDate != "2026-12-01" || ev.EndDate != "2026-12-02" || ev.Zone != "Asia/Tashkent" {
		t.Fatalf("event stored as %+v", ev)
	}
	ss, _ := st.Sessions(ctx, ev.ID)
	if len(ss) != 1 || ss[0].Title != "First part" || ss[0].Venue != "Event venue" || ss[0].Date != "2026-12-01" || ss[0].StartTime != "10:30" {
		t.Fatalf("first session stored as %+v", ss)
	}
	press(m, "f2", "n")
	fill(m, "Second part", "Village hall", "2026-12-02", "11:15")
	press(m, "ctrl+s")
	ss, _ = st.Sessions(ctx, ev.ID)
	if len(ss) != 2 || ss[1].Title != "Second part" || ss[1].Venue != "Village hall" || ss[1].Date != "2026-12-02" || ss[1].StartTime != "11:15" {
		t.Fatalf("new session stored as %+v", ss)
	}
}
