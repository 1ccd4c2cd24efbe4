package ui

import (
	tea "charm.land/bubbletea/v2"

	"convene/store"
)

// Prefetch is what a window reads first — the event, the desk's settings
// and, when the desk last used Check-in, the first page of the list —
// read from the moment the database is open, while the terminal and the
// program are being set up. Give it to New (Options.Prefetch): the window
// then takes these reads instead of making them.
type Prefetch struct {
	current chan tea.Msg // currentMsg, noEventMsg or errMsg
	head    chan headMsg // the check-in list's first page; closed unread when the desk opens elsewhere
}

// StartPrefetch starts reading, for a window of desk on st (watch: one that
// watches for other windows' changes, Options.WatchOthers), what it reads
// first.
func StartPrefetch(st *store.Store, desk string, watch bool) *Prefetch {
	current, head := make(chan tea.Msg, 1), make(chan headMsg, 1)
	go func() { // on its own channels: the window sets p's to nil as it takes them
		msg := readCurrent(st, desk, watch, false)
		current <- msg
		cm, ok := msg.(currentMsg)
		if !ok || cm.screen != screenNames[ScreenCheckIn] {
			close(head)
			return
		}
		cur := cm.cur // the session the window opens on, as setCurrent chooses it
		for _, se := range cur.Sessions {
			if se.ID == cm.mine {
				cur.Session = se
			}
		}
		head <- readHead(st, cur.Event.ID, cur.Session.ID, cur.Sessions)
	}()
	return &Prefetch{current: current, head: head}
}
