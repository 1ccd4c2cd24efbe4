package ui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"convene/i18n"
	"convene/model"
	"convene/store"
)

// What belongs to this window (later: this SSH desk) and not to the event:
// its screen and its current session, stored per desk. The event's stored
// current session is only the default for new windows and for the commands;
// when another window or a command changes it, this window shows a banner
// and switches only when asked (ctrl+g).

// deskKey is the settings key of one of this desk's own settings.
func (c *Common) deskKey(name string) string { return deskKey(name, c.Desk) }

func deskKey(name, desk string) string { return name + "@" + desk }

// sessionSwitchedMsg says this window switched to a session (its own
// choice, stored for its desk).
type sessionSwitchedMsg struct {
	session model.Session
	status  string
}

// loadCurrent reads the event, its sessions and the stored default; quiet
// does not reload the screens when this window's session is unchanged.
func (m *Model) loadCurrent(quiet bool) tea.Cmd {
	if p := m.c.prefetch; p != nil && p.current != nil { // read already (Prefetch)
		ch := p.current
		p.current = nil
		return func() tea.Msg { return <-ch }
	}
	st, desk := m.c.Store, m.c.Desk
	version := m.opts.WatchOthers && !m.start.watching
	return func() tea.Msg { return readCurrent(st, desk, version, quiet) }
}

// readCurrent reads the event, its sessions, the stored default and the
// desk's own settings; with version, first the data version the watcher
// starts from (watchFrom).
func readCurrent(st *store.Store, desk string, version, quiet bool) tea.Msg {
	ctx := context.Background()
	v := int64(-1)
	if version { // before the rest: a change made after it is seen
		v, _ = st.DataVersion(ctx) // on an error the watcher reads it
	}
	cur, err := st.Current(ctx, "", "")
	if errors.Is(err, store.ErrNotFound) {
		return noEventMsg{}
	}
	if err != nil {
		return errMsg{err}
	}
	scr, _ := st.Setting(ctx, deskKey(store.SettingScreen, desk))
	if scr == "" {
		scr, _ = st.Setting(ctx, store.SettingScreen)
	}
	mine, _ := st.Setting(ctx, deskKey(store.SettingSession, desk))
	lang, _ := st.Setting(ctx, deskKey("lang", desk))
	return currentMsg{cur: cur, screen: scr, mine: mine, lang: lang, quiet: quiet, version: v}
}

// setCurrent takes the event as read: on the first read the window opens
// on its own last session (else the default) and screen; later it keeps
// its session and only announces a new default.
func (m *Model) setCurrent(msg currentMsg) tea.Cmd {
	def := msg.cur
	keep := msg.mine
	if m.loaded && m.c.Cur.Event.ID == def.Event.ID {
		keep = m.c.Cur.Session.ID
	}
	cur := def
	for _, se := range def.Sessions {
		if se.ID == keep {
			cur.Session = se
		}
	}
	if m.loaded && def.Session.ID != m.defaultSeen && def.Session.ID != cur.Session.ID {
		se := def.Session
		m.banner = &se
	}
	if m.banner != nil && m.banner.ID == cur.Session.ID {
		m.banner = nil
	}
	m.defaultSeen = def.Session.ID
	same := m.loaded && m.c.Cur.Session.ID == cur.Session.ID && m.c.Cur.Event.ID == cur.Event.ID
	m.c.Cur = cur
	m.loaded = true
	if w, ok := m.layers.top().(*welcome); ok {
		w.closed = true
		m.layers.prune()
	}
	first := !m.opened
	if first {
		m.opened, m.start.version = true, msg.version
		if msg.lang != "" && !m.opts.LangChosen && msg.lang != m.c.I18n.Lang() {
			m.setLanguage(msg.lang)
		}
		for i, n := range screenNames {
			if n == msg.screen {
				m.active = i
			}
		}
	}
	m.layout()
	if same && msg.quiet {
		return nil
	}
	if first {
		return m.loadFirst()
	}
	return m.loadScreens()
}

// loadScreens reloads every screen's data for the window's session.
func (m *Model) loadScreens() tea.Cmd {
	m.start.deferred = false
	cmds := make([]tea.Cmd, 0, screenCount)
	for _, s := range m.screens {
		cmds = append(cmds, s.Load())
	}
	return tea.Batch(cmds...)
}

// switchSession makes se this window's session.
func (m *Model) switchSession(msg sessionSwitchedMsg) tea.Cmd {
	m.c.Cur.Session = msg.session
	if m.banner != nil && m.banner.ID == msg.session.ID {
		m.banner = nil
	}
	m.layout()
	cmd := m.loadScreens()
	if msg.status != "" {
		cmd = tea.Batch(cmd, statusCmd(msg.status))
	}
	return tea.Batch(cmd, m.loadCurrent(true))
}

// switchSessionCmd stores se as this desk's session and switches to it.
func switchSessionCmd(c *Common, se model.Session) tea.Cmd {
	st, key := c.Store, c.deskKey(store.SettingSession)
	status := c.T("This window now shows %s", safe(se.Title))
	return func() tea.Msg {
		if _, err := st.SetSetting(context.Background(), key, se.ID); err != nil {
			return errMsg{err}
		}
		return sessionSwitchedMsg{session: se, status: status}
	}
}

// acceptBanner switches to the session announced by the banner.
func (m *Model) acceptBanner() tea.Cmd {
	if m.banner == nil {
		return nil
	}
	return switchSessionCmd(m.c, *m.banner)
}

// bannerView is the one-line banner about a session changed elsewhere.
func (m *Model) bannerView() string {
	if m.banner == nil || !m.loaded {
		return ""
	}
	tail := " " + m.c.T("ctrl+g switches to it")
	head := m.c.T("Another window or a command made “%s” the current session.", safe(m.banner.Title))
	head = fit(head, min(lipgloss.Width(head), max(10, m.width-lipgloss.Width(tail))))
	return m.c.Styles.Warning.Render(fit(head+tail, m.width))
}

func (m *Model) switchTo(i int) tea.Cmd {
	i = (i + screenCount) % screenCount
	m.active = i
	m.layout()
	st, key := m.c.Store, m.c.deskKey(store.SettingScreen)
	name := screenNames[i]
	return func() tea.Msg {
		if _, err := st.SetSetting(context.Background(), key, name); err != nil {
			return errMsg{err}
		}
		return nil
	}
}

// nextLanguage switches this window to the next language (f3) at once on
// every screen, and remembers it for this desk.
func (m *Model) nextLanguage() tea.Cmd {
	langs := i18n.Available()
	next := langs[0]
	for i, l := range langs {
		if l == m.c.I18n.Lang() {
			next = langs[(i+1)%len(langs)]
		}
	}
	m.setLanguage(next)
	st, key := m.c.Store, m.c.deskKey("lang")
	status := m.c.T("Language: %s (f3 changes it)", i18n.Native(next))
	return tea.Batch(statusCmd(status), func() tea.Msg {
		if _, err := st.SetSetting(context.Background(), key, next); err != nil {
			return errMsg{err}
		}
		return nil
	})
}

// setLanguage translates this window from now on.
func (m *Model) setLanguage(code string) {
	m.c.I18n = i18n.New(code)
	for _, s := range m.screens {
		if r, ok := s.(retranslator); ok {
			r.Retranslate()
		}
	}
	m.layout()
}

// retranslator is a screen holding translated text it built once (a
// placeholder), to build again when the language changes.
type retranslator interface{ Retranslate() }
