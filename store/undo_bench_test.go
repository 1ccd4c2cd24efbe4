package store

import (
	"context"
	"path/filepath"
	"testing"

	"convene/model"
)

// BenchmarkAgendaAct is one clock action (start/pause/resume of an item of
// a 12-item agenda), end to end through the store: read the agenda, apply,
// write the undo entry (before and after), save, commit with
// synchronous=FULL, read the agenda back.
func BenchmarkAgendaAct(b *testing.B) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(b.TempDir(), "c.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	created, _ := st.CreateEvent(ctx, model.Event{Name: "E"}, model.Session{})
	s1 := created.Current.Session
	var first string
	for i := range 12 {
		ch, err := st.AddItem(ctx, s1.ID, model.AgendaItem{Title: "Item", PlannedMinutes: 30}, 99)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			first = ch.ItemID
		}
	}
	for b.Loop() {
		if _, err := st.AgendaAct(ctx, s1.ID, first, model.ActToggle, 0, "desk"); err != nil {
			b.Fatal(err)
		}
	}
}
