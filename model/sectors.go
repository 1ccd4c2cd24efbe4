package model

import (
	"strings"
	"unicode"
)

// Sectors: a roster's category column is free text, so «полиция», "Police"
// and "law enforcement" would count as three groups. Every count (on the
// check-in screen and in every report) is by sector instead: a short
// canonical list, editable, with each category mapped to one sector —
// guessed from its words in Russian, Kazakh or English, and corrected by
// the organiser where the guess is wrong.

// The canonical sectors, in the order reports list them.
//
//i18n:key
const (
	SectorGovernment    = "government"
	SectorLaw           = "law enforcement"
	SectorJudiciary     = "judiciary"
	SectorProsecution   = "prosecution"
	SectorAcademia      = "academia"
	SectorCivilSociety  = "civil society"
	SectorMedia         = "media"
	SectorInternational = "international organisation"
	SectorOther         = "other"
	SectorNoneStated    = "not stated" // the sector of a person with no category
)

// CanonicalSectors is the list a new database starts with.
var CanonicalSectors = []string{SectorGovernment, SectorLaw, SectorJudiciary, SectorProsecution, SectorAcademia,
	SectorCivilSociety, SectorMedia, SectorInternational, SectorOther}

// sectorHints are words in a category that give its sector, tried in this
// order (the first sector with a match wins: a «государственный
// университет» is academia, a «международная общественная организация»
// civil society, a «Министерство науки» government). A word ending in * matches any word it begins; the others
// match whole words, and a phrase matches its words in a row. Acronyms are
// in sectorAcronyms (compared as written, not folded: «ООН» would fold to
// "on").
var sectorHints = []struct {
	sector string
	words  []string
}{
	{SectorProsecution, []string{"prosecut*", "procura*", "прокурор*", "прокуратур*"}},
	{SectorJudiciary, []string{"court*", "judge*", "judicia*", "tribunal*", "суд", "суды", "суда", "судов", "судья*", "судей", "судебн*", "сот", "соты", "сотта*", "соттар*", "сот жүйесі"}},
	{SectorLaw, []string{"police*", "law enforcement", "internal affairs", "national security", "penitentiary", "border guard*", "полици*", "правоохран*", "внутренних дел", "пенитенциар*", "национальной безопасности", "пограничн*", "құқық қорғау*", "ішкі істер*"}},
	{SectorMedia, []string{"media", "mass media", "journalis*", "press", "newspaper*", "radio", "television", "tv", "журналист*", "пресс*", "газет*", "радио", "телевиден*", "телеканал*", "медиа", "массовой информации", "бұқаралық ақпарат*", "журналистер*"}}, //nolint:misspell // "journalis*": the stem of journalist, journalism
	// a ministry, an akimat or a parliament before a university, so that a
	// «Министерство науки» is government
	{SectorGovernment, []string{"ministry", "ministries", "minister*", "parliament*", "akimat*", "министерств*", "министр*", "акимат*", "аппарат акима", "парламент*", "мажилис*", "маслихат*", "сенат*", "министрлі*", "әкімдік*", "әкімшілі*", "мәжіліс*", "мәслихат*"}},
	{SectorAcademia, []string{"universit*", "academ*", "research*", "institute*", "college*", "school*", "scholar*", "professor*", "student*", "science*", "scientific", "университет*", "академи*", "вуз*", "институт*", "наук*", "научн*", "колледж*", "студент*", "преподават*", "ученый", "учёный", "ғылым*", "оқытушы*", "мектеп*", "наука и образование", "science and education"}},
	{SectorCivilSociety, []string{"ngo*", "non governmental", "nongovernmental", "civil society", "non profit", "nonprofit", "foundation*", "association*", "human rights defender*", "activist*", "community", "неправительствен*", "некоммерческ*", "гражданское общество", "гражданского общества", "общественн*", "фонд*", "ассоциац*", "правозащит*", "активист*", "үкіметтік емес", "азаматтық қоғам*", "қоғамдық*"}},
	{SectorInternational, []string{"international organi*", "united nations", "embassy", "embassies", "international", "международн*", "посольств*", "халықаралық*", "елшілі*"}},
	{SectorGovernment, []string{"government*", "state body", "state bodies", "state agenc*", "civil servant*", "public administration", "public service", "ombudsman*", "local authorit*", "municipal*", "государствен*", "госорган*", "госслужащ*", "госслужб*", "омбудсмен*", "уполномоченн*", "мемлекеттік*", "жергілікті атқарушы*"}},
}

