package serve

import (
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"

	"convene/i18n"
	"convene/model"
	"convene/ui"
)

// client is one connected desk: its program and what the dashboard shows.
type client struct {
	desk  string
	role  model.Role
	addr  string
	since time.Time
	sess  ssh.Session
	p     *tea.Program

	mu      sync.Mutex
	last    string // its last action, for the dashboard
	pending []model.Change
	reload  bool
	reason  []any // why the server ended the connection: a message key and its arguments
	model   *ui.Model
	wake    chan struct{}
	done    chan struct{}
}

// Info is a connected desk as the dashboard lists it.
type Info struct {
	Desk, Addr, Last string
	Role             model.Role
	Since            time.Time
}

// hub keeps the connected desks and sends each the changes the others
// commit, coalescing bursts: a desk whose program is busy gets everything
// that arrived meanwhile in one message, with the agenda, topics and
// settings that a later change replaced left out.
type hub struct {
	now     func() time.Time
	mu      sync.Mutex
	clients map[*client]bool
	notes   []string // the dashboard's log, newest last
	changed func()   // tells the dashboard (must not block)
	onPub   func(from *client, ch model.Change)
	tr      i18n.Printer // the language of the dashboard and of the goodbyes
}

func newHub(now func() time.Time, tr i18n.Printer) *hub {
	return &hub{now: now, tr: tr, clients: map[*client]bool{}, changed: func() {}}
}

// add registers a desk. A desk of the same name still connected (a Wi-Fi
// drop that the old connection has not noticed yet) is replaced: the old
// connection is closed with a goodbye that says so.
func (h *hub) add(c *client) {
	c.wake, c.done = make(chan struct{}, 1), make(chan struct{})
	h.mu.Lock()
	var old []*client
	for o := range h.clients {
		if o.desk == c.desk {
			old = append(old, o)
		}
	}
	h.clients[c] = true
	h.mu.Unlock()
	for _, o := range old {
		o.end(i18n.Key("This desk name connected again from %s: this older connection is closed."), c.addr)
	}
	h.note(h.tr.T("%s (%s) connected from %s", c.desk, h.tr.Word(string(c.role)), c.addr))
}

// remove forgets a desk whose connection ended.
func (h *hub) remove(c *client) {
	h.mu.Lock()
	_, ok := h.clients[c]
	delete(h.clients, c)
	h.mu.Unlock()
	if ok {
		close(c.done)
		h.note(h.tr.T("%s disconnected", c.desk))
	}
}

// end closes a desk's connection, with a reason for its goodbye.
// end ends the desk's program; format and args (a message key) say why,
// in the desk's language (see goodbye).
func (c *client) end(format string, args ...any) {
	c.mu.Lock()
	if c.reason == nil {
		c.reason = append([]any{format}, args...)
	}
	c.mu.Unlock()
	if c.p != nil {
		c.p.Quit()
	}
}

// goodbye is why the connection ended (empty: the desk quit), in the
// desk's language once its program has ended (else tr's).
func (c *client) goodbye(tr i18n.Printer) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reason == nil {
		return ""
	}
	if c.model != nil {
		tr = i18n.New(c.model.Lang())
	}
	return tr.T(c.reason[0].(string), c.reason[1:]...)
}

// publish sends a change committed at from to every other desk.
func (h *hub) publish(from *client, ch model.Change) {
	if h.onPub != nil {
		h.onPub(from, ch)
	}
	if from != nil {
		from.mu.Lock()
		from.last = describe(h.tr, ch) + " " + h.now().Format("15:04:05")
		from.mu.Unlock()
	}
	h.mu.Lock()
	for c := range h.clients {
		if c != from {
			c.enqueue(ch)
		}
	}
	h.mu.Unlock()
	h.changed()
}

