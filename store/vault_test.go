package store

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
)

// lockedDB makes a database with the demo event and two rolling snapshots,
// closed, and returns its path and the SHA-256 of each file by its name in
// the locked archive.
func lockedDB(t *testing.T) (string, map[string][32]byte) {
	t.Helper()
	path := seedCrashDB(t)
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		os.Remove(snapshotMark(path)) // as if the database had changed since the last snapshot
		if _, err := st.Snapshot(context.Background(), time.Date(2026, 11, 27, 9, i, 0, 0, time.UTC), 5); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	return path, fileSums(t, path)
}

// fileSums hashes the database and its snapshots as they are on disk.
func fileSums(t *testing.T, path string) map[string][32]byte {
	t.Helper()
	files, err := lockFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string][32]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		sums[f.name] = sha256.Sum256(data)
	}
	return sums
}

// plainComplete reports whether the database and every snapshot are on
// disk exactly as they were.
func plainComplete(path string, want map[string][32]byte) bool {
	for name, sum := range want {
		p := filepath.Join(filepath.Dir(path), filepath.FromSlash(name))
		data, err := os.ReadFile(p)
		if err != nil || sha256.Sum256(data) != sum {
			return false
		}
	}
	return true
}

// encryptedComplete reports whether the locked file decrypts to exactly
// the database and its snapshots.
func encryptedComplete(path string, want map[string][32]byte, id age.Identity) error {
	f, err := os.Open(LockedPath(path))
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		return err
	}
	return tarMatches(r, want)
}

func tarMatches(r io.Reader, want map[string][32]byte) error {
	tr := tar.NewReader(r)
	got := map[string][32]byte{}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return err
		}
		got[hdr.Name] = sha256.Sum256(data)
	}
	if len(got) != len(want) {
		return fmt.Errorf("%d files, want %d", len(got), len(want))
	}
	for name, sum := range want {
		if got[name] != sum {
			return fmt.Errorf("%s differs", name)
		}
	}
	return nil
}

func passphrase(t *testing.T, pass string) (age.Recipient, age.Identity) {
	t.Helper()
	r, err := age.NewScryptRecipient(pass)
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(10) // fast in tests; convene uses age's default
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		t.Fatal(err)
	}
	return r, id
}

