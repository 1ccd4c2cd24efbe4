package model

import (
	"strings"
	"testing"
)

func TestSanitizeLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Нурланов Ерлан", "Нурланов Ерлан"},
		{"trim", "  Ann  ", "Ann"},
		{"CSI colour", "\x1b[31mRed\x1b[0m Name", "Red Name"},
		{"CSI cursor move", "A\x1b[2J\x1b[HB", "AB"},
		{"CSI with intermediate", "A\x1b[?1049hB", "AB"},
		{"OSC title BEL", "\x1b]0;pwned\x07Ann", "Ann"},
		{"OSC clipboard ST", "\x1b]52;c;ZXZpbA==\x1b\\Ann", "Ann"},
		{"OSC hyperlink", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"DCS", "A\x1bP1$r0m\x1b\\B", "AB"},
		{"APC", "A\x1b_Gf=100;AAAA\x1b\\B", "AB"},
		{"SOS and PM", "A\x1bXsos\x1b\\B\x1b^pm\x1b\\C", "ABC"},
		{"two-byte ESC", "A\x1bcB\x1b7C", "ABC"},
		{"ESC with intermediate", "A\x1b(BB", "AB"},
		{"C1 CSI", "A\u009b31mB", "AB"},
		{"C1 OSC", "A\u009d0;title\u009cB", "AB"},
		{"C1 DCS", "A\u0090junk\u009cB", "AB"},
		{"other C1", "A\u0085B", "AB"},
		{"C0 controls", "A\x00B\x07C\x08D\x7fE", "ABCDE"},
		{"newlines to spaces", "line1\nline2\r\nline3", "line1 line2 line3"},
		{"runs of spaces", "Ann   \x1b[1m  Lee", "Ann Lee"},
		{"tab", "a\tb", "a b"},
		{"bidi override", "abc\u202edcba", "abcdcba"},
		{"BOM", "\ufeffName", "Name"},
		{"invalid utf8", "A\xffB", "A\uFFFDB"},
		{"unterminated OSC swallows rest", "Ann\x1b]0;evil", "Ann"},
		{"lone ESC at end", "Ann\x1b", "Ann"},
		{"kazakh letters kept", "Ұлжан Әсел Қанат", "Ұлжан Әсел Қанат"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SanitizeLine(tt.in)
			if got != tt.want {
				t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if strings.ContainsAny(got, "\x1b\u009b\u009d\x07\n\r") {
				t.Errorf("control left in %q", got)
			}
		})
	}
}

func TestSanitizeTextKeepsLines(t *testing.T) {
	got := SanitizeText("one\r\ntwo\rthree\n\x1b[1mfour\x1b[0m\n\n")
	if want := "one\ntwo\nthree\nfour"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"Нурланов", 10, "Нурланов"},
		{"Нурланов", 5, "Нурл…"},
		{"abc", 0, ""},
	}
	for _, tt := range tests {
		if got := Truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("Truncate(%q,%d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestHasUnsafe(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"Ann Lee", false}, {"Нұрлан  Әлі ", false}, {"a\u202eb", true}, {"a\x1b[31mb", true},
		{"a\tb", true}, {"a\nb", true}, {"a\u0085b", true}, {"bad \xff", true}, {"\ufeffx", true}, {"", false},
	} {
		if got := HasUnsafe(tc.in); got != tc.want {
			t.Errorf("HasUnsafe(%q) = %v, want %v", tc.in, got, tc.want)
		}
		if !HasUnsafe(tc.in) && SanitizeLine(tc.in) != strings.Join(strings.Fields(tc.in), " ") {
			t.Errorf("%q: said safe but SanitizeLine changes more than spaces: %q", tc.in, SanitizeLine(tc.in))
		}
	}
}
