package sheet

import (
	"fmt"
	"strconv"

	"convene/i18n"
)

// Message is text for the user kept as its English format and arguments,
// so that it is translated when it is shown (the format is the catalog
// key). Rejection reasons and errors are Messages; they are made by
// reason() and failf(), whose first argument is the key.
type Message struct {
	Format string
	Args   []any
}

// String is the message in English.
func (m Message) String() string { return fmt.Sprintf(m.Format, m.Args...) }

// In is the message in p's language.
func (m Message) In(p i18n.Printer) string { return p.Message(m.Format, m.Args) }

// TextKey is the message's catalog key and arguments (for i18n.Printer.Error).
func (m Message) TextKey() (string, []any) { return m.Format, m.Args }

func reason(format string, args ...any) Message { return Message{format, args} }

// Error is a file that cannot be read as a table, and why. It wraps
// ErrNotATable.
type Error struct{ Message }

func (e *Error) Error() string { return e.String() }

// Unwrap makes errors.Is(err, ErrNotATable) true.
func (e *Error) Unwrap() error { return ErrNotATable }

func failf(format string, args ...any) error { return &Error{Message{format, args}} }

// ErrorText is err's text in p's language (what wraps it, such as the
// file's path, is kept as it is): i18n.Printer.Error.
func ErrorText(p i18n.Printer, err error) string { return p.Error(err) }

// The errors of encoding/csv that reach a rejected line's reason.
//
//i18n:key
var _ = []string{`bare " in non-quoted-field`, `extraneous or missing " in quoted-field`, "wrong number of fields"}

// num is a line, row or column number: printed as plain digits in every
// language (a message printer would group 12345 as "12,345" or "12 345").
type num int

// Format writes the digits whatever the verb.
func (n num) Format(f fmt.State, _ rune) { f.Write([]byte(strconv.Itoa(int(n)))) } //nolint:errcheck // fmt.State writes to a buffer
