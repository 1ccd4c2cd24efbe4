package i18n

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPrinterError(t *testing.T) {
	ru := New("ru")
	sentinel := errors.New("Nothing changed") // a key of the catalog
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"a sentinel whose text is a key", sentinel, "Ничего не изменено"},
		{"text that is no key stays", errors.New("SQLITE_BUSY (5)"), "SQLITE_BUSY (5)"},
		{"a wrapper keeps its own text", fmt.Errorf("/data/s.db: %w", sentinel), "/data/s.db: Ничего не изменено"},
		{"a wrapped error in the middle", fmt.Errorf("x %w y", sentinel), "x Ничего не изменено y"},
		{"Errorf with a key", Errorf("Error: %s", "disk"), "Ошибка: disk"},
		{"an error argument is translated", Errorf("Error: %s", sentinel), "Ошибка: Ничего не изменено"},
		{"Errorf inside a wrapper", fmt.Errorf("a.csv: %w", Errorf("Error: %s", sentinel)), "a.csv: Ошибка: Ничего не изменено"},
		{"a joined error", errors.Join(sentinel, errors.New("disk I/O error")), "Ничего не изменено\ndisk I/O error"},
		{"a percent sign is not a format", errors.New("100% Nothing changed"), "100% Nothing changed"},
	}
	for _, tt := range tests {
		if got := ru.Error(tt.err); got != tt.want {
			t.Errorf("%s: ru.Error = %q, want %q", tt.name, got, tt.want)
		}
	}
	e := Errorf("Error: %w", sentinel)
	if !errors.Is(e, sentinel) {
		t.Error("errors.Is does not see through Errorf's %w")
	}
	if e.Error() != "Error: Nothing changed" {
		t.Errorf("Errorf's English text: %q", e.Error())
	}
	if got := New("en").Error(e); got != "Error: Nothing changed" {
		t.Errorf("en: %q", got)
	}
	var zero Printer
	if zero.Error(e) != e.Error() || zero.Error(nil) != "" {
		t.Error("the zero printer changes the text")
	}
}

// TestPathErrorsInWords: a file error says the path and the cause in the
// printer's language, also inside a wrapping message.
func TestPathErrorsInWords(t *testing.T) {
	_, err := os.Open(filepath.Join(t.TempDir(), "nope.csv"))
	ru := New("ru")
	if got := ru.Error(err); !strings.HasSuffix(got, "nope.csv: нет такого файла или папки") {
		t.Errorf("ru: %q", got)
	}
	wrapped := Errorf("import: %w", err)
	if got := ru.Error(wrapped); strings.Contains(got, "no such file") || !strings.Contains(got, "нет такого файла") {
		t.Errorf("ru, wrapped: %q", got)
	}
	if got := New("en").Error(err); !strings.HasSuffix(got, "nope.csv: no such file or folder") {
		t.Errorf("en: %q", got)
	}
}
