package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"convene/i18n"
	"convene/model"
	"convene/store"
)

// testServer starts a server on loopback on a database with the demo.
func testServer(t *testing.T) (*Server, *store.Store, string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "c.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadDataset(context.Background(), model.Demo(time.Now(), store.NewID)); err != nil {
		t.Fatal(err)
	}
	s := startServer(t, st, db)
	return s, st, s.Addr().String()
}

func startServer(t *testing.T, st *store.Store, db string) *Server {
	t.Helper()
	s, err := New(context.Background(), st, Config{Addr: "127.0.0.1:0", DBPath: db, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	s.limit.pause = 0
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve() }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.Shutdown(ctx)
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		st.Close()
	})
	return s
}

func mustDial(t *testing.T, addr, user, code string) *term {
	t.Helper()
	d, err := dial(addr, user, code, 100, 30)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.close)
	return d
}

func TestCheckInAtOneDeskAppearsAtAnother(t *testing.T) {
	s, st, addr := testServer(t)
	codes := s.Passcodes()
	a, b := mustDial(t, addr, "door", codes[model.RoleDesk]), mustDial(t, addr, "hall", codes[model.RoleDesk])
	for _, d := range []*term{a, b} {
		ready(t, d)
		_ = d.send("2")
	}
	cur, _ := st.Current(context.Background(), "", "")
	here, _ := st.Attendance(context.Background(), cur.Session.ID)
	people, _ := st.Participants(context.Background(), cur.Event.ID)
	before := counted(t, b, len(people)) // the count as drawn once the roster is in
	if _, err := a.waitFor("Checked in", 10*time.Second); err != nil {
		t.Fatal(err)
	}
	var p model.Participant
	for _, q := range people {
		if _, ok := here[q.ID]; !ok {
			p = q
			break
		}
	}
	_ = a.typeText(p.FullName, 40*time.Millisecond)
	time.Sleep(100 * time.Millisecond)
	_ = a.send("\r")
	if _, err := a.waitFor("✓ "+p.FullName, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for n, _ := checkedIn(b.text()); n != before+1; n, _ = checkedIn(b.text()) {
		if time.Now().After(deadline) {
			t.Fatalf("the other desk still shows %d checked in, want %d:\n%s", n, before+1, b.text())
		}
		_, _ = b.waitFor("\x00", 50*time.Millisecond)
	}
}

// counted waits until the desk's screen shows its check-in count whole
// and returns it.
// counted is the here count a desk shows once its roster of total people
// is in: not from a frame drawn before (0 of 0) or caught half-drawn.
func counted(t *testing.T, d *term, total int) int {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if n, of, ok := checkedInOf(d.text()); ok && of == total {
			return n
		}
		_, _ = d.waitFor("\x00", 50*time.Millisecond)
	}
	t.Fatalf("no check-in count on the screen:\n%s", d.text())
	return 0
}

func TestWrongPasscodeIsRefused(t *testing.T) {
	s, _, addr := testServer(t)
	if _, err := dial(addr, "door", "000000x", 80, 24); err == nil {
		t.Fatal("a wrong passcode logged in")
	}
	// keyboard-interactive works with the right passcode
	code := s.Passcodes()[model.RoleDesk]
	cfg := &gossh.ClientConfig{User: "door", HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Auth: []gossh.AuthMethod{gossh.KeyboardInteractive(func(_, _ string, q []string, _ []bool) ([]string, error) {
			return []string{code}, nil
		})}}
	c, err := gossh.Dial("tcp", addr, cfg)
	if err != nil {
		t.Fatalf("keyboard-interactive: %v", err)
	}
	defer c.Close()
	// nothing but the app: no exec, no SFTP, no port forwarding
	sess, _ := c.NewSession()
	if err := sess.Run("cat /etc/passwd"); err == nil {
		t.Error("exec was served")
	}
	sess, _ = c.NewSession()
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("sftp was served")
	}
	if _, err := c.Dial("tcp", "127.0.0.1:22"); err == nil {
		t.Error("port forwarding was served")
	}
	if _, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		t.Error("reverse forwarding was served")
	}
}

