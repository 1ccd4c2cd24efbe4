package model

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// A person's name has parts: the surname, the given name and (in Russian
// and Kazakh names) the patronymic. A roster with separate columns
// (Фамилия, Имя, Отчество; Last name, First name) gives them; a roster with
// one full-name column gives only the whole, and which word is the surname
// depends on the order it was written in: «Фамилия Имя Отчество» in Russian
// and Kazakh lists (the default), "First Last" in Latin-script lists.

// NameOrder is the order of the words of a full name.
type NameOrder int

// Name orders.
const (
	SurnameFirst NameOrder = iota // «Нурланов Ерлан Болатович» (the default)
	GivenFirst                    // "Erlan Nurlanov"
)

// nameOrderWords are the ways a roster's "Name order" column says it,
// folded.
var nameOrderWords = func() map[string]NameOrder {
	m := map[string]NameOrder{}
	for o, words := range map[NameOrder][]string{
		SurnameFirst: {"surname first", "last first", "last name first", "family name first", "last, first", "ФИО", "Ф И О", "Фамилия Имя", "Фамилия Имя Отчество", "фамилия первая", "Тегі Аты", "Тегі Аты Әкесінің аты", "russian", "kazakh"},
		GivenFirst:   {"given first", "first last", "first name first", "first, last", "western", "latin", "ИФ", "И Ф", "Имя Фамилия", "имя первое", "Аты Тегі"},
	} {
		for _, w := range words {
			m[Fold(w)] = o
		}
	}
	return m
}()

// ParseNameOrder reads a roster's name-order cell ("First Last", «Имя
// Фамилия», "surname first"…); ok is false when it cannot tell (an empty
// cell is the default, surname first).
func ParseNameOrder(s string) (NameOrder, bool) {
	if strings.TrimSpace(s) == "" {
		return SurnameFirst, true
	}
	o, ok := nameOrderWords[Fold(s)]
	return o, ok
}

// SplitName works out the parts of a full name written in order. The name
// itself may say otherwise, and then wins: a comma puts the surname first
// ("Smith, John"), and a single word in capitals among others in mixed case
// is the surname ("John SMITH", «НУРЛАНОВ Ерлан»). The words after the
// surname (or before it, given first) are the given name, then the
// patronymic or middle names.
func SplitName(full string, order NameOrder) (surname, given, patronymic string) {
	if before, after, ok := strings.Cut(full, ","); ok {
		rest := strings.Fields(after)
		return strings.Join(strings.Fields(before), " "), first(rest), strings.Join(tail(rest), " ")
	}
	words := strings.Fields(full)
	if len(words) == 0 {
		return "", "", ""
	}
	if i := capitalWord(words); i >= 0 {
		rest := append(append([]string(nil), words[:i]...), words[i+1:]...)
		return words[i], first(rest), strings.Join(tail(rest), " ")
	}
	if order == GivenFirst && len(words) > 1 || order == SurnameFirst && givenFirstByForm(words) {
		last := len(words) - 1
		return words[last], words[0], strings.Join(words[1:last], " ")
	}
	return words[0], first(words[1:]), strings.Join(tail(words[1:]), " ")
}

// surnameEndings are how Russian, Kazakh and Ukrainian surnames end, in
// Cyrillic and in Latin spellings (folded); patronymicEndings how
// patronymics do.
var (
	surnameEndings = []string{
		"ов", "ова", "ев", "ева", "ёв", "ёва", "ин", "ина", "ын", "ына", "ский", "ская", "цкий", "цкая", "енко",
		"ov", "ova", "ev", "eva", "in", "ina", "yn", "yna", "sky", "skiy", "skaya", "enko",
	}
	patronymicEndings = []string{"вич", "вна", "чна", "ұлы", "улы", "қызы", "кызы", "vich", "vna", "uly", "kyzy", "qyzy"}
)

func endsWithAny(w string, ends []string) bool {
	w = strings.ToLower(w)
	for _, e := range ends {
		if strings.HasSuffix(w, e) && len([]rune(w)) > len([]rune(e))+1 {
			return true
		}
	}
	return false
}

// givenFirstByForm reports whether a name in a surname-first list was
// plainly written given name first: «Кайрат Касымов», "Elena Suleimanova"
// (the last word has a surname's ending and the first does not), or
// «Иван Иванович Петров» (given name, patronymic, surname). Anything less
// plain keeps the list's order.
func givenFirstByForm(words []string) bool {
	last := words[len(words)-1]
	switch len(words) {
	case 2:
		return endsWithAny(last, surnameEndings) && !endsWithAny(words[0], surnameEndings)
	case 3:
		return endsWithAny(last, surnameEndings) && endsWithAny(words[1], patronymicEndings) && !endsWithAny(words[0], surnameEndings)
	}
	return false
}

func first(w []string) string {
	if len(w) == 0 {
		return ""
	}
	return w[0]
}

func tail(w []string) []string {
	if len(w) < 2 {
		return nil
	}
	return w[1:]
}

