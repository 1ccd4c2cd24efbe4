package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"convene/model"
	"convene/store"
)

// The load and failure tests run the server in a process of its own (this
// test binary again, as a child), so that its CPU and memory are its own,
// and it can be killed. Only loopback, bounded in count and time.

func TestMain(m *testing.M) {
	if db := os.Getenv("CONVENE_SERVE_CHILD"); db != "" {
		os.Exit(childServer(db))
	}
	os.Exit(m.Run())
}

// childServer serves db on a loopback port it writes to db+".addr", until
// SIGTERM (or 10 minutes).
func childServer(db string) int {
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	s, err := New(ctx, st, Config{Addr: "127.0.0.1:0", DBPath: db, Lang: "en", FPS: envInt("CONVENE_SERVE_FPS", 0)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	s.limit.pause = 0
	if err := s.Listen(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := os.WriteFile(db+".addr", []byte(s.Addr().String()), 0o600); err != nil {
		return 1
	}
	go func() { _ = s.Serve() }()
	sig := make(chan os.Signal, 1)
	signalNotify(sig)
	select {
	case <-sig:
	case <-time.After(10 * time.Minute):
	}
	sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_ = s.Shutdown(sctx)
	return 0
}

// child is a server process.
type child struct {
	cmd  *exec.Cmd
	addr string
}

func startChild(t *testing.T, db string) *child {
	t.Helper()
	os.Remove(db + ".addr")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CONVENE_SERVE_CHILD="+db)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd}
	t.Cleanup(func() { c.kill() })
	for range 300 {
		if b, err := os.ReadFile(db + ".addr"); err == nil && len(b) > 0 {
			c.addr = string(b)
			return c
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the server process did not start")
	return nil
}

func (c *child) stop() {
	if c.cmd.Process != nil && c.cmd.ProcessState == nil {
		_ = c.cmd.Process.Signal(syscall.SIGTERM)
		_ = c.cmd.Wait()
	}
}

func (c *child) kill() {
	if c.cmd.Process != nil && c.cmd.ProcessState == nil {
		_ = c.cmd.Process.Kill()
		_ = c.cmd.Wait()
	}
}

// cpu is the process's CPU time so far (all threads: utime+stime).
func (c *child) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", c.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond // USER_HZ = 100
}

// mem is the process's resident memory now and at its peak (bytes).
func (c *child) mem() (rss, peak int64) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 {
			continue
		}
		n, _ := strconv.ParseInt(fs[1], 10, 64)
		switch fs[0] {
		case "VmRSS:":
			rss = n * 1024
		case "VmHWM:":
			peak = n * 1024
		}
	}
	return rss, peak
}

// loadDB makes a database with an event of n people whose names carry a
// unique word ("Q00042"), and two agenda items.
func loadDB(t *testing.T, n int) (db string, cur model.Current, people []model.Participant) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "load.db")
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ch, err := st.CreateEvent(ctx, model.Event{Name: "Load test", StartDate: time.Now().Format("2006-01-02")},
		model.Session{Title: "Day 1", Date: time.Now().Format("2006-01-02"), StartTime: time.Now().Format("15:04")})
	if err != nil {
		t.Fatal(err)
	}
	cur = ch.Current
	first := []string{"Aigerim", "Бауыржан", "Dana", "Ержан", "Gulnara", "Марат", "Saule", "Тимур"}
	last := []string{"Nurlanova", "Сейткали", "Ivanova", "Омаров", "Smith", "Жумабеков"}
	cats := []string{"participant", "speaker", "civil society", "government", "media"}
	genders := []model.Gender{model.GenderFemale, model.GenderMale, model.GenderNotStated}
	people = make([]model.Participant, n)
	for i := range people {
		people[i] = model.Participant{EventID: cur.Event.ID, FullName: fmt.Sprintf("%s Q%05d %s", first[i%len(first)], i, last[i%len(last)]),
			Category: cats[i%len(cats)], Gender: genders[i%3], Organisation: "NGO " + strconv.Itoa(i%97)}
	}
	if _, err := st.ImportParticipants(ctx, cur.Event.ID, people, false); err != nil {
		t.Fatal(err)
	}
	if people, err = st.Participants(ctx, cur.Event.ID); err != nil { // with their IDs
		t.Fatal(err)
	}
	sort.Slice(people, func(i, j int) bool {
		return strings.Fields(people[i].FullName)[1] < strings.Fields(people[j].FullName)[1]
	})
	for i, title := range []string{"Opening", "Panel"} {
		if _, err := st.AddItem(ctx, cur.Session.ID, model.AgendaItem{Title: title, Kind: model.KindTalk, PlannedMinutes: 30}, i); err != nil {
			t.Fatal(err)
		}
	}
	return db, cur, people
}