func TestDisplayCannotCheckInAndShowsTheClock(t *testing.T) {
	s, st, addr := testServer(t)
	d := mustDial(t, addr, "projector", s.Passcodes()[model.RoleDisplay])
	if _, err := d.waitFor("Nothing running", 10*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, d.text())
	}
	cur, _ := st.Current(context.Background(), "", "")
	before, _ := st.Attendance(context.Background(), cur.Session.ID)
	_ = d.send("2\rAruzhan\r\x0e\x13 \rn+y")
	time.Sleep(500 * time.Millisecond)
	after, _ := st.Attendance(context.Background(), cur.Session.ID)
	items, _ := st.AgendaItems(context.Background(), cur.Session.ID)
	if len(after) != len(before) || model.Active(items) >= 0 {
		t.Fatal("a display wrote")
	}
	// the organiser's message reaches it
	o := mustDial(t, addr, "organiser", s.Passcodes()[model.RoleOrganiser])
	ready(t, o)
	_ = o.send("1m")
	if _, err := o.waitFor("Message to the displays", 5*time.Second); err != nil {
		t.Fatal(err)
	}
	_ = o.send("\r")
	if _, err := d.waitFor("5 minutes", 5*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, d.text())
	}
}

func TestPasscodesAndHostKeyStayAcrossRestarts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := New(context.Background(), st, Config{Addr: "127.0.0.1:0", DBPath: db})
	if err != nil {
		t.Fatal(err)
	}
	key1, _ := os.ReadFile(HostKeyPath(db))
	fi, _ := os.Stat(HostKeyPath(db))
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v", fi.Mode().Perm())
	}
	fi, _ = os.Stat(PasscodesPath(db))
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("passcodes mode %v", fi.Mode().Perm())
	}
	b, err := New(context.Background(), st, Config{Addr: "127.0.0.1:0", DBPath: db})
	if err != nil {
		t.Fatal(err)
	}
	key2, _ := os.ReadFile(HostKeyPath(db))
	if string(key1) != string(key2) || len(key1) == 0 {
		t.Error("the host key changed across restarts")
	}
	pa, pb := a.Passcodes(), b.Passcodes()
	for _, r := range model.Roles {
		if len(pa[r]) != 6 || pa[r] != pb[r] || strings.Trim(pa[r], "0123456789") != "" {
			t.Errorf("%s: %q then %q", r, pa[r], pb[r])
		}
	}
	if pa[model.RoleDesk] == pa[model.RoleOrganiser] || pa[model.RoleDesk] == pa[model.RoleDisplay] {
		t.Error("two roles share a passcode")
	}
	c, err := New(context.Background(), st, Config{Addr: "127.0.0.1:0", DBPath: db, NewPasscodes: true})
	if err != nil {
		t.Fatal(err)
	}
	if c.Passcodes()[model.RoleOrganiser] == pa[model.RoleOrganiser] && c.Passcodes()[model.RoleDesk] == pa[model.RoleDesk] {
		t.Error("--new-passcodes kept the passcodes")
	}
}

