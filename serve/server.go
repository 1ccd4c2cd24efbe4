// Package serve is `convene serve`: the app served over SSH to the desks
// of one venue (check-in desks, a projector clock, the organiser), all on
// one store. It sits between ui and cli: each connection gets its own
// ui.Model (its desk's screen, language, colours) writing through a view
// of the store restricted to its role; every committed change is sent to
// the other desks; the server's own terminal shows a dashboard.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/activeterm"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"convene/i18n"
	"convene/model"
	"convene/store"
	"convene/ui"
)

// Config configures a server.
type Config struct {
	Addr         string // ":2222" if empty
	DBPath       string // the database's path (the host key and passcodes live next to it)
	Lang         string // the dashboard's language and the desks' default
	NewPasscodes bool   // replace the current event's passcodes
	// Snapshots is how many start-up snapshots to keep (taken once, when
	// the server starts).
	Snapshots int
	// FPS caps how often a desk's screen is redrawn (default 30).
	FPS int
	// WatchEvery is how often the server looks for changes made by other
	// processes (a CLI import); default 1 s.
	WatchEvery time.Duration
	// WaitNotice is how long a desk's write waits for another writer
	// before the desk says so (default 700 ms).
	WaitNotice time.Duration
	// Now is the clock (tests).
	Now func() time.Time
}

// Server is a running venue server.
type Server struct {
	cfg    Config
	st     *store.Store
	tr     i18n.Printer
	hub    *hub
	roster *roster
	limit  *limiter
	pcf    *passcodeFile
	srv    *ssh.Server
	ln     net.Listener

	mu      sync.Mutex
	eventID string
	pcodes  Passcodes
	stopped bool
	cancel  context.CancelFunc
	wg      sync.WaitGroup // the watcher, and desks' programs being made
}

// New prepares a server on an open store: it reads (or makes) the
// passcodes and the host key, and takes the start-up snapshot.
func New(ctx context.Context, st *store.Store, cfg Config) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = ":2222"
	}
	if cfg.DBPath == "" {
		cfg.DBPath = st.Path()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.FPS == 0 {
		cfg.FPS = 30
	}
	if cfg.WatchEvery == 0 {
		cfg.WatchEvery = time.Second
	}
	if cfg.WaitNotice == 0 {
		cfg.WaitNotice = 700 * time.Millisecond
	}
	s := &Server{cfg: cfg, st: st, tr: i18n.New(cfg.Lang), hub: newHub(cfg.Now, i18n.New(cfg.Lang)), roster: newRoster(st),
		limit: newLimiter(cfg.Now), pcf: &passcodeFile{path: PasscodesPath(cfg.DBPath)}}
	s.hub.onPub = s.published
	// wish and its middleware log through charm's default logger, which
	// would write over the dashboard
	log.SetOutput(io.Discard)
	if err := s.loadPasscodes(ctx, cfg.NewPasscodes); err != nil {
		return nil, err
	}
	if cfg.Snapshots > 0 {
		if _, err := st.Snapshot(ctx, cfg.Now(), cfg.Snapshots); err != nil {
			return nil, i18n.Errorf("start-up snapshot: %w", err)
		}
	}
	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Addr),
		wish.WithHostKeyPath(HostKeyPath(cfg.DBPath)),
		wish.WithPasswordAuth(s.passwordAuth),
		wish.WithKeyboardInteractiveAuth(s.keyboardAuth),
		wish.WithPublicKeyAuth(s.publicKeyAuth),
		wish.WithVersion("convene"),
		wish.WithMiddleware(
			s.goodbyeMiddleware,
			bm.MiddlewareWithProgramHandler(s.program),
			activeterm.Middleware(),
		),
	)
	if err != nil {
		return nil, i18n.Errorf("ssh server: %w", err)
	}
	if err := os.Chmod(HostKeyPath(cfg.DBPath), 0o600); err != nil {
		return nil, i18n.Errorf("host key: %w", err)
	}
	// nothing but the app: no exec, no subsystem (SFTP), no forwarding
	// (charm.land/ssh denies port forwarding unless a callback allows it)
	srv.SessionRequestCallback = func(_ ssh.Session, requestType string) bool { return requestType == "shell" }
	srv.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig { return &gossh.ServerConfig{MaxAuthTries: 3} }
	srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": ssh.DefaultSessionHandler}
	srv.RequestHandlers = map[string]ssh.RequestHandler{}
	s.srv = srv
	return s, nil
}

// loadPasscodes reads the passcodes of the current event.
func (s *Server) loadPasscodes(ctx context.Context, fresh bool) error {
	cur, err := s.st.Current(ctx, "", "")
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	codes, err := s.pcf.load(cur.Event.ID, fresh)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.eventID, s.pcodes = cur.Event.ID, codes
	s.mu.Unlock()
	return nil
}

// codes are the passcodes in force.
func (s *Server) codes() Passcodes {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pcodes
}

// Passcodes are the passcodes in force (for the dashboard and tests).
func (s *Server) Passcodes() Passcodes { return s.codes() }

// published reacts to a change before it goes to the other desks: a saved
// person goes into the shared index, which is rebuilt after an import;
// another event made current brings its passcodes.
func (s *Server) published(_ *client, ch model.Change) {
	switch ch := ch.(type) {
	case model.ParticipantSaved:
		s.roster.saved(ch.Participant)
	case model.RosterImported:
		s.roster.invalidate()
	case model.EventChanged:
		s.roster.invalidate()
		go func() {
			cur, err := s.st.Current(context.Background(), "", "")
			if err == nil && cur.Event.ID != s.currentEvent() {
				_ = s.loadPasscodes(context.Background(), false)
				s.hub.changed()
			}
		}()
	default:
		_ = ch
	}
}