func exclusive(t *testing.T, path string) *Claim {
	t.Helper()
	c, err := ClaimExclusive(path, Holder{Detail: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLockAndUnlock(t *testing.T) {
	ctx := context.Background()
	path, want := lockedDB(t)
	rcp, id := passphrase(t, "correct horse")

	stale := filepath.Join(filepath.Dir(path), ".convene-restore-1.db") // left by a restore killed half-way
	if err := os.WriteFile(stale, []byte("plain"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := exclusive(t, path)
	res, err := Lock(ctx, c, []age.Recipient{rcp}, LockOptions{Verify: []age.Identity{id}})
	c.Release()
	if err != nil {
		t.Fatal(err)
	}
	if res.Snapshots != 2 || res.Path != LockedPath(path) {
		t.Fatalf("result %+v", res)
	}
	for _, gone := range []string{path, path + "-wal", path + "-shm", lockMarkPath(path), lockTmpPath(path), SnapshotDir(path), stale} {
		if _, err := os.Stat(gone); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there after lock", gone)
		}
	}
	st, err := os.Stat(LockedPath(path))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("locked file mode %v, want 0600", st.Mode().Perm())
	}
	if err := encryptedComplete(path, want, id); err != nil {
		t.Fatalf("the locked file: %v", err)
	}
	locked, _ := os.ReadFile(LockedPath(path))
	if !bytes.HasPrefix(locked, []byte("age-encryption.org/v1\n")) || bytes.Contains(locked, []byte("SQLite format 3")) {
		t.Fatal("the locked file is not an age file")
	}

	// while locked, nothing opens it, and nothing creates a new database
	var le *LockedError
	if _, err := Open(ctx, path); !errors.As(err, &le) || le.Interrupted != "" {
		t.Fatalf("Open of a locked database: %v", err)
	}
	if _, err := OpenReadOnly(ctx, path); !errors.Is(err, ErrLocked) {
		t.Fatalf("OpenReadOnly of a locked database: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("opening a locked database created a plain one")
	}
	c = exclusive(t, path)
	if _, err := Lock(ctx, c, []age.Recipient{rcp}, LockOptions{}); !errors.Is(err, ErrLocked) {
		t.Fatalf("locking twice: %v", err)
	}

	// a wrong passphrase changes nothing
	_, wrong := passphrase(t, "wrong horse")
	_, err = Unlock(ctx, c, []age.Identity{wrong}, LockOptions{})
	var de *DecryptError
	if !errors.As(err, &de) || !de.Wrong() {
		t.Fatalf("unlock with a wrong passphrase: %v", err)
	}
	if again, _ := os.ReadFile(LockedPath(path)); !bytes.Equal(again, locked) {
		t.Fatal("a wrong passphrase changed the locked file")
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 3 { // .age, -lock, -open
		t.Fatalf("a wrong passphrase left files: %v", entries)
	}

	res, err = Unlock(ctx, c, []age.Identity{id}, LockOptions{})
	c.Release()
	if err != nil {
		t.Fatal(err)
	}
	if res.Snapshots != 2 {
		t.Fatalf("unlock result %+v", res)
	}
	if !plainComplete(path, want) {
		t.Fatal("unlock did not bring back the files byte for byte")
	}
	if _, err := os.Stat(LockedPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the locked file is still there after unlock")
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open after unlock: %v", err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check after unlock: %v %v", r, err)
	}
	s.Close()
	c = exclusive(t, path)
	defer c.Release()
	if _, err := Unlock(ctx, c, []age.Identity{id}, LockOptions{}); !errors.Is(err, ErrNotLocked) {
		t.Fatalf("unlock of a plain database: %v", err)
	}
}

// Lock refuses while another program (not convene) has the database open
// and keeps its WAL: the checkpoint cannot complete.
func TestLockRefusesWhileAnotherProgramReads(t *testing.T) {
	ctx := context.Background()
	path, want := lockedDB(t)
	release := holdLock(t, path) // a child holding a write transaction
	defer release()
	rcp, _ := passphrase(t, "p")
	c := exclusive(t, path)
	defer c.Release()
	_, err := Lock(ctx, c, []age.Recipient{rcp}, LockOptions{})
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("lock while another program writes: %v", err)
	}
	release()
	if _, err := os.Stat(LockedPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a refused lock left an encrypted file")
	}
	if !plainComplete(path, want) {
		t.Fatal("a refused lock changed the database or its snapshots")
	}
}

// TestLockWithTheAgeTool: a locked database and the archive inside it
// are what the standard age tool and tar read.
func TestLockWithTheAgeTool(t *testing.T) {
	agePath, err := exec.LookPath("age")
	if err != nil {
		t.Skip("the age tool is not installed (apt-get install age)")
	}
	ctx := context.Background()
	path, want := lockedDB(t)
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "key.txt")
	if err := os.WriteFile(keyFile, []byte(id.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := exclusive(t, path)
	defer c.Release()
	if _, err := Lock(ctx, c, []age.Recipient{id.Recipient()}, LockOptions{Verify: []age.Identity{id}}); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(agePath, "-d", "-i", keyFile, LockedPath(path)).Output()
	if err != nil {
		t.Fatalf("age -d: %v", err)
	}
	if err := tarMatches(bytes.NewReader(out), want); err != nil {
		t.Fatalf("what age decrypted: %v", err)
	}
}

// lockLoopChild locks and unlocks the database again and again, printing
// each step before it runs, until it is killed.
func lockLoopChild() error {
	ctx := context.Background()
	path := os.Getenv("CONVENE_CRASH_DB")
	id, err := age.ParseX25519Identity(os.Getenv("CONVENE_CRASH_KEY"))
	if err != nil {
		return err
	}
	ack := acker()
	o := LockOptions{Step: func(s LockStep) { ack("step %s", s) }}
	for {
		c, err := ClaimExclusive(path, Holder{Detail: "lockloop"})
		if err != nil {
			return err
		}
		if LockState(path) == nil {
			_, err = Lock(ctx, c, []age.Recipient{id.Recipient()}, o)
		} else {
			_, err = Unlock(ctx, c, []age.Identity{id}, o)
		}
		c.Release()
		if err != nil {
			return err
		}
	}
}

// TestLockSurvivesKill kills a process that locks and unlocks the database
// in a loop at random points (SIGKILL), and checks every time that the
// plain files or the encrypted file are complete, byte for byte, and that
// the next lock or unlock finishes or undoes what was interrupted.
func TestLockSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kill test is not short")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("CONVENE_CRASH_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("lock kill test seed %d (rerun with CONVENE_CRASH_SEED=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	path, want := lockedDB(t)
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	rounds := 30
	if raceEnabled {
		rounds = 10
	}
	if n, err := strconv.Atoi(os.Getenv("CONVENE_CRASH_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	killedAt := map[string]int{}
	outcomes := map[string]int{}
	for round := range rounds {
		c := startChild(t, "lockloop", "CONVENE_CRASH_DB="+path, "CONVENE_CRASH_KEY="+id.String())
		target := 1 + rng.IntN(45)
		last := ""
		n := 0
		for line := range c.lines {
			if strings.HasPrefix(line, "err") {
				t.Fatalf("round %d: child: %s", round, line)
			}
			n++
			last = strings.TrimPrefix(line, "step ")
			if n == target {
				break
			}
		}
		if d := rng.IntN(3); d > 0 {
			time.Sleep(time.Duration(rng.IntN(2000)) * time.Microsecond)
		}
		_ = c.cmd.Process.Kill() // it may have finished already
		_ = c.cmd.Wait()         // killed: the exit status says so, nothing more
		for range c.lines {
		}
		killedAt[last]++

		plain := plainComplete(path, want)
		encErr := encryptedComplete(path, want, id)
		if !plain && encErr != nil {
			t.Fatalf("round %d (killed after step %s): neither copy is complete (encrypted: %v)", round, last, encErr)
		}
		// the next operation first finishes or undoes the interrupted one
		x := exclusive(t, path)
		finished, err := recoverLock(path)
		x.Release()
		if err != nil {
			t.Fatalf("round %d: recovery: %v", round, err)
		}
		for _, gone := range []string{lockMarkPath(path), lockTmpPath(path), unlockDir(path)} {
			if exists(gone) {
				t.Fatalf("round %d: %s left after recovery", round, gone)
			}
		}
		if LockState(path) == nil {
			if !plainComplete(path, want) || exists(LockedPath(path)) {
				t.Fatalf("round %d (after step %s, finished %q): plain state is not complete", round, last, finished)
			}
			outcomes["plain"]++
		} else {
			if err := encryptedComplete(path, want, id); err != nil || exists(path) || exists(SnapshotDir(path)) {
				t.Fatalf("round %d (after step %s, finished %q): locked state is not clean: %v", round, last, finished, err)
			}
			outcomes["locked"]++
		}
	}
	t.Logf("killed after: %v; recovered to: %v", killedAt, outcomes)
}

// TestRecoverFromAMarkerCutShort: a marker an older convene left empty or
// half-written (killed between creating and writing it) means nothing was
// started: recovery removes it instead of refusing the file.
func TestRecoverFromAMarkerCutShort(t *testing.T) {
	for _, content := range []string{"", "un", "lo"} {
		path, _ := lockedDB(t)
		if err := os.WriteFile(lockMarkPath(path), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(lockMarkPath(path)+".new", []byte("lock"), 0o600); err != nil {
			t.Fatal(err)
		}
		op, err := recoverLock(path)
		if err != nil || op != "" {
			t.Fatalf("marker %q: %q %v", content, op, err)
		}
		for _, gone := range []string{lockMarkPath(path), lockMarkPath(path) + ".new"} {
			if _, err := os.Stat(gone); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("marker %q: %s is still there", content, gone)
			}
		}
		if _, err := os.Stat(path); err != nil {
			t.Errorf("marker %q: the database is gone: %v", content, err)
		}
	}
	// a marker that says something else is still refused
	path, _ := lockedDB(t)
	if err := os.WriteFile(lockMarkPath(path), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := recoverLock(path); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a garbage marker: %v", err)
	}
}
