package model

import "testing"

func TestMaskContacts(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"+7 701 234 56 78", "+• ••• ••• •• 78"},
		{"87012345678", "•••••••••78"},
		{"5", "5"},
		{"", ""},
	} {
		if got := MaskPhone(c.in); got != c.want {
			t.Errorf("MaskPhone(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"aigerim.n@mail.kz", "a•••@mail.kz"},
		{"айгерим@почта.кз", "а•••@почта.кз"},
		{"@x.kz", "•••@x.kz"},
		{"nomail", "•••"},
		{"", ""},
	} {
		if got := MaskEmail(c.in); got != c.want {
			t.Errorf("MaskEmail(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if RoleDesk.SeesContacts() || RoleDisplay.SeesContacts() || !RoleOrganiser.SeesContacts() {
		t.Error("only the organiser sees contacts")
	}
}
