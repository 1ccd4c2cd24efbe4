package model

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file is convene's one text normaliser, used by search and by the
// duplicate checks. Fold maps a name written in Kazakh or Russian Cyrillic or
// in any common Latin romanisation to one comparable Latin form, so that
// "nurlan" finds «Нурланов», and «Ұлжан», "Ulzhan" and "Uljan" all agree.
//
// The steps: lower-case; Cyrillic (with the Kazakh letters) transliterated to
// Latin; Latin diacritics removed (NFD, marks dropped); everything that is not
// a letter or digit becomes a word break; then the romanisation variants are
// folded to one spelling per sound:
//
//	shch, sch -> sh    j -> zh      h -> kh (gh -> g)   tz -> ts
//	y -> i             q -> k       w -> v             x -> ks
//	doubled letters collapse (ss -> s), and ie -> e (Yerlan = Ерлан)

var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	// Kazakh
	'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "kh", 'і': "i",
	// Ukrainian / Belarusian letters seen in rosters
	'ї': "i", 'є': "e", 'ґ': "g", 'ў': "u",
}

// cyrillicTable is cyrillic as an array over U+0400–U+04FF (faster than
// the map on the hot path of building the search index).
var cyrillicTable = func() (t [256]struct {
	s  string
	ok bool
}) {
	for r, s := range cyrillic {
		if r >= 0x400 && r < 0x500 {
			t[r-0x400].s, t[r-0x400].ok = s, true
		}
	}
	return t
}()

// Fold returns the comparable form of s: its words, folded, joined by single
// spaces.
func Fold(s string) string {
	return strings.Join(FoldWords(s), " ")
}

// FoldWords returns the folded words of s.
func FoldWords(s string) []string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, canon(w.String()))
			w.Reset()
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r < utf8.RuneSelf {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				w.WriteRune(r)
			case r >= 'A' && r <= 'Z':
				w.WriteRune(r + ('a' - 'A'))
			case r == '\'' || r == '`':
				// apostrophes inside names (O'Brien, Ahmet'ov) do not split words
			default:
				flush()
			}
			continue
		}
		if r >= 0x400 && r < 0x500 {
			// Cyrillic: upper case is U+0400–U+042F (+0x20 or +0x50) and
			// pairs (even upper, odd lower) from U+0460 on
			r = unicode.ToLower(r)
			if t := cyrillicTable[r-0x400]; t.ok {
				w.WriteString(t.s)
				continue
			}
		}
		r = unicode.ToLower(r)
		switch r {
		case 'ß':
			w.WriteString("ss")
			continue
		case 'æ':
			w.WriteString("ae")
			continue
		case 'ø':
			w.WriteString("o")
			continue
		case 'ı':
			w.WriteString("i")
			continue
		case '’', 'ʼ', 'ʻ':
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			flush()
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			if unicode.Is(unicode.Mn, d) {
				continue
			}
			if d >= 0x400 && d < 0x500 { // a Cyrillic letter with a mark: ӳ -> у -> u
				if t := cyrillicTable[unicode.ToLower(d)-0x400]; t.ok {
					w.WriteString(t.s)
					continue
				}
			}
			if d < utf8.RuneSelf || unicode.IsLetter(d) || unicode.IsDigit(d) {
				w.WriteRune(unicode.ToLower(d))
			}
		}
	}
	flush()
	return words
}

