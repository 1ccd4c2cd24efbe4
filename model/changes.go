package model

import "time"

// Current is what the app and the commands treat as current: an event, one
// of its sessions, and all its sessions in order.
type Current struct {
	Event    Event
	Session  Session
	Sessions []Session
}

// AttendanceRow is one participant with their arrival time in each session
// (zero if not checked in) and how that check-in was made.
type AttendanceRow struct {
	P      Participant
	At     []time.Time     // aligned with the sessions it was built for
	Source []CheckInSource // aligned with At ("" where not checked in)
}

// Attended is how many of the sessions the person checked in to.
func (r AttendanceRow) Attended() int {
	n := 0
	for _, at := range r.At {
		if !at.IsZero() {
			n++
		}
	}
	return n
}

// TopicSet is an event's topics (merged ones excluded, in the order raised)
// with their action items by topic ID, read at one moment.
type TopicSet struct {
	Topics  []Topic
	Actions map[string][]ActionItem
}

// Topic returns the topic with the given ID.
func (s TopicSet) Topic(id string) (Topic, bool) {
	for _, t := range s.Topics {
		if t.ID == id {
			return t, true
		}
	}
	return Topic{}, false
}

// ChangeKind says what kind of state a Change carries.
type ChangeKind int

// The kinds of change. Each has one type below.
const (
	ChangeCheckIn       ChangeKind = iota + 1 // CheckedIn
	ChangeCheckInUndone                       // CheckInUndone
	ChangeParticipant                         // ParticipantSaved
	ChangeRoster                              // RosterImported
	ChangeAgenda                              // AgendaChanged
	ChangeTopics                              // TopicsChanged
	ChangeEvent                               // EventChanged
	ChangeSetting                             // SettingChanged
	ChangeCheckIns                            // CheckInsImported
	ChangeMerge                               // PeopleMerged
	ChangeSectors                             // SectorsChanged
)

//i18n:key
var changeNames = [...]string{"", "check-in", "check-in undone", "participant", "roster", "agenda", "topics", "event", "setting", "check-ins", "merge", "sectors"}

func (k ChangeKind) String() string {
	if k > 0 && int(k) < len(changeNames) {
		return changeNames[k]
	}
	return "unknown"
}

// Scope says which event and session a change concerns; a window or desk
// showing another event or session ignores it. Empty fields mean "any".
type Scope struct {
	EventID   string
	SessionID string
}

// Change is what one committed store write did, carrying the new state so a
// receiver (this screen, another window, a remote desk) can apply it without
// reading the database again. Every store write returns one; the concrete
// types are CheckedIn, CheckInUndone, ParticipantSaved, RosterImported,
// AgendaChanged, TopicsChanged, EventChanged and SettingChanged.
type Change interface {
	Kind() ChangeKind
	Scope() Scope
	change() // only this package defines changes
}

// CheckedIn says a person was checked in to a session, or already was
// (Already: nothing was written, At and Desk are those of the arrival).
type CheckedIn struct {
	EventID       string
	SessionID     string
	ParticipantID string
	Name          string
	At            time.Time     // the arrival time
	Desk          string        // the desk that recorded the arrival
	Source        CheckInSource // how it was recorded (desk or paper)
	Already       bool
	Restored      bool // an un-check was undone (ctrl+z): the arrival it cancelled is back
}

// CheckInUndone says a check-in was cancelled (an undo at a desk or an
// un-check); an undo row was appended at At.
type CheckInUndone struct {
	EventID       string
	SessionID     string
	ParticipantID string
	Name          string
	At            time.Time
	Desk          string
}

// ParticipantSaved says a participant was added (a walk-in, Added) or
// edited; Participant is the record as stored. A walk-in checked in at
// once has SessionID, CheckedInAt and Desk set.
type ParticipantSaved struct {
	Participant Participant
	Added       bool
	SessionID   string
	CheckedInAt time.Time
	Desk        string
}

// RosterImported says people were imported into an event (counts only:
// receivers reload the roster). A dry run (DryRun) changed nothing.
type RosterImported struct {
	EventID string
	ImportReport
}

// AgendaChanged carries a session's whole agenda after a change, in order.
// ItemID is the item acted on, added, edited, moved or duplicated (empty
// after a delete or an import); Result says what a clock action did;
// Imported counts the items an import added (or would add, in a dry run).
type AgendaChanged struct {
	EventID   string
	SessionID string
	Items     []AgendaItem
	ItemID    string
	Result    AgendaResult
	Imported  int
	Undone    ClockUndo // set when the change is an undo (Store.UndoClock)
}

// Item returns the item ItemID names, if any.
func (c AgendaChanged) Item() (AgendaItem, bool) {
	if c.ItemID != "" {
		for _, it := range c.Items {
			if it.ID == c.ItemID {
				return it, true
			}
		}
	}
	return AgendaItem{}, false
}

