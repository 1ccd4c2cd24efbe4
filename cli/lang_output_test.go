package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"convene/i18n"
	"convene/model"
	"convene/store"
)

// cliAllowed are the Latin words a Russian or Kazakh command line may
// show: convene's command and flag names (typed as they are), the names of
// programs, formats and encodings, and the demo's own data in Latin script
// (people's names, e-mails), which is never translated.
func cliAllowed(t *testing.T, lang string) []string {
	t.Helper()
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		out = append(out, c.Name())
		c.Flags().VisitAll(func(f *pflag.Flag) { out = append(out, f.Name) })
		c.PersistentFlags().VisitAll(func(f *pflag.Flag) { out = append(out, f.Name) })
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	root := newRoot(i18n.New(lang), func() {})
	localize(root, i18n.New(lang))
	walk(root)
	out = append(out,
		// programs, formats, encodings and file names
		"SQLite", "age", "Markdown", "UTF", "Windows", "Linux", "LibreOffice", "OpenDocument", "Office",
		"PowerShell", "Wi-Fi", "fpath", "bash-completion", "source", "Out-String", "Invoke-Expression",
		"PROFILE", "local share config completions", "html", "seminar signin certificates report",
		"auto", "age1", "Full name Name", "yes", "bogus", "none", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH,
		// the values of --lang and --headers
		"en ru kk",
	)
	ds := model.DemoIn(lang, time.Now(), store.NewID)
	for _, p := range ds.Participants {
		out = append(out, p.FullName, p.Organisation, p.Position, p.Email)
	}
	return out
}

// ids are the IDs of records and the start of them, as the commands list
// them.
var ids = regexp.MustCompile(`\b[0-9a-f]*[0-9][0-9a-f]*(-[0-9a-f]+)*\b`)

// Commands run with --lang ru and --lang kk print no English word: help
// (fang's headings included), reports, listings, exports and errors.
func TestCommandsInRussianAndKazakh(t *testing.T) {
	for _, lang := range []string{"ru", "kk"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "s.db")
			if code, out, errs := runCLI(t, "demo", "--db", db, "--lang", lang); code != 0 {
				t.Fatalf("demo: %d %q %q", code, out, errs)
			}
			roster := filepath.Join(dir, "roster.csv")
			writeFile(t, roster, "Список;;\nФИО;Организация;Пол;Дата рождения\nИванов Иван;Акимат;М;1990\n;Суд;Ж;\nИванов Иван;Акимат;М;\n")
			allow := cliAllowed(t, lang)
			runs := []struct {
				args []string
				code int
			}{
				{[]string{"--help"}, 0},
				{[]string{"--version"}, 0},
				{[]string{"version"}, 0},
				{[]string{"export", "--help"}, 0},
				{[]string{"export", "attendance", "--help"}, 0},
				{[]string{"import", "roster", "--help"}, 0},
				{[]string{"session", "edit", "--help"}, 0},
				{[]string{"completion", "bash", "--help"}, 0},
				{[]string{"check", "--db", db}, 0},
				{[]string{"event", "list", "--db", db}, 0},
				{[]string{"session", "list", "--db", db}, 0},
				{[]string{"sectors", "list", "--db", db}, 0},
				{[]string{"people", "merges", "--db", db}, 0},
				{[]string{"import", "roster", roster, "--dry-run", "--db", db}, 0},
				{[]string{"export", "attendance", "--summary", "--db", db}, 0},
				{[]string{"export", "agenda", "--format", "md", "--db", db}, 0},
				{[]string{"export", "topics", "--db", db}, 0},
				{[]string{"report", "--db", db}, 0},
				{[]string{"export", "certificates", "--format", "md", "--db", db}, 0},
				{[]string{"session", "delete", "1", "--db", db}, 1},
				{[]string{"check", "--db", filepath.Join(dir, "none.db")}, 1},
				{[]string{"export", "attendance", "--bogus", "--db", db}, 1},
				{[]string{"session", "move", "1", "--db", db}, 1},
			}
			for _, r := range runs {
				args := append(append([]string(nil), r.args...), "--lang", lang)
				code, out, errs := runCLI(t, args...)
				if code != r.code {
					t.Errorf("%v: exit code %d, want %d\n%s%s", r.args, code, r.code, out, errs)
				}
				// the paths and IDs are data
				text := ids.ReplaceAllString(strings.ReplaceAll(out+errs, dir, "DIR"), "ID")
				if found := i18n.LatinRuns(text, allow...); len(found) > 0 {
					t.Errorf("%v: English in the %s output:\n  %s\n%s%s", r.args, lang, strings.Join(found, "\n  "), out, errs)
				}
			}
		})
	}
}

