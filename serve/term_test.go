package serve

import (
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// term is a headless SSH desk: an x/crypto/ssh client whose output feeds
// a terminal emulator (x/vt), so a test reads the screen a person sees.
type term struct {
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.WriteCloser
	emu    *vt.Emulator

	mu      sync.Mutex
	screen  string
	updated chan struct{} // closed and replaced at every update
	watch   func(screen string, at time.Time)
	closed  bool
}

// dial logs in with a passcode (password auth) and opens the app.
func dial(addr, user, code string, w, h int, env ...string) (*term, error) {
	cfg := &gossh.ClientConfig{User: user, Auth: []gossh.AuthMethod{gossh.Password(code)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}
	c, err := gossh.Dial("tcp", addr, cfg)
	if err != nil {
		return nil, err
	}
	return open(c, w, h, env...)
}

func open(c *gossh.Client, w, h int, env ...string) (*term, error) {
	sess, err := c.NewSession()
	if err != nil {
		c.Close()
		return nil, err
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		_ = sess.Setenv(k, v)
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		c.Close()
		return nil, err
	}
	stdin, _ := sess.StdinPipe()
	stdout, _ := sess.StdoutPipe()
	if err := sess.Shell(); err != nil {
		c.Close()
		return nil, err
	}
	t := &term{client: c, sess: sess, stdin: stdin, emu: vt.NewEmulator(w, h), updated: make(chan struct{})}
	go func() { _, _ = io.Copy(stdin, t.emu) }() // the terminal's answers to queries
	go t.read(stdout)
	return t, nil
}

func (t *term) read(r io.Reader) {
	buf := make([]byte, 32*1024)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			t.mu.Lock()
			_, _ = t.emu.Write(buf[:n])
			t.screen = t.emu.String()
			at := time.Now()
			if t.watch != nil {
				t.watch(t.screen, at)
			}
			close(t.updated)
			t.updated = make(chan struct{})
			t.mu.Unlock()
		}
		if err != nil {
			t.mu.Lock()
			t.closed = true
			close(t.updated)
			t.updated = make(chan struct{})
			t.mu.Unlock()
			return
		}
	}
}

// text is the screen now.
func (t *term) text() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.screen
}

// waitFor waits until the screen contains s (or the time runs out).
func (t *term) waitFor(s string, d time.Duration) (string, error) {
	deadline := time.After(d)
	for {
		t.mu.Lock()
		scr, ch, closed := t.screen, t.updated, t.closed
		t.mu.Unlock()
		if strings.Contains(scr, s) {
			return scr, nil
		}
		if closed {
			return scr, errors.New("the connection closed before the screen showed " + strconv.Quote(s))
		}
		select {
		case <-ch:
		case <-deadline:
			return scr, errors.New("the screen never showed " + strconv.Quote(s))
		}
	}
}

// send types raw bytes (keys) into the desk.
func (t *term) send(s string) error {
	_, err := io.WriteString(t.stdin, s)
	return err
}

// typeText types text a key at a time, gap apart (a person: more than
// the app's 25 ms burst gap, so it is not taken for a paste).
func (t *term) typeText(s string, gap time.Duration) error {
	for _, r := range s {
		if err := t.send(string(r)); err != nil {
			return err
		}
		time.Sleep(gap)
	}
	return nil
}

func (t *term) close() {
	t.sess.Close()
	t.client.Close()
}

var countRe = regexp.MustCompile(`Checked in ([\d,  ]+) / ([\d,  ]+)`)

// checkedIn reads the count of people checked in from a check-in screen.
func checkedIn(screen string) (int, bool) {
	n, _, ok := checkedInOf(screen)
	return n, ok
}

// checkedInOf reads "Checked in N / TOTAL" from a screen.
func checkedInOf(screen string) (n, total int, ok bool) {
	m := countRe.FindStringSubmatch(screen)
	if m == nil {
		return 0, 0, false
	}
	digits := strings.NewReplacer(",", "", " ", "", " ", "")
	n, _ = strconv.Atoi(digits.Replace(m[1]))
	total, _ = strconv.Atoi(strings.TrimSpace(digits.Replace(m[2])))
	return n, total, true
}

func fmtInt(n int) string { return strconv.Itoa(n) }
