package store

import (
	"database/sql"
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Sentinel errors; every store error wraps one of these or a driver error.
//
//i18n:key
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
	// ErrFileReplaced: the database file or its journal was deleted or
	// replaced under the running app; from then on every write fails with it.
	ErrFileReplaced = errors.New("changes can no longer be saved safely, and this one was not saved. " +
		"Quit convene in every window, run `convene check`, and if data is missing restore it " +
		"from a `convene backup` copy or from the snapshots folder next to the database")
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
			return errorf("%w: %v", ErrBusy, err)
		case sqlite3.SQLITE_CONSTRAINT:
			if se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
				return errorf("%w: %v", ErrDuplicate, err)
			}
			return errorf("%w: %v", ErrInvalid, err)
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return errorf("%w: %v", ErrCorrupt, err)
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return errorf("%w: %v", ErrReadOnly, err)
		case sqlite3.SQLITE_FULL:
			return errorf("%w: %v", ErrDiskFull, err)
		}
	}
	return err
}

// Error is a store error whose message is a catalog key and its arguments:
// the UI and the command line show it in their language
// (i18n.Printer.Error), logs and tests see the English text. store may not
// import i18n; the keys are collected from errorf's literal formats.
type Error struct {
	format string
	args   []any
	err    error // fmt.Errorf(format, args...)
}

// errorf is fmt.Errorf whose format is a catalog key (%w wraps as there).
func errorf(format string, args ...any) error {
	return &Error{format: format, args: args, err: fmt.Errorf(format, args...)}
}

func (e *Error) Error() string { return e.err.Error() }

// TextKey is the message's catalog key (with %w) and arguments.
func (e *Error) TextKey() (string, []any) { return e.format, e.args }

// Unwrap returns what the format wraps with %w: what e.err (a fmt.Errorf
// result) wraps directly, one level down and never deeper in its chain.
func (e *Error) Unwrap() []error {
	// One %w (fmt's *wrapError): errors.Unwrap calls its Unwrap() error
	// and goes no deeper.
	if u := errors.Unwrap(e.err); u != nil {
		return []error{u}
	}
	// Several %w (fmt's *wrapErrors). errors.As looks at e.err before its
	// chain, and could only go deeper through an Unwrap() error (handled
	// above) or an Unwrap() []error (then e.err itself matches), so this
	// matches e.err itself or nothing.
	var multi interface{ Unwrap() []error }
	if errors.As(e.err, &multi) {
		return multi.Unwrap()
	}
	return nil
}

// Phrase is a part of an error's text that is translated with it: a word
// chosen at run time, or a clause with its own arguments. Its String is
// the English text.
type Phrase struct {
	format string
	args   []any
}

// phrase makes a Phrase; its format is a catalog key.
func phrase(format string, args ...any) Phrase { return Phrase{format, args} }

func (p Phrase) String() string { return fmt.Sprintf(p.format, p.args...) }

// TextKey is the phrase's catalog key and arguments.
func (p Phrase) TextKey() (string, []any) { return p.format, p.args }
