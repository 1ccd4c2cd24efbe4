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
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"convene/model"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// applicationID marks a convene database ('CNVN').
const applicationID = 1129207374

var sqliteHeader = []byte("SQLite format 3\x00")

// prepareFile creates a missing database file (and its folder) with private
// permissions, and refuses a file that is not SQLite or cannot be written.
func prepareFile(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return errorf("%s is a folder: %w", path, ErrNotConvene)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return errorf("create folder for %s: %w", path, err)
		}
		f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return errorf("create %s: %w", path, err)
		}
		return f.Close()
	}
	if errors.Is(err, fs.ErrPermission) {
		return errorf("%s: %w", path, ErrReadOnly)
	}
	if err != nil {
		return errorf("open %s: %w", path, err)
	}
	f.Close()
	return checkHeader(path)
}

// checkHeader refuses a file that is neither empty nor SQLite.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return errorf("open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == nil || errors.Is(err, io.EOF)) {
		return nil // empty file: a new database
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return errorf("read %s: %w", path, err)
	}
	if !bytes.Equal(head[:n], sqliteHeader) {
		return errorf("%s is not an SQLite file: %w", path, ErrNotConvene)
	}
	return nil
}

// AppVersion is the version of the running convene (set by the command
// line from its build stamp). A migration records it in the database, so
// that an older convene refusing the file can say which version it needs.
var AppVersion = "dev"

// settingSchemaBy records which convene last brought the schema up to date.
const settingSchemaBy = "schema_written_by"

// inspect reads the file without writing to it: it must be intact (unless
// check is false: see WithLateCheck), made by convene (or empty), and not
// newer than this code. It returns the schema version.
func inspect(ctx context.Context, path string, check bool) (int, error) {
	db, err := sql.Open("sqlite", dsn(path, "_pragma=busy_timeout(10000)", "_pragma=query_only(1)"))
	if err != nil {
		return 0, errorf("open %s: %w", path, mapErr(err))
	}
	defer db.Close()
	var appID, version, tables int
	q := func(query string, dst *int) error {
		if err := db.QueryRowContext(ctx, query).Scan(dst); err != nil {
			return errorf("%s: %w", path, mapErr(err))
		}
		return nil
	}
	if err := q("PRAGMA application_id", &appID); err != nil {
		return 0, err
	}
	if err := q("PRAGMA user_version", &version); err != nil {
		return 0, err
	}
	if err := q("SELECT count(*) FROM sqlite_schema", &tables); err != nil {
		return 0, err
	}
	if tables == 0 && version == 0 && appID == 0 {
		return 0, nil // empty database
	}
	if appID != applicationID {
		return 0, errorf("%s: %w", path, ErrNotConvene)
	}
	if known := len(migrationNames()); version > known {
		var by string
		_ = db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", settingSchemaBy).Scan(&by)
		need := "a newer convene"
		if by != "" {
			need = "convene " + model.SanitizeLine(by) + " or newer"
		}
		return 0, errorf("%s has schema version %d; this convene (%s) reads schema versions up to %d: install %s: %w",
			path, version, AppVersion, known, need, ErrNewerVersion)
	}
	if check {
		if err := quickCheck(ctx, db, path); err != nil {
			return 0, err
		}
	}
	return version, nil
}

// quickCheck runs SQLite's integrity check (PRAGMA quick_check), which
// reads the whole file.
func quickCheck(ctx context.Context, db *sql.DB, path string) error {
	var verdict string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&verdict); err != nil {
		return errorf("%s: %w", path, mapErr(err))
	}
	if verdict != "ok" {
		return errorf("%s: %s: %w", path, verdict, ErrCorrupt)
	}
	return nil
}

// migrationSteps are what a migration does beyond its SQL file, in the same
// transaction, by number.
var migrationSteps = map[int]func(context.Context, *sql.Tx) error{
	8: fillNameKeys,
}

// fillNameKeys gives every participant its name_key (schema 8).
func fillNameKeys(ctx context.Context, tx *sql.Tx) error {
	type row struct {
		id   int64
		name string
	}
	all, err := queryAll(ctx, tx, func(sc scanner) (row, error) {
		var r row
		err := sc.Scan(&r.id, &r.name)
		return r, err
	}, "SELECT rowid, full_name FROM participants")
	if err != nil {
		return err
	}
	up, err := tx.PrepareContext(ctx, "UPDATE participants SET name_key = ? WHERE rowid = ?")
	if err != nil {
		return err
	}
	defer up.Close()
	for _, r := range all {
		if _, err := up.ExecContext(ctx, model.Fold(r.name), r.id); err != nil {
			return err
		}
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
		return errorf("migrate: %w", mapErr(err))
	}
	defer tx.Rollback() // no-op after commit
	var cur int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
		return errorf("migrate: %w", mapErr(err))
	}
	names := migrationNames()
	applied := false
	for _, name := range names {
		v := migrationNumber(name)
		if v <= cur || v > target {
			continue
		}
		applied = true
		body, err := migrationsFS.ReadFile("migrations/" + name)
		if err != nil {
			return errorf("migrate %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return errorf("migrate %s: %w", name, mapErr(err))
		}
		if step := migrationSteps[v]; step != nil {
			if err := step(ctx, tx); err != nil {
				return errorf("migrate %s: %w", name, mapErr(err))
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
			return errorf("migrate %s: %w", name, mapErr(err))
		}
	}
	if applied && target >= 1 { // the settings table exists from schema 1
		if err := setSetting(ctx, tx, settingSchemaBy, AppVersion); err != nil {
			return errorf("migrate: %w", mapErr(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return errorf("migrate: %w", mapErr(err))
	}
	return nil
}
