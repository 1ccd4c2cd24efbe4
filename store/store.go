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
	"time"

	"github.com/google/uuid"
	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"convene/model"
)

// Store is an open convene database: one writer connection and a small
// pool of read-only connections on the same file.
type Store struct {
	guard *guard // nil: every write is allowed (see Restrict)
	path  string
	w     *sql.DB
	r     *sql.DB
	now   func() time.Time
}

// Option configures Open.
type Option func(*Store)

// WithClock injects the clock used for created-at and check-in times.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// pragmas are applied by the driver to every pooled connection.
var pragmas = []string{
	"_pragma=busy_timeout(10000)", "_pragma=journal_mode(WAL)",
	"_pragma=foreign_keys(1)", "_pragma=synchronous(FULL)",
}

func dsn(path string, params ...string) string {
	u := url.URL{Scheme: "file", OmitHost: true, Path: filepath.ToSlash(path)}
	if runtime.GOOS == "windows" && filepath.IsAbs(path) {
		u.Path = "/" + u.Path
	}
	return u.String() + "?" + strings.Join(params, "&")
}

// Open opens (creating if needed, with mode 0600) the convene database at
// path and brings its schema up to date. A file that is not a convene
// database, is damaged, comes from a newer version or cannot be written is
// refused with one of the sentinel errors and is not modified.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if err := prepareFile(path); err != nil {
		return nil, err
	}
	if err := inspect(ctx, path); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", dsn(path, append(pragmas, "_txlock=immediate")...))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, mapErr(err))
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	r, err := sql.Open("sqlite", dsn(path, append(pragmas, "_pragma=query_only(1)")...))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, mapErr(err))
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	s.w, s.r = w, r
	if err := migrate(ctx, w, len(migrationNames())); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if s.isView() {
		return nil // the store it is a view of owns the connections
	}
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
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

// write runs fn in one immediate write transaction and commits it.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback() //nolint:errcheck // returning the first error
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
	defer tx.Rollback() //nolint:errcheck // read only: nothing to commit
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