// sectorAcronyms are short names compared as written (whole words, case
// sensitive), then their sector.
var sectorAcronyms = map[string]string{
	"UN": SectorInternational, "ООН": SectorInternational, "БҰҰ": SectorInternational, "OSCE": SectorInternational,
	"ОБСЕ": SectorInternational, "ЕҚЫҰ": SectorInternational, "UNDP": SectorInternational, "ПРООН": SectorInternational,
	"UNICEF": SectorInternational, "ЮНИСЕФ": SectorInternational, "OHCHR": SectorInternational, "УВКПЧ": SectorInternational,
	"EU": SectorInternational, "ЕС": SectorInternational, "ЕО": SectorInternational, "USAID": SectorInternational, "IOM": SectorInternational,
	"МОМ": SectorInternational, "UNHCR": SectorInternational, "УВКБ": SectorInternational, "UNODC": SectorInternational, "УНП": SectorInternational,
	"МВД": SectorLaw, "ІІМ": SectorLaw, "ДП": SectorLaw, "КНБ": SectorLaw, "ҰҚК": SectorLaw, "УИС": SectorLaw, "КУИС": SectorLaw, "ПД": SectorLaw,
	"NGO": SectorCivilSociety, "НПО": SectorCivilSociety, "НКО": SectorCivilSociety, "ОО": SectorCivilSociety, "ОФ": SectorCivilSociety,
	"ҮЕҰ": SectorCivilSociety, "ҚБ": SectorCivilSociety, "CSO": SectorCivilSociety,
	"СМИ": SectorMedia, "БАҚ": SectorMedia,
	"ВУЗ": SectorAcademia,
}

var sectorPatterns = func() []struct {
	sector  string
	phrases [][]string
	prefix  []bool
} {
	out := make([]struct {
		sector  string
		phrases [][]string
		prefix  []bool
	}, len(sectorHints))
	for i, h := range sectorHints {
		out[i].sector = h.sector
		for _, w := range h.words {
			out[i].phrases = append(out[i].phrases, FoldWords(strings.TrimSuffix(w, "*")))
			out[i].prefix = append(out[i].prefix, strings.HasSuffix(w, "*"))
		}
	}
	return out
}()

// GuessSector guesses a category's sector from its words in Russian,
// Kazakh or English: «Полиция», "Police" and "law enforcement" are law
// enforcement, «НПО» and «Общественный фонд» civil society. A category that
// is a sector's name is that sector; ok is false when no word says (the
// sector is then "other"), and an empty category is SectorNoneStated.
func GuessSector(category string) (sector string, ok bool) {
	if strings.TrimSpace(category) == "" {
		return SectorNoneStated, true
	}
	f := Fold(category)
	for _, s := range CanonicalSectors {
		if Fold(s) == f {
			return s, true
		}
	}
	if f == Fold("international organization") {
		return SectorInternational, true
	}
	for _, w := range strings.FieldsFunc(category, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if s, ok := sectorAcronyms[w]; ok {
			return s, true
		}
	}
	words := FoldWords(category)
	for _, p := range sectorPatterns {
		for i, phrase := range p.phrases {
			if containsPhrase(words, phrase, p.prefix[i]) {
				return p.sector, true
			}
		}
	}
	return SectorOther, false
}

// SectorMap says which sector each category counts in: the sectors (in
// report order), and the organiser's corrections by folded category. A
// category without a correction gets GuessSector's guess, or "other" when
// the guess names a sector that was removed from the list.
type SectorMap struct {
	Sectors []string          // in report order
	Set     map[string]string // Fold(category) -> sector, set by the organiser
}

// DefaultSectorMap is the canonical sectors without corrections.
func DefaultSectorMap() SectorMap {
	return SectorMap{Sectors: append([]string(nil), CanonicalSectors...), Set: map[string]string{}}
}

// Of is the sector a category counts in, and whether the organiser set it
// (false: guessed).
func (m SectorMap) Of(category string) (sector string, set bool) {
	if strings.TrimSpace(category) == "" {
		return SectorNoneStated, false
	}
	if s, ok := m.Set[Fold(category)]; ok {
		return s, true
	}
	s, _ := GuessSector(category)
	if !m.Has(s) {
		return SectorOther, false
	}
	return s, false
}

// Sector is Of without the flag.
func (m SectorMap) Sector(category string) string {
	s, _ := m.Of(category)
	return s
}

// Has reports whether name is one of the sectors (in any case or script).
func (m SectorMap) Has(name string) bool {
	_, ok := m.Find(name)
	return ok
}

// Find returns the sector named name as the list spells it.
func (m SectorMap) Find(name string) (string, bool) {
	f := Fold(name)
	for _, s := range m.Sectors {
		if Fold(s) == f {
			return s, true
		}
	}
	if f == Fold("international organization") && m.Has(SectorInternational) {
		return SectorInternational, true
	}
	return "", false
}

// Order is every sector a person can count in, in report order: the list,
// then "other" (always: a guess may land there) and "not stated" last.
func (m SectorMap) Order() []string {
	var out []string
	for _, s := range m.Sectors {
		if s != SectorOther && s != SectorNoneStated {
			out = append(out, s)
		}
	}
	return append(out, SectorOther, SectorNoneStated)
}

// IsCanonical reports whether a sector is one of the canonical ones (whose
// name is translated when shown; an organiser's own sector is shown as
// typed).
func IsCanonical(sector string) bool {
	for _, s := range CanonicalSectors {
		if s == sector {
			return true
		}
	}
	return sector == SectorNoneStated
}
