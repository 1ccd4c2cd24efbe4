package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"convene/model"
	"convene/store"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Execute(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestEventAndSessionCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	code, out, errs := runCLI(t, "event", "add", "--db", db, "--name", "Seminar", "--venue", "Taraz", "--start", "2026-12-01")
	if code != 0 || !strings.Contains(out, "Created event Seminar") {
		t.Fatalf("event add: %d %q %q", code, out, errs)
	}
	code, out, errs = runCLI(t, "session", "add", "--db", db, "--title", "Part 2", "--venue", "Village", "--date", "2026-12-02", "--start", "10:00")
	if code != 0 || !strings.Contains(out, "Added session 2. Part 2") || !strings.Contains(out, "the current session is still 1. Part 1") {
		t.Fatalf("session add: %d %q %q", code, out, errs)
	}
	code, out, errs = runCLI(t, "session", "add", "--db", db, "--title", "Part 3", "--current")
	if code != 0 || !strings.Contains(out, "Added session 3. Part 3") || !strings.Contains(out, "it is now current") {
		t.Fatalf("session add --current: %d %q %q", code, out, errs)
	}
	code, out, _ = runCLI(t, "event", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "Seminar") {
		t.Fatalf("event list: %d %q", code, out)
	}
	// the current session (marked) is Part 3, and each shows its number
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "Part 3") && !strings.Contains(l, "* 3. Part 3") {
			t.Errorf("Part 3 not marked current: %q", l)
		}
		if strings.Contains(l, "Part 1") && !strings.Contains(l, "  1. Part 1") {
			t.Errorf("Part 1: %q", l)
		}
	}
}

func TestSessionManagement(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	run := func(want string, args ...string) string {
		t.Helper()
		code, out, errs := runCLI(t, append(args, "--db", db)...)
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("%v: code %d, out %q, err %q; want %q", args, code, out, errs, want)
		}
		return out
	}
	fails := func(want string, args ...string) {
		t.Helper()
		code, out, errs := runCLI(t, append(args, "--db", db)...)
		if code != 1 || !strings.Contains(strings.ToLower(out+errs), strings.ToLower(want)) {
			t.Errorf("%v: code %d, out %q, err %q; want exit 1 saying %q", args, code, out, errs, want)
		}
	}
	run("Created event", "event", "add", "--name", "Seminar", "--start", "2026-12-01")
	run("Added session 2", "session", "add", "--title", "Part 2", "--date", "2026-12-02")
	run("Added session 3", "session", "add", "--title", "Spare")
	run("Saved session 2. Part 2 — village  Aisha Bibi 2026-12-03 10:30", "session", "edit", "2", "--title", "Part 2 — village", "--venue", "Aisha Bibi", "--date", "2026-12-03", "--start", "10:30")
	fails("nothing to change", "session", "edit", "2")
	fails("not a date", "session", "edit", "2", "--date", "3 Dec")
	out := run("1. Spare", "session", "move", "3", "1")
	if !strings.Contains(out, "2. Part 1") || !strings.Contains(out, "3. Part 2 — village") {
		t.Errorf("move: %q", out)
	}
	// a prefix of the ID works wherever a session is named
	list := run("* 2. Part 1", "session", "list")
	var spareID string
	for _, l := range strings.Split(list, "\n") {
		if strings.Contains(l, "Spare") {
			f := strings.Fields(l)
			spareID = f[len(f)-1]
		}
	}
	run("The current session is now 1. Spare", "session", "use", spareID[:6])
	csvPath := filepath.Join(t.TempDir(), "agenda.csv")
	if err := os.WriteFile(csvPath, []byte("Title,Minutes\nOpening,15\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run("Session: Part 2 — village", "import", "agenda", csvPath, "--session", "3", "--dry-run")
	fails("not found", "export", "agenda", "--session", "9")
	fails("its sessions are:", "export", "agenda", "--session", "9")
	fails("at least 4 characters", "export", "attendance", "--session", "ab")
	run("Part 2 — village", "export", "attendance", "--session", "3")
	run("Deleted session 1. Spare", "session", "delete", spareID[:8])
	run("* 1. Part 1", "session", "list")
	// refused while someone is checked in, with the reason, changing nothing
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := st.Current(ctx, "", "")
	_, err = st.AddWalkIn(ctx, model.Participant{EventID: cur.Event.ID, FullName: "Ann"}, cur.Sessions[1].ID, "door")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	fails("“Part 2 — village” has check-ins in effect (1); un-check them or keep the session", "session", "delete", "2")
	run("2. Part 2 — village", "session", "list")
	fails("event nope: not found", "session", "delete", "1", "--event", "nope")
}

func TestBadInputsFailClearly(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "notes.txt")
	writeFile(t, txt, "just text\n")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"event", "list", "--db", txt}, "not a convene database"},
		{[]string{"event", "add", "--db", filepath.Join(dir, "a.db"), "--name", "X", "--start", "01.12.2026"}, "not a date"},
		{[]string{"event", "add", "--db", filepath.Join(dir, "a.db")}, "name"},
		{[]string{"session", "add", "--db", filepath.Join(dir, "empty.db"), "--title", "T"}, "no event"},
		{[]string{"--demo", "--db", filepath.Join(dir, "b.db")}, "convene demo --db"},
	}
	for _, tt := range tests {
		code, out, errs := runCLI(t, tt.args...)
		if code != 1 || !strings.Contains(strings.ToLower(out+errs), strings.ToLower(tt.want)) {
			t.Errorf("%v: code %d, out %q, err %q; want %q", tt.args, code, out, errs, tt.want)
		}
	}
	before, _ := os.ReadFile(txt)
	if string(before) != "just text\n" {
		t.Error("text file was modified")
	}
}

