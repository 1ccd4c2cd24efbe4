// Package store keeps convene's data in one SQLite file (modernc.org/sqlite,
// pure Go): opening and checking the file, embedded migrations, queries and
// transactions. Every user action is one transaction that has committed
// (with synchronous=FULL) before the method returns, and every write returns
// what it changed as a model.Change carrying the new state.
//
// Files by domain: store.go (open, close, the write and query helpers),
// migrate.go, errors.go, events.go (events, sessions, settings, the current
// ones), participants.go, checkins.go, agenda.go, topics.go, dataset.go
// (loading a whole event such as the demo) and backup.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"convene/model"
)

// Store is an open convene database: one writer connection and a small
// pool of read-only connections on the same file. A store opened with
// OpenReadOnly has no writer.
type Store struct {
	guard *guard // nil: every write is allowed (see Restrict)
	path  string
	w     *sql.DB
	r     *sql.DB
	now   func() time.Time

	// wlock serialises this process's writes (and checkpoints), so that a
	// write waiting behind another one of this process can say so and be
	// cancelled; it also guards files. Views (Restrict) share both.
	wlock chan struct{}
	files *fileGuard

	// claim registers this process as having the database open (see
	// access.go); ownClaim says Close releases it.
	claim     *Claim
	ownClaim  bool
	holder    Holder
	unclaimed bool          // a file no other process opens (a snapshot being purged)
	lateCheck bool          // WithLateCheck
	verify    *verification // the late integrity check (nil: checked at open)
}

// verification is the integrity check a store opened WithLateCheck runs
// after opening: when first asked for (Verified, or a write).
type verification struct {
	start   sync.Once
	started atomic.Bool
	done    chan struct{}
	err     error
}

// Option configures Open.
type Option func(*Store)

// WithClock injects the clock used for created-at and check-in times.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithHolder says what this process is (the app and its desk, a command),
// for the message of an exclusive operation refused while it has the
// database open. Without it the store registers as a command.
func WithHolder(h Holder) Option { return func(s *Store) { s.holder = h } }

// WithClaim opens the database under a claim the caller already holds
// (an exclusive operation that opens the store), instead of taking one;
// Close does not release it.
func WithClaim(c *Claim) Option { return func(s *Store) { s.claim = c } }

// withoutClaim opens a file that only this process opens (a rolling
// snapshot being purged) without registering.
func withoutClaim() Option { return func(s *Store) { s.unclaimed = true } }

// WithLateCheck makes Open leave the check of the file's integrity (PRAGMA
// quick_check, which reads all of it: ~10 ms at 10,000 participants, ~80 ms
// at 100,000) for later, so that the app shows its first screen without
// waiting for it: the check runs when Verified is first called, or before
// the first write. Writes wait for it; if it fails, every write is refused
// with ErrCorrupt, nothing is checkpointed, and Verified says why. (A file
// that needs a migration is checked first, as without this option.)
func WithLateCheck() Option { return func(s *Store) { s.lateCheck = true } }