// passcodesOf reads the passcodes file as a desk's organiser would read the screen.
func passcodesOf(t *testing.T, db, eventID string) Passcodes {
	t.Helper()
	b, err := os.ReadFile(PasscodesPath(db))
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]Passcodes{}
	if err := json.Unmarshal(b, &all); err != nil {
		t.Fatal(err)
	}
	return all[eventID]
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func pct(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

// deskRun is what one desk did.
type deskRun struct {
	sent, acked []time.Time
	ackedSent   []time.Time // when the Enter of each acknowledged check-in was sent
	ackLat      []time.Duration
	acked1      []int // people acknowledged
	errors      int
	counts      []countAt
}

type countAt struct {
	n  int
	at time.Time
}

// TestLoad: desks each check one person in per second while a display
// and an organiser (with the agenda clock running) are connected. A desk
// types the person's unique word at a person's pace (80 ms a key), then
// Enter; Enters at one desk are at least 1.1 s apart and 1 s after the
// previous acknowledgement, because the app ignores a second Enter that
// arrives within a second at the same desk (a double press), and a 1.0 s
// gap can arrive as 0.99 s after network jitter. In
// `go test ./...` it runs briefly and checks only that nothing is lost;
// the full run (README, "Several desks at one venue") is
//
//	CONVENE_LOAD=full go test ./serve -run TestLoad -v -timeout 20m
//
// with CONVENE_LOAD_DESKS (10), CONVENE_LOAD_SECONDS (60) and
// CONVENE_LOAD_PEOPLE (10000); it asserts the figures unless under -race.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: skipped with -short")
	}
	full := os.Getenv("CONVENE_LOAD") == "full"
	desks, secs, n := 3, 3, 2000
	if full {
		desks, secs, n = 10, 60, 10000
	}
	desks, secs, n = envInt("CONVENE_LOAD_DESKS", desks), envInt("CONVENE_LOAD_SECONDS", secs), envInt("CONVENE_LOAD_PEOPLE", n)
	if desks*secs > n {
		t.Fatalf("%d desks × %d s needs more than %d people", desks, secs, n)
	}
	db, cur, people := loadDB(t, n)
	srv := startChild(t, db)
	codes := passcodesOf(t, db, cur.Event.ID)

	org, err := dial(srv.addr, "organiser", codes[model.RoleOrganiser], 100, 30)
	if err != nil {
		t.Fatal(err)
	}
	defer org.close()
	disp, err := dial(srv.addr, "projector", codes[model.RoleDisplay], 100, 30)
	if err != nil {
		t.Fatal(err)
	}
	defer disp.close()
	ready(t, org)
	_ = org.send(" ") // start the first item: every header ticks each second
	if _, err := disp.waitFor("Opening", 20*time.Second); err != nil {
		t.Fatalf("display: %v\n%s", err, disp.text())
	}
	terms := make([]*term, desks)
	runs := make([]*deskRun, desks)
	for i := range terms {
		d, err := dial(srv.addr, fmt.Sprintf("desk%02d", i+1), codes[model.RoleDesk], 100, 30)
		if err != nil {
			t.Fatal(err)
		}
		defer d.close()
		ready(t, d)
		_ = d.send("2")
		if _, err := d.waitFor("Checked in 0 / ", 30*time.Second); err != nil {
			t.Fatalf("desk %d: %v\n%s", i+1, err, d.text())
		}
		terms[i], runs[i] = d, &deskRun{}
	}
	for i, d := range terms {
		r := runs[i]
		d.mu.Lock()
		d.watch = func(screen string, at time.Time) {
			if c, ok := checkedIn(screen); ok && (len(r.counts) == 0 || r.counts[len(r.counts)-1].n != c) {
				r.counts = append(r.counts, countAt{c, at})
			}
			if strings.Contains(screen, "Error:") || strings.Contains(screen, "busy") {
				r.errors++
			}
		}
		d.mu.Unlock()
	}

	cpu0, wall0 := srv.cpu(), time.Now()
	start := time.Now().Add(500 * time.Millisecond)
	var wg sync.WaitGroup
	for i, d := range terms {
		wg.Add(1)
		go func(i int, d *term, r *deskRun) {
			defer wg.Done()
			offset := time.Duration(i) * time.Second / time.Duration(desks)
			var last, lastAck time.Time
			for k := range secs {
				p := people[i*secs+k]
				word := strings.Fields(p.FullName)[1]
				at := start.Add(offset + time.Duration(k)*time.Second)
				time.Sleep(time.Until(at))
				// a person's pace: keys closer than the app's burst gap (25 ms)
				// would be taken for a paste, whose Enter is a line break
				if err := d.typeText(strings.ToLower(word), 80*time.Millisecond); err != nil {
					return
				}
				enter := time.Now().Add(200 * time.Millisecond)
				if next := last.Add(1100 * time.Millisecond); next.After(enter) {
					enter = next
				}
				if next := lastAck.Add(time.Second); next.After(enter) {
					enter = next // the previous Enter has arrived: this one cannot look like a double press
				}
				time.Sleep(time.Until(enter))
				sent := time.Now()
				if err := d.send("\r"); err != nil {
					return
				}
				last = sent
				d.mu.Lock()
				r.sent = append(r.sent, sent)
				d.mu.Unlock()
				if _, err := d.waitFor("✓ "+p.FullName, 3*time.Second); err != nil {
					continue
				}
				lastAck = time.Now()
				d.mu.Lock()
				r.ackedSent = append(r.ackedSent, sent)
				r.acked, r.acked1 = append(r.acked, time.Now()), append(r.acked1, i*secs+k)
				r.ackLat = append(r.ackLat, time.Since(sent))
				d.mu.Unlock()
			}
		}(i, d, runs[i])
	}
	wg.Wait()
	time.Sleep(2 * time.Second) // the last changes reach every desk
	cpu1, wall1 := srv.cpu(), time.Now()
	rss, peak := srv.mem()
	for _, d := range terms {
		d.mu.Lock()
		d.watch = nil
		d.mu.Unlock()
	}
	srv.stop()

	// what the database holds
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	here, err := st.Attendance(context.Background(), cur.Session.ID)
	if err != nil {
		t.Fatal(err)
	}
	var sends []time.Time
	var ackLat, otherLat []time.Duration
	sent, acked, lost, errs := 0, 0, 0, 0
	for _, r := range runs {
		sent += len(r.sent)
		acked += len(r.acked)
		errs += r.errors
		ackLat = append(ackLat, r.ackLat...)
		sends = append(sends, r.ackedSent...) // the k-th check-in committed was sent no earlier than the k-th of these
		for _, i := range r.acked1 {
			if _, ok := here[people[i].ID]; !ok {
				lost++
			}
		}
	}
	sort.Slice(sends, func(i, j int) bool { return sends[i].Before(sends[j]) })
	for _, r := range runs {
		j := 0
		for k := 1; k <= len(sends); k++ {
			for j < len(r.counts) && r.counts[j].n < k {
				j++
			}
			if j == len(r.counts) {
				break
			}
			otherLat = append(otherLat, r.counts[j].at.Sub(sends[k-1]))
		}
	}
	secsRun := wall1.Sub(wall0).Seconds()
	var firstSend, lastSend time.Time
	for _, r := range runs {
		for _, x := range r.sent {
			if firstSend.IsZero() || x.Before(firstSend) {
				firstSend = x
			}
			if x.After(lastSend) {
				lastSend = x
			}
		}
	}
	cpuShare := (cpu1 - cpu0).Seconds() / secsRun
	load, _ := os.ReadFile("/proc/loadavg")
	t.Logf("%d desks × %d s, %d people, + display + organiser (clock running); machine load %s", desks, secs, n, strings.Fields(string(load))[0])
	t.Logf("check-ins: %d sent over %.0f s (%.1f/s), %d acknowledged, %d in the database, %d acknowledged but lost, %d error screens",
		sent, lastSend.Sub(firstSend).Seconds(), float64(sent)/max(1, lastSend.Sub(firstSend).Seconds()), acked, len(here), lost, errs)
	t.Logf("own acknowledgement: p50 %v, p99 %v, max %v", pct(ackLat, .5).Round(time.Millisecond), pct(ackLat, .99).Round(time.Millisecond), pct(ackLat, 1).Round(time.Millisecond))
	t.Logf("other desks' screens: p50 %v, p99 %v, max %v (%d samples)", pct(otherLat, .5).Round(time.Millisecond), pct(otherLat, .99).Round(time.Millisecond), pct(otherLat, 1).Round(time.Millisecond), len(otherLat))
	t.Logf("server: CPU %.1f%% of one core over %.0f s (all threads, /proc/PID/stat), RSS %.0f MB (peak %.0f MB)", 100*cpuShare, secsRun, float64(rss)/1e6, float64(peak)/1e6)

	if lost != 0 || errs != 0 || acked != sent || sent != desks*secs || len(here) != acked {
		t.Errorf("lost %d, errors %d, acknowledged %d of %d sent (%d planned), %d in the database", lost, errs, acked, sent, desks*secs, len(here))
	}
	if full && !raceEnabled && os.Getenv("CONVENE_LOAD_ASSERT") != "no" {
		if p := pct(ackLat, .99); p > 150*time.Millisecond {
			t.Errorf("own acknowledgement p99 %v > 150 ms", p)
		}
		if p := pct(otherLat, .99); p > 500*time.Millisecond {
			t.Errorf("other desks p99 %v > 500 ms", p)
		}
		if cpuShare > 0.25 {
			t.Errorf("server CPU %.1f%% > 25%%", 100*cpuShare)
		}
		if peak > 150<<20 {
			t.Errorf("server peak RSS %d MB > 150 MB", peak>>20)
		}
	}
}

