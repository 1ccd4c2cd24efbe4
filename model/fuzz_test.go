package model

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzSanitizeLine(f *testing.F) {
	for _, s := range []string{"Нурланов Ерлан", "\x1b[31mred\x1b[0m", "\x1b]52;c;ZXZpbA==\x07", "a\u009b31mb", "\x1bP1$r\x1b\\", "\xff\xfe", "x\r\ny\tz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{SanitizeLine(s), SanitizeText(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q", s)
			}
			for _, r := range out {
				if (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) || (r >= 0x202a && r <= 0x202e) {
					t.Fatalf("control %U left in %q (from %q)", r, out, s)
				}
			}
		}
		if strings.ContainsAny(SanitizeLine(s), "\n") {
			t.Fatalf("line break in a line")
		}
		if once := SanitizeLine(s); SanitizeLine(once) != once {
			t.Fatalf("not idempotent: %q -> %q", once, SanitizeLine(once))
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Нурланов Ерлан", "Ұлжан", "Uljan", "Manzhuov", "Щербаков", "José O'Brien", "p1@example.kz", "Әсел-Гүл"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := FoldWords(s)
		var fd Folder // folding word by word (the import, the search index) is the same
		if got := fd.Words(s); !slices.Equal(got, words) {
			t.Fatalf("Folder.Words(%q) = %q, FoldWords = %q", s, got, words)
		}
		for _, w := range words {
			if w == "" || strings.ContainsAny(w, " \t\n") {
				t.Fatalf("bad word %q from %q", w, s)
			}
			if strings.ToLower(w) != w {
				t.Fatalf("not lower case: %q", w)
			}
		}
		if Fold(s) != strings.Join(words, " ") {
			t.Fatal("Fold and FoldWords disagree")
		}
		// a name always finds itself
		if len(words) > 0 {
			ix := NewIndex([]Participant{{ID: "1", FullName: s}})
			if res := ix.Search(nil, s, nil); len(res) != 1 {
				t.Fatalf("%q does not find itself (words %q)", s, words)
			}
		}
		_ = SimilarNames(s, s+"x")
	})
}
