package model

import "time"

// UndoDomain says what a clock undo entry acted on.
type UndoDomain string

// The two clocks an undo entry can concern.
const (
	UndoAgenda UndoDomain = "agenda" // an agenda item's clock (and skip)
	UndoTopic  UndoDomain = "topic"  // a topic's timebox and status
)

// ClockUndo describes one entry of an event's clock undo log: a clock
// action a desk did. In a change returned by Store.UndoClock it is the
// action that was undone; it is zero in every other change.
type ClockUndo struct {
	Desk      string
	At        time.Time // when the action was done
	Domain    UndoDomain
	SessionID string // for an agenda action
	SubjectID string // the agenda item or topic acted on
	Title     string // its title when the action was done
	Action    string // one of the names AgendaActionName and TopicActionName give
}

// IsZero says whether u describes no entry.
func (u ClockUndo) IsZero() bool { return u.Action == "" }

// AgendaActionName names an agenda clock action as the undo log records
// it: start, restart (a finished item started again), pause, resume, next,
// extend, shorten, skip, unskip, reset or finish. before is the item acted
// on as it was before the action (for next, extend and finish: the active
// item, if any).
func AgendaActionName(act AgendaAction, d time.Duration, before AgendaItem) string {
	switch act {
	case ActToggle:
		switch before.Clock.State() {
		case ClockRunning:
			return "pause" //i18n:key
		case ClockPaused:
			return "resume" //i18n:key
		case ClockDone:
			return "restart" //i18n:key
		default: // ClockIdle: never started
			return "start" //i18n:key
		}
	case ActNext:
		return "next" //i18n:key
	case ActExtend:
		if d < 0 {
			return "shorten" //i18n:key
		}
		return "extend" //i18n:key
	case ActSkip:
		if before.Skipped {
			return "unskip" //i18n:key
		}
		return "skip" //i18n:key
	case ActReset:
		return "reset" //i18n:key
	case ActFinish:
		return "finish" //i18n:key
	}
	return "clock" //i18n:key
}

// TopicActionName names a topic action as the undo log records it:
// discuss, resume (a paused discussion), pause, extend, close, park or
// reopen. before is the topic as it was before the action.
func TopicActionName(act TopicAction, before Topic) string {
	switch act {
	case TopicDiscuss:
		if before.Status == TopicDiscussing && before.Clock.State() == ClockPaused {
			return "resume" //i18n:key
		}
		return "discuss" //i18n:key
	case TopicPause:
		return "pause" //i18n:key
	case TopicExtend:
		return "extend" //i18n:key
	case TopicClose:
		return "close" //i18n:key
	case TopicPark:
		return "park" //i18n:key
	case TopicReopen:
		return "reopen" //i18n:key
	}
	return "clock" //i18n:key
}
