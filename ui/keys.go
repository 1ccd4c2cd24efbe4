package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// Every key map of the app is in this file: the global keys, then one map
// per screen and per shared part. Help texts are catalog keys, translated
// when the help is drawn (see translatedKeys).

func bind(keys []string, helpKey, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
}

func keys(k ...string) []string { return k }

// anyKey is the one key name that is words, not a key's label: it is
// translated in the help.
const anyKey = "any key" //i18n:key

// globalKeys work on every screen. Ctrl+C, F1 and F2 work always (F2 not
// over a form), Tab and Shift+Tab also while typing; the others only when
// no text field has focus.
type globalKeys struct {
	Next, Prev, Quit, QuitQ, Screen1, Screen2, Screen3, Help, HelpF1, Sessions, SessionsF2 key.Binding
	Accept, Language, CancelWrite                                                          key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Next:        bind(keys("tab"), "tab", "next screen"),
		Prev:        bind(keys("shift+tab"), "shift+tab", "previous screen"),
		Quit:        bind(keys("ctrl+c"), "ctrl+c", "quit"),
		QuitQ:       bind(keys("q"), "q", "quit"),
		Screen1:     bind(keys("1"), "1/2/3", "agenda/check-in/topics"),
		Screen2:     key.NewBinding(key.WithKeys("2")),
		Screen3:     key.NewBinding(key.WithKeys("3")),
		Help:        bind(keys("?"), "?/f1", "help"),
		HelpF1:      bind(keys("f1"), "f1", "help"),
		Sessions:    bind(keys("S"), "f2/S", "sessions"),
		SessionsF2:  bind(keys("f2"), "f2", "sessions"),
		Accept:      bind(keys("ctrl+g"), "ctrl+g", "switch to the session changed elsewhere"),
		Language:    bind(keys("f3"), "f3", "language: English, русский, қазақша"),
		CancelWrite: bind(keys("esc"), "esc", "cancel the waiting change"),
	}
}

// short are the global keys shown in the short help: while a text field
// has focus only those that still work there.
func (k globalKeys) short(typing bool) []key.Binding {
	if typing {
		return []key.Binding{k.HelpF1, k.Next, k.SessionsF2, k.Quit}
	}
	return []key.Binding{k.Help, k.Next, k.Screen1, k.Sessions, k.QuitQ}
}

// full is the global column of the full help.
func (k globalKeys) full(typing bool) []key.Binding {
	if typing {
		return []key.Binding{k.Next, k.Prev, k.SessionsF2, k.HelpF1, k.Language, k.Quit}
	}
	return []key.Binding{k.Next, k.Prev, k.Screen1, k.Sessions, k.Help, k.Language, k.QuitQ, k.Quit}
}

// navKeys move a list's highlight; every list embeds them in its key map.
type navKeys struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
}

// newNavKeys builds the navigation keys; letters (k/j/g/G) only where
// typing does not go to a text field.
func newNavKeys(letters bool) navKeys {
	up, down, home, end := keys("up"), keys("down"), keys("home"), keys("end")
	upHelp, downHelp := "↑", "↓"
	if letters {
		up, down, home, end = append(up, "k"), append(down, "j"), append(home, "g"), append(end, "G")
		upHelp, downHelp = "↑/k", "↓/j"
	}
	return navKeys{
		Up:       bind(up, upHelp, "up"),
		Down:     bind(down, downHelp, "down"),
		PageUp:   bind(keys("pgup"), "pgup", "page up"),
		PageDown: bind(keys("pgdown"), "pgdn", "page down"),
		Home:     bind(home, "home", "first"),
		End:      bind(end, "end", "last"),
	}
}

func (k navKeys) bindings() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}
}

// formKeys is the key map of every form.
type formKeys struct {
	Next, Prev, Left, Right, Choice, Save, Cancel key.Binding
}

func newFormKeys() formKeys {
	return formKeys{
		Next:   bind(keys("down", "enter"), "↓/enter", "next field"),
		Prev:   bind(keys("up"), "↑", "previous field"),
		Left:   key.NewBinding(key.WithKeys("left")),
		Right:  key.NewBinding(key.WithKeys("right")),
		Choice: bind(keys("left", "right"), "←/→", "change choice"),
		Save:   bind(keys("ctrl+s"), "ctrl+s", "save (enter on last field)"),
		Cancel: bind(keys("esc"), "esc", "cancel"),
	}
}

