// Package i18n is convene's message catalog. User-facing text is written in
// English in the code and used as the message key; translations are JSON
// files in locales/ (one per language) embedded in the binary, so a
// language is added without touching screen code.
//
// A locale file maps each key to its translation. A translation is either a
// string or, when it depends on a number, an object that selects a plural
// form by one of the message's arguments with the CLDR plural rules of the
// language:
//
//	{
//	  "Title": "Название",
//	  "%d participants": {"plural": 1, "one": "%d участник", "few": "%d участника",
//	                      "many": "%d участников", "other": "%d участника"},
//	  "%[2]s: %[1]d votes": {"plural": 1, "one": "...", "other": "..."}
//	}
//
// "plural" is the 1-based index of the numeric argument that selects the
// form; the forms are "zero", "one", "two", "few", "many" and "other"
// ("other" is required), or "=N" for an exact value (say "=0": "nobody
// yet"). A form may itself be such an object, for a message with two
// counts. English plurals live in locales/en.json the same way. Keys and
// translations use fmt verbs; explicit indexes (%[2]s) let a translation
// reorder the arguments. An empty string means "not translated yet": the
// English key is shown and the completeness test reports it.
//
// Numbers formatted with %d or %v are written the language's way (en
// "10,000", ru and kk "10 000"; ru and kk "2,5" for %.1f); pass a number
// as a string (strconv.Itoa) where it must stay bare, such as a year.
package i18n

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

//go:embed locales/*.json
var locales embed.FS

// Printer formats messages in one language. The zero Printer is English
// without the catalog (plain fmt).
type Printer struct {
	lang    string
	p       *message.Printer
	cat, en *langCatalog // its language's messages, and English's (the fallback, with its plural forms)
}

// langs are the languages convene has, in the order offered to the user.
var langs = func() []string {
	entries, err := locales.ReadDir("locales")
	if err != nil {
		panic(err)
	}
	var out []string
	for _, e := range entries {
		code := strings.TrimSuffix(e.Name(), ".json")
		if _, err := language.Parse(code); err != nil {
			panic(fmt.Sprintf("i18n: locale file %s: %v", e.Name(), err))
		}
		out = append(out, code)
	}
	sort.Slice(out, func(i, j int) bool { return langOrder(out[i]) < langOrder(out[j]) })
	return out
}()

// builder holds the translations compiled so far. A language's file is
// parsed the first time a printer for it is made (parsing all three at
// start cost ~45 ms of every start), and each message is compiled into the
// builder the first time it is printed (compiling all of a file took 4 ms
// of a Russian or Kazakh start, for the few dozen messages a screen shows).
var builder = catalog.NewBuilder(catalog.Fallback(language.English))

// langCatalog is one language's file, parsed, its messages compiled into
// builder as they are first used.
type langCatalog struct {
	tag      language.Tag
	entries  map[string]entry
	keys     map[string]bool // the keys it translates (not empty)
	compiled sync.Map        // key → struct{}: set in builder (or not in the file)
	mu       sync.Mutex
}

// use compiles key's message into builder, once.
func (c *langCatalog) use(key string) {
	if c == nil {
		return
	}
	if _, ok := c.compiled.Load(key); ok {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.compiled.Load(key); ok {
		return
	}
	if e, ok := c.entries[key]; ok && !e.empty() {
		if err := builder.Set(c.tag, key, e.catalogMessage()); err != nil {
			// the embedded files are checked by the tests (TestCatalogsCompile)
			panic(fmt.Sprintf("i18n: locale file %s.json, key %q: %v", c.tag, key, err))
		}
	}
	c.compiled.Store(key, struct{}{})
}

var (
	loadMu sync.Mutex
	loaded = map[string]*langCatalog{}
)

// catalogFor returns a language's catalog, parsing its locale file the
// first time (nil for a language without one).
func catalogFor(code string) *langCatalog {
	loadMu.Lock()
	defer loadMu.Unlock()
	if c, ok := loaded[code]; ok {
		return c
	}
	var c *langCatalog
	if data, err := locales.ReadFile(path.Join("locales", code+".json")); err == nil {
		msgs, err := parseLocale(data)
		if err != nil {
			// the embedded files are checked by the tests; a bad one is a
			// programming error
			panic(fmt.Sprintf("i18n: locale file %s.json: %v", code, err))
		}
		c = &langCatalog{tag: language.MustParse(code), entries: msgs, keys: make(map[string]bool, len(msgs))}
		for k, m := range msgs {
			if !m.empty() {
				c.keys[k] = true
			}
		}
	}
	loaded[code] = c
	return c
}

// haveKeys returns the keys a language's locale file translates (for
// Printer.Has: an error's English text is looked up only when it is a
// key).
func haveKeys(code string) map[string]bool {
	if c := catalogFor(code); c != nil {
		return c.keys
	}
	return nil
}

// langOrder puts English first, then Russian and Kazakh, then the rest.
func langOrder(code string) string {
	switch code {
	case "en":
		return "0"
	case "ru":
		return "1"
	case "kk":
		return "2"
	}
	return "3" + code
}

// New returns a printer for lang, one of Available() or a locale name such
// as "ru_RU.UTF-8" or "ru-KZ". An empty lang is the system's language; a
// language convene does not have is English. Use Resolve to refuse an
// unknown language instead.
func New(lang string) Printer {
	if lang == "" {
		lang = SystemLanguage()
	}
	code, ok := Match(lang)
	if !ok {
		code = "en"
	}
	return printerFor(code)
}

func printerFor(code string) Printer {
	return Printer{lang: code, p: message.NewPrinter(language.MustParse(code), message.Catalog(builder)),
		cat: catalogFor(code), en: catalogFor("en")}
}

// Lang is the printer's language code ("en", "ru", "kk"); the zero Printer
// is "en".
func (p Printer) Lang() string {
	if p.lang == "" {
		return "en"
	}
	return p.lang
}

// T translates and formats a message (fmt verbs as in fmt.Sprintf). key is
// the English text; when it has plural forms in the catalog, the form is
// chosen by the argument the catalog names.
func (p Printer) T(key string, args ...any) string {
	if p.p == nil {
		return fmt.Sprintf(key, args...)
	}
	p.cat.use(key)
	p.en.use(key)
	return p.p.Sprintf(key, args...)
}

// Word translates a message that has no arguments, such as a state or a
// kind name chosen at run time.
func (p Printer) Word(key string) string {
	if p.p == nil {
		return key
	}
	p.cat.use(key)
	p.en.use(key)
	return p.p.Sprintf(key)
}

// Key marks a string literal as a message key where it is written (a table
// of words chosen at run time) and returns it unchanged; the completeness
// test collects its argument. Translate it later with Printer.Word or T.
// Packages that may not import i18n mark such tables with a "//i18n:key"
// comment on the line above the declaration instead.
func Key(s string) string { return s }