// canon folds the romanisation variants of one lower-case Latin word.
func canon(w string) string {
	b := make([]byte, 0, len(w)+4)
	for i := 0; i < len(w); {
		rest := w[i:]
		switch {
		case strings.HasPrefix(rest, "shch"):
			b = append(b, 's', 'h')
			i += 4
			continue
		case strings.HasPrefix(rest, "sch"):
			b = append(b, 's', 'h')
			i += 3
			continue
		case strings.HasPrefix(rest, "sh"), strings.HasPrefix(rest, "zh"),
			strings.HasPrefix(rest, "kh"), strings.HasPrefix(rest, "ch"):
			b = append(b, rest[0], 'h')
			i += 2
			continue
		case strings.HasPrefix(rest, "gh"):
			b = append(b, 'g')
			i += 2
			continue
		case strings.HasPrefix(rest, "tz"):
			b = append(b, 't', 's')
			i += 2
			continue
		}
		switch c := w[i]; c {
		case 'j':
			b = append(b, 'z', 'h')
		case 'h':
			b = append(b, 'k', 'h')
		case 'y':
			b = append(b, 'i')
		case 'q':
			b = append(b, 'k')
		case 'w':
			b = append(b, 'v')
		case 'x':
			b = append(b, 'k', 's')
		default:
			b = append(b, c)
		}
		i++
	}
	// collapse doubled letters, then ie -> e
	out := b[:0]
	for i, c := range b {
		if i > 0 && c == b[i-1] && c >= 'a' && c <= 'z' {
			continue
		}
		out = append(out, c)
	}
	s := string(out)
	if strings.Contains(s, "ie") {
		s = strings.ReplaceAll(s, "ie", "e")
	}
	return s
}

// NameKey is the order-independent key of a person's name used to spot
// duplicates: «Нурланов Ерлан» and "Erlan Nurlanov" have the same key.
func NameKey(name string) string {
	w := FoldWords(name)
	sort.Strings(w)
	return strings.Join(w, " ")
}

// A Folder folds like Fold, FoldWords and NameKey, remembering the folded
// form of every word it has seen: rosters repeat first names, surnames,
// organisations and positions, so folding a whole roster is then mostly
// map lookups. The zero Folder is ready; it is not safe for concurrent use.
type Folder struct{ words map[string][]string }

// Words is FoldWords(s).
func (f *Folder) Words(s string) []string {
	if f.words == nil {
		f.words = map[string][]string{}
	}
	var out []string
	for w := range strings.FieldsSeq(s) { // whitespace always ends a word
		fw, ok := f.words[w]
		if !ok {
			fw = FoldWords(w)
			f.words[w] = fw
		}
		out = append(out, fw...)
	}
	return out
}

// Fold is Fold(s).
func (f *Folder) Fold(s string) string { return strings.Join(f.Words(s), " ") }

// NameKey is NameKey(name).
func (f *Folder) NameKey(name string) string {
	w := f.Words(name)
	sort.Strings(w)
	return strings.Join(w, " ")
}

// SimilarNames reports whether two names are close enough to ask "is this the
// same person?": the same key, or keys within a small edit distance.
func SimilarNames(a, b string) bool {
	ka, kb := NameKey(a), NameKey(b)
	if ka == "" || kb == "" {
		return false
	}
	if ka == kb {
		return true
	}
	n := max(len(ka), len(kb))
	limit := 1
	if n >= 12 {
		limit = 2
	}
	if abs(len(ka)-len(kb)) > limit {
		return false
	}
	return editDistance(ka, kb, limit) <= limit
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// editDistance is the Levenshtein distance of two byte strings, returning
// limit+1 early once it is certain to exceed limit.
func editDistance(a, b string, limit int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// PhoneKey is the comparable form of a phone number: its digits, with a
// Kazakh or Russian number written in any of its usual ways made equal —
// "8 705 123 45 67", "+7 (705) 123-45-67", "77051234567" and
// "705 123 45 67" are all "77051234567". Other numbers keep their digits.
func PhoneKey(s string) string {
	d := digitsOf(s)
	switch {
	case len(d) == 11 && (d[0] == '8' || d[0] == '7'):
		return "7" + d[1:]
	case len(d) == 10 && (d[0] == '7' || d[0] == '6' || d[0] == '9'):
		return "7" + d // the national number without its country code
	}
	return d
}

// SamePhone reports whether two phone numbers are the same number (see
// PhoneKey); empty numbers are never the same.
func SamePhone(a, b string) bool {
	ka := PhoneKey(a)
	return len(ka) >= 5 && ka == PhoneKey(b)
}
