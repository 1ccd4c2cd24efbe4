package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"convene/model"
)

func titles(items []model.AgendaItem) string {
	var t []string
	for _, it := range items {
		t = append(t, it.Title)
	}
	return strings.Join(t, ",")
}

// addItem adds an agenda item and returns it as stored.
func addItem(t *testing.T, st *Store, sessionID string, it model.AgendaItem, after int) model.AgendaItem {
	t.Helper()
	ch, err := st.AddItem(context.Background(), sessionID, it, after)
	if err != nil {
		t.Fatal(err)
	}
	added, ok := ch.Item()
	if !ok {
		t.Fatalf("AddItem: the change does not name the new item: %+v", ch)
	}
	return added
}

func TestAgendaClockSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	clk := fixedNow
	now := func() time.Time { return clk }
	st, err := Open(ctx, path, WithClock(now))
	if err != nil {
		t.Fatal(err)
	}
	_, s1, _ := seedEvent(t, st)
	a := addItem(t, st, s1.ID, model.AgendaItem{Title: "A", PlannedMinutes: 10, Kind: model.KindTalk}, 99)
	if _, err := st.AddItem(ctx, s1.ID, model.AgendaItem{Title: "B", PlannedMinutes: 20}, 99); err != nil {
		t.Fatal(err)
	}
	ch, err := st.AgendaAct(ctx, s1.ID, a.ID, model.ActToggle, 0, "test")
	if err != nil || ch.Result.Started != "A" || ch.Items[0].Clock.State() != model.ClockRunning {
		t.Fatalf("start: %+v %v", ch.Result, err)
	}
	clk = fixedNow.Add(3 * time.Minute)
	if _, err := st.AgendaAct(ctx, s1.ID, "", model.ActExtend, 5*time.Minute, "test"); err != nil {
		t.Fatal(err)
	}
	st.Close() // as if the laptop died: nothing held in memory

	clk = fixedNow.Add(61 * time.Second).Add(3 * time.Minute)
	st, err = Open(ctx, path, WithClock(now))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	items, _ := st.AgendaItems(ctx, s1.ID)
	c := items[0].Clock
	if c.State() != model.ClockRunning || c.Elapsed(clk) != 4*time.Minute+time.Second || c.Budget() != 15*time.Minute {
		t.Fatalf("after restart: state %v elapsed %v budget %v", c.State(), c.Elapsed(clk), c.Budget())
	}
	// pause, resume, next: each persisted
	if _, err := st.AgendaAct(ctx, s1.ID, a.ID, model.ActToggle, 0, "test"); err != nil {
		t.Fatal(err)
	}
	clk = clk.Add(2 * time.Minute)
	if _, err := st.AgendaAct(ctx, s1.ID, a.ID, model.ActToggle, 0, "test"); err != nil {
		t.Fatal(err)
	}
	clk = clk.Add(time.Minute)
	ch, _ = st.AgendaAct(ctx, s1.ID, "", model.ActNext, 0, "test")
	if ch.Result.Finished != "A" || ch.Result.Started != "B" {
		t.Fatalf("next: %+v", ch.Result)
	}
	items, _ = st.AgendaItems(ctx, s1.ID)
	if got := items[0].Clock.Elapsed(clk); got != 5*time.Minute+time.Second {
		t.Errorf("A elapsed = %v (pause excluded)", got)
	}
	if items[1].Clock.State() != model.ClockRunning || !items[1].Clock.StartedAt.Equal(clk) {
		t.Errorf("B = %+v", items[1].Clock)
	}
	if _, err := st.AgendaAct(ctx, s1.ID, "B", model.ActSkip, 0, "test"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown item id: %v", err)
	}
	if _, err := st.AgendaAct(ctx, s1.ID, items[1].ID, model.ActSkip, 0, "test"); !errors.Is(err, model.ErrClockState) {
		t.Errorf("skip running: %v", err)
	}
}

func TestAgendaEditing(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	_, s1, _ := seedEvent(t, st)
	a := addItem(t, st, s1.ID, model.AgendaItem{Title: "A", PlannedMinutes: 10}, 0)
	b := addItem(t, st, s1.ID, model.AgendaItem{Title: "B", PlannedMinutes: 10}, 1)
	if _, err := st.AddItem(ctx, s1.ID, model.AgendaItem{Title: "Start", PlannedMinutes: 5}, 0); err != nil {
		t.Fatal(err)
	}
	items, _ := st.AgendaItems(ctx, s1.ID)
	if titles(items) != "Start,A,B" {
		t.Fatalf("order = %s", titles(items))
	}
	if _, err := st.MoveItem(ctx, b.ID, -1); err != nil {
		t.Fatal(err)
	}
	items, _ = st.AgendaItems(ctx, s1.ID)
	if titles(items) != "Start,B,A" {
		t.Fatalf("after move = %s", titles(items))
	}
	if _, err := st.MoveItem(ctx, b.ID, -5); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DuplicateItem(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	items, _ = st.AgendaItems(ctx, s1.ID)
	if titles(items) != "B,Start,A,A" {
		t.Fatalf("after move and duplicate = %s", titles(items))
	}
	a.Title, a.PlannedMinutes, a.PinnedStart, a.Kind = "Lunch", 60, "13:00", model.KindMeal
	if _, err := st.UpdateItem(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DeleteItem(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	items, _ = st.AgendaItems(ctx, s1.ID)
	if titles(items) != "Start,Lunch,A" || items[1].Clock.Planned != time.Hour || items[1].PinnedStart != "13:00" {
		t.Fatalf("after edit and delete = %s %+v", titles(items), items[1])
	}
	for i, it := range items {
		if it.Position != i+1 {
			t.Errorf("positions not contiguous: %d at %d", it.Position, i)
		}
	}
	if _, err := st.UpdateItem(ctx, model.AgendaItem{ID: a.ID, Title: "x", PinnedStart: "25:99"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad pin: %v", err)
	}
	if _, err := st.AddItem(ctx, s1.ID, model.AgendaItem{Title: " "}, 0); !errors.Is(err, ErrInvalid) {
		t.Errorf("no title: %v", err)
	}
	imp, err := st.ImportItems(ctx, s1.ID, []model.AgendaItem{{Title: "X", PlannedMinutes: 5}, {Title: "Y", PlannedMinutes: 5}}, false)
	n := imp.Imported
	items, _ = st.AgendaItems(ctx, s1.ID)
	if err != nil || n != 2 || titles(items) != "Start,Lunch,A,X,Y" {
		t.Errorf("import: %d %v %s", n, err, titles(items))
	}
}
