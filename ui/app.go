package ui

import (
	"context"
	"errors"
	"strconv"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"convene/i18n"
	"convene/model"
	"convene/store"
)

// Screen indexes, in tab order.
const (
	ScreenAgenda = iota
	ScreenCheckIn
	ScreenTopics
	screenCount
)

var screenNames = [screenCount]string{"Agenda", "Check-in", "Topics"} //i18n:key

// Minimum usable terminal size.
const (
	MinWidth  = 60
	MinHeight = 16
)

// statusTTL is how long a status message stays.
const statusTTL = 6 * time.Second

// Options configure the app.
type Options struct {
	Store *store.Store
	Clock Clock // the time and timers (default: the wall clock)
	Lang  string
	// LangChosen says Lang was asked for (--lang, $CONVENE_LANG); else the
	// language this desk chose last time (f3) wins over the system's.
	LangChosen bool
	NoColor    bool
	Dark       bool // assumed until the terminal reports its background
	Desk       string
	// Snapshots is how many start-up snapshots of the database to keep
	// (0: take none).
	Snapshots int
	// WatchOthers reloads what another convene on the same file changed.
	WatchOthers bool
	// Notice is said in the status line at start (the laptop's clock is
	// in another time zone than the event's, say).
	Notice string
	// DefaultZone is the time zone offered for a new event.
	DefaultZone string
	// Role is what this window may do (default: the organiser, who may do
	// everything); a desk or display writes through a restricted store.
	Role model.Role
	// Publish, if set, is given every change this window commits (for
	// `convene serve` to send to the other desks); it must not block.
	Publish func(model.Change)
	// Roster, if set, gives the check-in screen a shared search index.
	Roster Roster
	// ShowRecent shows this desk's latest check-ins once it has opened.
	ShowRecent bool
	// Prefetch, if set, holds the window's first reads, started before it
	// (StartPrefetch with the same store and desk).
	Prefetch *Prefetch
	// Settle is how long the window waits, once the screen it opened on
	// shows its data, before it reads the other screens' data and checks
	// the file: time for that frame to be drawn before other work takes
	// the processor (0: at once). Settled, if set, is called then.
	Settle  time.Duration
	Settled func()
}

// Model is the root model: it owns the global keys, the layout, the
// status line and the root overlays (welcome, sessions, help, the quit
// question), and routes everything else to the screens.
type Model struct {
	c       *Common
	screens [screenCount]screen
	active  int
	width   int
	height  int
	help    help.Model
	keys    globalKeys
	layers  stack // root overlays, over every screen
	loaded  bool  // the current event has been read
	opened  bool  // the last-used screen has been restored

	status    string
	statusErr bool
	statusSeq int

	// defaultSeen is the stored current session (the default for new
	// windows and commands) when last read; banner is a session another
	// window or a command made current since, offered but never applied
	// without a key.
	defaultSeen string
	banner      *model.Session

	// alarm is a message that stays on screen (the database cannot be
	// written safely any more).
	alarm string
	// idleSeq counts writes: checkpointAfter a write with none after it,
	// the journal is copied into the database file.
	idleSeq int

	tickPending bool    // a secondMsg is on its way
	start       startup // where the window is in its start (startup.go)
	quitting    bool    // the quit question is open: ctrl+c again forces
	opts        Options
}

// New builds the root model.
func New(o Options) *Model {
	if o.Clock == nil {
		o.Clock = realClock{}
	}
	if o.Desk == "" {
		o.Desk = "desk-" + strconv.FormatInt(o.Clock.Now().UnixNano()%1_000_000, 36)
	}
	o = restrictStore(o)
	c := &Common{
		Store: o.Store, Styles: NewStyles(o.Dark, o.NoColor), Clock: o.Clock,
		I18n: i18n.New(o.Lang), Desk: o.Desk, keyNow: time.Now, writes: newWrites(), roster: o.Roster,
		prefetch: o.Prefetch,
	}
	m := &Model{c: c, keys: newGlobalKeys(), help: help.New(), width: 80, height: 24, opts: o}
	m.screens[ScreenAgenda] = newAgenda(c)
	m.screens[ScreenCheckIn] = newCheckIn(c)
	m.screens[ScreenTopics] = newTopics(c)
	m.applyRole()
	m.applyStyles()
	return m
}

