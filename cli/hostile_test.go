package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// TestHostileInputs feeds each hostile input to the command line and
// checks the clear error (or safe result) and that nothing changed.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	if code, _, errs := runCLI(t, "demo", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		writeFile(t, p, string(data))
		return p
	}
	count := func() string {
		_, out, _ := runCLI(t, "export", "attendance", "--db", db, "--summary")
		return out
	}
	before := count()
	var big strings.Builder
	big.WriteString("Name,Organization\n")
	for i := range 50000 {
		fmt.Fprintf(&big, "Person %d,Org %d\n", i, i%50)
	}
	cp, _ := charmap.Windows1251.NewEncoder().Bytes([]byte("Ерлан Сейтказиев;Прокуратура\n"))
	mixed := append([]byte("ФИО;Организация\nАлия Нурланова;Суд\n"), cp...)
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte("ФИО;Организация\r\nАлия Нурланова;Суд\r\nЕрлан Сейтказиев;Прокуратура\r\n"))
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     string
		changes  bool
	}{
		{"png as roster", []string{"import", "roster", write("pic.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")), "--db", db}, 1, "binary", false},
		{"empty roster", []string{"import", "roster", write("empty.csv", nil), "--db", db}, 1, "empty", false},
		{"header only", []string{"import", "roster", write("head.csv", []byte("Name,Email\r\n")), "--db", db}, 0, "0 added", false},
		{"duplicate headers", []string{"import", "roster", write("dup.csv", []byte("Name,Name\nA,B\n")), "--db", db}, 1, "both give the name", false},
		{"no name column", []string{"import", "roster", write("noname.csv", []byte("Org,Phone\nX,1\n")), "--db", db}, 1, "no name column", false},
		{"100,000-character name", []string{"import", "roster", write("long.csv", []byte("Name\n"+strings.Repeat("ж", 100000)+"\n")), "--db", db}, 0, "1 rejected", false},
		{"NUL in a field", []string{"import", "roster", write("nul.csv", []byte("Name\nA\x00B\n")), "--db", db}, 1, "binary", false},
		{"escape codes in names", []string{"import", "roster", write("esc.csv", []byte("Name\n\x1b]0;pwned\x07Evil \x1b[2JName\n")), "--db", db, "--dry-run"}, 0, "1 to add", false},
		{"a folder as roster", []string{"import", "roster", dir, "--db", db}, 1, "folder", false},
		{"missing roster", []string{"import", "roster", filepath.Join(dir, "nope.csv"), "--db", db}, 1, "no such file", false},
		{"50,000-row roster", []string{"import", "roster", write("big.csv", []byte(big.String())), "--db", db, "--dry-run"}, 0, "50,000 to add", false},
		{"unclosed quote", []string{"import", "roster", write("quote.csv", []byte("Full name,Organization\n\"Unclosed quote,org\nBob,org\n")), "--db", db}, 1, "line 2: a quoted field starts here and is never closed", false},
		{"UTF-8 and Windows-1251 lines mixed", []string{"import", "roster", write("mixed.csv", mixed), "--db", db}, 1, "line 3 is not UTF-8", false},
		{"UTF-16 without BOM", []string{"import", "roster", write("u16.csv", u16), "--db", db, "--dry-run"}, 0, "2 to add", false},
		{"--sheet on a CSV", []string{"import", "roster", write("plain.csv", []byte("Name\nAnn\n")), "--db", db, "--sheet", "Лист1"}, 1, "no sheets", false},
		{"agenda with an unclosed quote", []string{"import", "agenda", write("agenda.csv", []byte("Title,Minutes\n\"Opening,15\nLunch,60\n")), "--db", db}, 1, "never closed", false},
		{"text file as database", []string{"event", "list", "--db", write("notes.db", []byte("hello\n"))}, 1, "not a convene database", false},
		{"folder as database", []string{"event", "list", "--db", dir}, 1, "not a convene database", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(strings.ToLower(out+errs), strings.ToLower(tt.want)) {
				t.Fatalf("code %d, output %q %q; want %d %q", code, out, errs, tt.wantCode, tt.want)
			}
			if strings.Contains(out+errs, "\x1b]0;pwned") || strings.Contains(out+errs, "\x1b[2J") {
				t.Error("escape codes from data reached the terminal")
			}
			if !tt.changes && count() != before {
				t.Errorf("the database changed")
			}
		})
	}
	// the 50,000-row roster really imports, in one transaction
	code, out, _ := runCLI(t, "import", "roster", filepath.Join(dir, "big.csv"), "--db", db)
	if code != 0 || !strings.Contains(out, "50,000 added") {
		t.Fatalf("big import: %q", out)
	}
	if code, out, _ := runCLI(t, "check", "--db", db); code != 0 || !strings.HasPrefix(out, "OK") {
		t.Errorf("check: %q", out)
	}
	if code, out, _ := runCLI(t, "backup", "--db", db); code != 0 || !strings.Contains(out, "Backed up") {
		t.Errorf("backup: %q", out)
	}
}
