package model

import "fmt"

// Error is a model error whose message is a catalog key and its arguments:
// the UI shows it in the window's language (i18n.Printer.Error reads
// TextKey), logs and tests see the English text. model may not import
// i18n; the keys are collected from errorf's literal formats.
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

// Unwrap returns what the format wraps with %w. It asks e.err itself, one
// level down (errors.As would search the whole chain below it).
func (e *Error) Unwrap() []error {
	if u, ok := e.err.(interface{ Unwrap() error }); ok {
		return []error{u.Unwrap()}
	}
	if u, ok := e.err.(interface{ Unwrap() []error }); ok {
		return u.Unwrap()
	}
	return nil
}

// word is a word of an error chosen at run time (a status), translated
// with the error.
type word string

func (w word) String() string { return string(w) }

// TextKey is the word as a catalog key.
func (w word) TextKey() (string, []any) { return string(w), nil }
