// Package perf measures convene where the user waits: the real binary in a
// real pseudo-terminal, its screen read back through a terminal emulator.
// It holds only tests; see README.md ("Performance") for the commands.
package perf

import (
	"bytes"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
	_ "modernc.org/sqlite"

	"convene/store"
)

var (
	binFlag = flag.String("perf.bin", "", "measure this convene binary instead of building one from the source")
	appLang = flag.String("perf.lang", "en", "the app's language (en, ru, kk): most of its users start it in Russian or Kazakh")
)

// The terminal every measurement uses.
const termW, termH = 120, 40

var (
	scratch  string // a folder for the whole test process
	built    string
	buildErr error
	buildMu  sync.Mutex
)

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "convene-perf-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	scratch = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// needTerminal skips where these measurements cannot run.
func needTerminal(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("starts the real binary in a pseudo-terminal: not with -short")
	}
	if runtime.GOOS == "windows" {
		t.Skip("needs a Unix pseudo-terminal")
	}
}

// binary returns the convene binary to measure: -perf.bin, or one built
// from this module with the same go command (once per test process).
func binary(t *testing.T) string {
	t.Helper()
	if *binFlag != "" {
		return *binFlag
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	if built == "" && buildErr == nil {
		built, buildErr = build()
	}
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return built
}

// build builds convene from this module into the scratch folder.
func build() (string, error) {
	goCmd, err := goCommand()
	if err != nil {
		return "", err
	}
	out := filepath.Join(scratch, "convene")
	// as the release builds it (.goreleaser.yaml): a static binary, which
	// also starts without the dynamic loader
	cmd := exec.Command(goCmd, "build", "-trimpath", "-ldflags=-s -w", "-o", out, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	cmd.Dir = ".." // the module root
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %w\n%s", err, msg)
	}
	return out, nil
}

// goCommand finds the go command: go test puts its own $GOROOT/bin first
// on the PATH of the test binary; a test binary run by hand falls back to
// $GOROOT.
func goCommand() (string, error) {
	goCmd, err := exec.LookPath("go")
	if err == nil {
		return goCmd, nil
	}
	if root := os.Getenv("GOROOT"); root != "" {
		return filepath.Join(root, "bin", "go"), nil
	}
	return "", fmt.Errorf("no go command to build convene with (put it on PATH, or pass -perf.bin): %w", err)
}

// prepared holds the databases already made in this process, by size.
var (
	preparedMu sync.Mutex
	prepared   = map[int]preparedDB{}
)

type preparedDB struct {
	path  string
	total int // participants in the current event
}

// database returns a database with the demo event and n more distinct
// participants imported as a roster (made once per n and test process).
func database(t *testing.T, bin string, n int) preparedDB {
	t.Helper()
	preparedMu.Lock()
	defer preparedMu.Unlock()
	if db, ok := prepared[n]; ok {
		return db
	}
	dir := filepath.Join(scratch, fmt.Sprintf("db-%d", n))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "convene.db")
	run := func(args ...string) {
		cmd := exec.Command(bin, append(args, "--db", path)...)
		cmd.Env = appEnv()
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("convene %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("demo")
	if n > 0 {
		csv := filepath.Join(dir, "roster.csv")
		if err := os.WriteFile(csv, rosterCSV(n, 1), 0o600); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		run("import", "roster", csv)
		t.Logf("database: demo + %d people imported in %v", n, time.Since(start).Round(time.Millisecond))
	}
	var total int
	withSQL(t, path, func(db *sql.DB) error {
		return db.QueryRow("SELECT count(*) FROM participants WHERE event_id = (SELECT value FROM settings WHERE key = ?)",
			store.SettingEvent).Scan(&total)
	})
	if total < n {
		t.Fatalf("the database holds %d participants, want at least the %d imported", total, n)
	}
	db := preparedDB{path: path, total: total}
	prepared[n] = db
	return db
}

// setScreen makes the app open on the named screen (as if it had been the
// one last used).
func setScreen(t *testing.T, path, screen string) {
	t.Helper()
	withSQL(t, path, func(db *sql.DB) error {
		_, err := db.Exec("INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
			store.SettingScreen, screen)
		return err
	})
}

// withSQL runs fn on the database file with plain SQL, not through the
// store: the binary measured (-perf.bin) may have a newer schema than this
// package's store would open.
func withSQL(t *testing.T, path string, fn func(*sql.DB) error) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := fn(db); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// appEnv is the environment of the measured app: the caller's, in the
// -perf.lang language and a 256-colour xterm.
func appEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "TERM", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "CONVENE_LANG", "NO_COLOR", "CONVENE_DB":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "TERM=xterm-256color", "LANG=en_US.UTF-8", "CONVENE_LANG="+*appLang)
}

// session is convene running in a pseudo-terminal of termW×termH whose
// output is read into a terminal emulator, which also answers the app's
// terminal queries as a real terminal does.
type session struct {
	cmd   *exec.Cmd
	pty   *os.File
	start time.Time // just before the process was started

	mu       sync.Mutex
	emu      *vt.Emulator
	lastRead time.Time     // when the latest output arrived
	changed  chan struct{} // closed and replaced at every output
	readErr  error
	exited   chan struct{}
}

