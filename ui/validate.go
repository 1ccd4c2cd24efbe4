package ui

import (
	"convene/model"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Validators of form fields, all in one place. Their messages are catalog
// keys with arguments: the form translates them (see invalidErr).

// invalidErr is a validation message: a catalog key and its arguments.
type invalidErr struct {
	format string
	args   []any
}

func (e invalidErr) Error() string { return fmt.Sprintf(e.format, e.args...) }

func invalid(format string, args ...any) error { return invalidErr{format, args} }

// translate is the message of a validation error in the window's language.
func (c *Common) translate(err error) string {
	if e, ok := err.(invalidErr); ok {
		return c.T(e.format, e.args...)
	}
	return err.Error()
}

func validDate(s string) error {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return invalid("use YYYY-MM-DD")
	}
	return nil
}

func validClock(s string) error {
	if _, err := time.Parse("15:04", s); err != nil {
		return invalid("use HH:MM")
	}
	return nil
}

// validNumber accepts a whole number from lo to hi.
func validNumber(lo, hi int) func(string) error {
	return func(v string) error {
		if n, err := strconv.Atoi(v); err != nil || n < lo || n > hi {
			return invalid("a whole number from %d to %d", lo, hi)
		}
		return nil
	}
}

func validZone(v string) error {
	if model.CheckZone(v) != nil {
		return invalid("a time zone such as Asia/Almaty")
	}
	return nil
}

func validEmail(v string) error {
	if !strings.Contains(v, "@") || strings.ContainsAny(v, " ,;") {
		return invalid("not an e-mail address")
	}
	return nil
}
