package store

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"convene/model"
	"convene/model/rostergen"
)

var importN = flag.Int("import.n", 100_000, "people in BenchmarkImport's roster")

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
		if _, err := st.ImportParticipants(ctx, ev.ID, people, false); err != nil {
			b.Fatal(err)
		}
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

// BenchmarkFileCheck times the check made after every commit that the
// database, its WAL and WAL index are still the files the store opened.
func BenchmarkFileCheck(b *testing.B) {
	st, err := Open(context.Background(), filepath.Join(b.TempDir(), "c.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for b.Loop() {
		if err := st.files.check(st.path, true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImport compares importing a roster of 100,000 distinct people
// (ImportParticipants: checks, duplicates, one transaction) with a bare
// bulk INSERT of the same rows into the same table, in one transaction
// with one prepared statement, on the same driver and pragmas, in the
// same run (README, Performance). -import.n sets the size.
func BenchmarkImport(b *testing.B) {
	ctx := context.Background()
	people := rostergen.People(*importN, 1)
	fresh := func(b *testing.B) (*Store, string) {
		b.Helper()
		st, err := Open(ctx, filepath.Join(b.TempDir(), "i.db"))
		if err != nil {
			b.Fatal(err)
		}
		created, err := st.CreateEvent(ctx, model.Event{Name: "E"}, model.Session{})
		if err != nil {
			b.Fatal(err)
		}
		return st, created.Current.Event.ID
	}
	b.Run("store", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			st, eid := fresh(b)
			b.StartTimer()
			rep, err := st.ImportParticipants(ctx, eid, people, false)
			if err != nil || rep.Added != len(people) {
				b.Fatalf("import: %+v %v", rep, err)
			}
			b.StopTimer()
			st.Close()
			b.StartTimer()
		}
	})
	b.Run("bulk-insert", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			st, eid := fresh(b)
			now := ts(fixedNow)
			rows := make([][]any, len(people)) // the same values, made before the clock runs
			for i, p := range people {
				rows[i] = []any{NewID(), eid, p.FullName, model.Fold(p.FullName), p.Surname, p.GivenName, p.Patronymic, p.Organisation, p.Position, p.Category, string(p.Gender),
					p.Phone, p.Email, p.Notes, string(p.Source), string(p.Consent), i + 1, now, now}
			}
			b.StartTimer()
			err := st.write(ctx, func(tx *sql.Tx) error {
				ins, err := tx.PrepareContext(ctx, insertParticipantSQL)
				if err != nil {
					return err
				}
				defer ins.Close()
				for _, r := range rows {
					if _, err := ins.ExecContext(ctx, r...); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			st.Close()
			b.StartTimer()
		}
	})
}