func startSession(t *testing.T, bin string, args ...string) *session {
	t.Helper()
	s := &session{emu: vt.NewEmulator(termW, termH), changed: make(chan struct{}), exited: make(chan struct{})}
	s.cmd = exec.Command(bin, args...)
	s.cmd.Env = appEnv()
	s.start = time.Now()
	f, err := pty.StartWithSize(s.cmd, &pty.Winsize{Cols: termW, Rows: termH})
	if err != nil {
		t.Fatal(err)
	}
	s.pty = f
	go func() { _, _ = io.Copy(f, s.emu) }() // the terminal's answers to queries
	go s.read()
	go func() { _ = s.cmd.Wait(); close(s.exited) }()
	t.Cleanup(s.stop)
	return s
}

// chunk is output as read from the terminal, with when it was read.
type chunk struct {
	data []byte
	at   time.Time
	err  error
}

// read reads the app's output as it comes, noting when each piece came,
// and hands it to emulate: reading never waits for the emulator, so the
// times are those the output reached the terminal.
func (s *session) read() {
	chunks := make(chan chunk, 4096)
	go s.emulate(chunks)
	for {
		buf := make([]byte, 64<<10)
		n, err := s.pty.Read(buf)
		chunks <- chunk{data: buf[:n], at: time.Now(), err: err}
		if err != nil {
			close(chunks)
			return
		}
	}
}

// emulate feeds the output to the terminal emulator.
func (s *session) emulate(chunks <-chan chunk) {
	for c := range chunks {
		s.mu.Lock()
		if len(c.data) > 0 {
			_, _ = s.emu.Write(c.data)
			s.lastRead = c.at
		}
		if c.err != nil {
			s.readErr = c.err
		}
		close(s.changed)
		s.changed = make(chan struct{})
		s.mu.Unlock()
	}
}

// waitFor waits until the screen satisfies ok and returns when the output
// that made it so was read. ok gets the screen's text and its styled form.
func (s *session) waitFor(timeout time.Duration, ok func(text, styled string) bool) (time.Time, error) {
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		text, styled := s.emu.String(), s.emu.Render()
		at, ch, rerr := s.lastRead, s.changed, s.readErr
		s.mu.Unlock()
		if ok(text, styled) {
			return at, nil
		}
		if rerr != nil {
			return time.Time{}, fmt.Errorf("the app's output ended (%w); the screen:\n%s", rerr, text)
		}
		select {
		case <-ch:
		case <-deadline:
			return time.Time{}, fmt.Errorf("not seen within %v; the screen:\n%s", timeout, text)
		}
	}
}

// screen returns the screen's text and styled form now.
func (s *session) screen() (text, styled string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String(), s.emu.Render()
}

// key types keys as a terminal sends them.
func (s *session) key(t *testing.T, k string) time.Time {
	t.Helper()
	at := time.Now()
	if _, err := s.pty.Write([]byte(k)); err != nil {
		t.Fatalf("typing %q: %v", k, err)
	}
	return at
}

// stop quits the app with ctrl+c and waits for it (killing it after 10 s).
func (s *session) stop() {
	select {
	case <-s.exited:
	default:
		_, _ = s.pty.Write([]byte{0x03})
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			_ = s.cmd.Process.Kill()
			<-s.exited
		}
	}
	_ = s.pty.Close()
	// End the copy of the terminal's answers: close the emulator's answer
	// pipe (Emulator.Close would race with the copy's Read).
	if c, ok := s.emu.InputPipe().(io.Closer); ok {
		_ = c.Close()
	}
}

// nonBlank says whether the screen shows anything.
func nonBlank(text, _ string) bool { return strings.TrimSpace(text) != "" }

// lineWith says whether one line of the screen holds all the words.
func lineWith(text string, words ...string) bool {
	for line := range strings.SplitSeq(text, "\n") {
		all := true
		for _, w := range words {
			if !strings.Contains(line, w) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// percentiles of a sample: p50, p90 and the maximum (nearest rank).
func percentiles(d []time.Duration) (p50, p90, maxD time.Duration) {
	if len(d) == 0 {
		return 0, 0, 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	rank := func(p int) time.Duration { return s[max(0, (p*len(s)+99)/100-1)] }
	return rank(50), rank(90), s[len(s)-1]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

// procCPU is the CPU a process has used, summed over its threads.
type procCPU struct {
	ticks   int64 // utime+stime from /proc/PID/stat, clock ticks (exited threads included)
	nsec    int64 // schedstat run time over the live threads, ns
	wakeups int64 // voluntary context switches over the live threads
}

func readProcCPU(pid int) (procCPU, error) {
	var c procCPU
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return c, err
	}
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return c, errors.New("unreadable /proc stat")
	}
	f := strings.Fields(string(stat[i+1:])) // f[0] is field 3 (state)
	if len(f) < 13 {
		return c, errors.New("short /proc stat")
	}
	var ut, st int64
	if _, err := fmt.Sscan(f[11], &ut); err != nil {
		return c, err
	}
	if _, err := fmt.Sscan(f[12], &st); err != nil {
		return c, err
	}
	c.ticks = ut + st
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*", pid))
	for _, task := range tasks {
		if b, err := os.ReadFile(filepath.Join(task, "schedstat")); err == nil {
			var ns int64
			if _, err := fmt.Sscan(string(b), &ns); err == nil {
				c.nsec += ns
			}
		}
		if b, err := os.ReadFile(filepath.Join(task, "status")); err == nil {
			for line := range strings.SplitSeq(string(b), "\n") {
				if v, ok := strings.CutPrefix(line, "voluntary_ctxt_switches:"); ok {
					var n int64
					if _, err := fmt.Sscan(v, &n); err == nil {
						c.wakeups += n
					}
				}
			}
		}
	}
	return c, nil
}
