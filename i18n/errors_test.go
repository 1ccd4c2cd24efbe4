package i18n

import (
	"errors"
	"fmt"
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
