package store

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrBadBackup: the file given to Restore is not a usable convene database
// (the error says why); nothing was changed.
var ErrBadBackup = errors.New("not a usable convene backup") //i18n:key

// RestoreResult says what Restore did.
type RestoreResult struct {
	// Previous is where the database that was replaced went (a rolling
	// snapshot), empty when there was none.
	Previous string
	Version  int // the restored file's schema version
}

// Restore replaces the database at c's path (claimed exclusively) by the
// convene database read from src — a backup, already decrypted by the
// caller. The copy is written next to the database and checked (a convene
// database, intact, not from a newer convene) before anything else changes:
// a bad or truncated source changes nothing. The database it replaces is
// kept as a rolling snapshot. A locked database is refused (unlock it
// first).
func Restore(ctx context.Context, c *Claim, src io.Reader, now time.Time) (RestoreResult, error) {
	var res RestoreResult
	path := c.Path()
	if !c.Exclusive() {
		return res, errorf("restore %s: not claimed exclusively: %w", path, ErrInUse)
	}
	if err := LockState(path); err != nil {
		return res, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return res, errorf("restore: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".convene-restore-*.db")
	if err != nil {
		return res, errorf("restore: %w", err)
	}
	tmpPath := tmp.Name()
	fail := func(err error) (RestoreResult, error) {
		tmp.Close()
		wipeRemove(tmpPath) //nolint:errcheck // best effort
		for _, j := range []string{tmpPath + "-wal", tmpPath + "-shm"} {
			os.Remove(j)
		}
		return res, err
	}
	if err := tmp.Chmod(0o600); err != nil && !errors.Is(err, fs.ErrPermission) {
		return fail(errorf("restore: %w", err))
	}
	if _, err := io.Copy(tmp, src); err != nil {
		return fail(errorf("reading it: %w: %w", err, ErrBadBackup))
	}
	if err := tmp.Sync(); err != nil {
		return fail(errorf("restore: %w", err))
	}
	if err := tmp.Close(); err != nil {
		return fail(errorf("restore: %w", err))
	}
	if err := checkHeader(tmpPath); err != nil {
		return fail(errorf("not an SQLite file: %w: %w", ErrNotConvene, ErrBadBackup))
	}
	if res.Version, err = inspect(ctx, tmpPath, true); err != nil {
		return fail(errorf("%w: %w", err, ErrBadBackup))
	}
	if res.Version == 0 {
		return fail(errorf("an empty database: %w: %w", ErrNotConvene, ErrBadBackup))
	}
	if exists(path) {
		if res.Previous, err = keepAside(ctx, path, now); err != nil {
			return fail(err)
		}
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return fail(errorf("restore: %w", err))
	}
	syncDir(filepath.Dir(path))
	return res, nil
}

// keepAside copies the database into the rolling snapshots before it is
// replaced, with its WAL if it could not be checkpointed (a damaged
// file), and removes its WAL and index, which would otherwise be read
// into the file that replaces it.
func keepAside(ctx context.Context, path string, now time.Time) (string, error) {
	if err := checkpointTruncate(ctx, path); errors.Is(err, ErrInUse) {
		return "", err
	}
	dir := SnapshotDir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", errorf("restore: %w", err)
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	snap := filepath.Join(dir, base+"-"+now.UTC().Format("20060102-150405.000")+".db")
	if err := copyFile(path, snap); err != nil {
		return "", errorf("restore: keeping the current database: %w", err)
	}
	if exists(path + "-wal") {
		if err := os.Rename(path+"-wal", snap+"-wal"); err != nil {
			return "", errorf("restore: %w", err)
		}
	}
	if err := os.Remove(path + "-shm"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", errorf("restore: %w", err)
	}
	syncDir(dir)
	return snap, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// BackupTo writes a consistent copy of the database to w: VACUUM INTO a
// temporary file next to the database (where the plain data already is,
// never next to the destination, which may be a USB stick), copied to w,
// then overwritten and removed.
func (s *Store) BackupTo(ctx context.Context, w io.Writer) error {
	tmp, err := os.CreateTemp(filepath.Dir(s.path), ".convene-backup-*.db")
	if err != nil {
		return errorf("backup: %w", err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	os.Remove(tmpPath)        // VACUUM INTO wants a new file
	defer wipeRemove(tmpPath) //nolint:errcheck // best effort
	if err := s.Backup(ctx, tmpPath); err != nil {
		return err
	}
	f, err := os.Open(tmpPath)
	if err != nil {
		return errorf("backup: %w", err)
	}
	defer f.Close()
	if _, err := io.Copy(w, f); err != nil {
		return errorf("backup: %w", err)
	}
	return nil
}