// TopicsChanged carries an event's topics and their actions after a
// change. TopicID is the topic acted on, added or edited (the kept one
// after a merge; empty after a delete).
type TopicsChanged struct {
	EventID string
	TopicSet
	TopicID string
	Undone  ClockUndo // set when the change is an undo (Store.UndoClock)
}

// Changed returns the topic TopicID names, if any.
func (c TopicsChanged) Changed() (Topic, bool) {
	if c.TopicID == "" {
		return Topic{}, false
	}
	return c.Topic(c.TopicID)
}

// EventChanged says an event or session was created, edited, moved or
// deleted, or another one was made current; Current is the new current
// state (after a session write: the session's event, its sessions in their
// new order, and the stored current session). SessionID is the session
// added, edited or moved (empty otherwise; after a delete it is the deleted
// one, no longer in Current.Sessions).
type EventChanged struct {
	Current   Current
	SessionID string
}

// Changed returns the session SessionID names, if it is in Current.Sessions.
func (c EventChanged) Changed() (Session, bool) {
	if c.SessionID != "" {
		for _, s := range c.Current.Sessions {
			if s.ID == c.SessionID {
				return s, true
			}
		}
	}
	return Session{}, false
}

// SettingChanged says a setting was stored.
type SettingChanged struct {
	Key, Value string
}

// CheckInsImported says check-ins typed in from paper were imported into an
// event (counts only: receivers reload). A dry run changed nothing.
type CheckInsImported struct {
	EventID string
	Added   int // check-ins written (or, in a dry run, to write)
	Present int // already checked in to that session: nothing written
	DryRun  bool
}

// PeopleMerged says one person's record (Merged) was merged into another's
// (Kept): every check-in and topic of Merged now belongs to Kept, Merged is
// no longer listed, and Filled names what Kept took from Merged (a phone,
// an e-mail…). With Undone the merge was taken back: both are listed again,
// each with their own check-ins. MergeID identifies the merge.
type PeopleMerged struct {
	EventID string
	MergeID string
	Kept    Participant
	Merged  Participant
	Filled  []string // field names
	Moved   int      // check-ins moved
	Undone  bool
}

// SectorsChanged says the sectors or the category-to-sector map changed.
type SectorsChanged struct {
	Map SectorMap
}

// Kind implements Change.
func (CheckedIn) Kind() ChangeKind { return ChangeCheckIn }

// Kind implements Change.
func (CheckInUndone) Kind() ChangeKind { return ChangeCheckInUndone }

// Kind implements Change.
func (ParticipantSaved) Kind() ChangeKind { return ChangeParticipant }

// Kind implements Change.
func (RosterImported) Kind() ChangeKind { return ChangeRoster }

// Kind implements Change.
func (AgendaChanged) Kind() ChangeKind { return ChangeAgenda }

// Kind implements Change.
func (TopicsChanged) Kind() ChangeKind { return ChangeTopics }

// Kind implements Change.
func (EventChanged) Kind() ChangeKind { return ChangeEvent }

// Kind implements Change.
func (SettingChanged) Kind() ChangeKind { return ChangeSetting }

// Kind implements Change.
func (CheckInsImported) Kind() ChangeKind { return ChangeCheckIns }

// Kind implements Change.
func (PeopleMerged) Kind() ChangeKind { return ChangeMerge }

// Kind implements Change.
func (SectorsChanged) Kind() ChangeKind { return ChangeSectors }

// Scope implements Change.
func (c CheckedIn) Scope() Scope { return Scope{c.EventID, c.SessionID} }

// Scope implements Change.
func (c CheckInUndone) Scope() Scope { return Scope{c.EventID, c.SessionID} }

// Scope implements Change.
func (c ParticipantSaved) Scope() Scope { return Scope{EventID: c.Participant.EventID} }

// Scope implements Change.
func (c RosterImported) Scope() Scope { return Scope{EventID: c.EventID} }

// Scope implements Change.
func (c AgendaChanged) Scope() Scope { return Scope{c.EventID, c.SessionID} }

// Scope implements Change.
func (c TopicsChanged) Scope() Scope { return Scope{EventID: c.EventID} }

// Scope implements Change: every window cares about the current event.
func (c EventChanged) Scope() Scope { return Scope{} }

// Scope implements Change.
func (c SettingChanged) Scope() Scope { return Scope{} }

// Scope implements Change.
func (c CheckInsImported) Scope() Scope { return Scope{EventID: c.EventID} }

// Scope implements Change.
func (c PeopleMerged) Scope() Scope { return Scope{EventID: c.EventID} }

// Scope implements Change: the sectors are the database's, not an event's.
func (c SectorsChanged) Scope() Scope { return Scope{} }

func (CheckedIn) change()        {}
func (CheckInUndone) change()    {}
func (ParticipantSaved) change() {}
func (RosterImported) change()   {}
func (AgendaChanged) change()    {}
func (TopicsChanged) change()    {}
func (EventChanged) change()     {}
func (SettingChanged) change()   {}
func (CheckInsImported) change() {}
func (PeopleMerged) change()     {}
func (SectorsChanged) change()   {}