// ShortHelp implements help.KeyMap.
func (k formKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.Choice, k.Save, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k formKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// confirmKeys answer a question.
type confirmKeys struct{ Yes, No key.Binding }

func newConfirmKeys() confirmKeys {
	return confirmKeys{
		Yes: bind(keys("y", "Y"), "y", "yes"),
		No:  bind(keys("n", "esc"), "n/esc", "no"),
	}
}

// agendaKeys is the Agenda screen's key map.
type agendaKeys struct {
	navKeys
	Toggle, Next, Extend1, Extend5, Shorten1, Skip  key.Binding
	Reset, Add, Edit, Delete, MoveUp, MoveDown, Dup key.Binding
	Speaker, Undo, Message                          key.Binding
}

func newAgendaKeys() agendaKeys {
	return agendaKeys{
		navKeys:  newNavKeys(true),
		Toggle:   bind(keys("space"), "space", "start/pause/resume"),
		Next:     bind(keys("n"), "n", "next item"),
		Extend1:  bind(keys("+", "="), "+", "+1 min"),
		Extend5:  bind(keys(">"), ">", "+5 min"),
		Shorten1: bind(keys("-"), "-", "−1 min"),
		Skip:     bind(keys("s"), "s", "skip/unskip"),
		Reset:    bind(keys("r"), "r", "reset item"),
		Add:      bind(keys("a"), "a", "add item"),
		Edit:     bind(keys("e", "enter"), "e/enter", "edit"),
		Delete:   bind(keys("d", "delete"), "d", "delete"),
		MoveUp:   bind(keys("K", "shift+up"), "K/shift+↑", "move up"),
		MoveDown: bind(keys("J", "shift+down"), "J/shift+↓", "move down"),
		Dup:      bind(keys("c"), "c", "duplicate"),
		Speaker:  bind(keys("b"), "b", "big clock"),
		Undo:     bind(keys("u"), "u", "undo my last clock action"),
		Message:  bind(keys("m"), "m", "message to the displays"),
	}
}

// checkinKeys is the Check-in screen's key map. Typing goes to the search,
// so the actions use keys that are not text.
type checkinKeys struct {
	navKeys
	Clear, CheckIn, Undo, Uncheck, Filter, WalkIn, Edit, Import key.Binding
	Paper, Merge                                                key.Binding
}

func newCheckinKeys() checkinKeys {
	return checkinKeys{
		navKeys: newNavKeys(false), // letters are search text here
		Clear:   bind(keys("esc"), "esc", "clear search"),
		CheckIn: bind(keys("enter"), "enter", "check in"),
		Undo:    bind(keys("ctrl+z"), "ctrl+z", "undo my last action"),
		Uncheck: bind(keys("ctrl+x"), "ctrl+x", "un-check highlighted"),
		Filter:  bind(keys("ctrl+f"), "ctrl+f", "all/here/not yet"),
		WalkIn:  bind(keys("ctrl+n"), "ctrl+n", "walk-in"),
		Edit:    bind(keys("ctrl+e"), "ctrl+e", "edit person"),
		Import:  bind(keys("ctrl+o"), "ctrl+o", "import roster"),
		Paper:   bind(keys("ctrl+p"), "ctrl+p", "from paper (typed in later)"),
		Merge:   bind(keys("ctrl+r"), "ctrl+r", "merge two records of a person"),
	}
}

// pickKeys choose one of a few people (the possible duplicates of a walk-in).
type pickKeys struct {
	navKeys
	Pick, SaveNew, Back key.Binding
}

func newPickKeys() pickKeys {
	return pickKeys{
		navKeys: newNavKeys(false),
		Pick:    bind(keys("enter"), "enter", "check in this person instead"),
		SaveNew: bind(keys("ctrl+s"), "ctrl+s", "save as a new person"),
		Back:    bind(keys("esc"), "esc", "back"),
	}
}

// topicsKeys is the Topics screen's key map.
type topicsKeys struct {
	navKeys
	Add, Edit, Delete, VoteUp, VoteDown, Sort, Merge          key.Binding
	Discuss, More, Close, Park, Reopen, Notes, Speaker, Write key.Binding
	Details, Undo                                             key.Binding
}

func newTopicsKeys() topicsKeys {
	return topicsKeys{
		navKeys:  newNavKeys(true),
		Add:      bind(keys("a"), "a", "add topic"),
		Edit:     bind(keys("e", "enter"), "e", "edit"),
		Delete:   bind(keys("d", "delete"), "d", "delete"),
		VoteUp:   bind(keys("+", "="), "+", "vote"),
		VoteDown: bind(keys("-"), "-", "remove vote"),
		Sort:     bind(keys("o"), "o", "sort votes/raised"),
		Merge:    bind(keys("m"), "m", "merge into…"),
		Discuss:  bind(keys("space"), "space", "discuss/pause"),
		More:     bind(keys("x"), "x", "+2 min"),
		Close:    bind(keys("c"), "c", "close with outcome"),
		Park:     bind(keys("p"), "p", "park"),
		Reopen:   bind(keys("r"), "r", "reopen"),
		Notes:    bind(keys("n"), "n", "notes"),
		Speaker:  bind(keys("b"), "b", "big clock"),
		Write:    bind(keys("w"), "w", "write minutes"),
		Details:  bind(keys("v"), "v", "view all details"),
		Undo:     bind(keys("u"), "u", "undo my last clock action"),
	}
}

// mergeKeys choose the topic a duplicate is merged into.
type mergeKeys struct {
	navKeys
	Merge, Cancel key.Binding
}

func newMergeKeys() mergeKeys {
	return mergeKeys{
		navKeys: newNavKeys(true),
		Merge:   bind(keys("m", "enter"), "m/enter", "merge into the highlighted topic"),
		Cancel:  bind(keys("esc"), "esc", "cancel"),
	}
}

// sessionKeys are the session picker's keys.
type sessionKeys struct {
	navKeys
	Switch, Default, Add, Edit, MoveUp, MoveDown, Delete, Close key.Binding
}

func newSessionKeys() sessionKeys {
	return sessionKeys{
		navKeys:  newNavKeys(true),
		Switch:   bind(keys("enter"), "enter", "show in this window"),
		Default:  bind(keys("d"), "d", "make it the default for new windows and commands"),
		Add:      bind(keys("n", "a"), "n", "new session"),
		Edit:     bind(keys("e"), "e", "edit session"),
		MoveUp:   bind(keys("K", "shift+up"), "K/shift+↑", "move up"),
		MoveDown: bind(keys("J", "shift+down"), "J/shift+↓", "move down"),
		Delete:   bind(keys("x", "delete"), "x", "delete session"),
		Close:    bind(keys("esc"), "esc", "close"),
	}
}

// welcomeKeys are the welcome screen's keys.
type welcomeKeys struct {
	Up, Down, Choose, Create, Demo key.Binding
}

func newWelcomeKeys() welcomeKeys {
	return welcomeKeys{
		Up:     bind(keys("up", "k"), "↑", "up"),
		Down:   bind(keys("down", "j"), "↓", "down"),
		Choose: bind(keys("enter"), "enter", "choose"),
		Create: bind(keys("c"), "c", "create an event"),
		Demo:   bind(keys("d"), "d", "load the demo"),
	}
}

// keyList is a help.KeyMap made of one list of bindings.
type keyList []key.Binding

// ShortHelp implements help.KeyMap.
func (k keyList) ShortHelp() []key.Binding { return k }

// FullHelp implements help.KeyMap.
func (k keyList) FullHelp() [][]key.Binding { return [][]key.Binding{k} }

// helpKeys joins what has the keys (a screen or an overlay) with the
// global keys, translating every description, for bubbles/help.
type helpKeys struct {
	c      *Common
	screen help.KeyMap
	global []key.Binding // short help: the first goes first, the rest last
	column []key.Binding // full help: the global column
}

func (h helpKeys) tr(bs []key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if !b.Enabled() || b.Help().Desc == "" {
			continue
		}
		k := b.Help().Key
		if k == anyKey {
			k = h.c.W(k)
		}
		out = append(out, key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(k, h.c.W(b.Help().Desc))))
	}
	return out
}

// ShortHelp puts the help key first (so even a narrow window shows how to
// see everything), then the screen's keys, then the other global ones.
func (h helpKeys) ShortHelp() []key.Binding {
	if len(h.global) == 0 {
		return h.tr(h.screen.ShortHelp())
	}
	bs := append(append([]key.Binding{h.global[0]}, h.screen.ShortHelp()...), h.global[1:]...)
	return h.tr(bs)
}

// FullHelp puts the global column first, so a narrow window cuts the
// screen's last column, not it.
func (h helpKeys) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	if len(h.column) > 0 {
		out = append(out, h.tr(h.column))
	}
	for _, col := range h.screen.FullHelp() {
		if t := h.tr(col); len(t) > 0 {
			out = append(out, t)
		}
	}
	return out
}
