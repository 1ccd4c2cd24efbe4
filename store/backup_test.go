package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"convene/model"
)

func TestBackupCheckAndSnapshots(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	if _, err := st.LoadDataset(ctx, model.Demo(fixedNow, NewID)); err != nil {
		t.Fatal(err)
	}
	r, err := st.Check(ctx)
	if err != nil || !r.OK() {
		t.Fatalf("check: %+v %v", r, err)
	}
	bk := filepath.Join(t.TempDir(), "copy.db")
	if err := st.Backup(ctx, bk); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, bk); !errors.Is(err, ErrDuplicate) {
		t.Errorf("overwrote a backup: %v", err)
	}
	cp, err := Open(ctx, bk)
	if err != nil {
		t.Fatal(err)
	}
	people, _ := cp.Participants(ctx, mustCurrent(t, cp).Event.ID)
	cp.Close()
	if len(people) != 120 {
		t.Errorf("backup has %d participants", len(people))
	}
	for i := range 7 {
		if _, err := st.Snapshot(ctx, fixedNow.Add(time.Duration(i)*time.Second), 5); err != nil {
			t.Fatal(err)
		}
	}
	snaps, _ := filepath.Glob(filepath.Join(SnapshotDir(st.Path()), "*.db"))
	if len(snaps) != 5 {
		t.Errorf("%d snapshots kept, want 5", len(snaps))
	}
	if fi, _ := os.Stat(snaps[0]); fi.Mode().Perm() != 0o600 {
		t.Errorf("snapshot mode %v", fi.Mode().Perm())
	}
	if BackupName("/d/convene.db", fixedNow) != "/d/convene-backup-2026-11-27-080000.db" {
		t.Errorf("backup name %s", BackupName("/d/convene.db", fixedNow))
	}
}

func mustCurrent(t *testing.T, st *Store) model.Current {
	t.Helper()
	c, err := st.Current(context.Background(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTwoConnectionsSeeEachOther: a second convene on the same file sees
// the first one's changes through data_version.
func TestTwoConnectionsSeeEachOther(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	va, _ := a.DataVersion(ctx)
	vb, _ := b.DataVersion(ctx)
	created, err := a.CreateEvent(ctx, model.Event{Name: "E"}, model.Session{})
	if err != nil {
		t.Fatal(err)
	}
	ev, s1 := created.Current.Event, created.Current.Session
	if v, _ := a.DataVersion(ctx); v != va {
		t.Errorf("own write changed a's data_version")
	}
	vb2, _ := b.DataVersion(ctx)
	if vb2 == vb {
		t.Fatal("b did not notice a's write")
	}
	if c := mustCurrent(t, b); c.Event.ID != ev.ID {
		t.Errorf("b sees %+v", c.Event)
	}
	walk, _ := b.AddWalkIn(ctx, model.Participant{EventID: ev.ID, FullName: "Ann"}, s1.ID, "desk-b")
	p := walk.Participant
	if v, _ := a.DataVersion(ctx); v == va {
		t.Error("a did not notice b's write")
	}
	here, _ := a.Attendance(ctx, s1.ID)
	if _, ok := here[p.ID]; !ok {
		t.Error("a does not see b's check-in")
	}
}

// TestDiskFull fills the database to its page limit: the write fails with
// ErrDiskFull, and nothing of the failed transaction is left.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	ev, s1, _ := seedEvent(t, st)
	var pages int
	if err := st.w.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := st.w.ExecContext(ctx, "PRAGMA max_page_count = "+itoa(pages)); err != nil {
		t.Fatal(err)
	}
	var lastErr error
	for i := range 200 {
		p := model.Participant{EventID: ev.ID, FullName: "Person " + itoa(i), Notes: longText(2000)}
		if _, err := st.AddWalkIn(ctx, p, s1.ID, "d"); err != nil {
			lastErr = err
			break
		}
	}
	if !errors.Is(lastErr, ErrDiskFull) {
		t.Fatalf("want ErrDiskFull, got %v", lastErr)
	}
	people, _ := st.Participants(ctx, ev.ID)
	here, _ := st.Attendance(ctx, s1.ID)
	if len(people) != len(here) {
		t.Errorf("half a walk-in: %d people, %d checked in", len(people), len(here))
	}
	if r, _ := st.Check(ctx); !r.OK() {
		t.Errorf("damaged after disk full: %+v", r)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func longText(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + byte(i%26)
	}
	return string(b)
}

func TestWaitChangeWakesOnAnotherConnectionsCommit(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	v0, _ := a.DataVersion(ctx)
	got := make(chan int64, 1)
	go func() {
		v, err := a.WaitChange(ctx, v0)
		if err != nil {
			t.Error(err)
		}
		got <- v
	}()
	select {
	case <-got:
		t.Fatal("woke with no change")
	case <-time.After(200 * time.Millisecond):
	}
	if _, err := b.SetSetting(ctx, "k", "v"); err != nil {
		t.Fatal(err)
	}
	select {
	case v := <-got:
		if v == v0 {
			t.Fatal("woke with the same version")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("another connection's commit did not wake the watcher")
	}
	// its own writes do not wake it
	v1, _ := a.DataVersion(ctx)
	ctx2, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	go func() { _, _ = a.SetSetting(ctx, "k", "w") }()
	if _, err := a.WaitChange(ctx2, v1); err == nil {
		t.Fatal("its own write woke the watcher")
	}
}

// TestSnapshotSkippedWhenNothingChanged: a start-up snapshot is taken only
// when the database changed since the newest one.
func TestSnapshotSkippedWhenNothingChanged(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	session := func(write bool, at time.Time) string {
		t.Helper()
		st, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		snap, err := st.Snapshot(ctx, at, 5)
		if err != nil {
			t.Fatal(err)
		}
		if write {
			if _, err := st.SetSetting(ctx, "k", at.String()); err != nil {
				t.Fatal(err)
			}
		}
		return snap
	}
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadDataset(ctx, model.Demo(fixedNow, NewID)); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if session(false, fixedNow) == "" {
		t.Fatal("no first snapshot")
	}
	if snap := session(false, fixedNow.Add(time.Minute)); snap != "" {
		t.Errorf("a snapshot of an unchanged database: %s", snap)
	}
	if snap := session(true, fixedNow.Add(2*time.Minute)); snap != "" {
		t.Errorf("a snapshot of an unchanged database: %s", snap)
	}
	// the last session wrote: the next one takes a snapshot
	if session(false, fixedNow.Add(3*time.Minute)) == "" {
		t.Error("no snapshot after a change")
	}
	os.RemoveAll(SnapshotDir(path))
	if session(false, fixedNow.Add(4*time.Minute)) == "" {
		t.Error("no snapshot when the snapshots were deleted")
	}
}
