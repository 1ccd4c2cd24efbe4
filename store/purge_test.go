package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"convene/model"
)

// purgeFixture is a database with two events, A (to purge) and B, whose
// participants have distinctive phones, e-mails and notes; some contacts
// were edited (the old values linger in free pages and the WAL); a topic
// names a participant; and there are two rolling snapshots and one that is
// damaged.
type purgeFixture struct {
	path       string
	eventA     string
	eventB     string
	sessionA   model.Session
	secretsA   []string // every phone, e-mail and note event A ever had
	namesA     []string
	secretsB   []string
	attendance []model.AttendanceRow
}

func newPurgeFixture(t *testing.T) purgeFixture {
	t.Helper()
	ctx := context.Background()
	f := purgeFixture{path: filepath.Join(t.TempDir(), "convene.db")}
	st, err := Open(ctx, f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	add := func(name string, n int, secrets *[]string, names *[]string) model.Current {
		ch, err := st.CreateEvent(ctx, model.Event{Name: name, StartDate: "2026-12-01"}, model.Session{Title: "Part 1", Date: "2026-12-01"})
		if err != nil {
			t.Fatal(err)
		}
		cur := ch.Current
		var people []model.Participant
		for i := range n {
			p := model.Participant{
				FullName: fmt.Sprintf("Жумабекова%s Айгерим%03d", name, i), Organisation: "НПО " + name, Position: "Юрист",
				Category: model.Categories[i%len(model.Categories)], Gender: model.Genders[i%3],
				Phone: fmt.Sprintf("+7 705 %s%s %03d", name, name, i), Email: fmt.Sprintf("user%03d.%s@example.kz", i, name),
				Notes: fmt.Sprintf("secret note %s %03d", name, i), Consent: model.Consents[i%3],
			}
			people = append(people, p)
			*secrets = append(*secrets, p.Phone, p.Email, p.Notes)
			if names != nil {
				*names = append(*names, p.FullName)
			}
		}
		if _, err := st.ImportParticipants(ctx, cur.Event.ID, people, false); err != nil {
			t.Fatal(err)
		}
		return cur
	}
	curA := add("A", 30, &f.secretsA, &f.namesA)
	curB := add("B", 5, &f.secretsB, nil)
	f.eventA, f.eventB, f.sessionA = curA.Event.ID, curB.Event.ID, curA.Session

	peopleA, err := st.Participants(ctx, f.eventA)
	if err != nil {
		t.Fatal(err)
	}
	// check some in, and edit contacts (the old ones stay in free pages)
	for i, p := range peopleA {
		if i%2 == 0 {
			if _, err := st.CheckIn(ctx, p.ID, f.sessionA.ID, "door"); err != nil {
				t.Fatal(err)
			}
		}
		if i < 5 {
			p.Phone = fmt.Sprintf("+7 777 EDITED %03d", i)
			p.Email = fmt.Sprintf("edited%03d@example.kz", i)
			f.secretsA = append(f.secretsA, p.Phone, p.Email)
			if _, err := st.UpdateParticipant(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	// a walk-in registered twice, merged: the record kept took the
	// duplicate's contacts, which the merge record keeps to undo it
	keeper, err := st.AddWalkIn(ctx, model.Participant{EventID: f.eventA, FullName: "ЖумабековаA Дубль", Organisation: "НПО A"}, "", "door")
	if err != nil {
		t.Fatal(err)
	}
	twin, err := st.AddWalkIn(ctx, model.Participant{EventID: f.eventA, FullName: "ЖумабековаA Дубль", Organisation: "НПО A",
		Phone: "+7 700 MERGED 01", Email: "merged.twin@example.kz"}, "", "door")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.MergePeople(ctx, twin.Participant.ID, keeper.Participant.ID, "door"); err != nil {
		t.Fatal(err)
	}
	f.secretsA = append(f.secretsA, "+7 700 MERGED 01", "merged.twin@example.kz")
	f.namesA = append(f.namesA, "ЖумабековаA") // the surname, kept in a column of its own
	// a topic raised by a participant, whose text and actions name them
	named := peopleA[3]
	tc, err := st.AddTopic(ctx, model.Topic{EventID: f.eventA, SessionID: f.sessionA.ID, Title: "Proposal of " + named.FullName,
		RaisedBy: model.RaisedByParticipant, ParticipantID: named.ID, TimeboxMinutes: 10})
	if err != nil {
		t.Fatal(err)
	}
	topicID := tc.TopicID
	if _, err := st.CloseTopic(ctx, f.eventA, topicID, "agreed", []model.ActionItem{{What: "write it up", Who: named.FullName}}); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if _, err := st.Snapshot(ctx, time.Date(2026, 12, 1, 10, i, 0, 0, time.UTC), 5); err != nil {
			t.Fatal(err)
		}
	}
	// a snapshot that cannot be opened (damaged), holding a phone
	bad := filepath.Join(SnapshotDir(f.path), "convene-20261130-090000.000.db")
	if err := os.WriteFile(bad, append([]byte("SQLite format 3\x00garbage "), f.secretsA[0]...), 0o600); err != nil {
		t.Fatal(err)
	}
	// a plain copy left by a backup that was killed half-way
	stale := filepath.Join(filepath.Dir(f.path), ".convene-backup-123.db")
	if err := os.WriteFile(stale, []byte("SQLite format 3\x00 "+f.secretsA[1]), 0o600); err != nil {
		t.Fatal(err)
	}
	sessions, _ := st.Sessions(ctx, f.eventA)
	if f.attendance, err = st.AttendanceTable(ctx, f.eventA, sessions); err != nil {
		t.Fatal(err)
	}
	return f
}

// filesHolding lists the files under dir that contain any of secrets,
// byte for byte.
func filesHolding(t *testing.T, dir string, secrets []string) map[string]string {
	t.Helper()
	found := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if bytes.Contains(data, []byte(s)) {
				found[filepath.Base(p)] = s
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func purge(t *testing.T, path, eventID string, what model.PurgeWhat) PurgeResult {
	t.Helper()
	ctx := context.Background()
	c, err := ClaimExclusive(path, Holder{Detail: "purge"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Release()
	st, err := Open(ctx, path, WithClaim(c))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.Purge(ctx, eventID, what)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func sameFigures(t *testing.T, before, after []model.AttendanceRow, names bool) {
	t.Helper()
	if len(before) != len(after) {
		t.Fatalf("%d rows after, %d before", len(after), len(before))
	}
	byID := map[string]model.AttendanceRow{}
	for _, r := range after {
		byID[r.P.ID] = r
	}
	for _, b := range before {
		a := byID[b.P.ID]
		if a.P.Category != b.P.Category || a.P.Gender != b.P.Gender || a.P.Organisation != b.P.Organisation ||
			a.P.Pseudonym != b.P.Pseudonym || a.P.Consent != b.P.Consent || fmt.Sprint(a.At) != fmt.Sprint(b.At) {
			t.Errorf("figures changed for %s:\n before %+v\n after  %+v", b.P.FullName, b, a)
		}
		if a.P.Phone != "" || a.P.Email != "" || a.P.Notes != "" {
			t.Errorf("contacts kept: %+v", a.P)
		}
		if names && a.P.FullName != model.PseudonymLabel(b.P.Pseudonym) {
			t.Errorf("name %q, want %s", a.P.FullName, model.PseudonymLabel(b.P.Pseudonym))
		} else if !names && a.P.FullName != b.P.FullName {
			t.Errorf("name changed: %q → %q", b.P.FullName, a.P.FullName)
		}
	}
}

func TestPurgeContactsLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	f := newPurgeFixture(t)
	dir := filepath.Dir(f.path)
	if found := filesHolding(t, dir, f.secretsA); len(found) < 3 {
		t.Fatalf("the fixture should hold event A's contacts in the database and its snapshots: %v", found)
	}
	// PurgeCount, and Purge refuses without an exclusive claim
	st, err := Open(ctx, f.path)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := st.PurgeCount(ctx, f.eventA, model.PurgeContacts); err != nil || n != 32 {
		t.Fatalf("PurgeCount = %d, %v; want 32 (30 imported, 2 walk-ins merged)", n, err)
	}
	if _, err := st.Purge(ctx, f.eventA, model.PurgeContacts); !errors.Is(err, ErrInUse) {
		t.Fatalf("Purge without an exclusive claim: %v", err)
	}
	if _, err := st.PurgeCount(ctx, "no-such-event", model.PurgeContacts); !errors.Is(err, ErrNotFound) {
		t.Fatalf("PurgeCount of an unknown event: %v", err)
	}
	st.Close()

	res := purge(t, f.path, f.eventA, model.PurgeContacts)
	if res.Purge.People != 32 || res.Rewritten != 2 || len(res.Removed) != 1 || res.Purge.Snapshots != 3 {
		t.Fatalf("result %+v", res)
	}
	if found := filesHolding(t, dir, f.secretsA); len(found) > 0 {
		t.Fatalf("purged contacts still in: %v", found)
	}
	if found := filesHolding(t, filepath.Dir(f.path), f.secretsB[:3]); len(found) == 0 {
		t.Fatal("event B's contacts were purged too")
	}
	for _, j := range []string{f.path + "-wal", f.path + "-shm"} {
		if st, err := os.Stat(j); err == nil && st.Size() > 0 && filepath.Ext(j) == ".db-wal" {
			t.Errorf("%s is not empty", j)
		}
	}

	st, err = OpenReadOnly(ctx, f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sessions, _ := st.Sessions(ctx, f.eventA)
	after, err := st.AttendanceTable(ctx, f.eventA, sessions)
	if err != nil {
		t.Fatal(err)
	}
	sameFigures(t, f.attendance, after, false)
	ps, err := st.Purges(ctx, f.eventA)
	if err != nil || len(ps) != 1 || ps[0].People != 32 || ps[0].What != model.PurgeContacts || ps[0].Snapshots != 3 || ps[0].At.IsZero() {
		t.Fatalf("purge record %+v, %v", ps, err)
	}
	if r, err := st.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check after purge: %+v %v", r, err)
	}
	// the snapshots were purged too, and record it
	snaps, _ := snapshotFiles(f.path)
	for _, s := range snaps {
		db, err := sql.Open("sqlite", dsn(s, "_pragma=query_only(1)"))
		if err != nil {
			t.Fatal(err)
		}
		var n, purges int
		err = db.QueryRow("SELECT count(*) FROM participants WHERE event_id = ? AND (phone <> '' OR email <> '')", f.eventA).Scan(&n)
		if err == nil {
			err = db.QueryRow("SELECT count(*) FROM purges").Scan(&purges)
		}
		db.Close()
		if err != nil {
			t.Fatalf("snapshot %s: %v", filepath.Base(s), err)
		}
		if n != 0 || purges != 1 {
			t.Errorf("snapshot %s: %d with contacts, %d purge records", filepath.Base(s), n, purges)
		}
	}
	// purging again touches nobody
	if n, err := st.PurgeCount(ctx, f.eventA, model.PurgeContacts); err != nil || n != 0 {
		t.Fatalf("PurgeCount after purge = %d, %v", n, err)
	}
}

func TestPurgeNames(t *testing.T) {
	ctx := context.Background()
	f := newPurgeFixture(t)
	dir := filepath.Dir(f.path)
	if found := filesHolding(t, dir, f.namesA); len(found) == 0 {
		t.Fatal("the fixture should hold event A's names")
	}
	res := purge(t, f.path, f.eventA, model.PurgeNames)
	if res.Purge.People != 32 {
		t.Fatalf("result %+v", res)
	}
	if found := filesHolding(t, dir, append(f.namesA, f.secretsA...)); len(found) > 0 {
		t.Fatalf("purged names or contacts still in: %v", found)
	}
	st, err := OpenReadOnly(ctx, f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// the folded name kept for the list's order is the pseudonym's too
	err = queryEach(ctx, st.r, func(sc scanner) error {
		var name, key string
		if err := sc.Scan(&name, &key); err != nil {
			return err
		}
		if key != model.Fold(name) {
			t.Errorf("%s keeps the name key %q", name, key)
		}
		return nil
	}, "SELECT full_name, name_key FROM participants WHERE event_id = ?", f.eventA)
	if err != nil {
		t.Fatal(err)
	}
	sessions, _ := st.Sessions(ctx, f.eventA)
	after, err := st.AttendanceTable(ctx, f.eventA, sessions)
	if err != nil {
		t.Fatal(err)
	}
	sameFigures(t, f.attendance, after, true)
	set, err := st.TopicsWithActions(ctx, f.eventA)
	if err != nil {
		t.Fatal(err)
	}
	tp := set.Topics[len(set.Topics)-1]
	if want := "Proposal of P-0004"; tp.Title != want || tp.ParticipantName != "P-0004" {
		t.Errorf("topic %q raised by %q, want %q by P-0004", tp.Title, tp.ParticipantName, want)
	}
	if as := set.Actions[tp.ID]; len(as) != 1 || as[0].Who != "P-0004" {
		t.Errorf("actions %+v", as)
	}
}

// Pseudonyms are given in the order people were registered, and a new
// participant takes the next number, never one of a deleted participant.
func TestPseudonyms(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	ch, err := st.CreateEvent(ctx, model.Event{Name: "E"}, model.Session{Title: "S"})
	if err != nil {
		t.Fatal(err)
	}
	ev := ch.Current.Event.ID
	if _, err := st.ImportParticipants(ctx, ev, []model.Participant{{FullName: "Bb"}, {FullName: "Aa"}}, false); err != nil {
		t.Fatal(err)
	}
	w, err := st.AddWalkIn(ctx, model.Participant{EventID: ev, FullName: "Cc", Consent: model.ConsentYes}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if w.Participant.Pseudonym != 3 {
		t.Fatalf("walk-in pseudonym %d, want 3", w.Participant.Pseudonym)
	}
	if _, err := st.w.Exec("DELETE FROM participants WHERE pseudonym = 3"); err != nil {
		t.Fatal(err)
	}
	w, err = st.AddWalkIn(ctx, model.Participant{EventID: ev, FullName: "Dd"}, "", "")
	if err != nil || w.Participant.Pseudonym != 4 {
		t.Fatalf("after a deletion the next pseudonym is %d (%v), want 4", w.Participant.Pseudonym, err)
	}
	// another event counts from 1
	ch2, _ := st.CreateEvent(ctx, model.Event{Name: "F"}, model.Session{Title: "S"})
	w, err = st.AddWalkIn(ctx, model.Participant{EventID: ch2.Current.Event.ID, FullName: "Ee"}, "", "")
	if err != nil || w.Participant.Pseudonym != 1 {
		t.Fatalf("another event's first pseudonym %d (%v)", w.Participant.Pseudonym, err)
	}
	ps, _ := st.Participants(ctx, ev)
	got := map[string]int{}
	for _, p := range ps {
		got[p.FullName] = p.Pseudonym
	}
	if got["Bb"] != 1 || got["Aa"] != 2 || got["Dd"] != 4 {
		t.Fatalf("pseudonyms %v", got)
	}
	// consent round-trips, and a bad one is refused
	p := ps[0]
	p.Consent = model.ConsentNo
	if s, err := st.UpdateParticipant(ctx, p); err != nil || s.Participant.Consent != model.ConsentNo {
		t.Fatalf("update consent: %+v %v", s.Participant, err)
	}
	p.Consent = "maybe"
	if _, err := st.UpdateParticipant(ctx, p); !errors.Is(err, ErrInvalid) {
		t.Fatalf("consent maybe: %v", err)
	}
}

// A database from schema 4 gets its pseudonyms in registration order.
func TestPseudonymsBackfilled(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "old.db")
	if err := prepareFile(p); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", dsn(p, append(pragmas, "_txlock=immediate")...))
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, db, 4); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO events(id, name, created_at) VALUES('e1', 'Old', '2026-01-01T00:00:00Z'), ('e2', 'Other', '2026-01-01T00:00:00Z');
		INSERT INTO participants(id, event_id, full_name, created_at, updated_at) VALUES
			('p3', 'e1', 'Third', '2026-01-03T00:00:00Z', ''), ('p1', 'e1', 'First', '2026-01-01T00:00:00Z', ''),
			('p2', 'e1', 'Second', '2026-01-02T00:00:00Z', ''), ('q1', 'e2', 'Other first', '2026-01-05T00:00:00Z', '')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ps, _ := st.Participants(ctx, "e1")
	got := map[string]int{}
	for _, x := range ps {
		got[x.FullName] = x.Pseudonym
	}
	if got["First"] != 1 || got["Second"] != 2 || got["Third"] != 3 {
		t.Fatalf("backfilled %v", got)
	}
	w, err := st.AddWalkIn(ctx, model.Participant{EventID: "e1", FullName: "Fourth"}, "", "")
	if err != nil || w.Participant.Pseudonym != 4 {
		t.Fatalf("next after the backfill: %d %v", w.Participant.Pseudonym, err)
	}
	qs, _ := st.Participants(ctx, "e2")
	if len(qs) != 1 || qs[0].Pseudonym != 1 {
		t.Fatalf("other event %+v", qs)
	}
}
