package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Errors shown to people are translated where they are shown, with
// Printer.Error, not when they are made: the package that makes one may not
// know the language (store may not import i18n), and the English text stays
// what logs and tests see. An error takes part in one of three ways:
//
//   - it has a method TextKey() (format string, args []any) giving its
//     message as a catalog key and the key's arguments (i18n.Errorf's
//     errors, sheet's, store's); arguments that are errors, or have a
//     TextKey method themselves (a word or clause chosen at run time), are
//     translated in turn, and %w in the format is read as %v;
//   - it wraps others (fmt.Errorf with %w, errors.Join): the wrapped
//     errors' text is translated inside its own, and the rest of its text
//     (say a file's path before a colon) is kept;
//   - its whole text is a catalog key: a sentinel such as
//     errors.New("the database is busy") marked with //i18n:key.
//
// Anything else (a driver's or the system's message) stays as it is.

// keyed is an error whose message is a catalog key and its arguments.
type keyed interface {
	TextKey() (format string, args []any)
}

// Error is an error made with Errorf: an English format (the catalog key)
// and its arguments.
type Error struct {
	format string
	args   []any
	err    error // fmt.Errorf(format, args...): the English text and what it wraps
}

// Errorf is fmt.Errorf whose format is a catalog key: its Error() is the
// English text, errors.Is and errors.As see through %w as with fmt.Errorf,
// and Printer.Error shows it in the printer's language.
func Errorf(format string, args ...any) error {
	return &Error{format: format, args: args, err: fmt.Errorf(format, args...)}
}

func (e *Error) Error() string { return e.err.Error() }

// TextKey is the message's catalog key and arguments.
func (e *Error) TextKey() (string, []any) { return e.format, e.args }

// Unwrap returns the errors the format wraps with %w.
func (e *Error) Unwrap() []error { return Unwrapped(e.err) }

// Unwrapped is what err wraps directly (one error or several), for error
// types that keep a fmt.Errorf result inside. It asks err itself, one level
// down (errors.As would search the whole chain below it).
func Unwrapped(err error) []error {
	if w := errors.Unwrap(err); w != nil {
		return []error{w}
	}
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		return u.Unwrap()
	}
	return nil
}

// KeyFormat is the catalog key of an error format: %w read as %v (the
// catalog's printer does not wrap).
func KeyFormat(format string) string { return strings.ReplaceAll(format, "%w", "%v") }

// Has reports whether the printer's language translates key. English has
// every key.
func (p Printer) Has(key string) bool {
	if p.Lang() == "en" {
		return true
	}
	return haveKeys(p.Lang())[key]
}

// Error is err's text in the printer's language (see the comment at the top
// of this file); the zero Printer gives err.Error(). A nil error is "".
func (p Printer) Error(err error) string {
	if err == nil {
		return ""
	}
	if p.p == nil {
		return err.Error()
	}
	if k, ok := err.(keyed); ok {
		return p.Message(k.TextKey())
	}
	//nolint:errorlint // this error itself: a wrapped one is translated where its text stands in the wrapper's (below)
	if pe, ok := err.(*fs.PathError); ok { // the system's message, in words a person reads
		return p.pathError(pe)
	}
	full := err.Error()
	if inner := Unwrapped(err); len(inner) > 0 {
		// translate each wrapped error where its text stands in ours
		var b strings.Builder
		rest := full
		done := false
		for _, w := range inner {
			if w == nil {
				continue
			}
			in := w.Error()
			i := strings.Index(rest, in)
			if in == "" || i < 0 {
				continue
			}
			b.WriteString(p.lookup(rest[:i]))
			b.WriteString(p.Error(w))
			rest = rest[i+len(in):]
			done = true
		}
		if done {
			b.WriteString(rest)
			return b.String()
		}
	}
	return p.lookup(full)
}

// pathError is a file operation's error: the path and what went wrong,
// in the printer's language for the usual causes (the system's own text
// otherwise).
func (p Printer) pathError(pe *fs.PathError) string {
	switch {
	case errors.Is(pe.Err, fs.ErrNotExist):
		return p.T("%s: no such file or folder", pe.Path)
	case errors.Is(pe.Err, fs.ErrPermission):
		return p.T("%s: permission denied", pe.Path)
	case errors.Is(pe.Err, fs.ErrExist):
		return p.T("%s: already exists", pe.Path)
	}
	return pe.Error()
}

// Message is a message kept as its key and arguments (what TextKey gives)
// in the printer's language: the arguments that are errors are translated
// with Error, and %w in the key is read as %v.
func (p Printer) Message(format string, args []any) string {
	return p.T(KeyFormat(format), p.errArgs(args)...)
}

// lookup translates s when it is a key of the catalog, else returns it.
func (p Printer) lookup(s string) string {
	if s == "" || strings.Contains(s, "%") || !p.Has(s) {
		return s
	}
	return p.Word(s)
}

// errArgs translates the arguments that are errors or themselves messages
// kept as a key and arguments (a word chosen at run time, a clause).
func (p Printer) errArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case error:
			out[i] = p.Error(a)
		case keyed:
			out[i] = p.Message(a.TextKey())
		default:
			out[i] = a
		}
	}
	return out
}