func TestLimiterSlowsGuessingButNotForLong(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	l := newLimiter(func() time.Time { return now })
	// ten typos go through, the eleventh try waits about one refill
	for i := range 10 {
		if ok, _ := l.allow("10.0.0.5"); !ok {
			t.Fatalf("try %d refused", i+1)
		}
		l.fail("10.0.0.5")
	}
	ok, wait := l.allow("10.0.0.5")
	if ok || wait <= 0 || wait > l.refill {
		t.Fatalf("after 10 wrong passcodes: ok %v, wait %v", ok, wait)
	}
	// another address is not affected
	if ok, _ := l.allow("10.0.0.6"); !ok {
		t.Fatal("another address was refused")
	}
	// a desk behind the same NAT gets in one refill later
	now = now.Add(l.refill)
	if ok, _ := l.allow("10.0.0.5"); !ok {
		t.Fatal("still refused after a refill")
	}
	// a guesser: at most burst + one per refill over an hour
	tries := 0
	for range 3600 {
		now = now.Add(time.Second)
		if ok, _ := l.allow("10.0.0.7"); ok {
			tries++
			l.fail("10.0.0.7")
		}
	}
	if max := int(l.burst) + int(time.Hour/l.refill); tries > max {
		t.Errorf("%d guesses in an hour, want at most %d", tries, max)
	}
}

func TestTooManyWrongPasscodesRefuseEvenTheRightOneBriefly(t *testing.T) {
	s, _, addr := testServer(t)
	// the clock is read by the server's auth goroutines, some still
	// finishing a refused login while the test moves it on
	var now atomic.Int64
	now.Store(time.Now().UnixNano())
	s.limit.mu.Lock()
	s.limit.now = func() time.Time { return time.Unix(0, now.Load()) }
	s.limit.mu.Unlock()
	for range int(s.limit.burst) {
		_, _ = dial(addr, "door", "999999x", 80, 24)
	}
	if _, err := dial(addr, "door", s.Passcodes()[model.RoleDesk], 80, 24); err == nil {
		t.Fatal("the bucket is empty, yet a login was looked at")
	}
	now.Add(int64(s.limit.refill))
	d, err := dial(addr, "door", s.Passcodes()[model.RoleDesk], 80, 24)
	if err != nil {
		t.Fatalf("still locked out after a refill: %v", err)
	}
	d.close()
}

func TestReconnectingDeskKeepsItsUndoAndSeesItsCheckIns(t *testing.T) {
	s, st, addr := testServer(t)
	code := s.Passcodes()[model.RoleDesk]
	a := mustDial(t, addr, "door", code)
	ready(t, a)
	_ = a.send("2")
	if _, err := a.waitFor("Checked in", 10*time.Second); err != nil {
		t.Fatal(err)
	}
	cur, _ := st.Current(context.Background(), "", "")
	here, _ := st.Attendance(context.Background(), cur.Session.ID)
	people, _ := st.Participants(context.Background(), cur.Event.ID)
	var p model.Participant
	for _, q := range people {
		if _, ok := here[q.ID]; !ok {
			p = q
			break
		}
	}
	_ = a.typeText(p.FullName, 40*time.Millisecond)
	time.Sleep(100 * time.Millisecond)
	_ = a.send("\r")
	if _, err := a.waitFor("✓ "+p.FullName, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	// the Wi-Fi drops: the desk connects again under the same name
	a.client.Close()
	b := mustDial(t, addr, "door", code)
	scr, err := b.waitFor("Your last check-ins", 10*time.Second)
	if err != nil || !strings.Contains(scr, p.FullName) {
		t.Fatalf("after reconnecting: %v\n%s", err, scr)
	}
	_ = b.send("\x1a") // ctrl+z
	if _, err := b.waitFor("Check-in of "+p.FullName+" undone", 10*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, b.text())
	}
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

// ready waits until a desk has loaded the event (keys before that are
// dropped, as in the app).
func ready(t *testing.T, d *term) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		scr := d.text()
		if strings.Contains(scr, "Plan ") || strings.Contains(scr, "Checked in ") || strings.Contains(scr, "Nothing running") {
			return
		}
		_, _ = d.waitFor("\x00", 100*time.Millisecond)
	}
	t.Fatalf("never ready:\n%s", d.text())
}

