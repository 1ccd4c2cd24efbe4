package model

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Consent is a participant's answer to "may your contacts be shared with
// others (the other participants, the donor)?". Unknown counts as no.
type Consent string

// Consents.
const (
	ConsentUnknown Consent = ""
	ConsentYes     Consent = "yes"
	ConsentNo      Consent = "no"
)

// Consents lists the choices in form order.
var Consents = []Consent{ConsentUnknown, ConsentYes, ConsentNo}

// consentMarks are the cells that are signs, not words (Fold drops them).
var consentMarks = map[string]Consent{"": ConsentUnknown, "?": ConsentUnknown, "+": ConsentYes, "✓": ConsentYes, "✔": ConsentYes, "-": ConsentNo, "–": ConsentNo, "—": ConsentNo}

var consentWords = func() map[string]Consent {
	m := map[string]Consent{}
	for c, words := range map[Consent][]string{
		ConsentYes:     {"yes", "y", "да", "д", "иә", "ия", "1", "true", "x", "agree", "согласен", "согласна", "келісемін"},
		ConsentNo:      {"no", "n", "нет", "н", "жоқ", "0", "false", "refused", "не согласен", "не согласна", "отказ"},
		ConsentUnknown: {"unknown", "не знаю", "неизвестно", "белгісіз"},
	} {
		for _, w := range words {
			m[Fold(w)] = c
		}
	}
	return m
}()

// ParseConsent reads a roster's consent cell: yes/no, да/нет, иә/жоқ, 1/0,
// +/-, x; an empty cell is unknown.
func ParseConsent(s string) (Consent, bool) {
	s = strings.TrimSpace(s)
	if c, ok := consentMarks[s]; ok {
		return c, true
	}
	f := Fold(s)
	if f == "" {
		return ConsentUnknown, false
	}
	c, ok := consentWords[f]
	return c, ok
}

// Shares reports whether the participant's contacts may go into documents
// meant for others: only with an explicit yes.
func (c Consent) Shares() bool { return c == ConsentYes }

// Label is the English word for a consent ("unknown" for none).
func (c Consent) Label() string {
	if c == ConsentUnknown {
		return "unknown"
	}
	return string(c)
}

// PseudonymLabel is a participant's pseudonym as shown: P-0001.
func PseudonymLabel(n int) string { return fmt.Sprintf("P-%04d", n) }

// ForOthers is the participant as a document meant for others shows them:
// without phone, e-mail and notes unless they consented to share their
// contacts. withheld reports that something was left out.
func (p Participant) ForOthers() (out Participant, withheld bool) {
	out = p
	out.Notes = ""
	if p.Consent.Shares() {
		return out, false
	}
	withheld = p.Phone != "" || p.Email != ""
	out.Phone, out.Email = "", ""
	return out, withheld
}

// Anonymised returns the attendance rows for sharing figures: each person
// by their pseudonym (stable within the event, so two exports line up),
// with category, gender and check-ins only — no name, organisation,
// position or contacts — in pseudonym order (not in name order, which
// would hint at the names).
func Anonymised(rows []AttendanceRow) []AttendanceRow {
	out := make([]AttendanceRow, len(rows))
	for i, r := range rows {
		out[i] = AttendanceRow{
			P: Participant{ID: r.P.ID, EventID: r.P.EventID, FullName: PseudonymLabel(r.P.Pseudonym), Pseudonym: r.P.Pseudonym,
				Category: r.P.Category, Gender: r.P.Gender},
			At: r.At, Source: r.Source,
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].P.Pseudonym < out[j].P.Pseudonym })
	return out
}

// PurgeWhat is what a purge removed.
type PurgeWhat string

// What a purge removes.
const (
	PurgeContacts PurgeWhat = "contacts" // phones, e-mails and notes
	PurgeNames    PurgeWhat = "names"    // contacts too, and names replaced by pseudonyms, positions cleared
)

// Purge is the record of one purge of an event's personal data.
type Purge struct {
	ID        string
	EventID   string
	At        time.Time
	What      PurgeWhat
	People    int // participants whose data was removed
	Snapshots int // rolling snapshots rewritten or removed
}
