package i18n

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message/catalog"
)

// stub rewrites the locale files: every key the code uses and a language
// lacks is added with an empty translation (shown in English until it is
// filled in, and reported by TestCatalogsComplete), and every file is put in
// its canonical form. Unused keys are kept.
//
//	go test ./i18n -run TestCatalogsComplete -stub
var stub = flag.Bool("stub", false, "add the missing keys to the locale files with empty translations, and reformat them")

// translated are the languages that must translate every key; English is
// the keys themselves (en.json holds only English plural forms).
var translated = []string{"ru", "kk"}

func readLocale(t *testing.T, code string) (map[string]entry, []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("locales", code+".json"))
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := parseLocale(data)
	if err != nil {
		t.Fatalf("locales/%s.json: %v", code, err)
	}
	return msgs, data
}

// TestCatalogsComplete fails when a message the code uses has no Russian or
// Kazakh translation. The keys come from the source (see keys_test.go).
func TestCatalogsComplete(t *testing.T) {
	used := usedKeys(t, "..")
	if len(used) < 50 {
		t.Fatalf("found only %d message keys in the source; is the extractor broken?", len(used))
	}
	for _, code := range Available() {
		msgs, data := readLocale(t, code)
		var missing []string
		if slices.Contains(translated, code) {
			for _, k := range sortedKeys(used) {
				if e, ok := msgs[k]; !ok || hasEmpty(e) {
					missing = append(missing, fmt.Sprintf("%q (%s)", k, used[k]))
					if !ok {
						msgs[k] = entry{}
					}
				}
			}
		}
		for _, k := range sortedKeys(used) {
			if w := pluralHint(code, k, msgs[k]); w != "" {
				t.Logf("warning: locales/%s.json %q (%s) %s", code, k, used[k], w)
			}
		}
		var unused []string
		for _, k := range sortedKeys(msgs) {
			if _, ok := used[k]; !ok && !extraKeys[k] {
				unused = append(unused, fmt.Sprintf("%q", k))
			}
		}
		if len(unused) > 0 {
			t.Logf("warning: locales/%s.json has %d keys the code does not use (yet): %s", code, len(unused), strings.Join(unused, ", "))
		}
		if *stub {
			if out := formatLocale(msgs); string(out) != string(data) {
				if err := os.WriteFile(filepath.Join("locales", code+".json"), out, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("rewrote locales/%s.json", code)
			}
		}
		if len(missing) > 0 {
			t.Errorf("locales/%s.json lacks %d translations (run \"go test ./i18n -run TestCatalogsComplete -stub\" to add them empty, then translate):\n  %s",
				code, len(missing), strings.Join(missing, "\n  "))
		}
	}
}

// extraKeys are keys kept in the catalogs although the code does not pass
// them as literals yet, so they are not reported as unused: words of ui
// tables chosen at run time (to be marked //i18n:key in ui/, then removed
// from here) and plurals ready for the screens being written.
var extraKeys = map[string]bool{
	// plurals ready for use
	"%d participants": true, "%d minutes": true,
}

// A count followed by a noun that changes with the number: "%d actions",
// «%d поручений». Such a message probably wants plural forms.
var (
	englishCount = regexp.MustCompile(`%(\[\d+\])?d [a-z-]+s\b`)
	russianCount = regexp.MustCompile(`%(\[\d+\])?d ([а-яё]+)`)
	// words after a number that do not change: abbreviations, prepositions
	invariant = map[string]bool{"мин": true, "ч": true, "с": true, "сек": true, "г": true, "из": true, "в": true, "на": true}
)

// pluralHint warns about a message that looks as if it needs plural forms
// and has none (a warning only: the heuristic can be wrong).
func pluralHint(code, key string, e entry) string {
	if e.arg != 0 {
		return ""
	}
	switch code {
	case "en":
		if englishCount.MatchString(key) {
			return "counts with a plural noun: English plural forms (\"one\", \"other\") may be needed"
		}
	case "ru":
		for _, m := range russianCount.FindAllStringSubmatch(e.text, -1) {
			if !invariant[m[2]] {
				return fmt.Sprintf("«%s»: Russian plural forms (\"one\", \"few\", \"many\", \"other\") may be needed", m[0])
			}
		}
	}
	return ""
}

func hasEmpty(e entry) bool {
	for _, s := range e.texts() {
		if s == "" {
			return true
		}
	}
	return false
}

// TestCatalogsWellFormed checks every translation against its key: the same
// arguments with the same verbs (a plural form may leave out the number
// that selects it: "one": "одна минута"), a plural argument that exists
// and is a number, and the files in their canonical form.
func TestCatalogsWellFormed(t *testing.T) {
	for _, code := range Available() {
		msgs, data := readLocale(t, code)
		for _, k := range sortedKeys(msgs) {
			for _, problem := range checkEntry(k, msgs[k]) {
				t.Errorf("locales/%s.json %q: %s", code, k, problem)
			}
		}
		if out := formatLocale(msgs); string(out) != string(data) && !*stub {
			t.Errorf("locales/%s.json is not in canonical form (sorted keys, two-space indent); run \"go test ./i18n -run TestCatalogsComplete -stub\"", code)
		}
	}
}

func checkEntry(key string, e entry) []string {
	want, err := verbs(key)
	if err != nil {
		return []string{"the key itself: " + err.Error()}
	}
	var problems []string
	var walk func(e entry, selecting []int)
	walk = func(e entry, selecting []int) {
		if e.arg != 0 {
			if v, ok := want[e.arg]; !ok || v != 'd' {
				problems = append(problems, fmt.Sprintf("\"plural\": %d is not a %%d argument of the key", e.arg))
			}
			for _, f := range e.forms {
				walk(f.msg, append(slices.Clone(selecting), e.arg))
			}
			return
		}
		if e.text == "" {
			return // not translated yet: TestCatalogsComplete says so
		}
		got, err := verbs(e.text)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%q: %v", e.text, err))
			return
		}
		for arg, v := range got {
			if w, ok := want[arg]; !ok {
				problems = append(problems, fmt.Sprintf("%q uses argument %d, which the key does not have", e.text, arg))
			} else if w != v {
				problems = append(problems, fmt.Sprintf("%q formats argument %d with %%%c, the key with %%%c", e.text, arg, v, w))
			}
		}
		for arg := range want {
			if _, ok := got[arg]; !ok && !slices.Contains(selecting, arg) {
				problems = append(problems, fmt.Sprintf("%q leaves out argument %d (%%%c)", e.text, arg, want[arg]))
			}
		}
	}
	walk(e, nil)
	return problems
}