// reloadAll tells every desk that another process changed the database.
func (h *hub) reloadAll() {
	h.mu.Lock()
	for c := range h.clients {
		c.mu.Lock()
		c.reload, c.pending = true, nil
		c.mu.Unlock()
		c.signal()
	}
	h.mu.Unlock()
}

// endAll closes every connection with a goodbye.
func (h *hub) endAll(format string, args ...any) {
	for _, c := range h.list() {
		c.end(format, args...)
	}
}

func (h *hub) list() []*client {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]*client, 0, len(h.clients))
	for c := range h.clients {
		out = append(out, c)
	}
	return out
}

// infos lists the desks for the dashboard, by name.
func (h *hub) infos() []Info {
	cs := h.list()
	out := make([]Info, 0, len(cs))
	for _, c := range cs {
		c.mu.Lock()
		out = append(out, Info{Desk: c.desk, Role: c.role, Addr: c.addr, Since: c.since, Last: c.last})
		c.mu.Unlock()
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Desk < out[j].Desk })
	return out
}

// note adds a line to the dashboard's log.
func (h *hub) note(s string) {
	h.mu.Lock()
	h.notes = append(h.notes, h.now().Format("15:04:05")+" "+s)
	if len(h.notes) > 50 {
		h.notes = h.notes[len(h.notes)-50:]
	}
	h.mu.Unlock()
	h.changed()
}

func (h *hub) log(n int) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.notes[max(0, len(h.notes)-n):]...)
}

func (c *client) enqueue(ch model.Change) {
	c.mu.Lock()
	if !c.reload {
		c.pending = append(c.pending, ch)
	}
	c.mu.Unlock()
	c.signal()
}

func (c *client) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// send delivers what is pending to the desk's program, one message per
// wake-up, until the desk is gone. p.Send blocks while the program is
// busy; what arrives meanwhile waits in pending and goes in the next one.
func (c *client) send() {
	for {
		select {
		case <-c.done:
			return
		case <-c.wake:
		}
		c.mu.Lock()
		batch, reload := coalesce(c.pending), c.reload
		c.pending, c.reload = nil, false
		c.mu.Unlock()
		switch {
		case reload:
			c.p.Send(ui.Reload())
		case len(batch) > 0:
			c.p.Send(ui.RemoteChanges(batch))
		}
	}
}

// coalesce drops the changes that a later one in the batch replaces: they
// carry whole states (a session's agenda, an event's topics, a setting).
func coalesce(chs []model.Change) []model.Change {
	if len(chs) < 2 {
		return chs
	}
	key := func(ch model.Change) string {
		switch ch := ch.(type) {
		case model.AgendaChanged:
			return "a:" + ch.SessionID
		case model.TopicsChanged:
			return "t:" + ch.EventID
		case model.SettingChanged:
			return "s:" + ch.Key
		}
		return ""
	}
	seen := map[string]bool{}
	out := make([]model.Change, 0, len(chs))
	for i := len(chs) - 1; i >= 0; i-- {
		if k := key(chs[i]); k != "" {
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		out = append(out, chs[i])
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// describe names a change for the dashboard's "last action".
func describe(tr i18n.Printer, ch model.Change) string {
	switch ch := ch.(type) {
	case model.CheckedIn:
		return "✓ " + model.SanitizeLine(ch.Name)
	case model.CheckInUndone:
		return tr.T("undone: %s", model.SanitizeLine(ch.Name))
	case model.ParticipantSaved:
		return tr.T("saved: %s", model.SanitizeLine(ch.Participant.FullName))
	}
	return tr.Word(ch.Kind().String())
}

// deskName makes an SSH user name a desk name: letters, digits, '-', '_'
// and '.', at most 32; "desk" when nothing is left.
func deskName(user string) string {
	var b strings.Builder
	for _, r := range user {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' {
			b.WriteRune(r)
		}
		if b.Len() >= 32 {
			break
		}
	}
	if b.Len() == 0 {
		return "desk"
	}
	return b.String()
}
