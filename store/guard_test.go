package store

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"convene/model"
)

func walkIn(ctx context.Context, st *Store, ev model.Event, s model.Session, name string) (model.ParticipantSaved, error) {
	return st.AddWalkIn(ctx, model.Participant{EventID: ev.ID, FullName: name}, s.ID, "d")
}

func names(t *testing.T, path string) []string {
	t.Helper()
	st, err := OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cur := mustCurrent(t, st)
	people, _ := st.Participants(context.Background(), cur.Event.ID)
	var out []string
	for _, p := range people {
		out = append(out, p.FullName)
	}
	return out
}

// TestDeletedJournalRefusesEveryWrite is the repro of issue 11: with the app
// open, a walk-in confirmed, then DB-wal and DB-shm deleted: the next
// writes must fail loudly, not be confirmed into a file nobody will read.
func TestDeletedJournalRefusesEveryWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ev, s1, _ := seedEvent(t, st)
	if _, err := walkIn(ctx, st, ev, s1, "Before"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path + "-wal", path + "-shm"} {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"After 1", "After 2", "After 3"} {
		_, err := walkIn(ctx, st, ev, s1, name)
		if !errors.Is(err, ErrFileReplaced) {
			t.Fatalf("%s: err = %v, want ErrFileReplaced", name, err)
		}
		for _, want := range []string{"c.db-wal", "deleted", "convene check", "convene backup", "snapshots"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("the message does not say %q: %s", want, err)
			}
		}
	}
	if _, err := st.CheckIn(ctx, "x", s1.ID, "d"); !errors.Is(err, ErrFileReplaced) {
		t.Errorf("another kind of write: %v", err)
	}
	if _, err := st.Checkpoint(ctx); !errors.Is(err, ErrFileReplaced) {
		t.Errorf("checkpoint: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	// after quitting: the walk-in confirmed before the deletion is there
	// (SQLite copied the deleted WAL, still open, into the file at close),
	// and none of the refused ones
	got := names(t, path)
	if strings.Join(got, ",") != "Before" {
		t.Errorf("after quitting, the file holds %v, want [Before]", got)
	}
}

// TestJournalReplacedDuringAWrite: the WAL is deleted while a transaction
// is open, so its commit goes into the deleted file: the write is committed
// by SQLite but must not be acknowledged.
func TestJournalReplacedDuringAWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	seedEvent(t, st)
	err = st.write(ctx, func(tx *sql.Tx) error {
		if err := setSetting(ctx, tx, "k", "v"); err != nil {
			return err
		}
		os.Remove(path + "-wal")
		// another process opening the file now makes a new, empty journal
		return os.WriteFile(path+"-wal", nil, 0o600)
	})
	if !errors.Is(err, ErrFileReplaced) || !strings.Contains(err.Error(), "replaced") {
		t.Fatalf("err = %v, want ErrFileReplaced", err)
	}
	if _, err := st.SetSetting(ctx, "k", "w"); !errors.Is(err, ErrFileReplaced) {
		t.Errorf("a later write: %v", err)
	}
}

// TestDatabaseFileMovedKeepsWhatWasConfirmed: the file moved away while the
// app runs (to a USB stick, say): later writes are refused, and what was
// confirmed before ends up in the moved file when the app quits.
func TestDatabaseFileMovedKeepsWhatWasConfirmed(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ev, s1, _ := seedEvent(t, st)
	if _, err := walkIn(ctx, st, ev, s1, "Before"); err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(dir, "moved.db")
	if err := os.Rename(path, moved); err != nil {
		t.Fatal(err)
	}
	if _, err := walkIn(ctx, st, ev, s1, "After"); !errors.Is(err, ErrFileReplaced) {
		t.Fatalf("err = %v, want ErrFileReplaced", err)
	}
	if err := st.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s left behind", filepath.Base(f))
		}
	}
	if got := names(t, moved); strings.Join(got, ",") != "Before" {
		t.Errorf("the moved file holds %v, want [Before]", got)
	}
}

func TestDatabaseFileReplacedRefusesWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ev, s1, _ := seedEvent(t, st)
	// a restore over the running app: another file moved into place
	other := filepath.Join(dir, "other.db")
	if err := st.Backup(ctx, other); err != nil {
		t.Fatal(err)
	}
	if _, err := walkIn(ctx, st, ev, s1, "Old file only"); err != nil { // in the old file's WAL
		t.Fatal(err)
	}
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	if _, err := walkIn(ctx, st, ev, s1, "Ann"); !errors.Is(err, ErrFileReplaced) || !strings.Contains(err.Error(), "c.db was moved") {
		t.Fatalf("err = %v, want ErrFileReplaced", err)
	}
	// quitting leaves the restored file intact: the old file's WAL is not
	// left behind to be read with it
	st.Close()
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("the replaced file's WAL was left next to the new file")
	}
	st2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if r, err := st2.Check(ctx); err != nil || !r.OK() {
		t.Errorf("the restored file: %+v %v", r, err)
	}
	if got := names(t, path); len(got) != 0 {
		t.Errorf("the restored file holds %v", got)
	}
}

// TestCheckpointMakesTheFileComplete: a copy of the .db file alone (as
// someone copying it to a USB stick while the app runs) holds every
// committed change once the WAL has been checkpointed, and not before.
func TestCheckpointMakesTheFileComplete(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ev, s1, _ := seedEvent(t, st)
	copyDB := func(name string) string {
		t.Helper()
		dst := filepath.Join(dir, name)
		in, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer in.Close()
		out, err := os.Create(dst)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, in); err != nil {
			t.Fatal(err)
		}
		out.Close()
		return dst
	}
	if _, err := st.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"Ann", "Bob", "Cem"} {
		if _, err := walkIn(ctx, st, ev, s1, n); err != nil {
			t.Fatal(err)
		}
	}
	if got := names(t, copyDB("before.db")); len(got) != 0 {
		t.Errorf("the copy taken before the checkpoint has %v (the walk-ins were expected in the WAL only)", got)
	}
	done, err := st.Checkpoint(ctx)
	if err != nil || !done {
		t.Fatalf("checkpoint: done %v, %v", done, err)
	}
	if got := names(t, copyDB("after.db")); len(got) != 3 {
		t.Errorf("the copy taken after the checkpoint has %v, want the 3 walk-ins", got)
	}
	// and writing goes on normally after a checkpoint
	if _, err := walkIn(ctx, st, ev, s1, "Dana"); err != nil {
		t.Fatal(err)
	}
}
