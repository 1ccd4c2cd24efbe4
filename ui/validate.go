package ui

import (
	"convene/model"
	"strconv"
	"strings"
	"time"

	"convene/i18n"
)

// Validators of form fields, all in one place. Their messages are catalog
// keys with arguments (i18n.Errorf): the form translates them.

// translate is an error's message in the window's language.
func (c *Common) translate(err error) string { return c.I18n.Error(err) }

func validDate(s string) error {
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return i18n.Errorf("use YYYY-MM-DD")
	}
	return nil
}

func validClock(s string) error {
	if _, err := time.Parse("15:04", s); err != nil {
		return i18n.Errorf("use HH:MM")
	}
	return nil
}

// validNumber accepts a whole number from lo to hi.
func validNumber(lo, hi int) func(string) error {
	return func(v string) error {
		if n, err := strconv.Atoi(v); err != nil || n < lo || n > hi {
			return i18n.Errorf("a whole number from %d to %d", lo, hi)
		}
		return nil
	}
}

func validZone(v string) error {
	if model.CheckZone(v) != nil {
		return i18n.Errorf("a time zone such as Asia/Almaty")
	}
	return nil
}

func validEmail(v string) error {
	if !strings.Contains(v, "@") || strings.ContainsAny(v, " ,;") {
		return i18n.Errorf("not an e-mail address")
	}
	return nil
}
