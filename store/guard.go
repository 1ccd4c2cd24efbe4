package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"modernc.org/sqlite"
)

// fileGuard remembers which files the writer opened — the database, its
// WAL and the WAL index (-shm) — so that a write is acknowledged only while
// they are still the files on disk. If someone deletes or replaces them
// while convene runs (rm convene.db-wal, a sync tool, a restore over the
// running app), SQLite goes on writing into files nobody will read again:
// every commit from then on would be lost at exit. Two or three stat calls
// per check (microseconds, a commit with synchronous=FULL takes ~0.5 ms).
// Guarded by Store.wlock.
type fileGuard struct {
	db, wal, shm os.FileInfo
	err          error // set once: every later write fails with it
	journalGone  bool  // the WAL or its index is no longer the store's
	dbGone       bool  // the database file is no longer the store's
}

// stat returns a file's identity, loaded at once (on Windows os.SameFile
// would otherwise read it from the path later).
func stat(path string) (os.FileInfo, error) {
	fi, err := os.Stat(path)
	if err == nil {
		os.SameFile(fi, fi)
	}
	return fi, err
}

// record notes the files as the store opened them. The WAL and its index
// exist from the writer's first read of a WAL database; a file only created
// by a later write is adopted by check.
func (g *fileGuard) record(path string) error {
	var err error
	if g.db, err = stat(path); err != nil {
		return errorf("open %s: %w", path, err)
	}
	g.wal, _ = stat(path + "-wal")
	g.shm, _ = stat(path + "-shm")
	return nil
}

// removeStaleJournal deletes, after the store closed, this store's WAL and
// WAL index when the database file was replaced under it: SQLite leaves them
// (it does not checkpoint a moved database at close), and the next convene
// would read the old file's changes into the new one.
func (g *fileGuard) removeStaleJournal(path string) error {
	if !g.dbGone || g.journalGone {
		return nil
	}
	var errs []error
	for _, f := range []struct {
		suffix string
		id     os.FileInfo
	}{{"-wal", g.wal}, {"-shm", g.shm}} {
		if fi, err := os.Stat(path + f.suffix); err == nil && f.id != nil && os.SameFile(fi, f.id) {
			errs = append(errs, os.Remove(path+f.suffix))
		}
	}
	return errors.Join(errs...)
}

// keepJournal says the file at the WAL's path may no longer be the store's
// WAL (it was deleted or replaced): closing must not delete it.
func (g *fileGuard) keepJournal() bool { return g.journalGone }

// check reports ErrFileReplaced, now and for every later write, when the
// database, its WAL or its WAL index is no longer the file the store
// opened. committed says a commit has just gone into the WAL, which must
// then exist (before the first write it may legitimately be absent).
func (g *fileGuard) check(path string, committed bool) error {
	if g.err != nil {
		return g.err
	}
	if g.db == nil {
		return nil // not recorded (tests that build a Store by hand)
	}
	fail := func(err error) error {
		g.err = err
		return g.err
	}
	base := filepath.Base(path)
	if fi, err := os.Stat(path); err != nil || !os.SameFile(fi, g.db) {
		g.dbGone = true
		return fail(errorf("%s was moved, deleted or replaced while convene was running: %w", base, ErrFileReplaced))
	}
	for _, f := range []struct {
		suffix string
		id     *os.FileInfo
	}{{"-wal", &g.wal}, {"-shm", &g.shm}} {
		fi, err := os.Stat(path + f.suffix)
		switch {
		case err == nil && *f.id == nil:
			*f.id, _ = stat(path + f.suffix) // created by this store's first write
		case err == nil && !os.SameFile(fi, *f.id):
			g.journalGone = true
			return fail(errorf("%s%s (the journal of recent changes) was replaced while convene was running: %w", base, f.suffix, ErrFileReplaced))
		case errors.Is(err, fs.ErrNotExist) && (*f.id != nil || committed):
			g.journalGone = true
			return fail(errorf("%s%s (the journal of recent changes) was deleted while convene was running: %w", base, f.suffix, ErrFileReplaced))
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			g.journalGone = true
			return fail(errorf("%s%s cannot be checked (%v): %w", base, f.suffix, err, ErrFileReplaced))
		}
	}
	return nil
}

// checkExisting refuses, without creating or modifying anything, a path
// that does not exist, is a folder or is not an SQLite file.
func checkExisting(path string) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errorf("no database at %s: %w", path, ErrNotFound)
	case err != nil:
		return errorf("open %s: %w", path, err)
	case st.IsDir():
		return errorf("%s is a folder: %w", path, ErrNotConvene)
	}
	return checkHeader(path)
}

// Checkpoint copies the WAL's committed changes into the database file, so
// that a plain copy of the .db file taken at a quiet moment is complete. It
// is PRAGMA wal_checkpoint(PASSIVE): it never waits for, nor blocks, another
// window's readers or writers, and copies every change no open read still
// needs — at an idle moment, all of them; the next write then starts the WAL
// over from its beginning, so it does not grow. (TRUNCATE would also empty
// the file, but must wait for every reader and holds the write lock while it
// does, which would hold up a check-in in another window.) done reports that
// everything was copied. Close checkpoints; the app also calls Checkpoint
// after a few idle seconds. A read-only store has nothing to checkpoint.
func (s *Store) Checkpoint(ctx context.Context) (done bool, err error) {
	if s.w == nil {
		return true, nil
	}
	unlock, err := s.lockWrites(ctx)
	if err != nil {
		return false, err
	}
	defer unlock()
	return s.checkpointLocked(ctx)
}

func (s *Store) checkpointLocked(ctx context.Context) (done bool, err error) {
	if err := s.files.check(s.path, false); err != nil {
		return false, err
	}
	if s.damaged() {
		return false, s.verify.err
	}
	var busy, frames, copied int
	if err := s.w.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied); err != nil {
		return false, errorf("checkpoint: %w", mapErr(err))
	}
	return busy == 0 && frames == copied, nil
}

// keepWAL tells SQLite not to delete the WAL when the writer closes: after
// the WAL was deleted or replaced, the file at that path may be another
// process's journal. (When only the database file was replaced, the WAL at
// the path is still this store's and belongs to the old file: that
// journal is removed by removeStaleJournal.)
func (s *Store) keepWAL() {
	conn, err := s.w.Conn(context.Background())
	if err != nil {
		return
	}
	defer conn.Close()
	_ = conn.Raw(func(dc any) error {
		if fc, ok := dc.(sqlite.FileControl); ok {
			_, err := fc.FileControlPersistWAL("main", 1)
			return err
		}
		return nil
	})
}
