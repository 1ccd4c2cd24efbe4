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

func TestSharedIndexesSearchAtOnce(t *testing.T) {
	ix := NewIndex([]Participant{{ID: "1", FullName: "Айгерим Нурланова"}, {ID: "2", FullName: "Aigerim Smith"}, {ID: "3", FullName: "Bolat Serikov"}})
	a, b := ix.Share(), ix.Share()
	done := make(chan []int)
	go func() {
		var r []int
		for range 200 {
			r = a.Search(r, "bolat", nil)
		}
		done <- r
	}()
	var r []int
	for range 200 {
		r = b.Search(r, "aigerim", nil)
	}
	ra := <-done
	if len(ra) != 1 || a.Person(ra[0]).ID != "3" || len(r) != 2 {
		t.Fatalf("shared searches: %v %v", ra, r)
	}
	if a.Person(0) != b.Person(0) || a.Len() != 3 {
		t.Error("a shared index copied the people")
	}
}
