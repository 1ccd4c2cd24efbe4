package ui

import (
	"context"
	"github.com/charmbracelet/x/ansi"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/i18n"
)

// What a window does once its first screen shows its data: the file's
// integrity check, then the start-up snapshot.

// verifyCmd reports a damaged database found by the store's integrity
// check (which runs after opening, see store.WithLateCheck).
func (m *Model) verifyCmd() tea.Cmd {
	st := m.c.Store
	return func() tea.Msg {
		if err := st.Verified(context.Background()); err != nil {
			return errMsg{err}
		}
		return nil
	}
}

// WarmUp builds ahead what drawing the first frame would build first:
// the table of the widths of all characters beyond ASCII that the terminal
// renderer measures text with (2.2 MB, filled the first time a frame holds
// a box line or a Cyrillic letter: 8-13 ms of that frame on a 2-core
// laptop). The app calls it in a goroutine as it starts, beside opening
// the database.
func WarmUp() { ansi.StringWidthWc("Ж") }

// startup is where a window is in its start. It reads the screen it opens
// on first; once that shows its data and Options.Settle has passed (its
// frame is drawn by then), it reads the other screens' data, and once the
// first screen shows all of it, it checks the file and takes the start-up
// snapshot.
type startup struct {
	first    int  // the screen the window opened on
	deferred bool // the other screens are read once the window settles
	shown    bool // the first screen showed its data
	revealed bool // revealAfter passed: the window shows what it has
	settled  bool // and Settle has passed since
	checked  bool // the check and the snapshot were asked for
	// watching: the watcher for other processes' changes was started, from
	// version (read with the first screen's data)
	watching bool
	version  int64
}

// revealAfter is how long a window shows nothing at most while the screen
// it opens on reads its data; then it shows that screen as it is, without
// its data. A frame drawn just before the one with the data would hold
// that one back by a frame interval: the renderer draws at most 60 frames
// a second (third_party/bubbletea/PATCH.md).
const revealAfter = 200 * time.Millisecond

// revealMsg says revealAfter has passed.
type revealMsg struct{}

// holding reports whether the window shows nothing yet: until the screen
// it opens on shows its data, anything is said or asked (an error, the
// welcome, the quit question), or revealAfter has passed.
func (m *Model) holding() bool {
	return !m.start.shown && !m.start.revealed && m.status == "" && m.alarm == "" && m.layers.empty()
}

// settledMsg says Options.Settle has passed since the first screen showed
// its data (or, as a backstop, a second since it was first read).
type settledMsg struct{}

// loadFirst reads the screen the window opened on; the others wait until
// the window settles, so that the first frame is not drawn while they are
// read.
func (m *Model) loadFirst() tea.Cmd {
	m.start.first = m.active
	if m.display() != nil { // the big clock shows the agenda's and the topics' clocks
		return m.loadScreens()
	}
	m.start.deferred = true
	cmd := m.screen().Load()
	if m.opts.Settle > 0 { // in case the first screen never shows its data (an error)
		cmd = tea.Batch(cmd, m.c.Tick(time.Second, func(time.Time) tea.Msg { return settledMsg{} }))
	}
	return cmd
}

// noteShown notes when the screen the window opened on shows its data (the
// check-in list: its first page and the counts) and then settles the
// window, Options.Settle later.
func (m *Model) noteShown() tea.Cmd {
	if m.start.shown || !m.loaded || !screenShown(m.screens[m.start.first]) {
		return nil
	}
	m.start.shown = true
	if m.opts.Settle <= 0 {
		return func() tea.Msg { return settledMsg{} }
	}
	return m.c.Tick(m.opts.Settle, func(time.Time) tea.Msg { return settledMsg{} })
}

// settled reads the other screens' data, unless something read them all
// since (another session chosen, say).
func (m *Model) settled() tea.Cmd {
	if m.start.settled {
		return nil
	}
	m.start.settled = true
	if m.opts.Settled != nil {
		m.opts.Settled()
	}
	watch := m.watchFrom(m.start.version)
	if !m.start.deferred {
		return watch
	}
	m.start.deferred = false
	cmds := []tea.Cmd{watch}
	for i, s := range m.screens {
		if i != m.start.first {
			cmds = append(cmds, s.Load())
		}
	}
	return tea.Batch(cmds...)
}

// watchFrom starts watching for other processes' changes since version
// (-1: since it starts), once. Not with the first reads: setting up the
// file system's notification can block a thread for several milliseconds,
// and the reads waiting behind it with it.
func (m *Model) watchFrom(version int64) tea.Cmd {
	if m.start.watching {
		return nil
	}
	m.start.watching = true
	return m.rewatch(version)
}

// afterFirstScreen checks the database file's integrity and takes the
// start-up snapshot once the window has settled and the screen it opened
// on shows all its data, so that neither (each reads the whole database)
// delays the first frame.
func (m *Model) afterFirstScreen() tea.Cmd {
	if shown := m.noteShown(); shown != nil {
		return shown
	}
	if m.start.checked || !m.start.settled || !screenLoaded(m.screens[m.start.first]) {
		return nil
	}
	m.start.checked = true
	verify := m.verifyCmd()
	if m.opts.Snapshots <= 0 {
		return verify
	}
	// one after the other, not side by side: each holds SQLite memory of
	// its own while it runs, and memory SQLite has freed is used again. A
	// file that fails the check is not snapshotted: its copy would push the
	// oldest good snapshot out of the rolling few.
	snapshot := m.snapshotCmd()
	return func() tea.Msg {
		// what reading the roster left behind goes back to the system
		// first, so that the check's and the snapshot's memory comes on
		// top of what the app holds, not of that
		debug.FreeOSMemory()
		if msg := verify(); msg != nil {
			return msg
		}
		return snapshot()
	}
}

// screenShown reports whether a screen shows its data, if not all of it:
// the check-in list may show its first page (its head).
func screenShown(s screen) bool {
	if c, ok := s.(*checkin); ok {
		return c.loaded
	}
	return screenLoaded(s)
}

// screenLoaded reports whether a screen shows its data.
func screenLoaded(s screen) bool {
	switch s := s.(type) {
	case *agenda:
		return s.loaded
	case *checkin:
		return s.loaded && !s.head
	case *topics:
		return s.loaded
	case *display: // the big clock follows the agenda's and the topics' clocks
		return s.agenda.loaded && s.topics.loaded
	}
	return true
}

// snapshotCmd keeps the rolling start-up snapshots (none when nothing
// changed since the newest, see store.Snapshot).
func (m *Model) snapshotCmd() tea.Cmd {
	st, now, keep := m.c.Store, m.c.Now(), m.opts.Snapshots
	return func() tea.Msg {
		if _, err := st.Snapshot(context.Background(), now, keep); err != nil {
			return errMsg{i18n.Errorf("start-up snapshot: %w", err)}
		}
		return nil
	}
}
