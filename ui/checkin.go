package ui

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"convene/model"
	"convene/store"
)

// filter modes
type presence int

const (
	showAll presence = iota
	showHere
	showNotYet
	showEarlier
)

var presenceNames = [...]string{"everyone", "checked in", "not yet here", "came to an earlier session"} //i18n:key

// burstGap: keys closer together than this come from a paste or a badge
// scanner, not from a person typing.
const burstGap = 25 * time.Millisecond

// enterDecideMsg settles an Enter that arrived in a burst of keys: if no
// more keys followed, it was the scanner's Enter and checks in.
type enterDecideMsg struct{ seq int }

// counts are the attendance figures shown at the top, recomputed only when
// the roster or a check-in changes.
type counts struct {
	here, total      int
	female, male, ns int
	cats             []catCount
}

type catCount struct {
	name        string
	here, total int
}

// checkin is the Check-in screen: type to find, one key to check in.
type checkin struct {
	base
	keys       checkinKeys
	search     textinput.Model
	index      *model.Index
	hereAt     []time.Time // by index position; zero = not here
	earlier    []bool      // by index position: came to an earlier session
	hasEarlier bool        // this session has earlier sessions
	categories []string
	sectors    model.SectorMap
	dayOK      map[string]bool // sessions dated another day this window was told to check in to anyway
	results    []int           // slots found by the search (see found)
	stale      bool            // the results are out of date
	list       cursorList
	table      *table
	filter     presence
	counts     counts
	loaded     bool // the first roster has arrived
	// mark is how far the roster and check-ins were read (nil: not read
	// by this window, see Load); loadedEvent is the event they are of.
	mark                       *store.RosterMark
	loadedEvent, loadedSession string
	// head: only the first page and the counts are in (see headCmd);
	// loadingFor is the event/session whose roster is being read; missed
	// says a change came meanwhile (read what changed after it).
	head       bool
	loadingFor string
	missed     bool
	// armed: a row is highlighted and Enter checks it in; not after a
	// check-in or on an empty search (until the volunteer types or moves).
	armed bool
	// lastCheckIn is when Enter last checked someone in (a second Enter
	// within a second does nothing).
	lastCheckIn time.Time
	// key timing, to tell a paste or a scanner from typing
	lastKey               time.Time
	pendingEnter, pasting bool
	enterSeq              int
	// paper: check-ins typed in from a signed paper sheet (ctrl+p), dated
	// at the session's start unless a time is typed after the name
	paper bool
	// merging: the person marked with ctrl+r to merge into another
	merging string
}

func newCheckIn(c *Common) *checkin {
	ci := &checkin{base: base{c: c}, keys: newCheckinKeys(), index: model.NewIndex(nil), table: newTable(
		column{width: 1}, column{title: "Time", width: 5}, column{title: "Name", flex: 45},
		column{title: "Organisation", flex: 55}, column{title: "Category", width: 14},
	)}
	ci.search = newInput(c.Styles, "", 40)
	ci.Retranslate()
	ci.search.Focus()
	return ci
}

// Retranslate implements retranslator: the search's placeholder, the
// shorter one when the long one would be cut (a phone-sized window).
func (s *checkin) Retranslate() {
	s.search.Placeholder = s.c.T("type a name, organisation, e-mail or phone — any script")
	if s.width > 0 && lipgloss.Width(s.search.Placeholder) > s.search.Width() {
		s.search.Placeholder = s.c.T("name, organisation or phone")
	}
}

// Load implements screen.
//
// Once the roster of this event is loaded, a Load (another process wrote
// to the database, or another session was chosen) reads only what changed
// since (see refreshCmd); an import reads everything again (fullLoad).
//
// The first Load of a window reads the first page of the list and the
// counts at once (headCmd) beside the whole roster, so that the list shows
// before its search index is built.
func (s *checkin) Load() tea.Cmd {
	switch {
	case s.loadingFor == s.c.Cur.Event.ID+"/"+s.c.Cur.Session.ID:
		s.missed = true // read it all again when it is in (refreshCmd)
		return nil
	case s.loaded && !s.head && s.c.roster == nil && s.mark != nil && s.loadedEvent == s.c.Cur.Event.ID:
		return s.refreshCmd()
	case !s.loaded && s.c.roster == nil:
		s.loadingFor = s.c.Cur.Event.ID + "/" + s.c.Cur.Session.ID
		return s.headCmd() // then the whole roster (applyHead)
	}
	return s.fullLoad()
}

// Typing implements screen: typing goes to the search.
func (s *checkin) Typing() bool { return true }