func TestDemoAndVersion(t *testing.T) {
	t.Setenv("CONVENE_LANG", "en") // the demo follows the language
	db := filepath.Join(t.TempDir(), "d.db")
	code, out, errs := runCLI(t, "demo", "--db", db)
	if code != 0 || !strings.Contains(out, "120 participants") {
		t.Fatalf("demo: %d %q %q", code, out, errs)
	}
	code, out, _ = runCLI(t, "event", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "Part 1 — Taraz") || !strings.Contains(out, "Part 2 — Aisha Bibi") {
		t.Fatalf("list after demo: %q", out)
	}
	code, out, _ = runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(out, "convene ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestDefaultDBPath(t *testing.T) {
	t.Setenv("CONVENE_DB", "/x/y.db")
	if p, _ := DefaultDBPath(); p != "/x/y.db" {
		t.Errorf("CONVENE_DB: %q", p)
	}
	t.Setenv("CONVENE_DB", "")
	t.Setenv("XDG_DATA_HOME", "/data")
	if p, _ := DefaultDBPath(); p != filepath.Join("/data", "convene", "convene.db") {
		t.Errorf("XDG: %q", p)
	}
}

func TestAgendaImportAndExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	today := time.Now().Format("2006-01-02")
	runCLI(t, "event", "add", "--db", db, "--name", "S", "--start", today)
	csvPath := filepath.Join(dir, "agenda.csv")
	writeFile(t, csvPath, "Title,Minutes,Presenter,Kind\nOpening,15,Akim,talk\n\"Panel | *bold* # x\",60,\"A, B\",panel\nLunch,60,,meal\n")
	code, out, errs := runCLI(t, "import", "agenda", csvPath, "--db", db, "--dry-run")
	if code != 0 || !strings.Contains(out, "3 items to add") {
		t.Fatalf("dry run: %d %q %q", code, out, errs)
	}
	code, out, _ = runCLI(t, "import", "agenda", csvPath, "--db", db)
	if code != 0 || !strings.Contains(out, "3 items added") {
		t.Fatalf("import: %q", out)
	}
	code, out, _ = runCLI(t, "export", "agenda", "--db", db, "--format", "md")
	if code != 0 || !strings.Contains(out, `| Panel \| \*bold\* \# x |`) || !strings.Contains(out, "**Session drift:**") {
		t.Fatalf("md export: %q", out)
	}
	// a file named for another format is refused, not filled with CSV
	if code, _, errOut := runCLI(t, "export", "agenda", "--db", db, "-o", filepath.Join(dir, "agenda.pdf")); code == 0 || !strings.Contains(errOut, "agenda.pdf: this export is written as") {
		t.Fatalf("-o agenda.pdf: %d %q", code, errOut)
	}
	md := filepath.Join(dir, "agenda-out.csv")
	code, _, _ = runCLI(t, "export", "agenda", "--db", db, "-o", md)
	data, _ := os.ReadFile(md)
	if code != 0 || !strings.HasPrefix(string(data), "\xEF\xBB\xBFPlanned start,Title,Presenter,Kind,Planned min,Extension min,Actual start,Actual min,Overrun min,State\r\n") ||
		!strings.Contains(string(data), "09:15,Panel") {
		t.Fatalf("csv export: %q", data)
	}
	if code, _, _ := runCLI(t, "export", "agenda", "--db", db, "--format", "pdf"); code != 1 {
		t.Error("bad format accepted")
	}
	// a session eight days ago where nothing started is not forecast from now
	past := time.Now().AddDate(0, 0, -8).Format("2006-01-02")
	runCLI(t, "session", "add", "--db", db, "--title", "Last week", "--date", past)
	runCLI(t, "import", "agenda", csvPath, "--db", db, "--session", "2")
	code, out, errs = runCLI(t, "export", "agenda", "--db", db, "--session", "2")
	if code != 0 || !strings.Contains(out, ",Not held,") || strings.Contains(out, "drift") || !strings.Contains(out, "not held\r\n") {
		t.Fatalf("past session: %d %q %q", code, out, errs)
	}
}

func TestAttendanceExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	runCLI(t, "demo", "--db", db)
	code, out, _ := runCLI(t, "export", "attendance", "--db", db)
	lines := strings.Split(strings.TrimSpace(out), "\r\n")
	if code != 0 || !strings.HasPrefix(out, "\xEF\xBB\xBFName,Surname,Given name,Patronymic,Organisation,Position,Category,Gender,Phone,Email,") || len(lines) != 121 {
		t.Fatalf("attendance: %d lines", len(lines))
	}
	yes := strings.Count(out, ",yes,")
	code, out, _ = runCLI(t, "export", "attendance", "--db", db, "--summary", "--delimiter", ";")
	if code != 0 || !strings.Contains(out, fmt.Sprintf(";Total;120;%d;", yes)) {
		t.Errorf("summary (want %d here): %q", yes, out)
	}
}

func TestVersionStamp(t *testing.T) {
	saved := [3]string{Version, Commit, Date}
	t.Cleanup(func() { Version, Commit, Date = saved[0], saved[1], saved[2] })
	Version, Commit, Date = "1.4.0", "0123456789abcdef", "2026-12-01T08:00:00Z"
	code, out, _ := runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(out, "convene 1.4.0 (commit 0123456789abcdef, built 2026-12-01T08:00:00Z, go") {
		t.Errorf("version: %q", out)
	}
	code, out, _ = runCLI(t, "--version")
	if code != 0 || !strings.Contains(out, "1.4.0 (0123456)") {
		t.Errorf("--version: %q", out)
	}
}

func TestCompletionsAndManPage(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		code, out, errs := runCLI(t, "completion", sh)
		if code != 0 || !strings.Contains(out, "convene") || len(out) < 1000 {
			t.Errorf("completion %s: %d %q %.200q", sh, code, errs, out)
		}
	}
	// fang's man command writes to the process's standard output
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	read := make(chan []byte)
	go func() { b, _ := io.ReadAll(r); read <- b }()
	stdout := os.Stdout
	os.Stdout = w
	code, _, errs := runCLI(t, "man")
	os.Stdout = stdout
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	page := <-read
	if code != 0 || !strings.HasPrefix(string(page), ".TH CONVENE 1") || !strings.Contains(string(page), `\fB--demo\fP`) || !strings.Contains(string(page), "check") {
		t.Errorf("man: %d %q %.300q", code, errs, page)
	}
}

// TestMistypedSubcommandFails: a word that is not a command of a group is
// an error (exit 1, naming the commands), not the help and success.
func TestMistypedSubcommandFails(t *testing.T) {
	code, _, errOut := runCLI(t, "event", "lst")
	if code != 1 || !strings.Contains(errOut, `"lst" is not a command of convene event; its commands: add, list`) {
		t.Fatalf("event lst: %d %q", code, errOut)
	}
	if code, out, _ := runCLI(t, "event"); code != 0 || !strings.Contains(out, "list") {
		t.Fatalf("event alone shows its help: %d %q", code, out)
	}
}
