//go:build windows

package i18n

import "golang.org/x/sys/windows"

// systemUILanguage is the user's preferred Windows display language, such
// as "ru-RU" or "kk-KZ" (Windows rarely sets LANG).
func systemUILanguage() string {
	langs, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME)
	if err != nil || len(langs) == 0 {
		return ""
	}
	// the first one convene has, so "kk-KZ, ru-RU" gives Kazakh and
	// "uz-UZ, ru-RU" Russian; else the first, which maps to English
	for _, l := range langs {
		if _, ok := Match(l); ok {
			return l
		}
	}
	return langs[0]
}