// verbs parses the fmt verbs of s as fmt does and returns, per argument
// (1-based), the verb that formats it ('*' for a width or precision).
func verbs(s string) (map[int]rune, error) {
	out := map[int]rune{}
	rs := []rune(s)
	arg := 1
	use := func(v rune) error {
		if prev, ok := out[arg]; ok && prev != v {
			return fmt.Errorf("argument %d is formatted both with %%%c and %%%c", arg, prev, v)
		}
		out[arg] = v
		arg++
		return nil
	}
	index := func(i int) (int, bool) { // [n] at rs[i]; returns the index after it
		if i >= len(rs) || rs[i] != '[' {
			return i, false
		}
		j := i + 1
		n := 0
		for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
			n = n*10 + int(rs[j]-'0')
			j++
		}
		if j >= len(rs) || rs[j] != ']' || n < 1 {
			return i, false
		}
		arg = n
		return j + 1, true
	}
	for i := 0; i < len(rs); i++ {
		if rs[i] != '%' {
			continue
		}
		i++
		if i < len(rs) && rs[i] == '%' {
			continue
		}
		for i < len(rs) && strings.ContainsRune("+-# 0", rs[i]) {
			i++
		}
		i, _ = index(i)
		if i < len(rs) && rs[i] == '*' {
			if err := use('*'); err != nil {
				return nil, err
			}
			i++
		}
		for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
			i++
		}
		if i < len(rs) && rs[i] == '.' {
			i++
			i, _ = index(i)
			if i < len(rs) && rs[i] == '*' {
				if err := use('*'); err != nil {
					return nil, err
				}
				i++
			}
			for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
				i++
			}
		}
		i, _ = index(i)
		if i >= len(rs) {
			return nil, fmt.Errorf("%q ends in the middle of a verb", s)
		}
		if !strings.ContainsRune("vTtbcdoOqxXUeEfFgGsp", rs[i]) {
			return nil, fmt.Errorf("%%%c is not a fmt verb", rs[i])
		}
		if err := use(rs[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func TestVerbs(t *testing.T) {
	tests := []struct {
		in   string
		want map[int]rune
		err  bool
	}{
		{"plain 100%%", map[int]rune{}, false},
		{"%s and %d", map[int]rune{1: 's', 2: 'd'}, false},
		{"%[2]d then %[1]s", map[int]rune{1: 's', 2: 'd'}, false},
		{"%02d:%02d (%d%%)", map[int]rune{1: 'd', 2: 'd', 3: 'd'}, false},
		{"%-*s|", map[int]rune{1: '*', 2: 's'}, false},
		{"%[1]s %[1]d", nil, true},
		{"broken %", nil, true},
		{"%y", nil, true},
	}
	for _, tt := range tests {
		got, err := verbs(tt.in)
		if (err != nil) != tt.err {
			t.Errorf("verbs(%q) error %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if !tt.err && fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("verbs(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPluralHint(t *testing.T) {
	tests := []struct {
		code, key, text string
		warn            bool
	}{
		{"en", "Closed %s with %d actions", "", true},
		{"en", "%d min late", "", false},
		{"en", "Checked in %d / %d", "", false},
		{"ru", "x", "Добавлено %d участников", true},
		{"ru", "x", "Отставание %d мин · %d из %d", false},
		{"ru", "x", "добавлено %d, отклонено %d", false},
	}
	for _, tt := range tests {
		if got := pluralHint(tt.code, tt.key, entry{text: tt.text}) != ""; got != tt.warn {
			t.Errorf("pluralHint(%s, %q, %q) warns %v, want %v", tt.code, tt.key, tt.text, got, tt.warn)
		}
	}
	plural, _ := parseEntry([]byte(`{"plural": 1, "one": "%d участник", "other": "%d участников"}`))
	if pluralHint("ru", "%d participants", plural) != "" {
		t.Error("a message with plural forms is warned about")
	}
}

func TestCheckEntry(t *testing.T) {
	tests := []struct {
		key, json string
		problems  int
	}{
		{"%s of %d", `"%s из %d"`, 0},
		{"%s of %d", `"%[2]d: %[1]s"`, 0},
		{"%s of %d", `"%s из"`, 1},
		{"%s of %d", `"%d из %s"`, 2},
		{"%s of %d", `"%s из %d %s"`, 1},
		{"%d min", `{"plural": 1, "one": "одна минута", "other": "%d мин"}`, 0},
		{"%s: %d min", `{"plural": 2, "one": "одна минута", "other": "%d мин"}`, 2}, // %s left out twice
		{"%s: %d min", `{"plural": 1, "other": "%s: %d мин"}`, 1},                   // selects by a string
		{"%d of %d", `{"plural": 1, "one": {"plural": 2, "one": "%d из %d", "other": "%d из %d"}, "other": "%d из %d"}`, 0},
	}
	for _, tt := range tests {
		e, err := parseEntry([]byte(tt.json))
		if err != nil {
			t.Fatalf("%s: %v", tt.json, err)
		}
		if got := checkEntry(tt.key, e); len(got) != tt.problems {
			t.Errorf("checkEntry(%q, %s) = %q, want %d problems", tt.key, tt.json, got, tt.problems)
		}
	}
}

// TestExtractor checks what the extractor collects on a small file.
func TestExtractor(t *testing.T) {
	dir := t.TempDir()
	src := `package x

import "charm.land/bubbles/v2/key"

// A doc comment.
//
//i18n:key
const (
	A = "alpha"
	B = "beta"
)

var names = []string{"one", "two"} //i18n:key

var notMarked = "skip me"

var (
	x = "not this" //i18n:key
	y = "nor this"
)

//i18n:key
// Doc after the marker.
var z = "zeta"

//i18n:key
var long = errors.New("one " +
	"sentence")

func f(c C) {
	_ = c.T("Hello %s", "not a key")
	_ = c.W("word")
	_ = Word("joined " + "words")
	_ = T(notMarked)
	_ = i18n.Key("from a table")
	_ = key.WithHelp("ctrl+s", "save")
	_ = bind(keys("u"), "u", "undo it")
	_ = newTable(column{title: "Starts", width: 6}, column{width: 1})
	_ = i18n.Errorf("cannot open %s: %w", "f", err)
	_ = errorf("store says %w", err)
	_ = fmt.Errorf("not a key: %w", err)
	//i18n:key
	verb := "extended by"
	_ = verb
}
`
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "x_test.go"), []byte("package x\nfunc g(c C) { c.T(\"test only\") }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := sortedKeys(usedKeys(t, dir))
	want := []string{"Hello %s", "Starts", "alpha", "beta", "cannot open %s: %v", "extended by", "from a table", "joined words", "not this", "one", "one sentence", "save", "store says %v", "two", "undo it", "word", "zeta"}
	if !slices.Equal(got, want) {
		t.Errorf("keys = %q\nwant   %q", got, want)
	}
}

// TestCatalogsCompile: every message of every locale file compiles (the
// app compiles each only when it is first printed, see langCatalog).
func TestCatalogsCompile(t *testing.T) {
	for _, code := range Available() {
		msgs, _ := readLocale(t, code)
		b := catalog.NewBuilder(catalog.Fallback(language.English))
		tag := language.MustParse(code)
		for _, k := range sortedKeys(msgs) {
			if msgs[k].empty() {
				continue
			}
			if err := b.Set(tag, k, msgs[k].catalogMessage()); err != nil {
				t.Errorf("locales/%s.json %q: %v", code, k, err)
			}
		}
	}
}
