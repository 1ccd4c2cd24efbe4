package i18n

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Available lists the languages convene has, as codes for --lang: "en",
// "ru", "kk" (English first).
func Available() []string { return slices.Clone(langs) }

// nativeNames are the languages' names in themselves, for menus and errors.
var nativeNames = map[string]string{"en": "English", "ru": "Русский", "kk": "Қазақша"}

// Native is the name of a language in that language ("Русский" for "ru");
// the code itself when convene does not know it.
func Native(code string) string {
	if n, ok := nativeNames[code]; ok {
		return n
	}
	return code
}

// Match maps a language name as people and systems write it — "ru",
// "RU", "ru_RU.UTF-8", "ru-KZ", "kk_KZ", "kk-Cyrl-KZ", "en_US@euro",
// "Russian" is not one — to a code of Available(). ok is false when convene
// does not have the language. A country or script does not matter: only
// the language is compared (Kazakh is Cyrillic here whatever the tag says).
func Match(name string) (code string, ok bool) {
	s := strings.TrimSpace(name)
	s, _, _ = strings.Cut(s, ".") // encoding: ru_RU.UTF-8
	s, _, _ = strings.Cut(s, "@") // modifier: en_US@euro
	s = strings.ReplaceAll(s, "_", "-")
	if s == "" || s == "C" || s == "POSIX" {
		return "", false
	}
	tag, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	base, conf := tag.Base()
	if conf == language.No {
		return "", false
	}
	for _, c := range langs {
		if b, _ := language.MustParse(c).Base(); b == base {
			return c, true
		}
	}
	return "", false
}

// Resolve chooses the language of this run and returns its printer:
//
//  1. flag (the --lang value) when not empty,
//  2. else $CONVENE_LANG when set,
//  3. else the system's language (LC_ALL, LC_MESSAGES, LANG; on Windows the
//     user's UI language when those are unset),
//  4. else English.
//
// A flag or $CONVENE_LANG naming a language convene does not have is an
// error that lists the available ones; a system language it does not have
// (German, say) quietly gives English.
func Resolve(flag string) (Printer, error) {
	if flag != "" {
		code, ok := Match(flag)
		if !ok {
			return Printer{}, fmt.Errorf("%w %q (--lang); %s", ErrUnknownLanguage, flag, availableList())
		}
		return printerFor(code), nil
	}
	if v := os.Getenv("CONVENE_LANG"); v != "" {
		code, ok := Match(v)
		if !ok {
			return Printer{}, fmt.Errorf("%w %q in CONVENE_LANG; %s", ErrUnknownLanguage, v, availableList())
		}
		return printerFor(code), nil
	}
	if code, ok := Match(SystemLanguage()); ok {
		return printerFor(code), nil
	}
	return printerFor("en"), nil
}

// ErrUnknownLanguage is wrapped by Resolve's error for a language convene
// does not have: «unknown language "de" (--lang); available: en (English),
// ru (Русский), kk (Қазақша)».
var ErrUnknownLanguage = errors.New("unknown language")

func availableList() string {
	var names []string
	for _, c := range langs {
		names = append(names, c+" ("+Native(c)+")")
	}
	return "available: " + strings.Join(names, ", ")
}

// SystemLanguage is the user's language as the system says it, unmapped:
// the first of LC_ALL, LC_MESSAGES and LANG that is set (POSIX order); when
// none is, on Windows, the user's preferred UI language ("ru-RU"). Empty
// when nothing says.
func SystemLanguage() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return systemUILanguage()
}

// LangFromArgs is the --lang of a command line, read before the commands
// are built (their help is written in the language): "--lang ru" or
// "--lang=ru" anywhere before a "--"; the last one wins, as with pflag.
func LangFromArgs(args []string) string {
	lang := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return lang
		case a == "--lang" && i+1 < len(args):
			lang = args[i+1]
			i++
		case strings.HasPrefix(a, "--lang="):
			lang = strings.TrimPrefix(a, "--lang=")
		}
	}
	return lang
}

// The locale files a run will most likely use (English, and the language
// of its --lang, $CONVENE_LANG or the system, as Resolve chooses) are read
// in the background as the program starts, beside the initialisation of
// the packages that come after this one: a Russian or Kazakh file takes
// ~4 ms to read, which the first printer (the command line's) would
// otherwise wait for at every start. A printer made meanwhile waits for it
// (catalogFor).
func init() {
	go func() {
		catalogFor("en")
		lang := LangFromArgs(os.Args[1:])
		if lang == "" {
			lang = os.Getenv("CONVENE_LANG")
		}
		if lang == "" {
			lang = SystemLanguage()
		}
		if code, ok := Match(lang); ok {
			catalogFor(code)
		}
	}()
}
