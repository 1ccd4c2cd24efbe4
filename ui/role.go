package ui

// Roles (see `convene serve`): what a desk, a display and the organiser
// may do, and what the server needs to reach each window (the changes
// made at other desks, a reload when another process wrote, a write that
// waits for an import). The store enforces the role (store.Restrict): the
// keys a role may not use are only disabled here, so that they vanish from
// the help.

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// Roster gives the check-in screens of one process one shared search
// index per event (`convene serve` builds it once for every desk).
type Roster interface {
	// Index returns the index of an event's participants as now stored;
	// each call returns an index of its own to search with (Share).
	Index(ctx context.Context, eventID string) (*model.Index, error)
}

// Messages the server sends to a window.
type (
	// changesMsg is a burst of changes made at other desks, applied in order.
	changesMsg []model.Change
	// waitingMsg says a write of this window waits for another writer.
	waitingMsg bool
	// recentMsg lists this desk's latest check-ins (after a reconnect).
	recentMsg []model.CheckedIn
)

// RemoteChange is a change committed at another desk of the same server,
// for this window to apply as if it had made it (without its status).
func RemoteChange(ch model.Change) tea.Msg { return changesMsg{ch} }

// RemoteChanges is a burst of changes made at other desks, in the order
// they were committed: the window applies them all, then draws once.
func RemoteChanges(chs []model.Change) tea.Msg { return changesMsg(chs) }

// Reload says another process (a command, another convene) changed the
// database: the window reads it again.
func Reload() tea.Msg { return dbChangedMsg{} }

// Waiting says whether a write of this window is waiting for another
// writer (an import or a backup holding the database).
func Waiting(on bool) tea.Msg { return waitingMsg(on) }

// role is the window's role, as its store enforces it.
func (c *Common) role() model.Role { return c.Store.Role() }

// may reports whether the window's store allows writes of kind op.
func (c *Common) may(op store.Op) bool { return c.Store.Allows(op) }

// restrictStore makes sure a window of a restricted role writes through a
// restricted store, whatever store it was given.
func restrictStore(o Options) Options {
	if o.Role != "" && o.Role != model.RoleOrganiser && o.Store.Role() == model.RoleOrganiser {
		o.Store = o.Store.Restrict(o.Role, o.Desk)
	}
	return o
}

// off disables bindings: they no longer match and the help omits them.
func off(bs ...*key.Binding) {
	for _, b := range bs {
		b.SetEnabled(false)
	}
}

// applyRole disables every key that would make a write the window's role
// may not make, and turns a display's window into the big clock.
func (m *Model) applyRole() {
	c := m.c
	if c.role() == model.RoleDisplay {
		m.screens[ScreenCheckIn] = newDisplay(c, m.screens[ScreenAgenda].(*agenda), m.screens[ScreenTopics].(*topics))
		m.active = ScreenCheckIn
		off(&m.keys.Next, &m.keys.Prev, &m.keys.Screen1, &m.keys.Sessions, &m.keys.SessionsF2, &m.keys.Accept)
	}
	a := m.screens[ScreenAgenda].(*agenda)
	if !c.may(store.OpAgenda) {
		k := &a.keys
		off(&k.Toggle, &k.Next, &k.Extend1, &k.Extend5, &k.Shorten1, &k.Skip, &k.Reset,
			&k.Add, &k.Edit, &k.Delete, &k.MoveUp, &k.MoveDown, &k.Dup)
	}
	if !c.may(store.OpSettings) {
		off(&a.keys.Message)
	}
	if ci, ok := m.screens[ScreenCheckIn].(*checkin); ok {
		k := &ci.keys
		if !c.may(store.OpCheckIn) {
			off(&k.CheckIn, &k.Undo, &k.Uncheck, &k.WalkIn)
		}
		if !c.may(store.OpEditPerson) {
			off(&k.Edit)
		}
		if !c.may(store.OpImport) {
			off(&k.Import)
		}
		if !c.may(store.OpEvent) { // merging people is the organiser's (store.MergePeople)
			off(&k.Merge)
		}
	}
	t := m.screens[ScreenTopics].(*topics)
	if !c.may(store.OpTopics) {
		k := &t.keys
		off(&k.Add, &k.Edit, &k.Delete, &k.VoteUp, &k.VoteDown, &k.Merge, &k.Discuss, &k.More,
			&k.Close, &k.Park, &k.Reopen, &k.Notes)
	}
	if !c.may(store.OpFiles) {
		off(&t.keys.Write) // minutes are a file on the server's disk
	}
}

