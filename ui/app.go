package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

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

var screenNames = [screenCount]string{"Agenda", "Check-in", "Topics"}

// Minimum usable terminal size.
const (
	MinWidth  = 60
	MinHeight = 16
)

// statusTTL is how long a status message stays.
const statusTTL = 6 * time.Second

// Options configure the app.
type Options struct {
	Store   *store.Store
	Now     func() time.Time // defaults to time.Now
	Lang    string
	NoColor bool
	Dark    bool // assumed until the terminal reports its background
	Desk    string
	// NoTimers turns off all timers (for tests that run commands
	// synchronously).
	NoTimers bool
	// Snapshots is how many start-up snapshots of the database to keep
	// (0: take none).
	Snapshots int
	// WatchOthers reloads what another convene on the same file changed.
	WatchOthers bool
}

type appMode int

const (
	modeLoading appMode = iota
	modeWelcome
	modeMain
)

// Model is the root model.
type Model struct {
	c        *Common
	screens  [screenCount]screen
	active   int
	width    int
	height   int
	help     help.Model
	fullHelp bool
	keys     globalKeys
	mode     appMode
	loaded   bool // the last-used screen has been restored

	status    string
	statusErr bool
	statusSeq int

	welcome  *welcome
	sessions *sessionPicker

	tickPending bool // a secondMsg is on its way
	opts        Options
	version     int64 // the database's data_version last seen
}

// New builds the root model.
func New(o Options) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Desk == "" {
		o.Desk = "desk-" + strconv.FormatInt(o.Now().UnixNano()%1_000_000, 36)
	}
	c := &Common{
		Store: o.Store, Styles: NewStyles(o.Dark, o.NoColor), Now: o.Now,
		I18n: i18n.New(o.Lang), Desk: o.Desk, timers: !o.NoTimers,
	}
	m := &Model{c: c, keys: newGlobalKeys(), help: help.New(), width: 80, height: 24, opts: o}
	m.screens[ScreenAgenda] = newAgenda(c)
	m.screens[ScreenCheckIn] = newCheckIn(c)
	m.screens[ScreenTopics] = newTopics(c)
	m.applyStyles()
	return m
}

// currentMsg carries the current event and session after a load or switch.
type currentMsg struct {
	cur    model.Current
	screen string
}

// fullScreener is a screen that can take the whole terminal (the speaker view).
type fullScreener interface {
	FullScreen(width, height int) (string, bool)
}

// ticker is a screen with a running clock: while one ticks, the app redraws
// every second; otherwise it does not wake up at all (but for the header's
// minute).
type ticker interface{ Ticking() bool }

// prompter is a screen with a standing question for the status line (shown
// when no fresher status message is).
type prompter interface{ Prompt() string }

// secondMsg redraws running clocks.
type secondMsg struct{}

// noEventMsg says the database has no event yet.
type noEventMsg struct{}

// minuteMsg re-renders the wall clock.
type minuteMsg struct{}

func (m *Model) loadCurrent() tea.Cmd {
	st := m.c.Store
	return func() tea.Msg {
		ctx := context.Background()
		cur, err := st.Current(ctx, "", "")
		if errors.Is(err, store.ErrNotFound) {
			return noEventMsg{}
		}
		if err != nil {
			return errMsg{err}
		}
		scr, _ := st.Setting(ctx, store.SettingScreen)
		return currentMsg{cur: cur, screen: scr}
	}
}

func (m *Model) minuteTick() tea.Cmd {
	return m.c.Every(time.Minute, func(time.Time) tea.Msg { return minuteMsg{} })
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.loadCurrent(), tea.RequestBackgroundColor, m.minuteTick()}
	if m.opts.Snapshots > 0 {
		cmds = append(cmds, m.snapshotCmd())
	}
	cmds = append(cmds, m.rewatch(-1))
	return tea.Batch(cmds...)
}

// snapshotCmd keeps the rolling start-up snapshots.
func (m *Model) snapshotCmd() tea.Cmd {
	st, now, keep := m.c.Store, m.c.Now(), m.opts.Snapshots
	return func() tea.Msg {
		if _, err := st.Snapshot(context.Background(), now, keep); err != nil {
			return errMsg{fmt.Errorf("start-up snapshot: %w", err)}
		}
		return nil
	}
}

