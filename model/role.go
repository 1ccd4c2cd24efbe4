package model

import (
	"strings"
	"unicode"
)

// Role is what a connected desk may do (see `convene serve`): the local
// app is always the organiser.
type Role string

// The roles.
const (
	// RoleOrganiser may do everything.
	RoleOrganiser Role = "organiser"
	// RoleDesk checks people in and runs the topics; it sees the agenda
	// but cannot change it or its clock, and sees contacts masked.
	RoleDesk Role = "desk"
	// RoleDisplay only shows the big clock (a projector, the speaker's
	// laptop): it cannot write anything.
	RoleDisplay Role = "display"
)

// Roles lists the roles, most powerful first.
var Roles = []Role{RoleOrganiser, RoleDesk, RoleDisplay}

// SeesContacts reports whether the role sees phone numbers and e-mails
// unmasked.
func (r Role) SeesContacts() bool { return r == RoleOrganiser || r == "" }

// MaskPhone keeps the last two digits of a phone number and hides the
// other digits: "+7 701 234 56 78" → "+• ••• ••• •• 78".
func MaskPhone(s string) string {
	digits := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	var b strings.Builder
	seen := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			seen++
			if seen <= digits-2 {
				b.WriteRune('•')
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// MaskEmail keeps the first letter of the mailbox and the domain:
// "aigerim.n@mail.kz" → "a•••@mail.kz".
func MaskEmail(s string) string {
	if s == "" {
		return ""
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return "•••"
	}
	r := []rune(s[:at])
	if len(r) == 0 {
		return "•••" + s[at:]
	}
	return string(r[0]) + "•••" + s[at:]
}
