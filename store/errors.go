package store

import (
	"database/sql"
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

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
	// ErrNotCheckedIn is returned when undoing a check-in that is not in effect.
	ErrNotCheckedIn = errors.New("not checked in")
)

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