func (s *Server) currentEvent() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.eventID
}

// Listen opens the server's address.
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return i18n.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	s.ln = ln
	return nil
}

// Addr is the address the server listens on (after Listen).
func (s *Server) Addr() net.Addr {
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// Serve serves SSH until Shutdown (Listen first); it also watches the
// database for changes made by other processes.
func (s *Server) Serve() error {
	if s.ln == nil {
		if err := s.Listen(); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	s.cancel = cancel
	s.mu.Unlock()
	s.wg.Add(1)
	go func() { defer s.wg.Done(); s.watch(ctx) }()
	err := s.srv.Serve(s.ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// watch tells every desk when another process (a CLI import, a second
// convene) changed the database: their own commits reach them as changes.
func (s *Server) watch(ctx context.Context) {
	last, err := s.st.DataVersion(ctx)
	for err != nil && ctx.Err() == nil { // the database is busy at start: try again
		time.Sleep(s.cfg.WatchEvery)
		last, err = s.st.DataVersion(ctx)
	}
	for ctx.Err() == nil {
		v, err := s.st.WaitChange(ctx, last) // asleep until the file is written
		if err != nil {
			time.Sleep(s.cfg.WatchEvery)
			continue
		}
		s.roster.invalidate()
		s.hub.reloadAll()
		s.hub.note(s.tr.T("the database was changed by another program (an import?): every desk reads it again"))
		last = v
	}
}

// Shutdown says goodbye to every desk and stops the server.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.stopped = true
	cancel := s.cancel
	s.mu.Unlock()
	s.hub.endAll(i18n.Key("The organiser stopped the convene server. Everything you did is saved. Thank you!"))
	deadline := time.Now().Add(2 * time.Second)
	for len(s.hub.list()) > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if cancel != nil {
		cancel()
	}
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.srv.Close()
	}
	s.wg.Wait()
	return err
}

// program makes a connected desk's program: its own ui.Model writing
// through a view of the store restricted to its role.
func (s *Server) program(sess ssh.Session) *tea.Program {
	role := roleOf(sess.Context())
	if role == "" {
		return nil // not logged in through our handlers: nothing is served
	}
	// Shutdown waits for a program being made (it reads the store, which
	// is closed after Shutdown), and none is begun once it was called
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return nil
	}
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	env := sess.Environ()
	c := &client{desk: deskName(sess.User()), role: role, addr: host(sess.RemoteAddr()), since: s.cfg.Now(), sess: sess}
	view := s.st.Restrict(role, c.desk).OnWait(s.cfg.WaitNotice, func(on bool) {
		if p := c.p; p != nil {
			go p.Send(ui.Waiting(on))
		}
	})
	lang, chosen := s.cfg.Lang, false
	if l, ok := sessionLang(env); ok {
		lang = l
	}
	if v, ok := envValue(env, "CONVENE_LANG"); ok {
		if l, ok := i18n.Match(v); ok {
			lang, chosen = l, true
		}
	}
	_, noColor := envValue(env, "NO_COLOR")
	m := ui.New(ui.Options{
		Store: view, Lang: lang, LangChosen: chosen, NoColor: noColor, Dark: true, Desk: c.desk, Role: role,
		Publish: func(ch model.Change) { s.hub.publish(c, ch) }, Roster: s.roster, ShowRecent: role == model.RoleDesk,
	})
	opts := append(bm.MakeOptions(sess), tea.WithContext(sess.Context()), tea.WithFPS(s.cfg.FPS))
	p := tea.NewProgram(m, opts...)
	c.p, c.model = p, m
	s.mu.Lock()
	stopped := s.stopped
	s.mu.Unlock()
	if stopped {
		return nil
	}
	s.hub.add(c)
	go c.send()
	go s.keepAlive(sess, c)
	sess.Context().SetValue(clientKey{}, c)
	return p
}

type clientKey struct{}

// goodbyeMiddleware runs after a desk's program ended: it tells the desk
// why, when the server ended it, and forgets the desk.
func (s *Server) goodbyeMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		c, _ := sess.Context().Value(clientKey{}).(*client)
		if c == nil {
			if roleOf(sess.Context()) != "" {
				wish.Println(sess, s.tr.T("convene: the server is stopping; try again in a moment."))
			}
			next(sess)
			return
		}
		s.hub.remove(c)
		if r := c.goodbye(s.tr); r != "" {
			_, _ = fmt.Fprint(sess, "\r\nconvene: "+strings.ReplaceAll(r, "\n", "\r\n")+"\r\n")
		}
		next(sess)
	}
}

// keepAlive closes a connection whose desk no longer answers (a Wi-Fi
// drop): OpenSSH answers keepalive requests; no answer in 45 s ends it.
func (s *Server) keepAlive(sess ssh.Session, c *client) {
	conn, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn)
	if !ok {
		return
	}
	t := time.NewTicker(15 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-t.C:
		}
		answered := make(chan struct{})
		go func() {
			_, _, _ = conn.SendRequest("keepalive@openssh.com", true, nil)
			close(answered)
		}()
		select {
		case <-answered:
		case <-c.done:
			return
		case <-time.After(45 * time.Second):
			c.end(i18n.Key("The connection stopped answering."))
			_ = conn.Close()
			return
		}
	}
}

// envValue looks a variable up in a session's environment.
func envValue(env []string, name string) (string, bool) {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v, true
		}
	}
	return "", false
}

// sessionLang is the language of a desk's terminal, from the variables
// OpenSSH forwards (LC_ALL, LC_MESSAGES, LANG).
func sessionLang(env []string) (string, bool) {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v, ok := envValue(env, k); ok && v != "" {
			return i18n.Match(v)
		}
	}
	return "", false
}
