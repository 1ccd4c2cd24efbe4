package ui

import (
	"context"
	"runtime/debug"

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

// afterFirstScreen checks the database file's integrity and takes the
// start-up snapshot once the screen the window opened on shows its data,
// so that neither (each reads the whole database) delays the first frame.
func (m *Model) afterFirstScreen() tea.Cmd {
	if m.started || !m.loaded || !screenLoaded(m.screen()) {
		return nil
	}
	m.started = true
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

// screenLoaded reports whether a screen shows its data.
func screenLoaded(s screen) bool {
	switch s := s.(type) {
	case *agenda:
		return s.loaded
	case *checkin:
		return s.loaded && !s.head
	case *topics:
		return s.loaded
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
