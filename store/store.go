// Package store keeps convene's data in one SQLite file (modernc.org/sqlite,
// pure Go): opening and checking the file, embedded migrations, queries and
// transactions. Every user action is one transaction that has committed
// (with synchronous=FULL) before the method returns.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// applicationID marks a convene database ('CNVN').
const applicationID = 1129207374

// Sentinel errors; every store error wraps one of these or a driver error.
var (
	ErrNotFound     = errors.New("not found")
	ErrDuplicate    = errors.New("already exists")
	ErrBusy         = errors.New("the database is busy")
	ErrNotConvene   = errors.New("not a convene database")
	ErrCorrupt      = errors.New("the database file is damaged")
	ErrNewerVersion = errors.New("the database was made by a newer version of convene")
	ErrReadOnly     = errors.New("the database file cannot be written")
	ErrDiskFull     = errors.New("the disk is full")
	ErrInvalid      = errors.New("invalid input")
)

// Store is an open convene database: one writer connection and a small
// pool of read-only connections on the same file.
type Store struct {
	path string
	w    *sql.DB
	r    *sql.DB
	now  func() time.Time
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

var sqliteHeader = []byte("SQLite format 3\x00")

// prepareFile creates a missing database file (and its folder) with private
// permissions, and refuses a file that is not SQLite or cannot be written.
func prepareFile(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%s is a folder: %w", path, ErrNotConvene)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return fmt.Errorf("create folder for %s: %w", path, err)
		}
		f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("create %s: %w", path, err)
		}
		return f.Close()
	}
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("%s: %w", path, ErrReadOnly)
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil // empty file: a new database
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if !bytes.Equal(head[:n], sqliteHeader) {
		return fmt.Errorf("%s is not an SQLite file: %w", path, ErrNotConvene)
	}
	return nil
}

// inspect reads the file without writing to it: it must be intact, made by
// convene (or empty), and not newer than this code.
func inspect(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", dsn(path, "_pragma=busy_timeout(10000)", "_pragma=query_only(1)"))
	if err != nil {
		return fmt.Errorf("open %s: %w", path, mapErr(err))
	}
	defer db.Close()
	var appID, version, tables int
	q := func(query string, dst *int) error {
		if err := db.QueryRowContext(ctx, query).Scan(dst); err != nil {
			return fmt.Errorf("%s: %w", path, mapErr(err))
		}
		return nil
	}
	if err := q("PRAGMA application_id", &appID); err != nil {
		return err
	}
	if err := q("PRAGMA user_version", &version); err != nil {
		return err
	}
	if err := q("SELECT count(*) FROM sqlite_schema", &tables); err != nil {
		return err
	}
	if tables == 0 && version == 0 && appID == 0 {
		return nil // empty database
	}
	if appID != applicationID {
		return fmt.Errorf("%s: %w", path, ErrNotConvene)
	}
	if version > len(migrationNames()) {
		return fmt.Errorf("%s has schema version %d, this convene knows up to %d: %w", path, version, len(migrationNames()), ErrNewerVersion)
	}
	var verdict string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&verdict); err != nil {
		return fmt.Errorf("%s: %w", path, mapErr(err))
	}
	if verdict != "ok" {
		return fmt.Errorf("%s: %s: %w", path, verdict, ErrCorrupt)
	}
	return nil
}

// migrationNames lists the embedded migration files in order.
func migrationNames() []string {
	entries, _ := fs.ReadDir(migrationsFS, "migrations")
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	sort.Slice(names, func(i, j int) bool { return migrationNumber(names[i]) < migrationNumber(names[j]) })
	return names
}

func migrationNumber(name string) int {
	n, _ := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
	return n
}

// migrate brings the schema up to version target, all pending migrations in
// one transaction.
func migrate(ctx context.Context, db *sql.DB, target int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", mapErr(err))
	}
	defer tx.Rollback() //nolint:errcheck // no-op after commit
	var cur int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
		return fmt.Errorf("migrate: %w", mapErr(err))
	}
	names := migrationNames()
	for _, name := range names {
		v := migrationNumber(name)
		if v <= cur || v > target {
			continue
		}
		body, err := migrationsFS.ReadFile("migrations/" + name)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("migrate %s: %w", name, mapErr(err))
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
			return fmt.Errorf("migrate %s: %w", name, mapErr(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: %w", mapErr(err))
	}
	return nil
}

// mapErr wraps driver errors in the store's sentinel errors.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("%w: %v", ErrBusy, err)
		case sqlite3.SQLITE_CONSTRAINT:
			if se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
				return fmt.Errorf("%w: %v", ErrDuplicate, err)
			}
			return fmt.Errorf("%w: %v", ErrInvalid, err)
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w: %v", ErrCorrupt, err)
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return fmt.Errorf("%w: %v", ErrReadOnly, err)
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%w: %v", ErrDiskFull, err)
		}
	}
	return err
}

// newID returns a random UUID (so data from two laptops can be merged).
func newID() string { return uuid.NewString() }

// NewID returns a new random ID for rows built outside the store (the demo).
func NewID() string { return newID() }

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
