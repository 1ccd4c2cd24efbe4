package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestLanguageChoice(t *testing.T) {
	t.Setenv("CONVENE_LANG", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "de_DE.UTF-8") // a language convene does not have: English, quietly
	dir := t.TempDir()
	// an unknown --lang is refused, naming the languages there are, by the
	// app (before any window opens) and by every command
	for _, args := range [][]string{
		{"--demo", "--lang", "xx-bogus"},
		{"demo", "--db", filepath.Join(dir, "x.db"), "--lang", "de"},
		{"event", "list", "--db", filepath.Join(dir, "x.db"), "--lang", "fr"},
	} {
		code, out, errs := runCLI(t, args...)
		if code != 1 || !strings.Contains(out+errs, "en (English), ru (Русский), kk (Қазақша)") {
			t.Errorf("%v: code %d, out %q, err %q", args, code, out, errs)
		}
	}
	t.Run("CONVENE_LANG unknown", func(t *testing.T) {
		t.Setenv("CONVENE_LANG", "klingon")
		code, out, errs := runCLI(t, "demo", "--db", filepath.Join(dir, "y.db"))
		if code != 1 || !strings.Contains(out+errs, "CONVENE_LANG") {
			t.Errorf("code %d, out %q, err %q", code, out, errs)
		}
	})
	// the demo is written in the chosen language: --lang, else
	// CONVENE_LANG, else the system's language
	tests := []struct {
		name, env, lang, sys string
		args                 []string
		want                 string
	}{
		{"--lang ru", "", "", "", []string{"--lang", "ru"}, "Часть 1 — Тараз (город)"},
		{"--lang kk_KZ", "", "", "", []string{"--lang", "kk_KZ"}, "1-бөлім — Тараз (қала)"},
		{"--lang over CONVENE_LANG", "kk", "", "", []string{"--lang", "en"}, "Part 1 — Taraz (city)"},
		{"CONVENE_LANG", "kk", "", "ru_RU.UTF-8", nil, "1-бөлім — Тараз (қала)"},
		{"LANG", "", "", "ru_RU.UTF-8", nil, "Часть 1 — Тараз (город)"},
		{"German system", "", "", "de_DE.UTF-8", nil, "Part 1 — Taraz (city)"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CONVENE_LANG", tt.env)
			t.Setenv("LANG", tt.sys)
			db := filepath.Join(dir, "demo"+string(rune('a'+i))+".db")
			code, out, errs := runCLI(t, append([]string{"demo", "--db", db}, tt.args...)...)
			if code != 0 {
				t.Fatalf("demo: %d %q %q", code, out, errs)
			}
			code, out, _ = runCLI(t, "event", "list", "--db", db)
			if code != 0 || !strings.Contains(out, tt.want) {
				t.Errorf("event list: %d %q, want %q", code, out, tt.want)
			}
		})
	}
}