// checkpointAfter is how long after the last write the journal (WAL) is
// copied into the database file, so a copy of the .db taken at a quiet
// moment is complete.
const checkpointAfter = 5 * time.Second

// idleMsg says no write happened for checkpointAfter since write seq.
type idleMsg struct{ seq int }

// checkpointCmd copies the journal into the database file.
func (m *Model) checkpointCmd() tea.Cmd {
	st := m.c.Store
	return func() tea.Msg {
		if _, err := st.Checkpoint(context.Background()); err != nil {
			return errMsg{err}
		}
		return nil
	}
}

// ticker is a screen with a running clock: while one ticks, the app redraws
// every second; otherwise it does not wake up at all (but for the header's
// minute).
type ticker interface{ Ticking() bool }

// prompter is a screen with a standing question for the status line (shown
// when no fresher status message is).
type prompter interface{ Prompt() string }

func (m *Model) minuteTick() tea.Cmd {
	return m.c.Every(time.Minute, func(time.Time) tea.Msg { return minuteMsg{} })
}

// Lang is the window's language now (it may have changed it with f3).
// Ask it once the program has ended, or from the program's goroutine.
func (m *Model) Lang() string { return m.c.I18n.Lang() }

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.loadCurrent(false), tea.RequestBackgroundColor, m.minuteTick(),
		m.c.Tick(revealAfter, func(time.Time) tea.Msg { return revealMsg{} })}
	if m.opts.Notice != "" {
		cmds = append(cmds, statusCmd(m.opts.Notice))
	}
	return tea.Batch(cmds...)
}

// rewatch starts the watcher again (when watching is on).
func (m *Model) rewatch(version int64) tea.Cmd {
	if !m.opts.WatchOthers {
		return nil
	}
	return m.watchCmd(version)
}

// watchCmd waits (off the UI loop, asleep until the file system says the
// database was written) until another process changes the database, so two
// convene windows on one file stay in step without the idle app waking.
func (m *Model) watchCmd(last int64) tea.Cmd {
	st := m.c.Store
	return func() tea.Msg {
		ctx := context.Background()
		if last < 0 {
			v, err := st.DataVersion(ctx)
			if err != nil {
				return errMsg{err}
			}
			last = v
		}
		v, err := st.WaitChange(ctx, last)
		if err != nil {
			return errMsg{err}
		}
		return dbChangedMsg{v}
	}
}

func (m *Model) applyStyles() {
	m.help.Styles = help.DefaultStyles(m.c.Styles.Dark)
	if m.c.Styles.NoColor {
		plain := lipgloss.NewStyle()
		m.help.Styles.ShortKey, m.help.Styles.FullKey = plain.Bold(true), plain.Bold(true)
		m.help.Styles.ShortDesc, m.help.Styles.FullDesc = plain, plain
		m.help.Styles.ShortSeparator, m.help.Styles.FullSeparator = plain, plain
		m.help.Styles.Ellipsis = plain
	}
}

func (m *Model) setStatus(s string, isErr bool) tea.Cmd {
	m.statusSeq++
	m.status, m.statusErr = safe(s), isErr
	m.layout() // a long message takes two lines
	seq := m.statusSeq
	return m.c.Tick(statusTTL, func(time.Time) tea.Msg { return clearStatusMsg{seq} })
}

// clearStatus clears the status line, unless another message took it
// since the one numbered seq.
func (m *Model) clearStatus(seq int) {
	if seq == m.statusSeq {
		m.status = ""
		m.layout()
	}
}

// screen is the active screen.
func (m *Model) screen() screen { return m.screens[m.active] }

// typing reports whether letters go to a text field now.
func (m *Model) typing() bool {
	if !m.layers.empty() {
		return m.layers.typing()
	}
	s := m.screen()
	if !s.Layers().empty() {
		return s.Layers().typing()
	}
	return s.Typing()
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case secondMsg:
		m.tickPending = false
	case revealMsg:
		m.start.revealed = true
	}
	cmd := m.update(msg)
	if later := m.afterFirstScreen(); later != nil {
		cmd = tea.Batch(cmd, later)
	}
	if !m.tickPending && m.ticking() {
		if tick := m.c.Every(time.Second, func(time.Time) tea.Msg { return secondMsg{} }); tick != nil {
			m.tickPending = true
			cmd = tea.Batch(cmd, tick)
		}
	}
	return m, cmd
}

