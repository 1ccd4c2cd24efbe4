package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"convene/model"
)

var fixedNow = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

func openTest(t *testing.T) *Store {
	t.Helper()
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "c.db"), WithClock(func() time.Time { return fixedNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestOpenCreatesPrivateFileAndFolder(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sub", "dir", "c.db")
	st, err := Open(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	// opening again applies nothing new and works
	st, err = Open(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	var v int
	if err := st.r.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != len(migrationNames()) {
		t.Errorf("user_version = %d", v)
	}
	st.Close()
}

func TestPragmasOnEveryConnection(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	for _, db := range []*sql.DB{st.w, st.r} {
		var mode string
		var fk, sync, busy int
		for pragma, dest := range map[string]any{"journal_mode": &mode, "foreign_keys": &fk, "synchronous": &sync, "busy_timeout": &busy} {
			if err := db.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(dest); err != nil {
				t.Fatalf("PRAGMA %s: %v", pragma, err)
			}
		}
		// the writer waits in rounds of waitRound (write retries); readers long
		wantBusy := 1000
		if db == st.w {
			wantBusy = int(waitRound.Milliseconds())
		}
		if mode != "wal" || fk != 1 || sync != 2 || busy < wantBusy {
			t.Errorf("pragmas: journal %s fk %d sync %d busy %d", mode, fk, sync, busy)
		}
	}
}

// TestUpgradeFromEveryEarlierVersion builds a database at each earlier
// schema version, with data, and opens it with the current code.
func TestUpgradeFromEveryEarlierVersion(t *testing.T) {
	ctx := context.Background()
	for v := 0; v < len(migrationNames()); v++ {
		p := filepath.Join(t.TempDir(), "old.db")
		if err := prepareFile(p); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite", dsn(p, append(pragmas, "_txlock=immediate")...))
		if err != nil {
			t.Fatal(err)
		}
		if err := migrate(ctx, db, v); err != nil {
			t.Fatalf("migrate to %d: %v", v, err)
		}
		if v >= 1 {
			if _, err := db.Exec(`INSERT INTO events(id, name, created_at) VALUES('e1', 'Old event', '2026-01-01T00:00:00Z');
				INSERT INTO sessions(id, event_id, position, title, created_at) VALUES('s1', 'e1', 1, 'Part 1', '2026-01-01T00:00:00Z');
				INSERT INTO settings(key, value) VALUES('current_event', 'e1'), ('current_session', 's1');
				INSERT INTO participants(id, event_id, full_name, created_at, updated_at) VALUES('p1', 'e1', 'Нурланов Ерлан', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`); err != nil {
				t.Fatal(err)
			}
		}
		if v >= 8 { // a convene of schema 8 or later writes the name key itself
			if _, err := db.Exec("UPDATE participants SET name_key = 'nurlanov erlan'"); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		st, err := Open(ctx, p)
		if err != nil {
			t.Fatalf("open version %d: %v", v, err)
		}
		if v >= 1 {
			cur, err := st.Current(ctx, "", "")
			if err != nil || cur.Event.Name != "Old event" || cur.Session.ID != "s1" {
				t.Errorf("version %d: current = %+v, %v", v, cur, err)
			}
		}
		if _, err := st.AgendaItems(ctx, "s1"); err != nil {
			t.Errorf("version %d: agenda after upgrade: %v", v, err)
		}
		if v >= 1 {
			var key string
			if err := st.r.QueryRow("SELECT name_key FROM participants WHERE id = 'p1'").Scan(&key); err != nil || key != "nurlanov erlan" {
				t.Errorf("version %d: name key %q, %v", v, key, err)
			}
		}
		st.Close()
	}
}

func TestRefusesBadFilesWithoutChangingThem(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// a real convene database to damage
	good := filepath.Join(dir, "good.db")
	st, err := Open(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadDataset(ctx, model.Demo(fixedNow, NewID)); err != nil {
		t.Fatal(err)
	}
	st.Close()
	goodBytes, _ := os.ReadFile(good)

	foreign := filepath.Join(dir, "foreign.db")
	db, _ := sql.Open("sqlite", "file:"+foreign)
	if _, err := db.Exec("CREATE TABLE notes(x); INSERT INTO notes VALUES(1)"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	newer := filepath.Join(dir, "newer.db")
	if err := os.WriteFile(newer, goodBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	db, _ = sql.Open("sqlite", "file:"+newer)
	if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	truncated := write("truncated.db", goodBytes[:len(goodBytes)/3])
	garbled := append([]byte{}, goodBytes...)
	for i := 4096; i < len(garbled) && i < 4096*6; i++ {
		garbled[i] ^= 0x5a
	}
	corrupt := write("corrupt.db", garbled)

	tests := []struct {
		name string
		path string
		want error
	}{
		{"text file", write("notes.txt", []byte("hello, this is not a database\n")), ErrNotConvene},
		{"png", write("pic.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), ErrNotConvene},
		{"short garbage", write("short.db", []byte("SQL")), ErrNotConvene},
		{"other app's sqlite", foreign, ErrNotConvene},
		{"newer schema", newer, ErrNewerVersion},
		{"truncated", truncated, ErrCorrupt},
		{"corrupt pages", corrupt, ErrCorrupt},
		{"a folder", dir, ErrNotConvene},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, open := range []func(context.Context, string, ...Option) (*Store, error){Open, OpenReadOnly} {
				before, _ := os.ReadFile(tt.path)
				st, err := open(ctx, tt.path)
				if err == nil {
					st.Close()
					t.Fatalf("opened %s", tt.name)
				}
				if !errors.Is(err, tt.want) {
					t.Fatalf("err = %v, want %v", err, tt.want)
				}
				after, _ := os.ReadFile(tt.path)
				if string(before) != string(after) {
					t.Errorf("%s was modified", tt.name)
				}
			}
		})
	}
}

// TestLateCheck: a store opened WithLateCheck checks the file after
// opening; writes wait for the verdict and a damaged file is refused
// writes and left as it was.
func TestLateCheck(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	st, err := Open(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	created, err := st.LoadDataset(ctx, model.Demo(fixedNow, NewID))
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	goodBytes, _ := os.ReadFile(good)

	st, err = Open(ctx, good, WithLateCheck())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Verified(ctx); err != nil {
		t.Fatalf("an intact file: %v", err)
	}
	if _, err := st.SetSetting(ctx, "k", "v"); err != nil {
		t.Fatalf("write after the check: %v", err)
	}
	st.Close()

	// damage pages that Open's own reads do not touch (the last ones)
	garbled := append([]byte{}, goodBytes...)
	for i := len(garbled) - 3*4096; i < len(garbled); i++ {
		garbled[i] ^= 0x5a
	}
	bad := filepath.Join(dir, "bad.db")
	if err := os.WriteFile(bad, garbled, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, bad); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open without a late check: %v, want ErrCorrupt", err)
	}
	st, err = Open(ctx, bad, WithLateCheck())
	if errors.Is(err, ErrCorrupt) {
		t.Skip("this damage is found by Open's own reads")
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Verified(ctx); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Verified = %v, want ErrCorrupt", err)
	}
	if _, err := st.SetSetting(ctx, "k", "v"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a write to a damaged file: %v, want ErrCorrupt", err)
	}
	if _, err := st.CheckIn(ctx, "x", created.Current.Session.ID, "d"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a check-in in a damaged file: %v, want ErrCorrupt", err)
	}
	if err := st.Close(); err != nil {
		t.Logf("close: %v", err)
	}
	if after, _ := os.ReadFile(bad); string(after) != string(garbled) {
		t.Error("the damaged file was modified")
	}
}

func TestReadOnlyFile(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		// root can write a 0400 file; the permission check cannot be tested as root
		p := filepath.Join(t.TempDir(), "ro.db")
		st, err := Open(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		t.Skip("running as root: file permissions do not stop writes")
	}
	p := filepath.Join(t.TempDir(), "ro.db")
	st, err := Open(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := os.Chmod(p, 0o400); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(context.Background(), p); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("err = %v, want ErrReadOnly", err)
	}
}

func TestEventsSessionsAndCurrent(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	if _, err := st.Current(ctx, "", ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("empty db: %v", err)
	}
	if _, err := st.CreateEvent(ctx, model.Event{Name: "  "}, model.Session{}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("blank name: %v", err)
	}
	created, err := st.CreateEvent(ctx, model.Event{Name: "Seminar \x1b[31mred", Venue: "Taraz", StartDate: "2026-12-01"}, model.Session{StartTime: "09:00"})
	if err != nil {
		t.Fatal(err)
	}
	ev, s1 := created.Current.Event, created.Current.Session
	if ev.Name != "Seminar red" || s1.Title != "Part 1" || s1.Date != "2026-12-01" || s1.Position != 1 {
		t.Errorf("event %+v session %+v", ev, s1)
	}
	added, err := st.AddSession(ctx, model.Session{EventID: ev.ID, Title: "Part 2", Venue: "Village", Date: "2026-12-02", StartTime: "10:00"}, true)
	if err != nil {
		t.Fatal(err)
	}
	s2 := added.Current.Session
	if s2.Position != 2 {
		t.Errorf("position = %d", s2.Position)
	}
	cur, err := st.Current(ctx, "", "")
	if err != nil || cur.Session.ID != s2.ID || len(cur.Sessions) != 2 {
		t.Fatalf("current after add = %+v, %v", cur, err)
	}
	if _, err := st.SetCurrent(ctx, ev.ID, s1.ID); err != nil {
		t.Fatal(err)
	}
	if cur, _ = st.Current(ctx, "", ""); cur.Session.ID != s1.ID {
		t.Errorf("SetCurrent: %+v", cur.Session)
	}
	if cur, _ = st.Current(ctx, "", s2.ID); cur.Session.ID != s2.ID || cur.Event.ID != ev.ID {
		t.Errorf("explicit session: %+v", cur)
	}
	if _, err := st.Current(ctx, "", "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown session: %v", err)
	}
	if _, err := st.AddSession(ctx, model.Session{EventID: "nope", Title: "x"}, false); !errors.Is(err, ErrNotFound) {
		t.Errorf("session for unknown event: %v", err)
	}
	evs, _ := st.Events(ctx)
	if len(evs) != 1 {
		t.Errorf("events = %d", len(evs))
	}
}

func TestLoadDatasetAndAttendance(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	ds := model.Demo(fixedNow, NewID)
	if _, err := st.LoadDataset(ctx, ds); err != nil {
		t.Fatal(err)
	}
	cur, err := st.Current(ctx, "", "")
	if err != nil || cur.Event.ID != ds.Event.ID || cur.Session.ID != ds.Sessions[0].ID {
		t.Fatalf("current = %+v, %v", cur, err)
	}
	people, _ := st.Participants(ctx, ds.Event.ID)
	if len(people) != len(ds.Participants) {
		t.Errorf("participants = %d", len(people))
	}
	here, _ := st.Attendance(ctx, ds.Sessions[0].ID)
	if len(here) != len(ds.CheckIns) {
		t.Errorf("attendance = %d, want %d", len(here), len(ds.CheckIns))
	}
	items, _ := st.AgendaItems(ctx, ds.Sessions[0].ID)
	if len(items) == 0 || items[0].Position != 1 {
		t.Errorf("items = %d", len(items))
	}
	topics, _ := st.Topics(ctx, ds.Event.ID)
	if len(topics) != len(ds.Topics) || topics[0].ParticipantName == "" {
		t.Errorf("topics = %+v", topics)
	}
	// the same dataset again is a duplicate and changes nothing
	if _, err := st.LoadDataset(ctx, ds); !errors.Is(err, ErrDuplicate) {
		t.Errorf("second load: %v", err)
	}
	evs, _ := st.Events(ctx)
	if len(evs) != 1 {
		t.Errorf("events after failed load = %d", len(evs))
	}
}

// TestNewerFileSaysWhichVersionItNeeds: a migration records the convene
// version that applied it; an older convene refusing the file names it.
func TestNewerFileSaysWhichVersionItNeeds(t *testing.T) {
	ctx := context.Background()
	defer func(v string) { AppVersion = v }(AppVersion)
	AppVersion = "1.4.0"
	p := filepath.Join(t.TempDir(), "c.db")
	st, err := Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if by, _ := st.Setting(ctx, settingSchemaBy); by != "1.4.0" {
		t.Errorf("schema written by %q", by)
	}
	st.Close()
	db, _ := sql.Open("sqlite", "file:"+p)
	newer := len(migrationNames()) + 1
	if _, err := db.Exec("PRAGMA user_version = " + itoa(newer)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	AppVersion = "1.2.0" // the older convene
	for _, open := range []func(context.Context, string, ...Option) (*Store, error){Open, OpenReadOnly} {
		_, err = open(ctx, p)
		if !errors.Is(err, ErrNewerVersion) {
			t.Fatalf("err = %v, want ErrNewerVersion", err)
		}
		for _, want := range []string{"schema version " + itoa(newer), "this convene (1.2.0)", "up to " + itoa(len(migrationNames())), "install convene 1.4.0 or newer"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("the message does not say %q: %v", want, err)
			}
		}
	}
}

// TestOpenReadOnly: a missing file is not created; an older schema is
// brought up to date first; the store reads but does not write.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	if _, err := OpenReadOnly(ctx, missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a read-only open created the file")
	}
	if _, err := OpenReadOnly(ctx, dir); !errors.Is(err, ErrNotConvene) {
		t.Errorf("a folder: %v", err)
	}
	old := filepath.Join(dir, "old.db")
	if err := prepareFile(old); err != nil {
		t.Fatal(err)
	}
	db, _ := sql.Open("sqlite", dsn(old, append(pragmas, "_txlock=immediate")...))
	if err := migrate(ctx, db, 1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := OpenReadOnly(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var v int
	if err := st.r.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != len(migrationNames()) || !st.ReadOnly() {
		t.Errorf("user_version = %d, read-only %v", v, st.ReadOnly())
	}
	if _, err := st.CreateEvent(ctx, model.Event{Name: "E"}, model.Session{}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write on a read-only store: %v", err)
	}
	if _, err := st.DataVersion(ctx); !errors.Is(err, ErrReadOnly) {
		t.Errorf("data version on a read-only store: %v", err)
	}
	if err := st.Backup(ctx, filepath.Join(dir, "copy.db")); err != nil {
		t.Errorf("backup from a read-only store: %v", err)
	}
}
