package model

import (
	"strings"
	"testing"
)

func TestPackRoundTrip(t *testing.T) {
	full := Participant{ID: "p1", EventID: "e1", FullName: "Сейткали Арман Болатович", Surname: "Сейткали",
		GivenName: "Арман", Patronymic: "Болатович", Organisation: "Akimat", Position: "Head", Category: "government",
		Gender: GenderMale, Phone: "+7 701 555 1234", Email: "a@b.kz", Notes: "needs a ramp", Source: "import",
		Consent: "yes", Pseudonym: 17}
	for _, tc := range []struct {
		name string
		p    Participant
	}{
		{"every field", full},
		{"empty", Participant{ID: "x", EventID: "e1"}},
		{"a field holding the separator", func() Participant { p := full; p.Notes = "a\x1fb"; return p }()},
		{"longer than 64 KiB", func() Participant { p := full; p.Notes = strings.Repeat("n", 70_000); return p }()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := Pack(&tc.p)
			if got := k.Unpack("e1"); got != tc.p {
				t.Errorf("unpacked %+v\nwant %+v", got, tc.p)
			}
			if k.ID() != tc.p.ID {
				t.Errorf("ID %q, want %q", k.ID(), tc.p.ID)
			}
		})
	}
}

func TestParsePacked(t *testing.T) {
	sep := string(PackedRowSep)
	fields := []string{"p1", "Арман Сейткали", "Akimat", "Head", "government", "male", "8 701", "a@b.kz", "",
		"import", "Сейткали", "Арман", "", "yes"}
	row := strings.Join(fields, sep) + sep + "42"
	for _, tc := range []struct {
		name string
		row  string
		ok   bool
	}{
		{"a row", row, true},
		{"no pseudonym", strings.Join(fields, sep) + sep, true},
		{"a field too many", "x" + sep + row, false},
		{"a field short", strings.Join(fields[1:], sep) + sep + "42", false},
		{"a pseudonym that is not a number", strings.Join(fields, sep) + sep + "P-1", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, ok := ParsePacked(tc.row)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			p := k.Unpack("e")
			if p.ID != "p1" || p.FullName != "Арман Сейткали" || p.Consent != "yes" || p.Patronymic != "" || p.GivenName != "Арман" {
				t.Errorf("parsed %+v", p)
			}
			if tc.name == "a row" && p.Pseudonym != 42 {
				t.Errorf("pseudonym %d, want 42", p.Pseudonym)
			}
		})
	}
}