// ticking reports whether any clock is running.
func (m *Model) ticking() bool {
	if !m.loaded {
		return false
	}
	for _, s := range m.screens {
		if t, ok := s.(ticker); ok && t.Ticking() {
			return true
		}
	}
	return false
}

// setBackground restyles the window for a dark or a light terminal.
func (m *Model) setBackground(dark bool) tea.Cmd {
	m.c.Styles = NewStyles(dark, m.c.Styles.NoColor)
	m.applyStyles()
	return nil
}

// showError says an error in the status line; an error that means nothing
// more can be saved also raises the alarm line, which stays.
func (m *Model) showError(err error) tea.Cmd {
	switch {
	case errors.Is(err, store.ErrFileReplaced):
		m.alarm = m.c.T("Nothing can be saved any more: the database or its journal was replaced or removed while convene was open. Quit convene in every window, run “convene check”, and restore from a backup or the snapshots folder if anything is missing.")
		m.layout()
	case errors.Is(err, store.ErrCorrupt):
		m.alarm = m.c.T("The database file is damaged, so nothing will be saved in it. Quit convene, run “convene check”, and restore from a backup or the snapshots folder.")
		m.layout()
	}
	return m.setStatus(m.c.T("Error: %s", m.c.translate(err)), true)
}

// stillWaiting says, once a second, that a write waits for another one.
func (m *Model) stillWaiting() tea.Cmd {
	if !m.c.writes.Waiting() {
		return nil
	}
	return tea.Batch(m.setStatus(m.c.T("Waiting for another window or an import to finish writing… (esc cancels; nothing is saved then)"), false),
		m.c.Tick(time.Second, func(time.Time) tea.Msg { return waitCheckMsg{} }))
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.serverUpdate(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return nil
	case tea.BackgroundColorMsg:
		return m.setBackground(msg.IsDark())
	case minuteMsg:
		return m.minuteTick()
	case errMsg:
		return m.showError(msg.err)
	case waitCheckMsg:
		return m.stillWaiting()
	case idleMsg:
		if msg.seq == m.idleSeq {
			return m.checkpointCmd()
		}
		return nil
	case statusMsg:
		return m.setStatus(string(msg), false)
	case askMsg:
		return msg.open(m.c)
	case clearStatusMsg:
		m.clearStatus(msg.seq)
		return nil
	case noEventMsg:
		m.layers.clear()
		m.layers.push(newWelcome(m.c, &m.layers, m.opts.DefaultZone))
		m.layout()
		return m.watchFrom(-1) // an event another window creates opens here too
	case currentMsg:
		return m.setCurrent(msg)
	case settledMsg:
		return m.settled()
	case sessionSwitchedMsg:
		return m.switchSession(msg)
	case reloadMsg:
		return m.loadCurrent(false)
	case sessionAddedMsg:
		return m.sessionAdded(msg)
	case sessionsChangedMsg:
		return m.sessionsChanged(msg)
	case dbChangedMsg:
		return tea.Batch(m.loadCurrent(false), m.rewatch(msg.version))
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg, tea.MouseMsg:
		return m.routeInput(msg)
	}
	cmds := make([]tea.Cmd, 0, screenCount)
	for _, s := range m.screens {
		cmds = append(cmds, s.Update(msg))
	}
	return tea.Batch(cmds...)
}

func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// chromeHeights are the lines above (header, tabs) and below (status,
// help) the body, with help the help line(s) as drawn.
func (m *Model) chromeHeights(help string) (top, bottom int) {
	status, _ := m.statusLines()
	banner := len(m.alarmLines())
	if m.bannerView() != "" {
		banner++
	}
	top = 1 // the header
	if m.hasTabs() {
		top++
	}
	return top, banner + len(status) + lipgloss.Height(help)
}

// hasTabs reports whether the window shows the tab bar: a display has no
// screens to choose.
func (m *Model) hasTabs() bool { return m.display() == nil }

func (m *Model) bodySize() (int, int) { return m.bodySizeWith(m.helpView()) }

// bodySizeWith is bodySize when the help is drawn already.
func (m *Model) bodySizeWith(help string) (int, int) {
	top, bottom := m.chromeHeights(help)
	return m.width, max(1, m.height-top-bottom)
}

func (m *Model) layout() {
	m.help.SetWidth(m.width)
	w, h := m.bodySize()
	for _, s := range m.screens {
		s.SetSize(w, h)
	}
}