// dbChangedMsg says another connection changed the database.
type dbChangedMsg struct{ version int64 }

// rewatch starts the watcher again (when watching is on: not in tests,
// which run commands synchronously).
func (m *Model) rewatch(version int64) tea.Cmd {
	if !m.opts.WatchOthers || !m.c.timers {
		return nil
	}
	return m.watchCmd(version)
}

// watchCmd waits (off the UI loop, checking once a second) until another
// process changes the database, so two convene windows on one file stay in
// step without the idle app redrawing.
func (m *Model) watchCmd(last int64) tea.Cmd {
	st := m.c.Store
	return func() tea.Msg {
		for {
			v, err := st.DataVersion(context.Background())
			if err == nil && last >= 0 && v != last {
				return dbChangedMsg{v}
			}
			if err == nil {
				last = v
			}
			time.Sleep(time.Second)
		}
	}
}

func (m *Model) applyStyles() {
	if m.c.Styles.NoColor {
		m.help.Styles = help.DefaultStyles(m.c.Styles.Dark)
		plain := lipgloss.NewStyle()
		m.help.Styles.ShortKey, m.help.Styles.FullKey = plain.Bold(true), plain.Bold(true)
		m.help.Styles.ShortDesc, m.help.Styles.FullDesc = plain, plain
		m.help.Styles.ShortSeparator, m.help.Styles.FullSeparator = plain, plain
		m.help.Styles.Ellipsis = plain
	} else {
		m.help.Styles = help.DefaultStyles(m.c.Styles.Dark)
	}
}

func (m *Model) setStatus(s string, isErr bool) tea.Cmd {
	m.statusSeq++
	m.status, m.statusErr = safe(s), isErr
	seq := m.statusSeq
	return m.c.Tick(statusTTL, func(time.Time) tea.Msg { return clearStatusMsg{seq} })
}

func (m *Model) editing() bool {
	if m.mode == modeWelcome || m.sessions != nil {
		return m.welcome != nil && m.welcome.form != nil || m.sessions != nil && m.sessions.form != nil
	}
	return m.mode == modeMain && m.screens[m.active].Editing()
}

func (m *Model) switchTo(i int) tea.Cmd {
	i = (i + screenCount) % screenCount
	m.active = i
	m.layout()
	st := m.c.Store
	name := screenNames[i]
	return func() tea.Msg {
		if _, err := st.SetSetting(context.Background(), store.SettingScreen, name); err != nil {
			return errMsg{err}
		}
		return nil
	}
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(secondMsg); ok {
		m.tickPending = false
	}
	cmd := m.update(msg)
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
	if m.mode != modeMain {
		return false
	}
	for _, s := range m.screens {
		if t, ok := s.(ticker); ok && t.Ticking() {
			return true
		}
	}
	return false
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return nil
	case tea.BackgroundColorMsg:
		m.c.Styles = NewStyles(msg.IsDark(), m.c.Styles.NoColor)
		m.applyStyles()
		return nil
	case minuteMsg:
		return m.minuteTick()
	case errMsg:
		return m.setStatus(m.c.T("Error: %s", msg.err.Error()), true)
	case statusMsg:
		return m.setStatus(string(msg), false)
	case clearStatusMsg:
		if msg.seq == m.statusSeq {
			m.status = ""
		}
		return nil
	case noEventMsg:
		m.mode = modeWelcome
		m.welcome = newWelcome(m.c)
		m.layout()
		return nil
	case currentMsg:
		m.c.Cur = msg.cur
		m.mode = modeMain
		m.welcome = nil
		if !m.loaded {
			m.loaded = true
			for i, n := range screenNames {
				if n == msg.screen {
					m.active = i
				}
			}
		}
		m.layout()
		return m.reloadAll()
	case reloadMsg:
		return m.loadCurrent()
	case dbChangedMsg:
		return tea.Batch(m.loadCurrent(), m.rewatch(msg.version))
	case tea.KeyPressMsg:
		if cmd, done := m.globalKey(msg); done {
			return cmd
		}
	}
	return m.route(msg)
}

