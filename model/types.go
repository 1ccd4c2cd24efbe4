// Package model holds convene's domain types and pure logic: no terminal,
// no database. Everything here is deterministic given its inputs.
package model

import (
	"strings"
	"time"
)

// Event is a seminar or conference; it owns sessions, participants and topics.
type Event struct {
	ID        string
	Name      string
	Venue     string
	StartDate string // YYYY-MM-DD, may be empty
	EndDate   string // YYYY-MM-DD, may be empty
	// Zone is the event's time zone (IANA, e.g. Asia/Almaty): its times
	// are shown and exported in it. Empty: the laptop's own.
	Zone string
}

// DefaultZone is the time zone a new event gets unless told otherwise:
// all of Kazakhstan is on UTC+5 since 1 March 2024 (tzdata 2024a).
const DefaultZone = "Asia/Almaty"

// Location is the event's time zone (the laptop's own when none is set,
// or when it cannot be loaded).
func (e Event) Location() *time.Location {
	if e.Zone == "" {
		return time.Local
	}
	if loc, err := time.LoadLocation(e.Zone); err == nil {
		return loc
	}
	return time.Local
}

// CheckZone says whether zone names a time zone convene knows.
func CheckZone(zone string) error {
	if zone == "" {
		return nil
	}
	_, err := time.LoadLocation(zone)
	return err
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
//
//i18n:key
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

// kindWords maps folded spellings (English, Russian, Kazakh) to item kinds.
var kindWords = func() map[string]ItemKind {
	m := map[string]ItemKind{}
	for k, words := range map[ItemKind][]string{
		KindTalk:       {"talk", "lecture", "presentation", "speech", "keynote", "доклад", "лекция", "выступление", "презентация", "баяндама", "дәріс", "сөз сөйлеу"},
		KindPanel:      {"panel", "panel discussion", "панель", "панельная дискуссия", "панельдік талқылау"},
		KindDiscussion: {"discussion", "debate", "q&a", "questions", "дискуссия", "обсуждение", "дебаты", "вопросы", "талқылау", "пікірталас", "сұрақ-жауап"},
		KindGroupWork:  {"group work", "groupwork", "workshop", "groups", "работа в группах", "в группах", "групповая работа", "тренинг", "топтық жұмыс", "топтарда жұмыс"},
		KindBreak:      {"break", "coffee", "coffee break", "tea break", "registration", "перерыв", "кофе-брейк", "кофе брейк", "регистрация", "үзіліс", "тіркеу"},
		KindMeal:       {"meal", "lunch", "dinner", "breakfast", "питание", "обед", "ужин", "завтрак", "тамақтану", "түскі ас", "кешкі ас", "таңғы ас"},
		KindOther:      {"other", "opening", "closing", "другое", "открытие", "закрытие", "басқа", "ашылу", "жабылу"},
	} {
		for _, w := range words {
			m[Fold(w)] = k
		}
	}
	return m
}()

// ParseItemKind maps a free-text kind (English or Russian) to a known one;
// ok is false for an unknown non-empty kind (which maps to KindOther).
func ParseItemKind(s string) (ItemKind, bool) {
	if k, ok := kindWords[Fold(s)]; ok {
		return k, true
	}
	return KindOther, Fold(s) == ""
}

// kindHints are words inside titles that give an item's kind, in the order
// they are tried (the first kind with a match wins, so "Lunch break" is a
// meal and "Panel discussion" a panel). A word ending in * matches any word
// it begins ("обед*" matches «Обеденный»); the others match whole words, and
// a phrase matches its words in a row.
var kindHints = []struct {
	kind  ItemKind
	words []string
}{
	{KindGroupWork, []string{"group*", "breakout*", "workshop*", "групп*", "работа в групп*", "тренинг*", "воркшоп*", "топтық*", "топтарда*", "топпен жұмыс"}},
	{KindMeal, []string{"lunch*", "dinner*", "breakfast*", "meal*", "обед*", "ужин*", "завтрак*", "түскі ас*", "кешкі ас*", "таңғы ас*"}},
	{KindBreak, []string{"break*", "coffee*", "tea", "registration*", "перерыв*", "кофе*", "чай", "регистрац*", "үзіліс*", "тіркеу*", "тіркел*"}},
	{KindPanel, []string{"panel*", "панел*", "панельдік*"}},
	{KindDiscussion, []string{"discussion*", "debate*", "q a", "questions and answers", "дискусс*", "обсужден*", "дебат*", "вопросы и ответы", "вопросы ответы", "талқыла*", "пікірталас*", "сұрақ*"}},
	{KindOther, []string{"opening*", "closing*", "welcome*", "wrap up", "открытие*", "закрытие*", "приветств*", "подведение итогов", "ашылу*", "жабылу*", "қорытынды*"}},
	{KindTalk, []string{"talk*", "lecture*", "presentation*", "speech*", "keynote*", "доклад*", "лекци*", "выступлен*", "презентац*", "баяндама*", "дәріс*"}},
}

// kindPatterns are kindHints folded: per kind, each phrase as words, and
// whether its last word is a prefix.
var kindPatterns = func() []struct {
	kind    ItemKind
	phrases [][]string
	prefix  []bool
} {
	out := make([]struct {
		kind    ItemKind
		phrases [][]string
		prefix  []bool
	}, len(kindHints))
	for i, h := range kindHints {
		out[i].kind = h.kind
		for _, w := range h.words {
			stem := strings.HasSuffix(w, "*")
			out[i].phrases = append(out[i].phrases, FoldWords(strings.TrimSuffix(w, "*")))
			out[i].prefix = append(out[i].prefix, stem)
		}
	}
	return out
}()

// GuessItemKind guesses an agenda item's kind from words in its title, in
// English, Russian or Kazakh: «Кофе-брейк», "Lunch", «Работа в группах по
// кейсам», «Открытая дискуссия», «Түскі ас». A title that is exactly a kind
// word (see ParseItemKind) is that kind; ok is false when nothing in the
// title says.
func GuessItemKind(title string) (ItemKind, bool) {
	if k, ok := kindWords[Fold(title)]; ok {
		return k, true
	}
	words := FoldWords(title)
	for _, p := range kindPatterns {
		for i, phrase := range p.phrases {
			if containsPhrase(words, phrase, p.prefix[i]) {
				return p.kind, true
			}
		}
	}
	return KindTalk, false
}

// containsPhrase reports whether words holds phrase's words in a row (the
// last one as a prefix when prefix is set).
func containsPhrase(words, phrase []string, prefix bool) bool {
	if len(phrase) == 0 {
		return false
	}
	last := len(phrase) - 1
	for i := 0; i+last < len(words); i++ {
		ok := true
		for j, w := range phrase {
			got := words[i+j]
			if j == last && prefix {
				ok = strings.HasPrefix(got, w)
			} else {
				ok = got == w
			}
			if !ok {
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
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

// genderWords maps the folded spellings of gender found in rosters.
var genderWords = func() map[string]Gender {
	m := map[string]Gender{}
	for g, words := range map[Gender][]string{
		GenderFemale:    {"F", "Female", "Woman", "W", "Ж", "Жен", "Женский", "Женщина", "Ә", "Әйел", "Kobieta"},
		GenderMale:      {"M", "Male", "Man", "М", "Муж", "Мужской", "Мужчина", "Е", "Ер", "Еркек"},
		GenderNotStated: {"", "-", "N/A", "NA", "Not stated", "Unknown", "Other", "X", "Не указан", "Другое", "Көрсетілмеген"},
	} {
		for _, w := range words {
			m[Fold(w)] = g
		}
	}
	return m
}()

// ParseGender reads the many ways a roster spells gender (М/Ж, M/F,
// male/female, in any case or script); ok is false when it cannot tell.
func ParseGender(s string) (Gender, bool) {
	g, ok := genderWords[Fold(s)]
	return g, ok
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

// Participant is a person registered for an event. FullName is the name as
// shown and searched; Surname, GivenName and Patronymic are its parts
// (see NameParts), kept when a roster has them in separate columns and
// otherwise worked out from FullName (FixNameParts).
type Participant struct {
	ID           string
	EventID      string
	FullName     string
	Surname      string
	GivenName    string
	Patronymic   string
	Organisation string
	Position     string
	Category     string
	Gender       Gender
	Phone        string
	Email        string
	Notes        string
	Source       Source
	Consent      Consent // to have their contacts shared with others
	Pseudonym    int     // their number in the event (P-0001), given by the store
}

// CheckInAction is what a check-in row records: arrival or its undoing.
type CheckInAction string

// Check-in actions; rows are append-only and the latest row per person and
// session says whether they are here.
const (
	ActionIn   CheckInAction = "in"
	ActionUndo CheckInAction = "undo"
)

// CheckInSource says how a check-in reached the database.
type CheckInSource string

// Check-in sources: made at the desk as the person arrived, or typed in
// later from a signed paper sheet (in the app's "from paper" mode or with
// `convene import checkins`).
//
//i18n:key
const (
	FromDesk  CheckInSource = "desk"
	FromPaper CheckInSource = "paper"
)

// CheckIn is one append-only row of the check-in log.
type CheckIn struct {
	ID            string
	ParticipantID string
	SessionID     string
	At            time.Time
	Action        CheckInAction
	Desk          string
	Source        CheckInSource // FromDesk when empty
	// Unchecked marks the rows of an un-check and of its undoing: on an
	// undo row, a deliberate un-check (not a ctrl+z taking a check-in
	// back), which the desk's ctrl+z can give back; on an arrival, one
	// given back so, which a later ctrl+z does not take back again (it
	// goes on to the desk's action before).
	Unchecked bool
}

// TopicStatus is where a discussion topic stands.
type TopicStatus string

// Topic statuses.
//
//i18n:key
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
