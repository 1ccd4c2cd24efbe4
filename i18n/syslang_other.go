//go:build !windows

package i18n

// systemUILanguage has nothing to add outside Windows: the POSIX locale
// variables say it all.
func systemUILanguage() string { return "" }