// SetSize implements screen.
func (s *checkin) SetSize(w, h int) {
	s.width, s.height = w, h
	s.search.SetWidth(max(10, w-8))
	s.Retranslate() // the placeholder that fits
	s.fitList()
	s.table.cols[4].width = 14
	if w >= 120 {
		s.table.cols[4].width = 26
	}
	s.table.widths = nil
	s.table.layout(w)
}

// ShortHelp implements help.KeyMap.
func (s *checkin) ShortHelp() []key.Binding {
	k := s.keys
	return []key.Binding{k.CheckIn, k.Undo, k.WalkIn, k.Filter, k.Clear}
}

// FullHelp implements help.KeyMap.
func (s *checkin) FullHelp() [][]key.Binding {
	k := s.keys
	return [][]key.Binding{
		{k.CheckIn, k.Undo, k.Uncheck, k.Filter},
		{k.WalkIn, k.Edit, k.Import, k.Clear},
		{k.Paper, k.Merge},
		k.navKeys.bindings(),
	}
}

func (s *checkin) keep() func(int) bool {
	switch s.filter {
	case showHere:
		return func(i int) bool { return !s.hereAt[i].IsZero() }
	case showNotYet:
		return func(i int) bool { return s.hereAt[i].IsZero() }
	case showEarlier:
		return func(i int) bool { return s.earlier[i] }
	case showAll:
	}
	return nil
}

// refilter says the search, the filter or the people changed: the results
// are searched again when next needed (found). Keys that only type into
// the search do not search, so a burst of queued keys searches once, for
// the frame after them.
func (s *checkin) refilter() { s.stale = true }

// found returns the results of the search, searching first if they are
// out of date.
func (s *checkin) found() []int {
	if s.stale {
		s.stale = false
		if s.waiting() {
			s.results = s.results[:0] // searched once everyone is read
		} else {
			q := s.search.Value()
			if s.paper {
				q, _ = splitTime(q)
			}
			s.results = s.index.Search(s.results, q, s.keep())
		}
		s.list.setLen(len(s.results))
	}
	return s.results
}

// positionOf finds a person's slot in the index by ID (-1: not there).
func (s *checkin) positionOf(pid string) int {
	if i, ok := s.index.Slot(pid); ok {
		return i
	}
	return -1
}

func (s *checkin) highlighted() (int, bool) {
	res := s.found()
	if !s.armed || s.list.pos < 0 || s.list.pos >= len(res) {
		return -1, false
	}
	return res[s.list.pos], true
}

func (s *checkin) resetSearch() {
	s.search.SetValue("")
	s.refilter()
	s.list.home()
	s.armed = false
}

// Update implements screen.
func (s *checkin) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case rosterMsg:
		return s.setRoster(msg)
	case headMsg:
		return s.applyHead(msg)
	case personSavedMsg:
		s.applyPerson(msg)
	case refreshMsg:
		return s.applyRefresh(msg)
	case changedMsg:
		return s.apply(msg.change)
	case importPreviewMsg:
		s.askImport(msg)
	case enterDecideMsg:
		return s.decideEnter(msg)
	case tea.MouseWheelMsg:
		s.found()
		s.armed = true
		switch msg.Mouse().Button {
		case tea.MouseWheelUp:
			s.list.move(-3)
		case tea.MouseWheelDown:
			s.list.move(3)
		}
	case tea.KeyPressMsg:
		return s.updateKey(msg)
	case tea.PasteMsg:
		return s.updateSearch(msg)
	}
	return nil
}

// setHere records a person's arrival time (zero: not here).
func (s *checkin) setHere(pid string, at time.Time) {
	if i := s.positionOf(pid); i >= 0 {
		s.count(i, at)
		s.hereAt[i] = at
	}
	if s.filter != showAll && s.filter != showEarlier {
		s.refilter() // who is shown changed
	}
}

// apply takes a committed change: a check-in or its undo updates the row
// and the counts; a saved person or an import reloads the roster.
func (s *checkin) apply(ch model.Change) tea.Cmd {
	if s.head || s.loadingFor != "" {
		s.missed = true // the roster being read may not have it: read what changed after it
	}
	switch ch := ch.(type) {
	case model.CheckedIn:
		if ch.SessionID == s.c.Cur.Session.ID {
			s.setHere(ch.ParticipantID, ch.At)
		}
	case model.CheckInUndone:
		if ch.SessionID == s.c.Cur.Session.ID {
			s.setHere(ch.ParticipantID, time.Time{})
		}
	case model.ParticipantSaved:
		if ch.Participant.EventID == s.c.Cur.Event.ID && !s.head {
			return s.savePerson(ch)
		}
	case model.RosterImported, model.PeopleMerged, model.CheckInsImported:
		if ch.Scope().EventID == s.c.Cur.Event.ID {
			return s.fullLoad()
		}
	case model.SectorsChanged:
		s.sectors = ch.Map
		s.recount()
	}
	return nil
}

