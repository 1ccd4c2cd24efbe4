package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Exclusive access: lock, unlock, restore and purge replace or rewrite the
// database file, so they must run while no other convene has it open — on
// Windows an open file cannot even be replaced. Every convene process that
// opens a database takes a claim on it:
//
//   - DB-lock (convene.db-lock next to the database), an empty file on which
//     every process holds a shared lock while it has the database open, and
//     an exclusive operation an exclusive one (flock on Unix, LockFileEx on
//     Windows: both are released by the system when the process dies, so a
//     crash never leaves the database claimed);
//   - DB-open/ (convene.db-open), a folder where each process registers what
//     it is — the app and its desk, a serve, a command — in a small file of
//     its own on which it holds an exclusive lock. An exclusive operation that
//     cannot get the lock lists the registrations whose lock is held, to name
//     what is open; a registration whose lock can be taken belongs to a
//     process that died and is removed.
//
// Only convene processes take claims: another program (sqlite3, a sync
// tool) is found by the exclusive operations themselves where it matters (a
// checkpoint that cannot complete).

// Holder says what a process holding a database open is, for the message of
// an exclusive operation that is refused.
type Holder struct {
	Kind   string    `json:"kind"`   // HolderApp, HolderServe, HolderCommand or HolderExclusive
	Detail string    `json:"detail"` // the desk, or the command ("export attendance")
	PID    int       `json:"pid"`
	Since  time.Time `json:"since"`
}

// Kinds of holders.
const (
	HolderApp       = "app"       // a convene window; Detail is its desk
	HolderServe     = "serve"     // convene serve
	HolderCommand   = "command"   // a command; Detail is its name
	HolderExclusive = "exclusive" // lock, unlock, restore or purge; Detail is its name
)

// InUseError is returned when an exclusive operation finds the database
// open elsewhere, or an open finds an exclusive operation running. Holders
// lists what holds it (empty when only the lock says so: a convene that did
// not register, or another program).
type InUseError struct {
	Path      string
	Holders   []Holder
	Exclusive bool // an exclusive operation holds it (the open was refused)
}

func (e *InUseError) Error() string {
	var parts []string
	for _, h := range e.Holders {
		s := h.Kind
		if h.Detail != "" {
			s += " " + h.Detail
		}
		parts = append(parts, fmt.Sprintf("%s (pid %d)", s, h.PID))
	}
	what := "another convene"
	if len(parts) > 0 {
		what = strings.Join(parts, ", ")
	}
	if e.Exclusive {
		return fmt.Sprintf("%s is being changed by %s: %s", e.Path, what, ErrInUse)
	}
	return fmt.Sprintf("%s is open in %s: %s", e.Path, what, ErrInUse)
}

func (e *InUseError) Unwrap() error { return ErrInUse }

// ErrInUse: the database is open in another convene (or program) and the
// operation needs it to itself, or an exclusive operation is running.
var ErrInUse = errors.New("the database is in use") //i18n:key

// LockPath and OpenDir are the claim's files next to a database.
func LockPath(dbPath string) string { return dbPath + "-lock" }

// OpenDir is the folder of the registrations of the processes that have the
// database open.
func OpenDir(dbPath string) string { return dbPath + "-open" }

// Claim is a process's hold on a database: shared (it has it open) or
// exclusive (it alone may touch it). Release it when done.
type Claim struct {
	path      string
	lock      *os.File
	entry     *os.File
	exclusive bool
}

// ClaimShared registers this process as having the database at path open.
// It fails with an *InUseError while an exclusive operation runs.
func ClaimShared(path string, h Holder) (*Claim, error) { return claim(path, false, h) }

// ClaimExclusive takes the database at path for this process alone. It
// fails with an *InUseError naming what has it open.
func ClaimExclusive(path string, h Holder) (*Claim, error) {
	h.Kind = HolderExclusive
	return claim(path, true, h)
}

func claim(path string, exclusive bool, h Holder) (*Claim, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, errorf("open %s: %w", path, err)
	}
	f, err := os.OpenFile(LockPath(path), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil && !exclusive {
		// a folder convene cannot write (a read-only stick): nothing can
		// replace the database there either, so reading goes on unclaimed
		return &Claim{path: path}, nil
	}
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil, errorf("%s: %w", LockPath(path), ErrReadOnly)
		}
		return nil, errorf("open %s: %w", LockPath(path), err)
	}
	ok, err := lockFile(f, exclusive)
	if err != nil {
		f.Close()
		return nil, errorf("lock %s: %w", LockPath(path), err)
	}
	if !ok {
		f.Close()
		holders := Holders(path)
		return nil, &InUseError{Path: path, Holders: holders, Exclusive: !exclusive || onlyExclusive(holders)}
	}
	c := &Claim{path: path, lock: f, exclusive: exclusive}
	if err := c.register(h); err != nil && exclusive {
		c.Release()
		return nil, err
	}
	// a shared claim whose registration failed still holds the lock: an
	// exclusive operation is refused, only without naming this process
	return c, nil
}

func onlyExclusive(hs []Holder) bool {
	for _, h := range hs {
		if h.Kind != HolderExclusive {
			return false
		}
	}
	return len(hs) > 0
}

// register writes this process's registration and locks it.
func (c *Claim) register(h Holder) error {
	dir := OpenDir(c.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return errorf("register in %s: %w", dir, err)
	}
	if h.PID == 0 {
		h.PID = os.Getpid()
	}
	if h.Since.IsZero() {
		h.Since = time.Now()
	}
	f, err := os.CreateTemp(dir, strconv.Itoa(h.PID)+"-*.json")
	if err != nil {
		return errorf("register in %s: %w", dir, err)
	}
	if ok, err := lockFile(f, true); err != nil || !ok {
		f.Close()
		os.Remove(f.Name())
		return errorf("register in %s: cannot lock %s (%v)", dir, f.Name(), err)
	}
	data, _ := json.Marshal(h)
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return errorf("register in %s: %w", dir, err)
	}
	c.entry = f
	return nil
}

// Release gives the claim up (a nil claim is fine).
func (c *Claim) Release() {
	if c == nil {
		return
	}
	if c.entry != nil {
		name := c.entry.Name()
		c.entry.Close()
		os.Remove(name)
		c.entry = nil
	}
	if c.lock != nil {
		c.lock.Close() // closing releases the lock
		c.lock = nil
	}
}

// Exclusive reports whether the claim is exclusive.
func (c *Claim) Exclusive() bool { return c != nil && c.exclusive }

// Path is the claimed database's path.
func (c *Claim) Path() string { return c.path }

// Holders lists the processes registered as having the database open (the
// live ones: a registration left by a process that died is removed).
func Holders(path string) []Holder {
	dir := OpenDir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []Holder
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err != nil {
			continue
		}
		free, err := lockFile(f, true)
		if err == nil && free {
			f.Close()
			os.Remove(p) // its process is gone
			continue
		}
		data, err := os.ReadFile(p)
		f.Close()
		if err != nil {
			continue
		}
		var h Holder
		if json.Unmarshal(data, &h) == nil {
			out = append(out, h)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Since.Before(out[j].Since) })
	return out
}