// TestServerKilledLosesNothingAcknowledged: SIGKILL under load; every
// acknowledged check-in is in the database; a restarted server has the
// same host key and accepts the same passcodes.
func TestServerKilledLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("failure test: skipped with -short")
	}
	db, cur, people := loadDB(t, 500)
	srv := startChild(t, db)
	codes := passcodesOf(t, db, cur.Event.ID)
	var key1 gossh.PublicKey
	cfg := &gossh.ClientConfig{User: "door", Auth: []gossh.AuthMethod{gossh.Password(codes[model.RoleDesk])},
		HostKeyCallback: func(_ string, _ netAddr, k gossh.PublicKey) error { key1 = k; return nil }}
	c, err := gossh.Dial("tcp", srv.addr, cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	const desks = 4
	var mu sync.Mutex
	var acked []int
	var wg sync.WaitGroup
	stopAt := time.Now().Add(3 * time.Second)
	for i := range desks {
		d, err := dial(srv.addr, fmt.Sprintf("desk%d", i), codes[model.RoleDesk], 100, 30)
		if err != nil {
			t.Fatal(err)
		}
		defer d.close()
		ready(t, d)
		_ = d.send("2")
		if _, err := d.waitFor("Checked in", 20*time.Second); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func(i int, d *term) {
			defer wg.Done()
			for k := 0; k < 100 && time.Now().Before(stopAt.Add(5*time.Second)); k++ {
				p := people[i*100+k]
				_ = d.typeText(strings.ToLower(strings.Fields(p.FullName)[1]), 30*time.Millisecond)
				time.Sleep(1050 * time.Millisecond)
				if d.send("\r") != nil {
					return
				}
				if _, err := d.waitFor("✓ "+p.FullName, 3*time.Second); err != nil {
					return // the server is gone
				}
				mu.Lock()
				acked = append(acked, i*100+k)
				mu.Unlock()
			}
		}(i, d)
	}
	time.Sleep(time.Until(stopAt))
	srv.kill()
	wg.Wait()

	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	here, _ := st.Attendance(context.Background(), cur.Session.ID)
	res, err := st.Check(context.Background())
	st.Close()
	if err != nil || !res.OK() {
		t.Fatalf("database after SIGKILL: %+v, %v", res, err)
	}
	lost := 0
	for _, i := range acked {
		if _, ok := here[people[i].ID]; !ok {
			lost++
		}
	}
	t.Logf("SIGKILL after %d acknowledged check-ins: %d in the database, %d lost", len(acked), len(here), lost)
	if lost > 0 || len(acked) == 0 {
		t.Fatalf("%d of %d acknowledged check-ins lost", lost, len(acked))
	}

	// restarted: same host key, same passcodes
	srv2 := startChild(t, db)
	defer srv2.stop()
	var key2 gossh.PublicKey
	cfg.HostKeyCallback = func(_ string, _ netAddr, k gossh.PublicKey) error { key2 = k; return nil }
	c, err = gossh.Dial("tcp", srv2.addr, cfg)
	if err != nil {
		t.Fatalf("the old passcode after a restart: %v", err)
	}
	c.Close()
	if string(key1.Marshal()) != string(key2.Marshal()) {
		t.Error("the host key changed after a restart")
	}
}

