package ui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/model"
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
		before             map[string]bool // came to an earlier session
		hasEarlier         bool            // the session has earlier ones
	}
)

// changedMsg is a committed change: every screen applies what concerns it
// (its session's agenda, a check-in, the topics) instead of reloading.
// status is what the window that made it says about it.
type changedMsg struct {
	change model.Change
	status string
	remote bool // made at another desk (see RemoteChange)
}

// commit runs a store write off the UI loop and turns its change into a
// changedMsg (a refused clock action is a status message, not an error).
func commit[C model.Change](fn func(ctx context.Context) (C, error), status func(C) string) tea.Cmd {
	return func() tea.Msg {
		ch, err := fn(context.Background())
		switch {
		case errors.Is(err, model.ErrClockState):
			return statusMsg(err.Error())
		case err != nil:
			return errMsg{err}
		}
		msg := changedMsg{change: ch}
		if status != nil {
			msg.status = status(ch)
		}
		return msg
	}
}

func errCmd(err error) tea.Cmd { return func() tea.Msg { return errMsg{err} } }

func statusCmd(s string) tea.Cmd { return func() tea.Msg { return statusMsg(s) } }

// msgCmd returns msg as a command.
func msgCmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
