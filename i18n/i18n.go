// Package i18n is convene's message catalog. User-facing text is written in
// English in the code and used as the message key; translations are JSON
// files in locales/ (one per language, key -> translation) embedded in the
// binary, so Russian and Kazakh can be added without touching screen code.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

//go:embed locales/*.json
var locales embed.FS

// Printer formats messages in one language.
type Printer struct{ p *message.Printer }

var builder = func() *catalog.Builder {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	entries, _ := locales.ReadDir("locales")
	for _, e := range entries {
		tag, err := language.Parse(strings.TrimSuffix(e.Name(), ".json"))
		if err != nil {
			continue
		}
		data, err := locales.ReadFile(path.Join("locales", e.Name()))
		if err != nil {
			continue
		}
		var msgs map[string]string
		if json.Unmarshal(data, &msgs) != nil {
			continue
		}
		for k, v := range msgs {
			_ = b.SetString(tag, k, v)
		}
	}
	return b
}()

// New returns a printer for lang (a BCP 47 tag such as "ru" or "kk"); an
// empty lang is taken from LC_ALL, LC_MESSAGES or LANG, and English is the
// fallback.
func New(lang string) Printer {
	if lang == "" {
		lang = FromEnv()
	}
	tag := language.English
	if t, err := language.Parse(lang); err == nil {
		m := language.NewMatcher(append([]language.Tag{language.English}, builder.Languages()...))
		_, idx, conf := m.Match(t)
		if conf != language.No {
			tag = append([]language.Tag{language.English}, builder.Languages()...)[idx]
		}
	}
	return Printer{p: message.NewPrinter(tag, message.Catalog(builder))}
}

// FromEnv reads the language from the POSIX locale variables.
func FromEnv() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" && s != "C" && s != "POSIX" {
			s, _, _ = strings.Cut(s, ".")
			return strings.ReplaceAll(s, "_", "-")
		}
	}
	return ""
}

// T translates and formats a message (fmt verbs as in fmt.Sprintf).
func (p Printer) T(key string, args ...any) string {
	if p.p == nil {
		return fmt.Sprintf(key, args...)
	}
	return p.p.Sprintf(key, args...)
}

// Word translates a message that has no arguments, such as a state or a
// kind name chosen at run time.
func (p Printer) Word(key string) string {
	if p.p == nil {
		return key
	}
	return p.p.Sprintf(key)
}