func (m *Model) reloadAll() tea.Cmd {
	cmds := make([]tea.Cmd, 0, screenCount)
	for _, s := range m.screens {
		cmds = append(cmds, s.Load())
	}
	return tea.Batch(cmds...)
}

// globalKey handles the keys that work everywhere.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys
	if key.Matches(msg, k.Quit) {
		return tea.Quit, true
	}
	editing := m.editing()
	if m.mode == modeMain && m.sessions == nil {
		switch {
		case key.Matches(msg, k.Next):
			return m.switchTo(m.active + 1), true
		case key.Matches(msg, k.Prev):
			return m.switchTo(m.active - 1), true
		}
	}
	if msg.String() == "f1" || (!editing && key.Matches(msg, k.Help)) {
		m.fullHelp = !m.fullHelp
		m.layout()
		return nil, true
	}
	if m.mode == modeMain && m.sessions == nil && (msg.String() == "f2" || (!editing && key.Matches(msg, k.Sessions))) {
		m.sessions = newSessionPicker(m.c)
		m.layout()
		return nil, true
	}
	if editing {
		return nil, false
	}
	if key.Matches(msg, k.QuitQ) && (m.sessions == nil || m.sessions.form == nil) {
		return tea.Quit, true
	}
	if m.mode == modeMain && m.sessions == nil {
		switch {
		case key.Matches(msg, k.Screen1):
			return m.switchTo(ScreenAgenda), true
		case key.Matches(msg, k.Screen2):
			return m.switchTo(ScreenCheckIn), true
		case key.Matches(msg, k.Screen3):
			return m.switchTo(ScreenTopics), true
		}
	}
	return nil, false
}

// route sends a message to whoever owns it: the welcome screen, the
// session picker, or the screens (keys to the active one only; data and
// timer messages to all, each ignoring what is not its own).
func (m *Model) route(msg tea.Msg) tea.Cmd {
	switch m.mode {
	case modeWelcome:
		if m.welcome != nil {
			return m.welcome.Update(msg)
		}
		return nil
	case modeLoading:
		return nil
	}
	if m.sessions != nil {
		if _, isKey := msg.(tea.KeyPressMsg); isKey {
			cmd, closed := m.sessions.Update(msg)
			if closed {
				m.sessions = nil
				m.layout()
			}
			return cmd
		}
	}
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg, tea.MouseMsg:
		return m.screens[m.active].Update(msg)
	}
	cmds := make([]tea.Cmd, 0, screenCount)
	for _, s := range m.screens {
		cmds = append(cmds, s.Update(msg))
	}
	return tea.Batch(cmds...)
}

// bodyHeight is what is left for the screen between header and footer.
func (m *Model) chromeHeights() (top, bottom int) {
	top = 2 // header, tabs
	bottom = 1 + lipgloss.Height(m.helpView())
	return top, bottom
}

func (m *Model) layout() {
	m.help.SetWidth(m.width)
	top, bottom := m.chromeHeights()
	h := max(1, m.height-top-bottom)
	for _, s := range m.screens {
		s.SetSize(m.width, h)
	}
	if m.welcome != nil {
		m.welcome.SetSize(m.width, h)
	}
	if m.sessions != nil {
		m.sessions.SetSize(m.width, h)
	}
}

func (m *Model) helpKeys() help.KeyMap {
	switch {
	case m.mode == modeWelcome && m.welcome != nil:
		return helpKeys{screen: m.welcome.keyMap(), global: m.keys, short: []key.Binding{m.keys.Help, m.keys.Quit}}
	case m.sessions != nil:
		return helpKeys{screen: m.sessions.keyMap(), global: m.keys, short: []key.Binding{m.keys.Help, m.keys.Quit}}
	case m.mode == modeMain:
		return helpKeys{screen: m.screens[m.active], global: m.keys, short: m.keys.bindings(m.editing())}
	}
	return helpKeys{screen: newFormKeys(), global: m.keys}
}

