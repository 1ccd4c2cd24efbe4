package store

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"convene/model"
)

// holdChild takes the write lock of CONVENE_CRASH_DB (BEGIN IMMEDIATE, as
// an import in progress or a paused process does), says "holding", and
// keeps it until its standard input closes.
func holdChild() error {
	ctx := context.Background()
	db, err := sql.Open("sqlite", dsn(os.Getenv("CONVENE_CRASH_DB"), pragmas...))
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "UPDATE settings SET value = value"); err != nil {
		return err
	}
	ack := acker()
	ack("holding")
	io.Copy(io.Discard, os.Stdin) //nolint:errcheck // until the parent closes it
	_, err = conn.ExecContext(ctx, "ROLLBACK")
	return err
}

// holdLock starts a child process that holds the database's write lock
// until release is called.
func holdLock(t *testing.T, db string) (release func()) {
	t.Helper()
	c := startChild(t, "hold", "CONVENE_CRASH_DB="+db)
	for line := range c.lines {
		if line == "holding" {
			break
		}
		if strings.HasPrefix(line, "err") {
			t.Fatalf("holder: %s", line)
		}
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			c.stdin.Close()
			if err := c.cmd.Wait(); err != nil {
				t.Errorf("holder: %v", err)
			}
		})
	}
	t.Cleanup(release)
	return release
}

func noLockedError(t *testing.T, err error) {
	t.Helper()
	if err != nil && (strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "SQLITE_BUSY")) {
		t.Errorf("a raw lock error reached the caller: %v", err)
	}
}

// TestReadsDoNotWaitForAWriter: while another process holds the write lock
// (an import in progress), a read-only open and its reads — and a normal
// open of an up-to-date file — succeed at once: they never take the lock.
func TestReadsDoNotWaitForAWriter(t *testing.T) {
	ctx := context.Background()
	db := seedCrashDB(t)
	holdLock(t, db)

	start := time.Now()
	ro, err := OpenReadOnly(ctx, db)
	if err != nil {
		t.Fatalf("read-only open while a writer holds the lock: %v", err)
	}
	cur, err := ro.Current(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ro.AttendanceTable(ctx, cur.Event.ID, cur.Sessions)
	if err != nil || len(rows) != 120 {
		t.Fatalf("attendance: %d rows, %v", len(rows), err)
	}
	if _, err := ro.TopicsWithActions(ctx, cur.Event.ID); err != nil {
		t.Fatal(err)
	}
	if r, err := ro.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v %v", r, err)
	}
	took := time.Since(start)
	if !raceEnabled && took > waitRound {
		t.Errorf("read-only open and reads took %v: they waited for the writer", took)
	}
	if _, err := ro.SetSetting(ctx, "k", "v"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a write on a read-only store: %v", err)
	}
	if done, err := ro.Checkpoint(ctx); !done || err != nil {
		t.Errorf("checkpoint of a read-only store: %v %v", done, err)
	}
	ro.Close()

	rw, err := Open(ctx, db) // up to date: no migration, no lock
	if err != nil {
		t.Fatalf("open while a writer holds the lock: %v", err)
	}
	rw.Close()
}

// TestWriteWaitsReportsAndCancels: a write behind another process's write
// lock reports that it waits within a second, keeps waiting, and returns a
// clean context error when cancelled — never "database is locked".
func TestWriteWaitsReportsAndCancels(t *testing.T) {
	ctx := context.Background()
	db := seedCrashDB(t)
	st, err := Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cur := mustCurrent(t, st)
	holdLock(t, db)

	// cancelled by the user after the first "waiting" notice
	wctx, cancel := context.WithCancel(ctx)
	var notices []time.Duration
	start := time.Now()
	var firstNotice time.Duration
	wctx = WithWaiting(wctx, func(waited time.Duration) {
		if len(notices) == 0 {
			firstNotice = time.Since(start)
		}
		notices = append(notices, waited)
		if len(notices) == 3 {
			cancel()
		}
	})
	_, err = st.AddWalkIn(wctx, model.Participant{EventID: cur.Event.ID, FullName: "Waiting Walk-in"}, cur.Session.ID, "d")
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrBusy) {
		t.Fatalf("cancelled write: %v, want a context.Canceled error", err)
	}
	noLockedError(t, err)
	if len(notices) != 3 || notices[0] <= 0 || notices[2] <= notices[0] {
		t.Errorf("waiting notices %v, want 3 growing ones", notices)
	}
	if !raceEnabled && firstNotice > 1500*time.Millisecond {
		t.Errorf("the first waiting notice came after %v, want within about a second", firstNotice)
	}

	// a deadline ends the wait the same way
	dctx, dcancel := context.WithTimeout(ctx, 2*waitRound)
	defer dcancel()
	_, err = st.VoteTopic(dctx, "no-matter", 1)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("write past its deadline: %v", err)
	}
	noLockedError(t, err)

	// a context that cannot be cancelled gives up after maxWaitUncancellable
	// with ErrBusy and a clear message
	defer func(d time.Duration) { maxWaitUncancellable = d }(maxWaitUncancellable)
	maxWaitUncancellable = 2 * waitRound
	_, err = st.SetSetting(context.Background(), "k", "v")
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another convene window or an import") {
		t.Errorf("uncancellable write: %v, want ErrBusy", err)
	}
	noLockedError(t, err)

	// nothing of the refused writes was written
	people, _ := st.Participants(ctx, cur.Event.ID)
	for _, p := range people {
		if p.FullName == "Waiting Walk-in" {
			t.Error("the cancelled walk-in was written")
		}
	}
	if v, _ := st.Setting(ctx, "k"); v != "" {
		t.Error("the refused setting was written")
	}
}

// TestWriteWaitsThenSucceeds: when the other writer finishes, the waiting
// write goes through.
func TestWriteWaitsThenSucceeds(t *testing.T) {
	ctx := context.Background()
	db := seedCrashDB(t)
	st, err := Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cur := mustCurrent(t, st)
	release := holdLock(t, db)
	n := 0
	wctx := WithWaiting(ctx, func(time.Duration) {
		if n++; n == 2 {
			go release()
		}
	})
	wctx, cancel := context.WithTimeout(wctx, time.Minute)
	defer cancel()
	ch, err := st.AddWalkIn(wctx, model.Participant{EventID: cur.Event.ID, FullName: "Patient"}, cur.Session.ID, "d")
	if err != nil {
		t.Fatalf("write after the other writer finished: %v", err)
	}
	if n < 2 {
		t.Errorf("%d waiting notices, want at least 2", n)
	}
	if here, _ := st.Attendance(ctx, cur.Session.ID); here[ch.Participant.ID].IsZero() {
		t.Error("the walk-in is not checked in")
	}
}

// TestWritesOfOneProcessWaitTheirTurn: a write behind another write of the
// same process (one store shared by several desks) reports waiting and can
// be cancelled too.
func TestWritesOfOneProcessWaitTheirTurn(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	unlock, err := st.lockWrites(ctx) // a long write in progress
	if err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithCancel(ctx)
	waited := 0
	wctx = WithWaiting(wctx, func(time.Duration) { waited++; cancel() })
	_, err = st.SetSetting(wctx, "k", "v")
	if !errors.Is(err, context.Canceled) || waited != 1 {
		t.Errorf("write behind another: %v after %d notices", err, waited)
	}
	unlock()
	if _, err := st.SetSetting(ctx, "k", "v"); err != nil {
		t.Errorf("write after the other finished: %v", err)
	}
}