// --headers en keeps the column names English whatever --lang says; the
// words in the cells follow --lang.
func TestHeadersEnglish(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	if code, out, errs := runCLI(t, "demo", "--db", db, "--lang", "ru"); code != 0 {
		t.Fatalf("demo: %d %q %q", code, out, errs)
	}
	first := func(args ...string) string {
		t.Helper()
		code, out, errs := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("%v: %d %q", args, code, errs)
		}
		line, _, _ := strings.Cut(strings.TrimPrefix(out, "\ufeff"), "\n")
		return line
	}
	for _, tt := range []struct {
		args     []string
		ru, en   string
		notInEn  string
		asHeader bool
	}{
		{[]string{"export", "attendance"}, "ФИО,Фамилия,Имя", "Name,Surname,Given name", "ФИО", true},
		{[]string{"export", "attendance", "--summary"}, "Сессия,Сектор,Зарегистрировано", "Session,Sector,Registered", "Сектор", true},
		{[]string{"export", "matrix"}, "№,Фамилия", "No.,Surname", "Фамилия", true},
		{[]string{"export", "agenda"}, "Начало по плану,Название", "Planned start,Title", "Название", true},
		{[]string{"export", "topics", "--format", "csv"}, "Статус,Тема,Голос", "Status,Topic,Votes", "Тема", true},
		{[]string{"export", "certificates"}, "№,Фамилия,Имя", "No.,Surname,Given name", "Фамилия", true},
	} {
		args := append(append([]string(nil), tt.args...), "--db", db, "--lang", "ru")
		if got := first(args...); !strings.HasPrefix(got, tt.ru) {
			t.Errorf("%v: header %q, want it to start %q", tt.args, got, tt.ru)
		}
		if got := first(append(args, "--headers", "en")...); !strings.HasPrefix(got, tt.en) || strings.Contains(got, tt.notInEn) {
			t.Errorf("%v --headers en: header %q, want it to start %q", tt.args, got, tt.en)
		}
	}
	if code, _, errs := runCLI(t, "export", "agenda", "--db", db, "--headers", "de"); code != 1 || !strings.Contains(errs, "--headers") {
		t.Errorf("--headers de: %d %q", code, errs)
	}
	// the CSV a script reads back stays English with --headers en even when
	// the run is in Kazakh through CONVENE_LANG
	t.Setenv("CONVENE_LANG", "kk")
	if got := first("export", "attendance", "--summary", "--db", db, "--headers", "en"); !strings.HasPrefix(got, "Session,Sector") {
		t.Errorf("CONVENE_LANG=kk --headers en: %q", got)
	}
	_ = os.Remove(db)
}

// TestHelpKeepsTheCaseAsWritten: --help capitalises a description's first
// letter only (the patched fang, third_party/fang/PATCH.md): Kazakh
// «іс-шара» (an event) does not become «Іс-Шара», a flag stays lowercase.
func TestHelpKeepsTheCaseAsWritten(t *testing.T) {
	code, out, errs := runCLI(t, "--help", "--lang", "kk")
	if code != 0 {
		t.Fatalf("--help: %d %q", code, errs)
	}
	if !strings.Contains(out, "Іс-шараларды құру") || strings.Contains(out, "Іс-Шара") {
		t.Errorf("the Kazakh help capitalises inside a word:\n%s", out)
	}
}
