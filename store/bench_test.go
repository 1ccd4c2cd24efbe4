package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"convene/model"
)

// BenchmarkCheckIn compares one check-in, end to end through the store
// (find the latest row, insert, commit with synchronous=FULL), with a bare
// single-row INSERT + COMMIT on the same pragmas, in the same run.
func BenchmarkCheckIn(b *testing.B) {
	ctx := context.Background()
	b.Run("store", func(b *testing.B) {
		st, err := Open(ctx, filepath.Join(b.TempDir(), "c.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		created, _ := st.CreateEvent(ctx, model.Event{Name: "E"}, model.Session{})
		ev, s1 := created.Current.Event, created.Current.Session
		people := make([]model.Participant, 1000)
		for i := range people {
			people[i] = model.Participant{FullName: fmt.Sprintf("Person %d", i)}
		}
		st.ImportParticipants(ctx, ev.ID, people, false)
		ps, _ := st.Participants(ctx, ev.ID)
		b.ResetTimer()
		i := 0
		for b.Loop() {
			p := ps[(i/2)%len(ps)] // check in, then undo, the same person
			if i%2 == 0 {
				_, err = st.CheckIn(ctx, p.ID, s1.ID, "d")
			} else {
				_, err = st.UndoCheckIn(ctx, p.ID, s1.ID, "d")
			}
			if err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("bare-insert", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "bare.db")
		db, err := sql.Open("sqlite", dsn(path, append(pragmas, "_txlock=immediate")...))
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		if _, err := db.Exec("CREATE TABLE t(id TEXT PRIMARY KEY, participant_id TEXT, session_id TEXT, at TEXT, action TEXT, desk TEXT, seq INTEGER)"); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		i := 0
		for b.Loop() {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := tx.Exec("INSERT INTO t VALUES(?,?,?,?,?,?,?)", NewID(), "p", "s", "2026-11-27T09:00:00Z", "in", "d", i); err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}
