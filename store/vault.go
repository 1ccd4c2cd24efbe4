package store

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"filippo.io/age"
)

// Locking a database between venues: Lock replaces the database file and
// its rolling snapshots by one age-encrypted file (a tar archive of them:
// `age -d convene.db.age | tar x` gives them back by hand), Unlock brings
// them back. Both keep, at every moment, the plain or the encrypted copy
// complete (never neither), with a marker file that says which operation
// was under way:
//
//	lock:   checkpoint → marker "lock" → DB.age.tmp written and synced →
//	        renamed to DB.age → plain files removed → marker removed
//	unlock: DB.age decrypted into DB-unlocking/ and checked → marker
//	        "unlock" → files moved into place → DB.age removed → marker removed
//
// With the marker "lock", DB.age exists only complete (it appears by a
// rename after a sync): if it exists the encrypted copy is the database
// and what is left of the plain files goes, else the plain files are
// untouched and the temporary file goes. With "unlock", DB-unlocking/ was
// complete and checked before the marker was written: what is left in it is
// moved into place. Lock and Unlock first finish an interrupted operation
// this way (recoverLock); while the marker is there, nothing opens the
// database.

// LockedPath is the encrypted file of a locked database.
func LockedPath(dbPath string) string { return dbPath + ".age" }

func lockTmpPath(dbPath string) string  { return dbPath + ".age.tmp" }
func unlockDir(dbPath string) string    { return dbPath + "-unlocking" }
func lockMarkPath(dbPath string) string { return dbPath + "-locking" }

// Lock marker contents.
const (
	markLock   = "lock"
	markUnlock = "unlock"
)

// ErrLocked: the database is locked (encrypted); `convene unlock` opens it.
var ErrLocked = errors.New("the database is locked") //i18n:key

// LockedError says that the database at Path is locked, or that a lock or
// unlock was interrupted (Interrupted is then "lock" or "unlock": running
// that command again finishes it).
type LockedError struct {
	Path        string
	Interrupted string
}

