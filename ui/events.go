package ui

import (
	"context"
	"errors"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// Messages that cross screens or reach the root. A screen's own messages
// (its data loaded, its action done) are declared with the screen; every
// message that another screen or the root reacts to is declared here.
type (
	// errMsg reports a failed action; it is shown in the status line.
	errMsg struct{ err error }
	// statusMsg reports a completed action in the status line.
	statusMsg string
	// clearStatusMsg clears the status line if it still shows message seq.
	clearStatusMsg struct{ seq int }
	// reloadMsg asks the root to re-read the current event and session and
	// every screen to reload.
	reloadMsg struct{}
	// currentMsg carries the current event and session after a load or switch.
	currentMsg struct {
		cur    model.Current // the stored current (the default)
		screen string        // the screen this desk last used
		mine   string        // the session this desk last used
		lang   string        // the language this desk last chose
		quiet  bool          // do not reload the screens if the session is the same
		// version is the database's data version read before the rest
		// (-1: not read), for the watcher to start from (watchFrom)
		version int64
	}
	// noEventMsg says the database has no event yet (the welcome opens).
	noEventMsg struct{}
	// secondMsg redraws running clocks.
	secondMsg struct{}
	// minuteMsg re-renders the wall clock.
	minuteMsg struct{}
	// dbChangedMsg says another connection changed the database.
	dbChangedMsg struct{ version int64 }
	// rosterMsg carries the event's roster and search index, loaded by the
	// Check-in screen and used by Topics (to find who raised a topic).
	rosterMsg struct {
		eventID, sessionID string
		index              *model.Index
		here               map[string]time.Time
		categories         []string
		sectors            model.SectorMap // which sector each category counts in
		before             map[string]bool // came to an earlier session
		hasEarlier         bool            // the session has earlier ones
		mark               *store.RosterMark
	}
)

// askMsg puts a question on a stack of overlays, from a command that first
// read whether there is anything to ask (see the sessions picker's delete).
type askMsg struct {
	layer    *stack
	question string
	yes      func() tea.Cmd
}

func (a askMsg) open(c *Common) tea.Cmd {
	a.layer.push(newConfirm(c, a.question, a.yes))
	return nil
}

// changedMsg is a committed change: every screen applies what concerns it
// (its session's agenda, a check-in, the topics) instead of reloading.
// status is what the window that made it says about it.
type changedMsg struct {
	change model.Change
	status string
	remote bool // made at another desk (see RemoteChange)
}

// commit runs a store write off the UI loop and turns its change into a
// changedMsg (a refused action is a status message with its reason, not an
// error). While the write waits for another writer (an import, another
// window) the status line says so and esc cancels it; nothing is saved then.
func commit[C model.Change](c *Common, fn func(ctx context.Context) (C, error), status func(C) string) tea.Cmd {
	w := c.writes
	write := func() tea.Msg {
		ctx, cancel := context.WithCancel(context.Background())
		id := w.start(cancel)
		defer w.end(id)
		ch, err := fn(store.WithWaiting(ctx, func(time.Duration) { w.wait() }))
		switch {
		case errors.Is(err, context.Canceled):
			return statusMsg(c.T("Cancelled: nothing was saved"))
		case errors.Is(err, model.ErrClockState), errors.Is(err, store.ErrUndoConflict),
			errors.Is(err, store.ErrNothingToUndo), errors.Is(err, store.ErrSessionInUse):
			return statusMsg(c.translate(err)) // a refusal with its reason, not a failure
		case err != nil:
			return errMsg{err}
		}
		msg := changedMsg{change: ch}
		if status != nil {
			msg.status = status(ch)
		}
		return msg
	}
	return tea.Batch(write, c.Tick(time.Second, func(time.Time) tea.Msg { return waitCheckMsg{} }))
}

// waitCheckMsg asks whether a write is still waiting for another writer.
type waitCheckMsg struct{}

// writes are this window's writes in flight: whether one waits for
// another writer, and how to cancel them.
type writes struct {
	mu      sync.Mutex
	waiting bool
	next    int
	cancels map[int]context.CancelFunc
}

func newWrites() *writes { return &writes{cancels: map[int]context.CancelFunc{}} }

func (w *writes) start(cancel context.CancelFunc) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.next++
	w.cancels[w.next] = cancel
	return w.next
}

func (w *writes) end(id int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.cancels[id]()
	delete(w.cancels, id)
	if len(w.cancels) == 0 {
		w.waiting = false
	}
}

func (w *writes) wait() {
	w.mu.Lock()
	w.waiting = true
	w.mu.Unlock()
}

// Waiting reports whether a write waits for another writer now.
func (w *writes) Waiting() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.waiting && len(w.cancels) > 0
}

// cancelAll cancels every write in flight.
func (w *writes) cancelAll() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, cancel := range w.cancels {
		cancel()
	}
}

func errCmd(err error) tea.Cmd { return func() tea.Msg { return errMsg{err} } }

func statusCmd(s string) tea.Cmd { return func() tea.Msg { return statusMsg(s) } }
