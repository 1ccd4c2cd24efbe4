// Package model holds convene's domain types and pure logic: no terminal,
// no database. Everything here is deterministic given its inputs.
package model

import "time"

// Event is a seminar or conference; it owns sessions, participants and topics.
type Event struct {
	ID        string
	Name      string
	Venue     string
	StartDate string // YYYY-MM-DD, may be empty
	EndDate   string // YYYY-MM-DD, may be empty
}

// Session is one part of an event (for example day one in the city).
type Session struct {
	ID        string
	EventID   string
	Position  int
	Title     string
	Venue     string
	Date      string // YYYY-MM-DD, may be empty
	StartTime string // HH:MM local time, may be empty
}

// ItemKind says what an agenda item is.
type ItemKind string

// The agenda item kinds.
const (
	KindTalk       ItemKind = "talk"
	KindPanel      ItemKind = "panel"
	KindDiscussion ItemKind = "discussion"
	KindGroupWork  ItemKind = "group work"
	KindBreak      ItemKind = "break"
	KindMeal       ItemKind = "meal"
	KindOther      ItemKind = "other"
)

// ItemKinds lists the kinds in the order a form offers them.
var ItemKinds = []ItemKind{KindTalk, KindPanel, KindDiscussion, KindGroupWork, KindBreak, KindMeal, KindOther}

// ParseItemKind maps a free-text kind to a known one (KindOther when unknown).
func ParseItemKind(s string) ItemKind {
	f := Fold(s)
	for _, k := range ItemKinds {
		if f == Fold(string(k)) {
			return k
		}
	}
	switch f {
	case "lunch", "dinner", "obed", "uzhin":
		return KindMeal
	case "coffee", "coffee break", "kofe breik", "pereryv":
		return KindBreak
	case "doklad", "lecture", "presentation", "speech":
		return KindTalk
	case "workshop", "group", "groups":
		return KindGroupWork
	}
	return KindOther
}

// AgendaItem is one line of a session's agenda together with its clock.
type AgendaItem struct {
	ID             string
	SessionID      string
	Position       int
	Title          string
	Presenter      string
	Kind           ItemKind
	PlannedMinutes int
	Notes          string
	PinnedStart    string // HH:MM: the item is fixed to this clock time; empty if floating
	Skipped        bool
	Clock          Clock
}

// Gender of a participant, as the organiser reports it.
type Gender string

// The gender vocabulary.
const (
	GenderFemale    Gender = "female"
	GenderMale      Gender = "male"
	GenderNotStated Gender = ""
)

// Genders lists the choices in form order.
var Genders = []Gender{GenderFemale, GenderMale, GenderNotStated}

// ParseGender reads the many ways a roster spells gender (М/Ж, M/F, male/female...).
func ParseGender(s string) (Gender, bool) {
	switch Fold(s) {
	case "f", "female", "woman", "w", "j", "jen", "jenskii", "jenshina", "zh", "ai", "aiel":
		return GenderFemale, true
	case "m", "male", "man", "mujskoi", "mujchina", "er", "erkek":
		return GenderMale, true
	case "", "-", "na", "n/a", "not stated", "unknown", "other", "x":
		return GenderNotStated, true
	}
	return GenderNotStated, false
}

// Label is the human word for a gender.
func (g Gender) Label() string {
	if g == GenderNotStated {
		return "not stated"
	}
	return string(g)
}

// Categories are the sectors the organiser reports attendance by.
var Categories = []string{
	"government", "law enforcement", "judiciary", "prosecution", "academia",
	"civil society", "media", "international organization",
}

// Source says how a participant came to be registered.
type Source string

// Participant sources.
const (
	SourceImported Source = "imported"
	SourceWalkIn   Source = "walk-in"
	SourceManual   Source = "manual"
	SourceDemo     Source = "demo"
)

// Participant is a person registered for an event.
type Participant struct {
	ID           string
	EventID      string
	FullName     string
	Organisation string
	Position     string
	Category     string
	Gender       Gender
	Phone        string
	Email        string
	Notes        string
	Source       Source
}

// CheckInAction is what a check-in row records: arrival or its undoing.
type CheckInAction string

// Check-in actions; rows are append-only and the latest row per person and
// session says whether they are here.
const (
	ActionIn   CheckInAction = "in"
	ActionUndo CheckInAction = "undo"
)

// CheckIn is one append-only row of the check-in log.
type CheckIn struct {
	ID            string
	ParticipantID string
	SessionID     string
	At            time.Time
	Action        CheckInAction
	Desk          string
}

// TopicStatus is where a discussion topic stands.
type TopicStatus string

// Topic statuses.
const (
	TopicProposed   TopicStatus = "proposed"
	TopicDiscussing TopicStatus = "discussing"
	TopicDone       TopicStatus = "done"
	TopicParked     TopicStatus = "parked"
)

// RaisedBy says who raised a topic.
type RaisedBy string

// Who raised a topic: a participant, the floor, or an anonymous person.
const (
	RaisedByParticipant RaisedBy = "participant"
	RaisedByFloor       RaisedBy = "floor"
	RaisedByAnonymous   RaisedBy = "anonymous"
)

// Topic is a question raised in the room for discussion.
type Topic struct {
	ID              string
	EventID         string
	SessionID       string
	Title           string
	Details         string
	RaisedBy        RaisedBy
	ParticipantID   string // when RaisedBy is RaisedByParticipant
	ParticipantName string // filled by queries, not stored
	Status          TopicStatus
	Votes           int
	TimeboxMinutes  int
	Notes           string
	Outcome         string
	Clock           Clock
	CreatedAt       time.Time
}

// ActionItem is a follow-up recorded when a topic is closed.
type ActionItem struct {
	ID      string
	TopicID string
	What    string
	Who     string
	Due     string
}