func TestDashboardShowsCommandsPasscodesAndDesks(t *testing.T) {
	s, _, addr := testServer(t)
	d := mustDial(t, addr, "door", s.Passcodes()[model.RoleDesk])
	ready(t, d)
	_, port, _ := strings.Cut(addr, ":")
	out := newDashboard(s).render()
	for _, want := range []string{"ssh -p " + port + " door@127.0.0.1", "ssh -p " + port + " projector@127.0.0.1",
		s.Passcodes()[model.RoleDesk], s.Passcodes()[model.RoleDisplay], s.Passcodes()[model.RoleOrganiser], "Connected desks: 1", "door", "desk"} {
		if !strings.Contains(out, want) {
			t.Errorf("the dashboard lacks %q:\n%s", want, out)
		}
	}
	// the passcodes are in one column, on the dashboard and in the
	// listening lines
	for _, text := range []string{ansi.Strip(out), s.listening()} {
		col := -1
		for line := range strings.SplitSeq(text, "\n") {
			i := strings.Index(line, "passcode")
			if i < 0 || !strings.Contains(line, "ssh -p") {
				continue
			}
			if w := ansi.StringWidth(line[:i]); col < 0 {
				col = w
			} else if w != col {
				t.Errorf("the passcodes are not in one column (%d, then %d):\n%s", col, w, text)
				break
			}
		}
		if col < 0 {
			t.Errorf("no passcode line:\n%s", text)
		}
	}
}

// The dashboard in Russian and Kazakh has no English word: only what is
// typed (ssh, the desk names before @) and the names of programs.
func TestDashboardInRussianAndKazakh(t *testing.T) {
	for _, lang := range []string{"ru", "kk"} {
		t.Run(lang, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.db")
			st, err := store.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.LoadDataset(context.Background(), model.DemoIn(lang, time.Now(), store.NewID)); err != nil {
				t.Fatal(err)
			}
			s, err := New(context.Background(), st, Config{Addr: "127.0.0.1:0", DBPath: db, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			s.limit.pause = 0
			if err := s.Listen(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- s.Serve() }()
			t.Cleanup(func() {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				_ = s.Shutdown(ctx)
				if err := <-done; err != nil {
					t.Errorf("serve: %v", err)
				}
				st.Close()
			})
			d := mustDial(t, s.Addr().String(), "door", s.Passcodes()[model.RoleDesk])
			want := i18n.New(lang).T("Agenda")
			for deadline := time.Now().Add(20 * time.Second); !strings.Contains(d.text(), want); {
				if time.Now().After(deadline) {
					t.Fatalf("the desk never showed %q:\n%s", want, d.text())
				}
				_, _ = d.waitFor("\x00", 100*time.Millisecond)
			}
			out := ansi.Strip(newDashboard(s).render())
			if runs := i18n.LatinRuns(out, "ssh", "door", "projector", "organiser", "convene serve", "Wi-Fi"); len(runs) > 0 {
				t.Errorf("English on the %s dashboard:\n  %s\n%s", lang, strings.Join(runs, "\n  "), out)
			}
		})
	}
}

// TestGoodbyeInEachDesksLanguage: when the server stops, each desk is told
// in its own language, not the server's.
func TestGoodbyeInEachDesksLanguage(t *testing.T) {
	s, _, addr := testServer(t)
	codes := s.Passcodes()
	hall, err := dial(addr, "hall", codes[model.RoleDesk], 100, 30, "CONVENE_LANG=ru")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(hall.close)
	door := mustDial(t, addr, "door", codes[model.RoleDesk])
	if _, err := hall.waitFor("f1 справка", 20*time.Second); err != nil {
		t.Fatalf("the Russian desk never showed: %v", err)
	}
	ready(t, door)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := hall.waitFor("Организатор остановил", 10*time.Second); err != nil {
		t.Errorf("the Russian desk's goodbye: %v\n%s", err, hall.text())
	}
	if _, err := door.waitFor("The organiser stopped", 10*time.Second); err != nil {
		t.Errorf("the English desk's goodbye: %v\n%s", err, door.text())
	}
}