func (e *LockedError) Error() string {
	if e.Interrupted != "" {
		return fmt.Sprintf("%s: a `convene %s` was interrupted; run it again to finish: %s", e.Path, e.Interrupted, ErrLocked)
	}
	return fmt.Sprintf("%s is locked (encrypted in %s); `convene unlock` opens it: %s", e.Path, filepath.Base(LockedPath(e.Path)), ErrLocked)
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// LockState tells whether the database at path is locked (or a lock or an
// unlock was interrupted): nil when it is not.
func LockState(path string) error {
	if mark, err := os.ReadFile(lockMarkPath(path)); err == nil {
		return &LockedError{Path: path, Interrupted: strings.TrimSpace(string(mark))}
	}
	if !exists(LockedPath(path)) {
		return nil
	}
	if exists(path) {
		return nil // a file of that name that is not ours: the plain database is the one
	}
	return &LockedError{Path: path}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// LockStep is a point in Lock or Unlock, for progress and tests.
type LockStep string

// The steps of Lock and Unlock, in order.
const (
	StepCheckpoint LockStep = "checkpoint"
	StepMark       LockStep = "mark"
	StepEncrypt    LockStep = "encrypt"
	StepVerify     LockStep = "verify"
	StepRename     LockStep = "rename"
	StepRemove     LockStep = "remove" // one per plain file removed
	StepUnmark     LockStep = "unmark"
	StepDecrypt    LockStep = "decrypt"
	StepCheck      LockStep = "check"
	StepMove       LockStep = "move" // one per file moved into place
	StepDone       LockStep = "done"
)

// LockOptions are Lock's and Unlock's knobs.
type LockOptions struct {
	// Step is called at each step (progress; tests kill the process there).
	Step func(LockStep)
	// Verify, given to Lock, decrypts the written file with these
	// identities and compares it with the plain files before removing them
	// (a passphrase: its scrypt identity).
	Verify []age.Identity
}

func (o LockOptions) step(s LockStep) {
	if o.Step != nil {
		o.Step(s)
	}
}

// LockResult says what Lock or Unlock moved.
type LockResult struct {
	Path      string // the encrypted file (Lock) or the database (Unlock)
	Snapshots int    // rolling snapshots that went inside it or came back
	Finished  string // "lock" or "unlock": an interrupted operation finished first
}

// Lock replaces the database at path, its WAL and its rolling snapshots by
// one file encrypted to recipients (LockedPath). The caller holds the
// exclusive claim c on path. The database is checkpointed first; another
// program that still has it open (sqlite3) makes that fail with ErrInUse.
func Lock(ctx context.Context, c *Claim, recipients []age.Recipient, o LockOptions) (LockResult, error) {
	path := c.Path()
	res := LockResult{Path: LockedPath(path)}
	if !c.Exclusive() {
		return res, errorf("lock %s: not claimed exclusively: %w", path, ErrInUse)
	}
	if len(recipients) == 0 {
		return res, errorf("lock %s: no passphrase or recipient: %w", path, ErrInvalid)
	}
	finished, err := recoverLock(path)
	if err != nil {
		return res, err
	}
	res.Finished = finished
	if err := LockState(path); err != nil {
		return res, err // already locked
	}
	if exists(LockedPath(path)) {
		return res, errorf("lock %s: %s already exists (not made by convene lock): move it away first: %w",
			path, LockedPath(path), ErrDuplicate)
	}
	if err := checkExisting(path); err != nil {
		return res, err
	}
	if _, err := inspect(ctx, path, true); err != nil {
		return res, err
	}
	o.step(StepCheckpoint)
	if err := checkpointTruncate(ctx, path); err != nil {
		return res, err
	}
	files, err := lockFiles(path)
	if err != nil {
		return res, err
	}
	res.Snapshots = len(files) - 1
	if err := removeStaleCopies(path); err != nil {
		return res, err
	}

	o.step(StepMark)
	if err := writeSynced(lockMarkPath(path), []byte(markLock)); err != nil {
		return res, errorf("lock %s: %w", path, err)
	}
	undo := func(err error) (LockResult, error) {
		os.Remove(lockTmpPath(path))
		os.Remove(lockMarkPath(path))
		syncDir(filepath.Dir(path))
		return res, err
	}
	o.step(StepEncrypt)
	sums, err := writeLocked(lockTmpPath(path), files, recipients)
	if err != nil {
		return undo(errorf("lock %s: %w", path, err))
	}
	if len(o.Verify) > 0 {
		o.step(StepVerify)
		if err := verifyLocked(lockTmpPath(path), sums, o.Verify); err != nil {
			return undo(errorf("lock %s: the encrypted file does not read back: %w", path, err))
		}
	}
	o.step(StepRename)
	if err := os.Rename(lockTmpPath(path), LockedPath(path)); err != nil {
		return undo(errorf("lock %s: %w", path, err))
	}
	syncDir(filepath.Dir(path))
	// from here the encrypted copy is the database
	if err := removePlain(path, files, o); err != nil {
		return res, err
	}
	o.step(StepUnmark)
	if err := removeSynced(lockMarkPath(path)); err != nil {
		return res, err
	}
	o.step(StepDone)
	return res, nil
}

// lockedFile is one file that goes into the locked archive.
type lockedFile struct {
	path string // on disk
	name string // in the archive: the database's base name, or snapshots/NAME
}

// lockFiles lists the database and its rolling snapshots.
func lockFiles(path string) ([]lockedFile, error) {
	files := []lockedFile{{path: path, name: filepath.Base(path)}}
	snaps, err := snapshotFiles(path)
	if err != nil {
		return nil, err
	}
	for _, s := range snaps {
		files = append(files, lockedFile{path: s, name: "snapshots/" + filepath.Base(s)})
	}
	return files, nil
}

// snapshotFiles lists the database's rolling snapshots, oldest first.
func snapshotFiles(path string) ([]string, error) {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	snaps, err := filepath.Glob(filepath.Join(SnapshotDir(path), globEscape(base)+"-*.db"))
	if err != nil {
		return nil, err
	}
	sort.Strings(snaps)
	return snaps, nil
}

func globEscape(s string) string {
	r := strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`)
	if filepath.Separator == '\\' {
		return s // no escaping on Windows; such names are rare
	}
	return r.Replace(s)
}

// checkpointTruncate copies the WAL into the database file and closes it,
// so that the file alone is the whole database; SQLite removes the WAL and
// its index when the last connection closes. Another program still holding
// the file open is ErrInUse.
func checkpointTruncate(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", dsn(path, "_pragma=busy_timeout(2000)"))
	if err != nil {
		return errorf("checkpoint %s: %w", path, mapErr(err))
	}
	var busy, frames, copied int
	err = db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &frames, &copied)
	cerr := db.Close()
	if err != nil {
		if errors.Is(mapErr(err), ErrBusy) {
			return &InUseError{Path: path}
		}
		return errorf("checkpoint %s: %w", path, mapErr(err))
	}
	if cerr != nil {
		return errorf("checkpoint %s: %w", path, cerr)
	}
	if busy != 0 {
		return &InUseError{Path: path}
	}
	for _, j := range []string{path + "-wal", path + "-shm"} {
		if st, err := os.Stat(j); err == nil && st.Size() > 0 && strings.HasSuffix(j, "-wal") {
			return &InUseError{Path: path} // still open elsewhere: the WAL stayed
		}
	}
	os.Remove(path + "-shm") // an empty index left behind is harmless; remove it
	os.Remove(path + "-wal")
	return nil
}

// writeLocked writes the archive of files, encrypted, to dst (created new,
// mode 0600, synced). It returns each file's SHA-256 by archive name.
func writeLocked(dst string, files []lockedFile, recipients []age.Recipient) (map[string][32]byte, error) {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	enc, err := age.Encrypt(f, recipients...)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(enc)
	sums := map[string][32]byte{}
	for _, lf := range files {
		if err := addToTar(tw, lf, sums); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	if err := f.Sync(); err != nil {
		return nil, err
	}
	return sums, f.Close()
}

func addToTar(tw *tar.Writer, lf lockedFile, sums map[string][32]byte) error {
	src, err := os.Open(lf.path)
	if err != nil {
		return err
	}
	defer src.Close()
	st, err := src.Stat()
	if err != nil {
		return err
	}
	hdr := &tar.Header{Name: lf.name, Mode: 0o600, Size: st.Size(), ModTime: st.ModTime(), Typeflag: tar.TypeReg, Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(tw, h), io.LimitReader(src, st.Size())); err != nil {
		return err
	}
	sums[lf.name] = [32]byte(h.Sum(nil))
	return nil
}

// verifyLocked decrypts the archive and compares every file with sums.
func verifyLocked(path string, sums map[string][32]byte, ids []age.Identity) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := age.Decrypt(f, ids...)
	if err != nil {
		return err
	}
	tr := tar.NewReader(r)
	seen := 0
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		h := sha256.New()
		if _, err := io.Copy(h, tr); err != nil {
			return err
		}
		want, ok := sums[hdr.Name]
		if !ok || !bytes.Equal(want[:], h.Sum(nil)) {
			return errorf("%s differs", hdr.Name)
		}
		seen++
	}
	if seen != len(sums) {
		return errorf("%d of %d files", seen, len(sums))
	}
	return nil
}

// removePlain removes the plain files once the encrypted copy is in place:
// each is overwritten with zeros first (which helps on a spinning disk;
// flash storage may keep the old blocks anyway), then deleted.
func removePlain(path string, files []lockedFile, o LockOptions) error {
	var errs []error
	for i := len(files) - 1; i >= 0; i-- { // the database last
		o.step(StepRemove)
		errs = append(errs, wipeRemove(files[i].path))
	}
	for _, j := range []string{path + "-wal", path + "-shm"} {
		if err := os.Remove(j); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	os.Remove(snapshotMark(path)) // what the newest snapshot was taken of: no personal data
	os.Remove(SnapshotDir(path))  // only if empty: other databases' snapshots stay
	syncDir(filepath.Dir(path))
	if err := errors.Join(errs...); err != nil {
		return errorf("lock %s: the encrypted copy is complete, but removing the plain files failed (run `convene lock` again): %w", path, err)
	}
	return nil
}

// wipeRemove overwrites a file with zeros, syncs it and deletes it. A file
// already gone is fine.
func wipeRemove(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err == nil {
		if st, err := f.Stat(); err == nil {
			zero := make([]byte, 64<<10)
			for left := st.Size(); left > 0; {
				n := min(left, int64(len(zero)))
				if _, err := f.Write(zero[:n]); err != nil {
					break
				}
				left -= n
			}
			f.Sync() //nolint:errcheck // best effort before the delete
		}
		f.Close()
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Unlock decrypts the locked database at c's path with identities (a
// passphrase's scrypt identity, or age identities) and puts the database
// and its snapshots back. A wrong passphrase or identity changes nothing.
func Unlock(ctx context.Context, c *Claim, identities []age.Identity, o LockOptions) (LockResult, error) {
	path := c.Path()
	res := LockResult{Path: path}
	if !c.Exclusive() {
		return res, errorf("unlock %s: not claimed exclusively: %w", path, ErrInUse)
	}
	finished, err := recoverLock(path)
	if err != nil {
		return res, err
	}
	res.Finished = finished
	if finished == markUnlock {
		return res, nil // the interrupted unlock is now complete
	}
	if LockState(path) == nil {
		return res, errorf("%s is not locked: %w", path, ErrNotLocked)
	}
	if len(identities) == 0 {
		return res, &LockedError{Path: path} // the caller asks for the passphrase now
	}
	o.step(StepDecrypt)
	dir := unlockDir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return res, errorf("unlock %s: %w", path, err)
	}
	fail := func(err error) (LockResult, error) {
		os.RemoveAll(dir)
		return res, err
	}
	names, err := extractLocked(LockedPath(path), dir, filepath.Base(path), identities)
	if err != nil {
		return fail(err)
	}
	o.step(StepCheck)
	tmpDB := filepath.Join(dir, filepath.Base(path))
	if _, err := inspect(ctx, tmpDB, true); err != nil {
		return fail(errorf("unlock %s: the database inside %s: %w", path, LockedPath(path), err))
	}
	syncDir(dir)
	syncDir(filepath.Join(dir, "snapshots"))
	o.step(StepMark)
	if err := writeSynced(lockMarkPath(path), []byte(markUnlock)); err != nil {
		return fail(errorf("unlock %s: %w", path, err))
	}
	res.Snapshots = len(names) - 1
	if err := finishUnlock(path, o); err != nil {
		return res, err
	}
	o.step(StepDone)
	return res, nil
}

// ErrNotLocked: unlock of a database that is not locked.
var ErrNotLocked = errors.New("the database is not locked") //i18n:key

// maxLockedFile bounds one file inside a locked archive (the database and
// each snapshot): 64 GiB, far above any convene database.
const maxLockedFile = 64 << 30

// extractLocked decrypts the archive into dir; it accepts only the
// database (named base) and snapshots/NAME.db, each once, and syncs each
// file. It returns the names extracted.
func extractLocked(src, dir, base string, ids []age.Identity) ([]string, error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := age.Decrypt(f, ids...)
	if err != nil {
		return nil, &DecryptError{Path: src, Err: err}
	}
	tr := tar.NewReader(r)
	var names []string
	seen := map[string]bool{}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errorf("unlock: %s is damaged: %w", src, err)
		}
		name := hdr.Name
		ok := name == base || strings.HasPrefix(name, "snapshots/") && !strings.ContainsAny(name[len("snapshots/"):], `/\:`) &&
			strings.HasSuffix(name, ".db") && !strings.Contains(name, "..")
		if !ok || seen[name] || hdr.Typeflag != tar.TypeReg || hdr.Size < 0 || hdr.Size > maxLockedFile {
			return nil, errorf("unlock: %s holds an unexpected entry %q: %w", src, name, ErrNotConvene)
		}
		seen[name] = true
		out := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
			return nil, err
		}
		w, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(w, tr)
		if err == nil {
			err = w.Sync()
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, errorf("unlock: %s: %w", src, err)
		}
		if !hdr.ModTime.IsZero() {
			os.Chtimes(out, time.Now(), hdr.ModTime) //nolint:errcheck // cosmetic
		}
		names = append(names, name)
	}
	if !seen[base] {
		return nil, errorf("unlock: %s does not hold %s: %w", src, base, ErrNotConvene)
	}
	return names, nil
}

// DecryptError: an encrypted file could not be decrypted — a wrong
// passphrase or identity (Wrong), or not an age file at all.
type DecryptError struct {
	Path string
	Err  error
}

func (e *DecryptError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }
func (e *DecryptError) Unwrap() error { return e.Err }

// Wrong reports whether the passphrase or identities did not match.
func (e *DecryptError) Wrong() bool {
	var nm *age.NoIdentityMatchError
	return errors.As(e.Err, &nm) || errors.Is(e.Err, age.ErrIncorrectIdentity)
}

// finishUnlock moves what is in the unlock folder into place, then removes
// the encrypted file and the marker.
func finishUnlock(path string, o LockOptions) error {
	dir := unlockDir(path)
	snapsIn := filepath.Join(dir, "snapshots")
	if entries, err := os.ReadDir(snapsIn); err == nil {
		if err := os.MkdirAll(SnapshotDir(path), 0o700); err != nil {
			return errorf("unlock %s: %w", path, err)
		}
		for _, e := range entries {
			o.step(StepMove)
			if err := os.Rename(filepath.Join(snapsIn, e.Name()), filepath.Join(SnapshotDir(path), e.Name())); err != nil {
				return errorf("unlock %s: %w", path, err)
			}
		}
		syncDir(SnapshotDir(path))
	}
	tmpDB := filepath.Join(dir, filepath.Base(path))
	if exists(tmpDB) {
		o.step(StepMove)
		if err := os.Rename(tmpDB, path); err != nil {
			return errorf("unlock %s: %w", path, err)
		}
	}
	syncDir(filepath.Dir(path))
	if !exists(path) {
		return errorf("unlock %s: the database is neither in place nor in %s: %w", path, dir, ErrCorrupt)
	}
	o.step(StepRemove)
	if err := os.Remove(LockedPath(path)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return errorf("unlock %s: %w", path, err)
	}
	os.RemoveAll(dir)
	syncDir(filepath.Dir(path))
	o.step(StepUnmark)
	return removeSynced(lockMarkPath(path))
}

// recoverLock finishes a lock or unlock that was interrupted (see the
// comment at the top of this file) and removes what an interrupted one
// left half-written. It returns the operation it finished, if any.
func recoverLock(path string) (string, error) {
	os.Remove(lockMarkPath(path) + ".new") // a marker never put in place: nothing was started
	mark, err := os.ReadFile(lockMarkPath(path))
	if m := strings.TrimSpace(string(mark)); err == nil && m != markLock && m != markUnlock &&
		(strings.HasPrefix(markLock, m) || strings.HasPrefix(markUnlock, m)) {
		// written in place by an older convene and cut short by a kill
		// (empty, or the start of a word): the operation never began
		if err := removeSynced(lockMarkPath(path)); err != nil {
			return "", err
		}
		err = fs.ErrNotExist
	}
	if errors.Is(err, fs.ErrNotExist) {
		os.Remove(lockTmpPath(path))
		os.RemoveAll(unlockDir(path))
		return "", nil
	}
	if err != nil {
		return "", errorf("read %s: %w", lockMarkPath(path), err)
	}
	switch strings.TrimSpace(string(mark)) {
	case markLock:
		os.Remove(lockTmpPath(path))
		if exists(LockedPath(path)) {
			files, err := lockFiles(path)
			if err != nil {
				return "", err
			}
			if err := removePlain(path, files, LockOptions{}); err != nil {
				return "", err
			}
			return markLock, removeSynced(lockMarkPath(path))
		}
		return "", removeSynced(lockMarkPath(path)) // the plain files were never touched
	case markUnlock:
		return markUnlock, finishUnlock(path, LockOptions{})
	}
	return "", errorf("%s holds %q, not lock or unlock: remove it by hand once you know which copy is complete: %w",
		lockMarkPath(path), shortText(mark), ErrCorrupt)
}

func shortText(b []byte) string {
	if len(b) > 20 {
		b = b[:20]
	}
	return string(b)
}

// staleCopyPatterns are the temporary plain copies that a backup or a
// restore killed half-way may have left next to the database.
var staleCopyPatterns = []string{".convene-backup-*.db", ".convene-restore-*.db"}

// removeStaleCopies overwrites and deletes them. Only under an exclusive
// claim: a running backup or restore holds a claim of its own.
func removeStaleCopies(path string) error {
	var errs []error
	for _, pat := range staleCopyPatterns {
		found, _ := filepath.Glob(filepath.Join(filepath.Dir(path), pat))
		for _, f := range found {
			errs = append(errs, wipeRemove(f))
			for _, j := range []string{f + "-wal", f + "-shm", f + "-journal"} {
				errs = append(errs, wipeRemove(j))
			}
		}
	}
	return errors.Join(errs...)
}

// writeSynced writes a small file and syncs it and its folder.
// writeSynced writes a small file whole or not at all: into path+".new",
// synced, then renamed over path (a kill between creating the file and
// writing it left an empty marker behind, which no recovery could read).
func writeSynced(path string, data []byte) error {
	tmp := path + ".new"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

func removeSynced(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// syncDir makes a folder's entries (created, renamed, removed files)
// durable. Windows cannot sync a folder; its renames are durable anyway.
func syncDir(dir string) {
	f, err := os.Open(dir)
	if err != nil {
		return
	}
	f.Sync() //nolint:errcheck // not supported everywhere
	f.Close()
}
