package model

import (
	"testing"
	"time"
)

func TestParseConsent(t *testing.T) {
	tests := []struct {
		in   string
		want Consent
		ok   bool
	}{
		{"", ConsentUnknown, true},
		{"  ", ConsentUnknown, true},
		{"yes", ConsentYes, true},
		{"Yes", ConsentYes, true},
		{"да", ConsentYes, true},
		{"Да", ConsentYes, true},
		{"иә", ConsentYes, true},
		{"+", ConsentYes, true},
		{"x", ConsentYes, true},
		{"1", ConsentYes, true},
		{"no", ConsentNo, true},
		{"НЕТ", ConsentNo, true},
		{"жоқ", ConsentNo, true},
		{"-", ConsentNo, true},
		{"0", ConsentNo, true},
		{"?", ConsentUnknown, true},
		{"maybe", ConsentUnknown, false},
		{"!!", ConsentUnknown, false},
	}
	for _, tt := range tests {
		got, ok := ParseConsent(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseConsent(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestForOthers(t *testing.T) {
	p := Participant{FullName: "Айгерим", Phone: "+7 705 111 22 33", Email: "a@example.kz", Notes: "private"}
	tests := []struct {
		consent  Consent
		phone    string
		withheld bool
	}{
		{ConsentYes, "+7 705 111 22 33", false},
		{ConsentNo, "", true},
		{ConsentUnknown, "", true}, // unknown counts as no
	}
	for _, tt := range tests {
		p.Consent = tt.consent
		got, withheld := p.ForOthers()
		if got.Phone != tt.phone || withheld != tt.withheld || got.Notes != "" || got.FullName != p.FullName {
			t.Errorf("consent %q: %+v withheld %v", tt.consent, got, withheld)
		}
		if tt.phone == "" && got.Email != "" {
			t.Errorf("consent %q: e-mail kept", tt.consent)
		}
	}
	if _, withheld := (Participant{Consent: ConsentNo}).ForOthers(); withheld {
		t.Error("nothing to withhold is reported as withheld")
	}
}

func TestAnonymised(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	rows := []AttendanceRow{
		{P: Participant{FullName: "Бекова Асель", Organisation: "НПО", Position: "Director", Phone: "1", Email: "a@b", Category: "civil society", Gender: GenderFemale, Pseudonym: 2}, At: []time.Time{at}},
		{P: Participant{FullName: "Ахметов Ерлан", Organisation: "Прокуратура", Category: "prosecution", Gender: GenderMale, Pseudonym: 11}, At: []time.Time{{}}},
		{P: Participant{FullName: "Абаев", Pseudonym: 1}, At: []time.Time{{}}},
	}
	got := Anonymised(rows)
	want := []string{"P-0001", "P-0002", "P-0011"}
	for i, r := range got {
		if r.P.FullName != want[i] || r.P.Organisation != "" || r.P.Position != "" || r.P.Phone != "" || r.P.Email != "" {
			t.Errorf("row %d = %+v", i, r.P)
		}
	}
	if got[1].P.Category != "civil society" || got[1].P.Gender != GenderFemale || !got[1].At[0].Equal(at) {
		t.Errorf("figures lost: %+v", got[1])
	}
	if rows[0].P.FullName != "Бекова Асель" {
		t.Error("Anonymised changed its input")
	}
}