// checkInCmd checks a person in: now, or in paper mode from paper at the
// time typed (at; zero: the session's start).
func (s *checkin) checkInCmd(pid string, at time.Time) tea.Cmd {
	return s.checkInFilling(pid, at, "", "")
}

// checkInFilling is checkInCmd that first gives the person a phone and an
// e-mail (typed in the walk-in form for them) where they have none. The
// change it passes on is then the person saved (with the check-in), so
// the roster is read again, new phone included.
func (s *checkin) checkInFilling(pid string, at time.Time, phone, email string) tea.Cmd {
	return s.onSessionDay(func() tea.Cmd { return s.checkInNow(pid, at, phone, email) })
}

// checkInNow is checkInFilling without the question about the day.
func (s *checkin) checkInNow(pid string, at time.Time, phone, email string) tea.Cmd {
	st, sid, desk, c := s.c.Store, s.c.Cur.Session.ID, s.c.Desk, s.c
	source := model.FromDesk
	if s.paper {
		source = model.FromPaper
		if at.IsZero() {
			at = s.paperStart()
		}
	}
	said := func(ch model.CheckedIn, filled []string) string {
		var msg string
		switch {
		case ch.Already:
			msg = c.T("%s is already checked in (arrived %s); nothing changed", safe(ch.Name), localClock(ch.At))
		case ch.Source == model.FromPaper:
			msg = c.T("✓ %s — %s (from paper)", safe(ch.Name), localClock(ch.At))
		default:
			msg = c.T("✓ %s — %s", safe(ch.Name), localClock(ch.At))
		}
		if len(filled) > 0 {
			var words []string
			for _, f := range filled {
				words = append(words, c.W(f))
			}
			msg += " · " + c.T("saved: %s", strings.Join(words, ", "))
		}
		return msg
	}
	if phone == "" && email == "" {
		return commit(s.c, func(ctx context.Context) (model.CheckedIn, error) {
			return st.CheckInAt(ctx, pid, sid, desk, at, source)
		},
			func(ch model.CheckedIn) string { return said(ch, nil) })
	}
	var in model.CheckedIn
	var filled []string
	return commit(s.c, func(ctx context.Context) (model.ParticipantSaved, error) {
		saved, f, err := st.FillContact(ctx, pid, phone, email)
		if err != nil {
			return saved, err
		}
		if in, err = st.CheckInAt(ctx, pid, sid, desk, at, source); err != nil {
			return saved, err
		}
		filled = f
		saved.SessionID, saved.CheckedInAt, saved.Desk = in.SessionID, in.At, in.Desk
		return saved, nil
	}, func(model.ParticipantSaved) string { return said(in, filled) })
}

// undone says a check-in was undone.
func (s *checkin) undone(ch model.CheckInUndone) string {
	return s.c.T("Check-in of %s undone", safe(ch.Name))
}

// undoLastCmd undoes this desk's last action: its last check-in, its last
// un-check (the arrival is given back) or its last merge, whichever came
// last.
func (s *checkin) undoLastCmd() tea.Cmd {
	st, sid, desk := s.c.Store, s.c.Cur.Session.ID, s.c.Desk
	return commit(s.c, func(ctx context.Context) (model.Change, error) { return st.UndoLastAtDesk(ctx, sid, desk) },
		func(ch model.Change) string {
			switch ch := ch.(type) {
			case model.CheckInUndone:
				return s.undone(ch)
			case model.CheckedIn: // an un-check given back
				return s.c.T("Un-check of %s undone: here again, arrived %s", safe(ch.Name), localClock(ch.At))
			case model.PeopleMerged:
				return s.c.T("Merge undone: %s and %s are two records again", safe(ch.Merged.FullName), safe(ch.Kept.FullName))
			}
			return ""
		})
}

// askUncheck asks before un-checking the highlighted person.
func (s *checkin) askUncheck() tea.Cmd {
	i, ok := s.highlighted()
	if !ok {
		return s.nobodyHighlighted()
	}
	p := s.index.Person(i)
	if s.hereAt[i].IsZero() {
		return statusCmd(s.c.T("%s is not checked in", safe(p.FullName)))
	}
	st, sid, desk, pid := s.c.Store, s.c.Cur.Session.ID, s.c.Desk, p.ID
	s.ask(s.c.T("Un-check %s from %s?", safe(p.FullName), safe(s.c.Cur.Session.Title)), func() tea.Cmd {
		return commit(s.c, func(ctx context.Context) (model.CheckInUndone, error) { return st.UndoCheckIn(ctx, pid, sid, desk) }, s.undone)
	})
	return nil
}
