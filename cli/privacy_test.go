package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"convene/i18n"
	"convene/store"
)

func init() { scryptWorkFactor = 10 } // fast passphrases in tests (age's default takes a second)

// privacyDB writes the demo into a database and returns its path, the
// folder, and a passphrase file holding "correct horse".
func privacyDB(t *testing.T) (db, dir, passFile string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "convene.db")
	if code, _, errs := runCLI(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	passFile = filepath.Join(dir, "pass.txt")
	if err := os.WriteFile(passFile, []byte("correct horse\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return db, dir, passFile
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func decryptWith(t *testing.T, path string, ids ...age.Identity) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, ids...)
	if err != nil {
		t.Fatalf("decrypt %s: %v", path, err)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func scryptID(t *testing.T, pass string) age.Identity {
	t.Helper()
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func keyPair(t *testing.T, dir string) (recipient, keyFile string, id *age.X25519Identity) {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	keyFile = filepath.Join(dir, "key.txt")
	if err := os.WriteFile(keyFile, []byte(id.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return id.Recipient().String(), keyFile, id
}

func TestEncryptedBackupAndRestore(t *testing.T) {
	db, dir, pass := privacyDB(t)
	backup := filepath.Join(dir, "usb", "seminar.db")
	code, out, errs := runCLI(t, "backup", backup, "--db", db, "--passphrase-file", pass)
	if code != 0 || !strings.Contains(out, "seminar.db.age (encrypted") {
		t.Fatalf("backup --passphrase-file: %d %q %q", code, out, errs)
	}
	if _, err := os.Stat(backup); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a plain copy was written next to the encrypted one")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "usb")); len(entries) != 1 {
		t.Fatalf("the backup folder holds %v, want only the .age file", entries)
	}
	plain := decryptWith(t, backup+".age", scryptID(t, "correct horse"))
	if !bytes.HasPrefix(plain, []byte("SQLite format 3\x00")) {
		t.Fatal("the encrypted backup is not a database")
	}
	// the backup's plain copy next to the database is gone too
	if m, _ := filepath.Glob(filepath.Join(dir, ".convene-backup-*")); len(m) != 0 {
		t.Fatalf("temporary plain copies left: %v", m)
	}

	// change the database, then restore: the change is gone, the replaced
	// database kept as a snapshot
	if code, _, errs := runCLI(t, "event", "add", "--db", db, "--name", "Added after the backup"); code != 0 {
		t.Fatal(errs)
	}
	wrong := filepath.Join(dir, "wrong.txt")
	if err := os.WriteFile(wrong, []byte("wrong horse\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := sum(t, db)
	code, out, errs = runCLI(t, "restore", backup+".age", "--db", db, "--passphrase-file", wrong)
	if code != 1 || !strings.Contains(errs, "wrong passphrase or key; nothing was changed") {
		t.Fatalf("restore with a wrong passphrase: %d %q %q", code, out, errs)
	}
	if sum(t, db) != before {
		t.Fatal("a wrong passphrase changed the database")
	}
	if _, err := os.Stat(store.SnapshotDir(db)); err == nil {
		t.Fatal("a wrong passphrase made a snapshot")
	}
	code, out, errs = runCLI(t, "restore", backup+".age", "--db", db, "--passphrase-file", pass)
	if code != 0 || !strings.Contains(out, "Restored") || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	_, out, _ = runCLI(t, "event", "list", "--db", db)
	if strings.Contains(out, "Added after the backup") || !strings.Contains(out, "Human Rights") {
		t.Fatalf("after restore: %q", out)
	}
	if code, out, _ := runCLI(t, "check", "--db", db); code != 0 || !strings.HasPrefix(out, "OK") {
		t.Fatalf("check after restore: %q", out)
	}
	snaps, _ := filepath.Glob(filepath.Join(store.SnapshotDir(db), "*.db"))
	if len(snaps) != 1 {
		t.Fatalf("snapshots %v", snaps)
	}

	// a file that is not a convene database changes nothing
	before = sum(t, db)
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "restore", notDB, "--db", db); code != 1 || !strings.Contains(errs, "cannot be restored") {
		t.Fatalf("restore of a text file: %d %q", code, errs)
	}
	// nor does a truncated encrypted backup
	data, _ := os.ReadFile(backup + ".age")
	cut := filepath.Join(dir, "cut.db.age")
	if err := os.WriteFile(cut, data[:len(data)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "restore", cut, "--db", db, "--passphrase-file", pass); code != 1 {
		t.Fatalf("restore of a truncated backup: %d %q", code, errs)
	}
	if sum(t, db) != before {
		t.Fatal("a bad restore changed the database")
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".convene-restore-*")); len(m) != 0 {
		t.Fatalf("temporary files left: %v", m)
	}
}

func TestBackupAndExportToRecipients(t *testing.T) {
	db, dir, _ := privacyDB(t)
	rcp, keyFile, id := keyPair(t, dir)
	code, _, errs := runCLI(t, "backup", filepath.Join(dir, "b.db"), "--db", db, "--recipient", rcp)
	if code != 0 {
		t.Fatalf("backup --recipient: %q", errs)
	}
	if !bytes.HasPrefix(decryptWith(t, filepath.Join(dir, "b.db.age"), id), []byte("SQLite format 3")) {
		t.Fatal("not a database inside")
	}
	// a restore needs the key; with it, it works
	if code, _, errs := runCLI(t, "restore", filepath.Join(dir, "b.db.age"), "--db", db); code != 1 || !strings.Contains(errs, "--identity") {
		t.Fatalf("restore without the key: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "restore", filepath.Join(dir, "b.db.age"), "--db", db, "--identity", keyFile); code != 0 {
		t.Fatalf("restore with the key: %q", errs)
	}

	// every export encrypts the same way; the plain export is what is inside
	_, plain, _ := runCLI(t, "export", "attendance", "--db", db)
	recipients := filepath.Join(dir, "recipients.txt")
	if err := os.WriteFile(recipients, []byte("# the organiser\n"+rcp+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"export", "attendance", "-o", filepath.Join(dir, "att.csv"), "--recipients-file", recipients},
		{"export", "agenda", "-o", filepath.Join(dir, "agenda.csv"), "--recipient", rcp},
		{"export", "topics", "-o", filepath.Join(dir, "topics.md"), "--encrypt", "--recipient", rcp},
	} {
		code, _, errs := runCLI(t, append(args, "--db", db)...)
		if code != 0 || !strings.Contains(errs, ".age (encrypted") {
			t.Fatalf("%v: %d %q", args, code, errs)
		}
		out := args[3] + ".age"
		if _, err := os.Stat(args[3]); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%v wrote a plain file too", args)
		}
		if got := decryptWith(t, out, id); len(got) == 0 {
			t.Errorf("%s is empty inside", out)
		} else if args[1] == "attendance" && string(got) != plain {
			t.Errorf("the encrypted attendance differs from the plain export")
		}
	}
	// passphrase and recipients cannot be mixed; a bad recipient is named
	if code, _, errs := runCLI(t, "export", "attendance", "--db", db, "-o", filepath.Join(dir, "x.csv"), "--recipient", "age1nope"); code != 1 || !strings.Contains(errs, "age1nope") {
		t.Fatalf("bad recipient: %d %q", code, errs)
	}
}

// askAnswers makes the terminal prompt answer with the given passphrases,
// in order, and records the prompts.
func askAnswers(t *testing.T, answers ...string) *[]string {
	t.Helper()
	var prompts []string
	old := askPassphrase
	askPassphrase = func(_ context.Context, prompt string, _ io.Writer) (string, error) {
		prompts = append(prompts, prompt)
		if len(answers) == 0 {
			return "", errNoTerminal
		}
		a := answers[0]
		answers = answers[1:]
		return a, nil
	}
	t.Cleanup(func() { askPassphrase = old })
	return &prompts
}

func TestPassphraseAskedTwice(t *testing.T) {
	db, dir, _ := privacyDB(t)
	out := filepath.Join(dir, "a.csv")
	prompts := askAnswers(t, "one", "two")
	code, _, errs := runCLI(t, "export", "attendance", "--db", db, "-o", out, "--encrypt")
	if code != 1 || !strings.Contains(errs, "differ") || len(*prompts) != 2 {
		t.Fatalf("different passphrases: %d %q %v", code, errs, *prompts)
	}
	if _, err := os.Stat(out + ".age"); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a file was written although the passphrases differ")
	}
	askAnswers(t, "", "")
	if code, _, errs := runCLI(t, "export", "attendance", "--db", db, "-o", out, "--encrypt"); code != 1 || !strings.Contains(errs, "empty passphrase") {
		t.Fatalf("empty passphrase: %d %q", code, errs)
	}
	askAnswers(t, "same words", "same words")
	if code, _, errs := runCLI(t, "export", "attendance", "--db", db, "-o", out, "--encrypt"); code != 0 {
		t.Fatalf("encrypt: %q", errs)
	}
	decryptWith(t, out+".age", scryptID(t, "same words"))
	askAnswers(t) // no terminal
	if code, _, errs := runCLI(t, "export", "attendance", "--db", db, "-o", strings.TrimSuffix(out, ".csv")+"2.csv", "--encrypt"); code != 1 || !strings.Contains(errs, "passphrase") {
		t.Fatalf("no terminal: %d %q", code, errs)
	}
}

func TestEncryptedRosterImport(t *testing.T) {
	db, dir, pass := privacyDB(t)
	roster := "ФИО,Телефон,Согласие\nТестова Мария,+7 700 000 00 01,да\n"
	path := filepath.Join(dir, "roster.csv.age")
	f, _ := os.Create(path)
	r, _ := age.NewScryptRecipient("correct horse")
	r.SetWorkFactor(10)
	w, _ := age.Encrypt(f, r)
	if _, err := io.WriteString(w, roster); err != nil {
		t.Fatal(err)
	}
	w.Close()
	f.Close()
	if code, out, errs := runCLI(t, "import", "roster", path, "--db", db, "--passphrase-file", pass); code != 0 || !strings.Contains(out, "1") {
		t.Fatalf("import of an encrypted roster: %d %q %q", code, out, errs)
	}
	_, out, _ := runCLI(t, "export", "attendance", "--db", db)
	if !strings.Contains(out, "Тестова Мария") {
		t.Fatal("the encrypted roster's person is not there")
	}
	wrong := filepath.Join(dir, "wrong.txt")
	if err := os.WriteFile(wrong, []byte("nope"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "import", "roster", path, "--db", db, "--passphrase-file", wrong); code != 1 || !strings.Contains(errs, "wrong passphrase") {
		t.Fatalf("wrong passphrase: %d %q", code, errs)
	}
}

func TestLockAndUnlockCommands(t *testing.T) {
	db, dir, pass := privacyDB(t)
	before := sum(t, db)
	code, out, errs := runCLI(t, "lock", "--db", db, "--passphrase-file", pass)
	if code != 0 || !strings.Contains(out, "Locked") || !strings.Contains(out, "convene unlock --db "+db) {
		t.Fatalf("lock: %d %q %q", code, out, errs)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the plain database is still there")
	}
	// while locked, the app and every command say how to unlock
	for _, args := range [][]string{
		{}, {"event", "list"}, {"export", "attendance"}, {"backup"}, {"check"}, {"purge", "--contacts", "--yes"},
		{"import", "roster", pass}, {"session", "list"}, {"demo"}, {"lock", "--passphrase-file", pass},
	} {
		code, out, errs := runCLI(t, append(args, "--db", db)...)
		if code != 1 || !strings.Contains(out+errs, "unlock") {
			t.Errorf("%v while locked: %d %q %q", args, code, out, errs)
		}
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a command made a new plain database while locked")
	}
	if sqlite, err := exec.LookPath("sqlite3"); err == nil {
		if out, err := exec.Command(sqlite, store.LockedPath(db), "SELECT count(*) FROM participants").CombinedOutput(); err == nil {
			t.Fatalf("sqlite3 reads the locked file: %s", out)
		}
	}
	wrong := filepath.Join(dir, "wrong.txt")
	if err := os.WriteFile(wrong, []byte("wrong"), 0o600); err != nil {
		t.Fatal(err)
	}
	locked := sum(t, store.LockedPath(db))
	if code, _, errs := runCLI(t, "unlock", "--db", db, "--passphrase-file", wrong); code != 1 || !strings.Contains(errs, "wrong passphrase") {
		t.Fatalf("unlock with a wrong passphrase: %d %q", code, errs)
	}
	if sum(t, store.LockedPath(db)) != locked {
		t.Fatal("a wrong passphrase changed the locked file")
	}
	askAnswers(t, "correct horse")
	if code, out, errs := runCLI(t, "unlock", "--db", db); code != 0 || !strings.Contains(out, "Unlocked") {
		t.Fatalf("unlock at the terminal: %d %q %q", code, out, errs)
	}
	if sum(t, db) != before {
		t.Fatal("the unlocked database differs from the one locked")
	}
	if code, _, errs := runCLI(t, "unlock", "--db", db); code != 1 || !strings.Contains(errs, "not locked") {
		t.Fatalf("unlock twice: %d %q", code, errs)
	}
}

// lock, unlock, restore and purge refuse while the app has the database
// open, naming it, and change nothing.
func TestExclusiveCommandsNameWhatIsOpen(t *testing.T) {
	db, dir, pass := privacyDB(t)
	backup := filepath.Join(dir, "b.db")
	runCLI(t, "backup", backup, "--db", db)
	st, err := store.Open(context.Background(), db, store.WithHolder(store.Holder{Kind: store.HolderApp, Detail: "door"}))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	before := sum(t, db)
	for _, args := range [][]string{
		{"lock", "--passphrase-file", pass}, {"unlock", "--passphrase-file", pass}, {"restore", backup}, {"purge", "--contacts", "--yes"},
	} {
		code, out, errs := runCLI(t, append(args, "--db", db)...)
		if code != 1 || !strings.Contains(errs, "the convene app at desk door") || !strings.Contains(errs, "nothing was changed") {
			t.Errorf("%v while the app is open: %d %q %q", args, code, out, errs)
		}
	}
	if sum(t, db) != before {
		t.Fatal("a refused command changed the database")
	}
	// an export may run at the same time (it only reads)
	if code, _, errs := runCLI(t, "export", "attendance", "--db", db); code != 0 {
		t.Fatalf("export while the app is open: %q", errs)
	}
}

func TestPurgeKeepsTheSummary(t *testing.T) {
	db, dir, _ := privacyDB(t)
	_, summary, _ := runCLI(t, "export", "attendance", "--summary", "--db", db)
	_, full, _ := runCLI(t, "export", "attendance", "--db", db)
	if !strings.Contains(full, "@example.kz") {
		t.Fatal("the demo has no e-mails to purge")
	}
	// a no changes nothing
	var out, errb bytes.Buffer
	root := newRoot(i18n.New("en"), func() {})
	root.SetArgs([]string{"purge", "--contacts", "--db", db})
	root.SetIn(strings.NewReader("n\n"))
	root.SetOut(&out)
	root.SetErr(&errb)
	if err := root.ExecuteContext(context.Background()); err != nil || !strings.Contains(out.String(), "Nothing was changed") {
		t.Fatalf("purge answered n: %v %q", err, out.String())
	}
	st, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := st.Current(context.Background(), "", "")
	n, _ := st.PurgeCount(context.Background(), cur.Event.ID, "contacts")
	st.Close()
	if want := fmt.Sprintf("of %d participants", n); n < 100 || !strings.Contains(out.String(), want) {
		t.Fatalf("the question does not say how many (%q): %q", want, out.String())
	}
	if _, again, _ := runCLI(t, "export", "attendance", "--db", db); again != full {
		t.Fatal("purge answered n changed the data")
	}
	code, o, errs := runCLI(t, "purge", "--contacts", "--yes", "--db", db)
	if code != 0 || !strings.Contains(o, "Purged the contacts of") {
		t.Fatalf("purge: %d %q %q", code, o, errs)
	}
	if _, after, _ := runCLI(t, "export", "attendance", "--summary", "--db", db); after != summary {
		t.Fatalf("the summary changed:\nbefore %q\nafter  %q", summary, after)
	}
	_, after, _ := runCLI(t, "export", "attendance", "--db", db)
	if strings.Contains(after, "@example.kz") || strings.Contains(after, "+7 7") {
		t.Fatal("contacts are still exported")
	}
	data, _ := os.ReadFile(db)
	if bytes.Contains(data, []byte("@example.kz")) {
		t.Fatal("an e-mail is still in the database file")
	}
	_, list, _ := runCLI(t, "event", "list", "--db", db)
	if !strings.Contains(list, "purged") || !strings.Contains(list, "contacts of") {
		t.Fatalf("event list does not show the purge: %q", list)
	}
	_ = dir
}

func TestAnonymisedExport(t *testing.T) {
	db, _, _ := privacyDB(t)
	_, first, _ := runCLI(t, "export", "attendance", "--anonymise", "--db", db)
	_, full, _ := runCLI(t, "export", "attendance", "--db", db)
	lines := strings.Split(strings.TrimSpace(first), "\r\n")
	if !strings.Contains(lines[0], "Pseudonym") || !strings.HasPrefix(lines[1], "P-0001,") || len(lines) != 121 {
		t.Fatalf("anonymised export starts %q (%d lines)", lines[:2], len(lines))
	}
	for _, l := range strings.Split(full, "\r\n")[1:] {
		if l == "" {
			continue
		}
		name := strings.SplitN(l, ",", 2)[0]
		if strings.Contains(first, name) {
			t.Fatalf("the anonymised export holds the name %q", name)
		}
	}
	if strings.Contains(first, "@") || strings.Contains(first, "+7") {
		t.Fatal("the anonymised export holds contacts")
	}
	// a walk-in added later does not renumber anyone: two exports line up
	if code, _, errs := runCLI(t, "import", "roster", writeTempCSV(t, "Name\nАаааа Новый\n"), "--db", db); code != 0 {
		t.Fatal(errs)
	}
	_, second, _ := runCLI(t, "export", "attendance", "--anonymise", "--db", db)
	if !strings.HasPrefix(second, strings.TrimSuffix(first, "\r\n")) || !strings.Contains(second, "P-0121,") {
		t.Fatal("pseudonyms changed when a person was added")
	}
}

func writeTempCSV(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f.csv")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestTheAgeToolDecrypts checks the files with the standard age tool
// (skipped when it is not installed: apt-get install age): an attendance
// export to a recipient, and a backup with a passphrase (typed into age
// through a pseudo-terminal made by script(1)).
func TestTheAgeToolDecrypts(t *testing.T) {
	agePath, err := exec.LookPath("age")
	if err != nil {
		t.Skip("the age tool is not installed (apt-get install age)")
	}
	db, dir, pass := privacyDB(t)
	rcp, keyFile, _ := keyPair(t, dir)
	att := filepath.Join(dir, "att.csv")
	if code, _, errs := runCLI(t, "export", "attendance", "-o", att, "--recipient", rcp, "--db", db); code != 0 {
		t.Fatal(errs)
	}
	_, plain, _ := runCLI(t, "export", "attendance", "--db", db)
	got, err := exec.Command(agePath, "-d", "-i", keyFile, att+".age").Output()
	if err != nil || string(got) != plain {
		t.Fatalf("age -d of the export: %v (%d bytes, want %d)", err, len(got), len(plain))
	}
	scriptPath, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is not installed: the passphrase check needs a terminal")
	}
	backup := filepath.Join(dir, "b.db")
	if code, _, errs := runCLI(t, "backup", backup, "--passphrase-file", pass, "--db", db); code != 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "by-age.db")
	cmd := exec.Command(scriptPath, "-qec", agePath+" -d -o "+out+" "+backup+".age", "/dev/null")
	stdin, _ := cmd.StdinPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)       // age asks, then reads
	io.WriteString(stdin, "correct horse\n") //nolint:errcheck // shows as age -d failing below
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("age -d with the passphrase: %v", err)
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill() //nolint:errcheck // the test fails here whatever Kill returns
		t.Fatal("age -d did not finish")
	}
	stdin.Close()
	if code, o, errs := runCLI(t, "check", "--db", out); code != 0 || !strings.HasPrefix(o, "OK") {
		t.Fatalf("the database age decrypted: %q %q", o, errs)
	}
}