// Verified runs (once) and waits for the integrity check of a store
// opened WithLateCheck and returns its verdict: nil when the file is intact
// (or was checked when it was opened).
func (s *Store) Verified(ctx context.Context) error {
	if s.verify == nil {
		return nil
	}
	v := s.verify
	v.start.Do(func() {
		v.started.Store(true)
		go func() {
			defer close(v.done)
			v.err = quickCheck(context.Background(), s.r, s.path)
		}()
	})
	select {
	case <-s.verify.done:
		return s.verify.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// damaged reports whether the late integrity check ran and failed
// (waiting for it if it runs).
func (s *Store) damaged() bool {
	return s.verify != nil && s.verify.started.Load() && s.Verified(context.Background()) != nil
}

// pragmas are applied by the driver to every pooled reader connection. The
// writer waits at most waitRound per attempt (see write).
var pragmas = []string{
	"_pragma=busy_timeout(10000)", "_pragma=journal_mode(WAL)",
	"_pragma=foreign_keys(1)", "_pragma=synchronous(FULL)",
}

// writerPragmas are the writer connection's: a short busy timeout, so that a
// write held up by another process returns to the retry loop in write every
// waitRound to report that it waits and to see whether it was cancelled.
func writerPragmas() []string {
	return []string{
		fmt.Sprintf("_pragma=busy_timeout(%d)", waitRound.Milliseconds()), "_pragma=journal_mode(WAL)",
		"_pragma=foreign_keys(1)", "_pragma=synchronous(FULL)", "_txlock=immediate",
	}
}

func dsn(path string, params ...string) string {
	u := url.URL{Scheme: "file", OmitHost: true, Path: filepath.ToSlash(path)}
	if runtime.GOOS == "windows" && filepath.IsAbs(path) {
		u.Path = "/" + u.Path
	}
	return u.String() + "?" + strings.Join(params, "&")
}

func newStore(path string, opts []Option) *Store {
	s := &Store{path: path, now: time.Now, wlock: make(chan struct{}, 1), files: &fileGuard{}, holder: Holder{Kind: HolderCommand}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// takeClaim registers the store as having its database open (unless it was
// opened under the caller's claim) and refuses a locked database, or one
// whose lock or unlock was interrupted, with a *LockedError. It runs
// before anything touches the database file.
func (s *Store) takeClaim() error {
	if s.unclaimed {
		return nil
	}
	if s.claim == nil {
		c, err := ClaimShared(s.path, s.holder)
		if err != nil {
			return err
		}
		s.claim, s.ownClaim = c, true
	}
	if err := LockState(s.path); err != nil {
		s.releaseClaim()
		return err
	}
	return nil
}

func (s *Store) releaseClaim() {
	if s.ownClaim {
		s.claim.Release()
	}
	s.claim, s.ownClaim = nil, false
}

// Open opens (creating if needed, with mode 0600) the convene database at
// path for reading and writing, and brings its schema up to date (a
// migration takes the write lock; an up-to-date file is not written at
// open). A file that is not a convene database, is damaged, comes from a
// newer version or cannot be written is refused with one of the sentinel
// errors and is not modified.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	s := newStore(path, opts)
	if err := s.takeClaim(); err != nil {
		return nil, err
	}
	if err := prepareFile(path); err != nil {
		s.releaseClaim()
		return nil, err
	}
	version, err := inspect(ctx, path, !s.lateCheck)
	if err != nil {
		s.releaseClaim()
		return nil, err
	}
	late := s.lateCheck
	if late && version < len(migrationNames()) { // a migration writes: check first
		if _, err := inspect(ctx, path, true); err != nil {
			s.releaseClaim()
			return nil, err
		}
		late = false
	}
	w, err := sql.Open("sqlite", dsn(path, writerPragmas()...))
	if err != nil {
		s.releaseClaim()
		return nil, errorf("open %s: %w", path, mapErr(err))
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	// readers keep a small page cache each (512 KiB, not SQLite's 2 MiB):
	// their reads are mostly one pass over a table, which the system's file
	// cache serves as well, and four full caches were a fifth of the app's
	// memory at 10,000 participants
	r, err := sql.Open("sqlite", dsn(path, append(pragmas, "_pragma=query_only(1)", "_pragma=cache_size(-512)")...))
	if err != nil {
		w.Close()
		s.releaseClaim()
		return nil, errorf("open %s: %w", path, mapErr(err))
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	s.w, s.r = w, r
	if version < len(migrationNames()) {
		if err := retryBusy(ctx, func() error { return migrate(ctx, w, len(migrationNames())) }); err != nil {
			s.Close()
			return nil, err
		}
	}
	// the writer's first read opens the WAL: record the files it opened
	if _, err := w.ExecContext(ctx, "PRAGMA user_version"); err != nil {
		s.Close()
		return nil, errorf("open %s: %w", path, mapErr(err))
	}
	if err := s.files.record(path); err != nil {
		s.Close()
		return nil, err
	}
	if late {
		s.verify = &verification{done: make(chan struct{})}
	}
	return s, nil
}

// OpenReadOnly opens an existing convene database for reading only, for
// the commands that only read (exports, event list, check): it never takes
// the write lock, so it opens and reads at once while another window or an
// import is writing. Only a file whose schema is older than this convene's
// is first upgraded (as Open does). A missing file is ErrNotFound; the
// returned store's writes fail with ErrReadOnly.
func OpenReadOnly(ctx context.Context, path string, opts ...Option) (*Store, error) {
	s := newStore(path, opts)
	if err := LockState(path); err != nil {
		return nil, err // before ErrNotFound: a locked database has no plain file
	}
	if err := checkExisting(path); err != nil {
		return nil, err
	}
	if err := s.takeClaim(); err != nil {
		return nil, err
	}
	fail := func(err error) (*Store, error) {
		s.releaseClaim()
		return nil, err
	}
	version, err := inspect(ctx, path, true)
	if err != nil {
		return fail(err)
	}
	if version < len(migrationNames()) {
		up, err := Open(ctx, path, append(opts, WithClaim(s.claim))...)
		if err != nil {
			return fail(err)
		}
		if err := up.Close(); err != nil {
			return fail(errorf("open %s: %w", path, err))
		}
	}
	r, err := sql.Open("sqlite", dsn(path, "_pragma=busy_timeout(10000)", "_pragma=foreign_keys(1)", "_pragma=query_only(1)"))
	if err != nil {
		return fail(errorf("open %s: %w", path, mapErr(err)))
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	s.r = r
	return s, nil
}

// ReadOnly reports whether the store was opened with OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.w == nil }

// Close checkpoints the WAL into the database file (see Checkpoint) and
// closes the database.
func (s *Store) Close() error {
	if s.isView() {
		return nil // the store it is a view of owns the connections
	}
	var errs []error
	if s.w != nil && s.damaged() {
		s.keepWAL() // a damaged file: leave it as it is
	} else if s.w != nil {
		if unlock, err := s.lockWrites(context.Background()); err == nil {
			if _, err := s.checkpointLocked(context.Background()); err != nil && !errors.Is(err, ErrFileReplaced) {
				errs = append(errs, err)
			}
			if s.files.dbGone && !s.files.journalGone {
				// the database file was moved or replaced, its WAL is still
				// ours: copy the WAL into the file we opened (a moved file
				// is then complete where it went; a replaced one is no
				// longer read), as SQLite does not for a moved file
				s.w.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)") //nolint:errcheck // best effort
			}
			if s.files.keepJournal() {
				s.keepWAL() // never delete by name a journal that may now be another process's
			}
			unlock()
		}
	}
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
		errs = append(errs, s.files.removeStaleJournal(s.path))
	}
	s.releaseClaim()
	return errors.Join(errs...)
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// newID returns a random UUID (so data from two laptops can be merged).
func newID() string { return uuid.NewString() }

// NewID returns a new random ID for rows built outside the store (the demo).
func NewID() string { return newID() }

func clean(s string) string { return model.SanitizeLine(s) }

// tsFormat keeps timestamps sortable as text.
const tsFormat = "2006-01-02T15:04:05.000000000Z"

func ts(t time.Time) string { return t.UTC().Format(tsFormat) }

func nullTS(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return ts(t)
}

func parseTS(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, err := time.Parse(tsFormat, s.String)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s.String)
	}
	return t
}

// waitRound is how long one attempt to write waits for a writer in another
// process (SQLite's busy timeout on the writer connection) or in this one,
// before write tells its caller it is waiting and looks at the context.
const waitRound = 500 * time.Millisecond

// maxWaitUncancellable bounds the wait of a write whose context can never be
// cancelled (context.Background()): it then fails with ErrBusy. A write with
// a cancellable context waits until it gets its turn or is cancelled.
var maxWaitUncancellable = 10 * time.Second

// WaitFunc is told that a write is waiting for another writer — another
// convene window or an import, in this process or another — with the time
// waited so far: about every waitRound (half a second), starting after the
// first. It runs on the goroutine that called the write and must not block.
type WaitFunc func(waited time.Duration)

type waitKey struct{}

// WithWaiting returns a context that makes the store's writes call fn while
// they wait for another writer. Cancelling the context ends the wait: the
// write returns an error that wraps the context's error, and changes
// nothing.
func WithWaiting(ctx context.Context, fn WaitFunc) context.Context {
	return context.WithValue(ctx, waitKey{}, fn)
}

func waiting(ctx context.Context, waited time.Duration) {
	if fn, ok := ctx.Value(waitKey{}).(WaitFunc); ok && fn != nil {
		fn(waited)
	}
}

// stopped is the error of a write whose context ended while it waited.
func stopped(ctx context.Context) error {
	return errorf("stopped waiting for another convene window or import to finish writing; nothing was changed: %w", context.Cause(ctx))
}

// retryBusy runs try until it gets past another writer: it retries while
// try fails with ErrBusy, telling the context's WaitFunc, until the context
// ends (or, for a context that cannot end, maxWaitUncancellable passes).
func retryBusy(ctx context.Context, try func() error) error {
	start := time.Now()
	for {
		err := try()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return stopped(ctx)
		}
		if !errors.Is(err, ErrBusy) {
			return err
		}
		waited := time.Since(start)
		if ctx.Done() == nil && waited >= maxWaitUncancellable {
			return errorf("another convene window or an import has been writing for %s; nothing was changed, try again: %w",
				waited.Round(time.Second), ErrBusy)
		}
		waiting(ctx, waited)
	}
}

// lockWrites takes this process's write turn, waiting (and telling the
// context's WaitFunc) while another write of this process runs.
func (s *Store) lockWrites(ctx context.Context) (unlock func(), err error) {
	unlock = func() { <-s.wlock }
	select {
	case s.wlock <- struct{}{}:
		return unlock, nil
	default:
	}
	start := time.Now()
	t := time.NewTicker(waitRound)
	defer t.Stop()
	for {
		select {
		case s.wlock <- struct{}{}:
			return unlock, nil
		case <-ctx.Done():
			return nil, stopped(ctx)
		case <-t.C:
			waited := time.Since(start)
			if ctx.Done() == nil && waited >= maxWaitUncancellable {
				return nil, errorf("another write has been running for %s; nothing was changed, try again: %w", waited.Round(time.Second), ErrBusy)
			}
			waiting(ctx, waited)
		}
	}
}

// write runs fn in one immediate write transaction and commits it. It
// waits its turn behind other writers (see WithWaiting), and acknowledges
// the write only if the database file and its WAL are still the files the
// store opened (see ErrFileReplaced). fn may run more than once (after a
// busy attempt was rolled back), so it must only assign what it computes.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.w == nil {
		return errorf("%s was opened read-only: %w", s.path, ErrReadOnly)
	}
	if err := s.Verified(ctx); err != nil {
		return err
	}
	unlock, err := s.lockWrites(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	// before: a commit into a deleted WAL could still reach the file when
	// the app closes (SQLite checkpoints it), after the user was told it
	// failed
	if err := s.files.check(s.path, false); err != nil {
		return err
	}
	if err := retryBusy(ctx, func() error { return s.writeOnce(ctx, fn) }); err != nil {
		return err
	}
	// committed: but if the database or its WAL is no longer the file on
	// disk, the commit went into a file nobody will read again, so it is
	// not acknowledged (and every later write is refused)
	return s.files.check(s.path, true)
}

func (s *Store) writeOnce(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback() // returning the first error
		return mapErr(err)
	}
	return mapErr(tx.Commit())
}

// read runs fn in one read transaction on the reader pool, so that several
// queries see the same moment.
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback() // read only: nothing to commit
	return mapErr(fn(tx))
}

// execOne runs a statement that must touch exactly one row: none is
// ErrNotFound.
func execOne(ctx context.Context, tx *sql.Tx, query string, args ...any) error {
	r, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, err := r.RowsAffected(); err != nil || n == 0 {
		return ErrNotFound
	}
	return nil
}

// scanner is a row or rows.
type scanner interface{ Scan(...any) error }

// querier is the reader pool or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// queryAll runs a query and scans every row.
func queryAll[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// queryEach runs a query and calls fn on every row; the first error stops it.
func queryEach(ctx context.Context, q querier, fn func(scanner) error, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