func (m *Model) helpView() string {
	m.help.ShowAll = m.fullHelp
	// NOTE: bubbles/help can overflow its width by one item when the
	// ellipsis does not fit, so every line is cut to the width as well.
	v := m.help.View(m.helpKeys())
	return clampLines(v, m.width, lipgloss.Height(v))
}

// View implements tea.Model.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "convene"
	if m.c.Cur.Event.Name != "" {
		v.WindowTitle = "convene — " + safe(m.c.Cur.Event.Name)
	}
	return v
}

// render draws the whole screen as a string (tests compare it).
func (m *Model) render() string {
	if m.width < MinWidth || m.height < MinHeight {
		return tooSmall(m.c, m.width, m.height)
	}
	var body string
	switch {
	case m.mode == modeLoading:
		body = m.c.Styles.Muted.Render(m.c.T("Opening…"))
	case m.mode == modeWelcome && m.welcome != nil:
		body = m.welcome.View()
	case m.sessions != nil:
		body = m.sessions.View()
	default:
		if fs, ok := m.screens[m.active].(fullScreener); ok {
			if v, full := fs.FullScreen(m.width, m.height); full {
				return clampLines(v, m.width, m.height)
			}
		}
		body = m.screens[m.active].View()
	}
	top, bottom := m.chromeHeights()
	bodyH := max(1, m.height-top-bottom)
	body = clampLines(body, m.width, bodyH)
	parts := []string{m.headerView(), m.tabsView(), body, m.statusView(), m.helpView()}
	return strings.Join(parts, "\n")
}

// clampLines cuts or pads s to exactly h lines no wider than w.
func clampLines(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

func tooSmall(c *Common, w, h int) string {
	msg := c.T("Make the window larger: convene needs at least %d×%d (now %d×%d).", MinWidth, MinHeight, w, h)
	if w < 1 || h < 1 {
		return ""
	}
	return clampLines(lipgloss.NewStyle().Width(w).Render(msg), w, min(h, lipgloss.Height(lipgloss.NewStyle().Width(w).Render(msg))))
}

func (m *Model) headerView() string {
	st := m.c.Styles
	now := m.c.Now()
	right := st.HeaderClock.Render(now.Format("Mon 2 Jan 15:04"))
	left := st.HeaderEvent.Render("convene")
	if ev := m.c.Cur.Event; ev.Name != "" {
		left += st.Header.Render(" · ") + st.HeaderEvent.Render(safe(ev.Name))
	}
	if se := m.c.Cur.Session; se.Title != "" {
		info := safe(se.Title)
		if se.Venue != "" {
			info += ", " + safe(se.Venue)
		}
		if d, err := time.Parse("2006-01-02", se.Date); err == nil {
			info += " · " + d.Format("Mon 2 Jan")
		}
		left += st.Header.Render(" · ") + st.HeaderSession.Render(info)
	}
	room := m.width - lipgloss.Width(right) - 1
	left = ansi.Truncate(left, max(0, room), "…")
	gap := max(1, m.width-lipgloss.Width(left)-lipgloss.Width(right))
	return left + strings.Repeat(" ", gap) + right
}

func (m *Model) tabsView() string {
	st := m.c.Styles
	var b strings.Builder
	for i, n := range screenNames {
		label := strconv.Itoa(i+1) + " " + m.c.W(n)
		if m.mode == modeMain && i == m.active {
			b.WriteString(st.TabActive.Render(label))
		} else {
			b.WriteString(st.Tab.Render(label))
		}
		b.WriteString(" ")
	}
	return ansi.Truncate(b.String(), m.width, "")
}

func (m *Model) statusView() string {
	if m.status == "" {
		if p, ok := m.screens[m.active].(prompter); ok && m.mode == modeMain {
			return m.c.Styles.Warning.Render(ansi.Truncate(p.Prompt(), m.width, "…"))
		}
		return ""
	}
	st := m.c.Styles.StatusOK
	if m.statusErr {
		st = m.c.Styles.StatusErr
	}
	return st.Render(ansi.Truncate(m.status, m.width, "…"))
}

// ActiveScreen is the index of the screen shown (for tests and main).
func (m *Model) ActiveScreen() int { return m.active }
