package i18n

import "testing"

func TestPrinterFormatsAndFallsBack(t *testing.T) {
	tests := []struct{ lang, key, want string }{
		{"en", "Checked in %d of %d", "Checked in 3 of 10"},
		{"", "Checked in %d of %d", "Checked in 3 of 10"},
		{"xx-invalid", "Checked in %d of %d", "Checked in 3 of 10"},
		{"ru", "Checked in %d of %d", "Checked in 3 of 10"}, // no Russian file yet: English
	}
	for _, tt := range tests {
		if got := New(tt.lang).T(tt.key, 3, 10); got != tt.want {
			t.Errorf("New(%q).T = %q, want %q", tt.lang, got, tt.want)
		}
	}
	var zero Printer
	if got := zero.T("a %s", "b"); got != "a b" {
		t.Errorf("zero printer: %q", got)
	}
}
