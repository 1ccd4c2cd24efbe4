package cli

import (
	"bytes"
	"convene/i18n"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/fang/v2"
	"github.com/charmbracelet/colorprofile"
)

// TestErrorsNameFilesExactly: fang's default handler printed
// "/Home/User/Seminar/Png.csv" for /home/user/seminar/png.csv.
func TestErrorsNameFilesExactly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "home", "user", "seminar")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "ro.db")
	if code, _, errs := runCLI(t, "demo", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	missing := filepath.Join(dir, "png.csv")
	notDB := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notDB, []byte("plain text\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		path string
	}{
		{[]string{"import", "roster", missing, "--db", db}, missing},
		{[]string{"event", "list", "--db", notDB}, notDB},
		{[]string{"check", "--db", filepath.Join(dir, "none.db")}, filepath.Join(dir, "none.db")},
	} {
		code, out, errs := runCLI(t, tt.args...)
		if code != 1 {
			t.Errorf("%v: exit code %d, want 1", tt.args, code)
		}
		if !strings.HasPrefix(errs, "Error: ") || !strings.Contains(errs, tt.path) {
			t.Errorf("%v: stderr %q does not name %q exactly", tt.args, errs, tt.path)
		}
		if strings.Count(errs, "\n") != 1 || out != "" {
			t.Errorf("%v: want one line on stderr and nothing on stdout, got %q / %q", tt.args, out, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); !errors.Is(err, os.ErrNotExist) {
		t.Error("check created a database where there was none")
	}
	// a wrong command line points to --help
	if code, _, errs := runCLI(t, "exprot"); code != 1 || !strings.Contains(errs, `unknown command "exprot"`) || !strings.Contains(errs, "--help") {
		t.Errorf("unknown command: %d %q", code, errs)
	}
}

func TestErrorHandlerStyles(t *testing.T) {
	const msg = "open /home/user/seminar/png.csv: no such file or directory"
	render := func(p colorprofile.Profile, err error) string {
		var b bytes.Buffer
		printError(i18n.New("en"), &colorprofile.Writer{Forward: &b, Profile: p}, fang.Styles{}, err)
		return b.String()
	}
	tests := []struct {
		name, noColor string
		profile       colorprofile.Profile
		err           error
		want          string // exact output, or a part of it when styled
		exact         bool
		colour        bool
	}{
		{"pipe", "", colorprofile.NoTTY, errors.New(msg), "Error: " + msg + "\n", true, false},
		{"colour terminal", "", colorprofile.ANSI256, errors.New(msg), " " + msg + "\n", false, true},
		{"NO_COLOR=1", "1", colorprofile.ANSI256, errors.New(msg), "\x1b[1;7mERROR", false, false},
		{"NO_COLOR=yes", "yes", colorprofile.TrueColor, errors.New(msg), "ERROR", false, false},
		{"escape codes from data", "", colorprofile.NoTTY, errors.New("bad \x1b]0;pwned\x07name"), "Error: bad name\n", true, false},
		{"already reported", "", colorprofile.ANSI256, errReported, "", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", tt.noColor)
			got := render(tt.profile, tt.err)
			if tt.exact && got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if !strings.Contains(got, tt.want) {
				t.Fatalf("got %q, want it to contain %q", got, tt.want)
			}
			hasColour := strings.Contains(got, ";101m") || strings.Contains(got, "[101m")
			if hasColour != tt.colour {
				t.Errorf("colour = %v, want %v: %q", hasColour, tt.colour, got)
			}
		})
	}
}

// damage writes a copy of a demo database with pages 2–6 garbled.
func damage(t *testing.T, dir string) string {
	t.Helper()
	good := filepath.Join(dir, "good.db")
	if code, _, errs := runCLI(t, "demo", "--db", good); code != 0 {
		t.Fatal(errs)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096; i < len(data) && i < 6*4096; i++ {
		data[i] ^= 0x5a
	}
	bad := filepath.Join(dir, "bad.db")
	if err := os.WriteFile(bad, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return bad
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	bad := damage(t, dir)
	before, _ := os.ReadFile(bad)

	// a foreign-key violation in a file that is otherwise intact
	orphan := filepath.Join(dir, "orphan.db")
	if code, _, errs := runCLI(t, "demo", "--db", orphan); code != 0 {
		t.Fatal(errs)
	}
	db, err := sql.Open("sqlite", "file:"+orphan+"?_pragma=foreign_keys(0)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("DELETE FROM participants WHERE id IN (SELECT participant_id FROM checkins LIMIT 1)"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name     string
		args     []string
		wantCode int
		prefix   string
		lines    int // lines on stdout; 0: more than one
	}{
		{"intact", []string{"check", "--db", filepath.Join(dir, "good.db")}, 0, "OK: ", 1},
		{"damaged pages", []string{"check", "--db", bad}, 1, "DAMAGED: " + bad + ": Tree ", 1},
		{"damaged pages, verbose", []string{"check", "--db", bad, "--verbose"}, 1, "DAMAGED: " + bad, 0},
		{"foreign key", []string{"check", "--db", orphan}, 1, "DAMAGED: " + orphan + ": checkins row ", 1},
		{"foreign key, verbose", []string{"check", "--db", orphan, "--verbose"}, 1, "DAMAGED: " + orphan, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tt.args...)
			if code != tt.wantCode || !strings.HasPrefix(out, tt.prefix) || errs != "" {
				t.Fatalf("code %d, stdout %q, stderr %q; want %d and %q", code, out, errs, tt.wantCode, tt.prefix)
			}
			n := strings.Count(out, "\n")
			if tt.lines == 1 && n != 1 {
				t.Errorf("want one line, got %d: %q", n, out)
			}
			if tt.lines == 0 && (n < 3 || !strings.Contains(out, "snapshots")) {
				t.Errorf("want every problem and where the snapshots are, got %q", out)
			}
		})
	}
	if after, _ := os.ReadFile(bad); !bytes.Equal(before, after) {
		t.Error("check modified the damaged file")
	}
}