// restrictSessionKeys disables the session picker's keys that change the
// event (the default session, a new session) for a role that may not.
func (c *Common) restrictSessionKeys(k *sessionKeys) {
	if !c.may(store.OpEvent) {
		off(&k.Default, &k.Add, &k.Edit, &k.MoveUp, &k.MoveDown, &k.Delete)
	}
}

// contactFields adds the phone and e-mail fields of the person form: a
// role that does not see contacts sees them masked, and cannot edit them
// (the store keeps the stored ones as well). A new person's are typed in.
func (c *Common) contactFields(f *form, p *model.Participant, existing bool) *form {
	if !existing || c.role().SeesContacts() {
		return f.text(c.T("Phone"), &p.Phone).text(c.T("E-mail"), &p.Email, check(validEmail))
	}
	phone, email := model.MaskPhone(p.Phone), model.MaskEmail(p.Email)
	return f.text(c.T("Phone"), &phone, readOnly()).text(c.T("E-mail"), &email, readOnly())
}

// serverUpdate handles what the server sends and publishes what this
// window commits; ok says msg was handled.
func (m *Model) serverUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case changedMsg:
		return m.applyChange(msg), true
	case changesMsg:
		cmds := make([]tea.Cmd, 0, len(msg))
		for _, ch := range msg {
			cmds = append(cmds, m.applyChange(changedMsg{change: ch, remote: true}))
		}
		return tea.Batch(cmds...), true
	case waitingMsg:
		if msg {
			return m.setStatus(m.c.T("Waiting for the import or backup to finish… (your action completes by itself)"), false), true
		}
		return nil, true
	case recentMsg:
		m.showRecent(msg)
		return nil, true
	case messagesLoadedMsg:
		return m.openMessages(msg), true
	case currentMsg:
		if !m.opened {
			cmd := m.setCurrent(msg)
			return tea.Batch(cmd, m.recentCmd()), true
		}
	case reloadMsg, sessionAddedMsg, sessionSwitchedMsg:
		m.publish(model.EventChanged{}) // the other desks read the current state again
	}
	return nil, false
}

// publish gives the server a change this window made.
func (m *Model) publish(ch model.Change) {
	if m.opts.Publish != nil {
		m.opts.Publish(ch)
	}
}

// applyChange applies a change: this window's own (published, with its
// status) or another desk's.
func (m *Model) applyChange(msg changedMsg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, screenCount+2)
	if !msg.remote {
		m.publish(msg.change)
	}
	if msg.status != "" {
		cmds = append(cmds, m.setStatus(msg.status, false))
	}
	if !msg.remote { // this window wrote: checkpoint once it has been quiet a while
		m.idleSeq++
		seq := m.idleSeq
		cmds = append(cmds, m.c.Tick(checkpointAfter, func(time.Time) tea.Msg { return idleMsg{seq} }))
	}
	if _, ok := msg.change.(model.EventChanged); ok && msg.remote {
		cmds = append(cmds, m.loadCurrent(true))
	}
	for _, s := range m.screens {
		cmds = append(cmds, s.Update(msg))
	}
	return tea.Batch(cmds...)
}

// recentCmd reads this desk's latest check-ins in its session (shown once
// after it connects: what it did before a Wi-Fi drop).
func (m *Model) recentCmd() tea.Cmd {
	st, sid, desk := m.c.Store, m.c.Cur.Session.ID, m.c.Desk
	if !m.opts.ShowRecent || sid == "" {
		return nil
	}
	return func() tea.Msg {
		recent, err := st.RecentCheckIns(context.Background(), sid, desk, 3)
		if err != nil || len(recent) == 0 {
			return nil
		}
		return recentMsg(recent)
	}
}

// showRecent puts this desk's latest check-ins in the status line until
// the next message.
func (m *Model) showRecent(recent []model.CheckedIn) {
	parts := make([]string, 0, len(recent))
	for _, r := range recent {
		parts = append(parts, safe(r.Name)+" "+localClock(r.At))
	}
	m.statusSeq++
	m.status, m.statusErr = m.c.T("Welcome back, %s. Your last check-ins: %s (ctrl+z undoes the last)", m.c.Desk, strings.Join(parts, ", ")), false
	m.layout()
}

// displayMessageKey is the setting holding the message the organiser
// sends to the displays of an event.
func displayMessageKey(eventID string) string { return "display_message:" + eventID }
