package model

import (
	"strings"
	"time"
)

// PersonRef is how a typed list (check-ins copied from a signed paper
// sheet) names a person: any of an ID (or its first 4+ characters), a name
// (any script, any word order), a phone or an e-mail.
type PersonRef struct {
	ID, Name, Phone, Email string
}

// PersonMatch is who a PersonRef names: Index into the people searched
// (valid when Count is 1), how many people matched (0: nobody; more than 1:
// it is ambiguous), and whether the name only matched closely (a typing
// slip, to be checked), not exactly.
type PersonMatch struct {
	Index   int
	Count   int
	Similar bool
}

// MatchPerson finds the person a reference names among people, trying the
// ID, then the e-mail, the phone (in any of its spellings) and the name (the
// same words in any script and order; else, two or more words all in the
// name, as a name written without its patronymic; failing that, one close
// name).
func MatchPerson(people []Participant, ref PersonRef) PersonMatch {
	find := func(ok func(p *Participant) bool) PersonMatch {
		m := PersonMatch{Index: -1}
		for i := range people {
			if ok(&people[i]) {
				if m.Count == 0 {
					m.Index = i
				}
				m.Count++
			}
		}
		return m
	}
	if id := strings.ToLower(strings.TrimSpace(ref.ID)); id != "" {
		if len(id) < 4 {
			return PersonMatch{Index: -1}
		}
		return find(func(p *Participant) bool { return strings.HasPrefix(strings.ToLower(p.ID), id) })
	}
	if e := strings.ToLower(strings.TrimSpace(ref.Email)); e != "" {
		if m := find(func(p *Participant) bool { return strings.EqualFold(strings.TrimSpace(p.Email), e) }); m.Count > 0 {
			return m
		}
	}
	if ph := PhoneKey(ref.Phone); len(ph) >= 5 {
		m := find(func(p *Participant) bool { return PhoneKey(p.Phone) == ph })
		if m.Count == 1 || m.Count > 1 && ref.Name == "" {
			return m
		}
	}
	key := NameKey(ref.Name)
	if key == "" {
		return PersonMatch{Index: -1}
	}
	if m := find(func(p *Participant) bool { return NameKey(p.FullName) == key }); m.Count > 0 {
		return m
	}
	// a name written without the patronymic («Абаев Айгерим» for «Абаев
	// Айгерим Болатович»): two or more words, each a word of the name
	if words := FoldWords(ref.Name); len(words) >= 2 {
		if m := find(func(p *Participant) bool { return containsWords(FoldWords(p.FullName), words) }); m.Count > 0 {
			return m
		}
	}
	m := find(func(p *Participant) bool { return SimilarNames(ref.Name, p.FullName) })
	m.Similar = m.Count == 1
	return m
}

// PaperCheckIn is a check-in typed in after the fact from a signed paper
// sheet: who, where, and when (the session's start when the sheet gives no
// time).
type PaperCheckIn struct {
	ParticipantID string
	SessionID     string
	At            time.Time
}

// containsWords reports whether every word of sub is a word of words (each
// used once).
func containsWords(words, sub []string) bool {
	used := make([]bool, len(words))
	for _, w := range sub {
		found := false
		for i, x := range words {
			if !used[i] && x == w {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
