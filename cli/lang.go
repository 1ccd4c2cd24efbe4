package cli

import (
	"strings"

	"convene/i18n"
)

// language resolves the language of this run: --lang, else $CONVENE_LANG,
// else the system's language, else English. A --lang (or $CONVENE_LANG)
// naming a language convene does not have is an error listing those it has.
func (f *rootFlags) language() (string, error) {
	p, err := i18n.Resolve(f.lang)
	if err != nil {
		return "", err
	}
	return p.Lang(), nil
}

func langUsage() string {
	return "language: " + strings.Join(i18n.Available(), ", ") + " (default: $CONVENE_LANG, else the system's language, else en)"
}