// TestDeskDroppingAfterEnter: a desk whose connection drops right after
// Enter leaves the check-in committed or not, never half; it reconnects
// and sees the truth.
func TestDeskDroppingAfterEnter(t *testing.T) {
	s, st, addr := testServer(t)
	code := s.Passcodes()[model.RoleDesk]
	cur, _ := st.Current(context.Background(), "", "")
	people, _ := st.Participants(context.Background(), cur.Event.ID)
	for round := range 5 {
		here, _ := st.Attendance(context.Background(), cur.Session.ID)
		var p model.Participant
		for _, q := range people {
			if _, ok := here[q.ID]; !ok {
				p = q
				break
			}
		}
		d, err := dial(addr, "door", code, 100, 30)
		if err != nil {
			t.Fatal(err)
		}
		ready(t, d)
		if !strings.Contains(d.text(), "Checked in") {
			_ = d.send("2")
		}
		if _, err := d.waitFor("Checked in", 10*time.Second); err != nil {
			t.Fatal(err)
		}
		_ = d.typeText(p.FullName, 60*time.Millisecond)
		time.Sleep(100 * time.Millisecond)
		_ = d.send("\r")
		time.Sleep(time.Duration(round) * 30 * time.Millisecond)
		d.client.Close()        // the Wi-Fi drops, at a different moment each round
		time.Sleep(time.Second) // what reached the server has settled
		after, _ := st.Attendance(context.Background(), cur.Session.ID)
		_, committed := after[p.ID]
		if len(after) != len(here) && (!committed || len(after) != len(here)+1) {
			t.Fatalf("round %d: %d → %d checked in", round, len(here), len(after))
		}
		res, err := st.Check(context.Background())
		if err != nil || !res.OK() {
			t.Fatalf("round %d: %+v %v", round, res, err)
		}
		// the desk comes back: it sees the truth
		d2, err := dial(addr, "door", code, 100, 30)
		if err != nil {
			t.Fatal(err)
		}
		scr, err := d2.waitFor("Checked in "+itoa(len(after)), 10*time.Second)
		if err != nil {
			t.Fatalf("round %d after reconnecting: %v\n%s", round, err, scr)
		}
		if committed && !strings.Contains(scr, p.FullName) {
			t.Errorf("round %d: the reconnected desk does not show its last check-in:\n%s", round, scr)
		}
		d2.close()
		t.Logf("round %d: committed %v", round, committed)
	}
}