// capitalWord is the index of the only word written in capitals (two
// letters or more) when the other words are not, else -1.
func capitalWord(words []string) int {
	if len(words) < 2 {
		return -1
	}
	found := -1
	for i, w := range words {
		letters, upper := 0, 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
		if letters >= 2 && upper == letters {
			if found >= 0 {
				return -1 // several: the whole name is in capitals
			}
			found = i
		}
	}
	return found
}

// NameParts returns the person's surname, given name and patronymic: those
// stored, or, for a record that has none, worked out from the full name
// (surname first).
func (p Participant) NameParts() (surname, given, patronymic string) {
	if p.Surname != "" {
		return p.Surname, p.GivenName, p.Patronymic
	}
	return SplitName(p.FullName, SurnameFirst)
}

// FixNameParts makes the stored parts agree with the full name, keeping
// which words are the surname: a Surname that is one or more words of
// FullName in a row stays, and the other words become the given name and
// patronymic (kept as they were when they still name the same words, so a
// two-word given name from a roster survives); an empty Surname, or one
// that is no longer in the name (the name was edited), is worked out again
// with SplitName, surname first. A person typed in as "John Smith" is
// recorded as such by setting Surname to "Smith".
func FixNameParts(p *Participant) {
	words := strings.Fields(p.FullName)
	p.FullName = strings.Join(words, " ")
	sw := strings.Fields(p.Surname)
	at := surnameAt(words, sw)
	if at < 0 {
		p.Surname, p.GivenName, p.Patronymic = SplitName(p.FullName, SurnameFirst)
		return
	}
	p.Surname = strings.Join(words[at:at+len(sw)], " ")
	rest := append(append([]string(nil), words[:at]...), words[at+len(sw):]...)
	if sameWords(rest, strings.Fields(p.GivenName+" "+p.Patronymic)) && strings.TrimSpace(p.GivenName) != "" {
		p.GivenName = strings.Join(strings.Fields(p.GivenName), " ")
		p.Patronymic = strings.Join(strings.Fields(p.Patronymic), " ")
		return
	}
	p.GivenName, p.Patronymic = first(rest), strings.Join(tail(rest), " ")
}

// surnameAt is where the surname's words stand in a row among the name's
// words (-1: not there, or no surname).
func surnameAt(words, surname []string) int {
	if len(surname) == 0 {
		return -1
	}
	for i := 0; i+len(surname) <= len(words); i++ {
		if sameWords(words[i:i+len(surname)], surname) {
			return i
		}
	}
	return -1
}

// SurnameIn reports whether surname is one or more words of the full name
// in a row (an empty surname is: the first word is taken).
func SurnameIn(full, surname string) bool {
	sw := strings.Fields(surname)
	return len(sw) == 0 || surnameAt(strings.Fields(full), sw) >= 0
}

func sameWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

// JoinName is a full name from its parts, surname first (how a roster with
// Фамилия, Имя, Отчество columns is shown).
func JoinName(surname, given, patronymic string) string {
	return strings.Join(strings.Fields(surname+" "+given+" "+patronymic), " ")
}

// SortName is what a list sorted by surname compares: surname, given name,
// patronymic, separated by spaces (a space sorts before every letter, so
// «Ли Анна» comes before «Лим Борис»).
func (p Participant) SortName() string {
	s, g, pa := p.NameParts()
	return JoinName(s, g, pa)
}

// Collation: names are sorted the way the language sorts them, with
// golang.org/x/text/collate: in Kazakh Ә after А, Ғ after Г, Қ after К, Ң
// after Н, Ө after О, Ұ and Ү after У, Һ after Х and І after Ы; in Russian
// Ё with Е. Latin names come before Cyrillic ones.

// CollationLang is the collation used for a UI language: Kazakh for kk,
// otherwise Russian (the names at a seminar in Kazakhstan are mostly
// Russian and Kazakh whatever the language of the screens).
func CollationLang(lang string) string {
	if lang == "kk" {
		return "kk"
	}
	return "ru"
}

// collators are shared per language; a collate.Collator is not safe for
// concurrent use, so each use takes its lock.
var collators sync.Map // lang -> *lockedCollator

type lockedCollator struct {
	mu  sync.Mutex
	c   *collate.Collator
	buf collate.Buffer
}

func collatorFor(lang string) *lockedCollator {
	lang = CollationLang(lang)
	if c, ok := collators.Load(lang); ok {
		return c.(*lockedCollator)
	}
	c, _ := collators.LoadOrStore(lang, &lockedCollator{c: collate.New(language.MustParse(lang))})
	return c.(*lockedCollator)
}

// CollationKey is a byte string whose order (bytes.Compare) is s's order in
// the language's collation (see CollationLang).
func CollationKey(lang, s string) []byte {
	lc := collatorFor(lang)
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.buf.Reset()
	return append([]byte(nil), lc.c.KeyFromString(&lc.buf, s)...)
}

// CompareNames compares two strings in the language's collation.
func CompareNames(lang, a, b string) int {
	lc := collatorFor(lang)
	lc.mu.Lock()
	defer lc.mu.Unlock()
	return lc.c.CompareString(a, b)
}
