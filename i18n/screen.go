package i18n

import (
	"fmt"
	"strings"
	"unicode"
)

// keyWords are the names printed on keys, which stay in Latin letters in
// every language, and convene's own name.
var keyWords = []string{
	"enter", "esc", "tab", "space", "ctrl", "shift", "alt", "pgup", "pgdn", "pgdown",
	"home", "end", "backspace", "del", "ins", "convene",
	// file types, and product names that Russian and Kazakh write in Latin
	"csv", "xlsx", "md", "db", "excel", "google",
	// English's own name in the language menu
	"english",
}

// LatinRuns finds visible English on a screen meant to be in Russian or
// Kazakh: it returns each run of Latin-script words on a line that are not
// allowed (words separated only by spaces, digits or punctuation; a
// Cyrillic word or an allowed word ends a run), as "line N: words".
//
// Allowed without being listed: single letters (the keys a, n, y…), key
// names (enter, esc, tab, space, ctrl+…, shift+…, alt+…, pgup, pgdn,
// home, end, f1–f12), "convene", file types (csv, xlsx, md, db), the
// product names Excel and Google (as Russian and Kazakh write them), the
// name "English" (in the menu of languages, each in itself), and words
// written in capitals only (acronyms: CSV, SSH, ID, HH:MM, UNDP). allow adds
// words or phrases (split into words; case does not matter): the Latin
// personal names of the data shown, say.
func LatinRuns(screen string, allow ...string) []string {
	ok := map[string]bool{}
	for _, w := range keyWords {
		ok[w] = true
	}
	for _, a := range allow {
		for _, w := range latinWords(a) {
			ok[strings.ToLower(w)] = true
		}
	}
	var out []string
	for n, line := range strings.Split(screen, "\n") {
		var run []string
		flush := func() {
			if len(run) > 0 {
				out = append(out, fmt.Sprintf("line %d: %s", n+1, strings.Join(run, " ")))
				run = nil
			}
		}
		rs := []rune(line)
		for i := 0; i < len(rs); {
			r := rs[i]
			switch {
			case isLatin(r):
				j := i
				for j < len(rs) && (isLatin(rs[j]) || unicode.IsDigit(rs[j]) || isApostrophe(rs, j)) {
					j++
				}
				w := string(rs[i:j])
				if allowedWord(w, ok) {
					flush()
				} else {
					run = append(run, w)
				}
				i = j
			case unicode.IsLetter(r): // Cyrillic or another script ends a run
				flush()
				i++
			default:
				i++
			}
		}
		flush()
	}
	return out
}

func isLatin(r rune) bool { return unicode.Is(unicode.Latin, r) }

// isApostrophe reports an apostrophe inside a word ("Prosecutor's").
func isApostrophe(rs []rune, j int) bool {
	return (rs[j] == '\'' || rs[j] == '’') && j > 0 && j+1 < len(rs) && isLatin(rs[j-1]) && isLatin(rs[j+1])
}

func allowedWord(w string, ok map[string]bool) bool {
	letters := 0
	upper := true
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				upper = false
			}
		}
	}
	lw := strings.ToLower(w)
	switch {
	case letters <= 1: // a key letter, or f1…f12
		return true
	case upper:
		return true
	case ok[lw]:
		return true
	}
	return false
}

// latinWords splits text into its Latin-script words.
func latinWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isLatin(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' })
}
