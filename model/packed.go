package model

import (
	"strconv"
	"strings"
)

// Packed is a participant as the search index keeps them: every text field
// in one string, one after another, so that a person costs one string and
// a few offsets (56 bytes and their text) instead of fifteen strings (248
// bytes and their text). At 100,000 people that is 19 MB less to hold,
// and as much less for the garbage collector to let grow. The event is the
// index's (see NewIndexPacked).
type Packed struct {
	s         string
	end       [packedText]uint16 // where each text field ends in s (the next starts one byte later)
	pseudonym int32
	big       *Participant // a person whose text does not fit in 64 KiB, kept whole
}

// The text fields of a packed person, in the order of a packed row.
const (
	pkID = iota
	pkFullName
	pkOrganisation
	pkPosition
	pkCategory
	pkGender
	pkPhone
	pkEmail
	pkNotes
	pkSource
	pkSurname
	pkGivenName
	pkPatronymic
	pkConsent
	packedText
)

// PackedRowSep separates the fields of a packed row.
const PackedRowSep = '\x1f'

// ParsePacked takes a packed row: the text fields in the order ID, full
// name, organisation, position, category, gender, phone, e-mail, notes,
// source, surname, given name, patronymic, consent, then the pseudonym's
// number, separated by PackedRowSep. The row is kept, not copied. ok is
// false when the row has not exactly that many fields (a field holding
// the separator: pack that person with Pack).
func ParsePacked(row string) (k Packed, ok bool) {
	if len(row) > 0xffff {
		return Packed{}, false
	}
	at := 0
	for i := range packedText {
		j := strings.IndexByte(row[at:], PackedRowSep)
		if j < 0 {
			return Packed{}, false
		}
		at += j
		k.end[i] = uint16(at)
		at++
	}
	tail := row[at:]
	if strings.IndexByte(tail, PackedRowSep) >= 0 {
		return Packed{}, false
	}
	n, err := strconv.Atoi(tail)
	if err != nil && tail != "" {
		return Packed{}, false
	}
	k.s, k.pseudonym = row, int32(n)
	return k, true
}

// Pack packs a participant (its event is not kept).
func Pack(p *Participant) Packed {
	fields := textFields(p)
	size := packedText
	for _, f := range fields {
		size += len(f)
	}
	if size > 0xffff {
		q := *p
		q.EventID = ""
		return Packed{big: &q}
	}
	var b strings.Builder
	b.Grow(size)
	var k Packed
	for i, f := range fields {
		b.WriteString(f)
		k.end[i] = uint16(b.Len())
		b.WriteByte(PackedRowSep)
	}
	k.s, k.pseudonym = b.String(), int32(p.Pseudonym)
	return k
}

// field is one text field of a packed person.
func (k *Packed) field(i int) string {
	if k.big != nil {
		return bigField(k.big, i)
	}
	start := 0
	if i > 0 {
		start = int(k.end[i-1]) + 1
	}
	return k.s[start:k.end[i]]
}

func bigField(p *Participant, i int) string { return textFields(p)[i] }

// textFields are a participant's text fields in packed order.
func textFields(p *Participant) [packedText]string {
	return [packedText]string{p.ID, p.FullName, p.Organisation, p.Position, p.Category, string(p.Gender),
		p.Phone, p.Email, p.Notes, string(p.Source), p.Surname, p.GivenName, p.Patronymic, string(p.Consent)}
}

// ID is the person's ID.
func (k *Packed) ID() string { return k.field(pkID) }

// Unpack returns the participant, in the event given.
func (k *Packed) Unpack(eventID string) Participant {
	if k.big != nil {
		p := *k.big
		p.EventID = eventID
		return p
	}
	f := k.field
	return Participant{ID: f(pkID), EventID: eventID, FullName: f(pkFullName), Surname: f(pkSurname),
		GivenName: f(pkGivenName), Patronymic: f(pkPatronymic), Organisation: f(pkOrganisation),
		Position: f(pkPosition), Category: f(pkCategory), Gender: Gender(f(pkGender)), Phone: f(pkPhone),
		Email: f(pkEmail), Notes: f(pkNotes), Source: Source(f(pkSource)), Consent: Consent(f(pkConsent)),
		Pseudonym: int(k.pseudonym)}
}
