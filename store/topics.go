package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"convene/model"
)

const topicColumns = `t.id, t.event_id, coalesce(t.session_id, ''), t.title, t.details, t.raised_by, coalesce(t.participant_id, ''),
	coalesce(p.full_name, ''), t.status, t.votes, t.timebox_minutes, t.notes, t.outcome, t.extra_seconds, t.started_at, t.paused_at,
	t.paused_seconds, t.ended_at, t.created_at`

const topicsQuery = "SELECT " + topicColumns + ` FROM topics t LEFT JOIN participants p ON p.id = t.participant_id
	WHERE t.event_id = ? AND t.merged_into IS NULL ORDER BY t.created_at, t.id`

func scanTopic(sc scanner) (model.Topic, error) {
	var t model.Topic
	var by, status string
	var extra int64
	var paused float64
	var st, pa, en, cr sql.NullString
	err := sc.Scan(&t.ID, &t.EventID, &t.SessionID, &t.Title, &t.Details, &by, &t.ParticipantID, &t.ParticipantName,
		&status, &t.Votes, &t.TimeboxMinutes, &t.Notes, &t.Outcome, &extra, &st, &pa, &paused, &en, &cr)
	t.RaisedBy, t.Status = model.RaisedBy(by), model.TopicStatus(status)
	t.CreatedAt = parseTS(cr)
	t.Clock = model.Clock{
		Planned: time.Duration(t.TimeboxMinutes) * time.Minute, Extra: time.Duration(extra) * time.Second,
		StartedAt: parseTS(st), PausedAt: parseTS(pa), PausedFor: time.Duration(paused * float64(time.Second)), EndedAt: parseTS(en),
	}
	return t, err
}

func topics(ctx context.Context, q querier, eventID string) ([]model.Topic, error) {
	return queryAll(ctx, q, scanTopic, topicsQuery, eventID)
}

// Topics lists an event's topics (merged ones excluded), in the order raised.
func (s *Store) Topics(ctx context.Context, eventID string) ([]model.Topic, error) {
	ts, err := topics(ctx, s.r, eventID)
	if err != nil {
		return nil, errorf("list topics: %w", mapErr(err))
	}
	return ts, nil
}

func actions(ctx context.Context, q querier, eventID string) (map[string][]model.ActionItem, error) {
	list, err := queryAll(ctx, q, func(sc scanner) (model.ActionItem, error) {
		var a model.ActionItem
		err := sc.Scan(&a.ID, &a.TopicID, &a.What, &a.Who, &a.Due)
		return a, err
	}, `SELECT a.id, a.topic_id, a.what, a.who, a.due FROM topic_actions a JOIN topics t ON t.id = a.topic_id
		WHERE t.event_id = ? ORDER BY a.topic_id, a.position`, eventID)
	if err != nil {
		return nil, err
	}
	out := map[string][]model.ActionItem{}
	for _, a := range list {
		out[a.TopicID] = append(out[a.TopicID], a)
	}
	return out, nil
}

// Actions returns the action items of an event's topics, by topic ID.
func (s *Store) Actions(ctx context.Context, eventID string) (map[string][]model.ActionItem, error) {
	out, err := actions(ctx, s.r, eventID)
	if err != nil {
		return nil, errorf("actions: %w", mapErr(err))
	}
	return out, nil
}

func topicSet(ctx context.Context, q querier, eventID string) (model.TopicSet, error) {
	var set model.TopicSet
	var err error
	if set.Topics, err = topics(ctx, q, eventID); err != nil {
		return set, err
	}
	set.Actions, err = actions(ctx, q, eventID)
	return set, err
}

// TopicsWithActions returns an event's topics (merged ones excluded, in the
// order raised) and their action items, read at one moment.
func (s *Store) TopicsWithActions(ctx context.Context, eventID string) (model.TopicSet, error) {
	var set model.TopicSet
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		set, err = topicSet(ctx, tx, eventID)
		return err
	})
	if err != nil {
		return model.TopicSet{}, errorf("list topics: %w", err)
	}
	return set, nil
}

// topicsChanged reads an event's topics and actions after a change, in the
// same transaction.
func topicsChanged(ctx context.Context, tx *sql.Tx, eventID, topicID string) (model.TopicsChanged, error) {
	set, err := topicSet(ctx, tx, eventID)
	return model.TopicsChanged{EventID: eventID, TopicSet: set, TopicID: topicID}, err
}

// topicEvent returns the event of a topic.
func topicEvent(ctx context.Context, tx *sql.Tx, id string) (string, error) {
	var eid string
	err := tx.QueryRowContext(ctx, "SELECT event_id FROM topics WHERE id = ?", id).Scan(&eid)
	return eid, err
}

func insertTopic(ctx context.Context, tx *sql.Tx, t model.Topic) error {
	var pid any
	if t.ParticipantID != "" {
		pid = t.ParticipantID
	}
	var sid any
	if t.SessionID != "" {
		sid = t.SessionID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO topics(id, event_id, session_id, title, details, raised_by, participant_id, status, votes, timebox_minutes,
		notes, outcome, extra_seconds, started_at, paused_at, paused_seconds, ended_at, created_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		t.ID, t.EventID, sid, clean(t.Title), model.SanitizeText(t.Details), string(t.RaisedBy), pid, string(t.Status), t.Votes, t.TimeboxMinutes,
		model.SanitizeText(t.Notes), model.SanitizeText(t.Outcome), int64(t.Clock.Extra/time.Second),
		nullTS(t.Clock.StartedAt), nullTS(t.Clock.PausedAt), t.Clock.PausedFor.Seconds(), nullTS(t.Clock.EndedAt), ts(t.CreatedAt))
	return err
}

func saveTopicState(ctx context.Context, tx *sql.Tx, t model.Topic) error {
	_, err := tx.ExecContext(ctx, `UPDATE topics SET status = ?, extra_seconds = ?, started_at = ?, paused_at = ?, paused_seconds = ?, ended_at = ? WHERE id = ?`,
		string(t.Status), int64(t.Clock.Extra/time.Second), nullTS(t.Clock.StartedAt), nullTS(t.Clock.PausedAt), t.Clock.PausedFor.Seconds(), nullTS(t.Clock.EndedAt), t.ID)
	return err
}

func checkTopic(t model.Topic) error {
	if clean(t.Title) == "" {
		return errorf("a topic needs a title: %w", ErrInvalid)
	}
	if t.TimeboxMinutes < 1 || t.TimeboxMinutes > 600 {
		return errorf("the timebox must be 1–600 minutes: %w", ErrInvalid)
	}
	switch t.RaisedBy {
	case model.RaisedByParticipant:
		if t.ParticipantID == "" {
			return errorf("raised by a participant, but none chosen: %w", ErrInvalid)
		}
	case model.RaisedByFloor, model.RaisedByAnonymous:
	default:
		return errorf("raised by %q: %w", t.RaisedBy, ErrInvalid)
	}
	return nil
}

// AddTopic records a topic raised in the room; the change's Changed() is
// the new topic.
func (s *Store) AddTopic(ctx context.Context, t model.Topic) (model.TopicsChanged, error) {
	release, denied := s.begin(OpTopics)
	if denied != nil {
		return model.TopicsChanged{}, denied
	}
	defer release()
	var ch model.TopicsChanged
	if t.TimeboxMinutes == 0 {
		t.TimeboxMinutes = model.DefaultTimebox
	}
	if t.RaisedBy == "" {
		t.RaisedBy = model.RaisedByFloor
	}
	if err := checkTopic(t); err != nil {
		return model.TopicsChanged{}, errorf("add topic: %w", err)
	}
	if t.RaisedBy != model.RaisedByParticipant {
		t.ParticipantID = "" // an anonymous topic keeps no name
	}
	t.ID, t.Status, t.Votes, t.CreatedAt = newID(), model.TopicProposed, max(0, t.Votes), s.now().UTC()
	t.Clock = model.Clock{Planned: time.Duration(t.TimeboxMinutes) * time.Minute}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := insertTopic(ctx, tx, t); err != nil {
			return err
		}
		var err error
		ch, err = topicsChanged(ctx, tx, t.EventID, t.ID)
		return err
	})
	if err != nil {
		return model.TopicsChanged{}, errorf("add topic: %w", err)
	}
	return ch, nil
}

// editTopic runs a change to one topic and returns the event's topics after it.
func (s *Store) editTopic(ctx context.Context, id, changedID string, fn func(tx *sql.Tx) error) (model.TopicsChanged, error) {
	var ch model.TopicsChanged
	err := s.write(ctx, func(tx *sql.Tx) error {
		eid, err := topicEvent(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		ch, err = topicsChanged(ctx, tx, eid, changedID)
		return err
	})
	if err != nil {
		return model.TopicsChanged{}, err
	}
	return ch, nil
}

// UpdateTopic saves a topic's title, details, who raised it, timebox,
// notes and outcome (not its status, votes or clock).
func (s *Store) UpdateTopic(ctx context.Context, t model.Topic) (model.TopicsChanged, error) {
	release, denied := s.begin(OpTopics)
	if denied != nil {
		return model.TopicsChanged{}, denied
	}
	defer release()
	if err := checkTopic(t); err != nil {
		return model.TopicsChanged{}, errorf("update topic: %w", err)
	}
	var pid any
	if t.RaisedBy == model.RaisedByParticipant {
		pid = t.ParticipantID
	}
	ch, err := s.editTopic(ctx, t.ID, t.ID, func(tx *sql.Tx) error {
		return execOne(ctx, tx, `UPDATE topics SET title = ?, details = ?, raised_by = ?, participant_id = ?, timebox_minutes = ?, notes = ?, outcome = ? WHERE id = ?`,
			clean(t.Title), model.SanitizeText(t.Details), string(t.RaisedBy), pid, t.TimeboxMinutes, model.SanitizeText(t.Notes), model.SanitizeText(t.Outcome), t.ID)
	})
	if err != nil {
		return model.TopicsChanged{}, errorf("update topic: %w", err)
	}
	return ch, nil
}

// SaveNotes stores a topic's discussion notes.
func (s *Store) SaveNotes(ctx context.Context, id, notes string) (model.TopicsChanged, error) {
	release, denied := s.begin(OpTopics)
	if denied != nil {
		return model.TopicsChanged{}, denied
	}
	defer release()
	ch, err := s.editTopic(ctx, id, id, func(tx *sql.Tx) error {
		return execOne(ctx, tx, "UPDATE topics SET notes = ? WHERE id = ?", model.SanitizeText(notes), id)
	})
	if err != nil {
		return model.TopicsChanged{}, errorf("save notes: %w", err)
	}
	return ch, nil
}

// DeleteTopic removes a topic and its action items.
func (s *Store) DeleteTopic(ctx context.Context, id string) (model.TopicsChanged, error) {
	release, denied := s.begin(OpTopics)
	if denied != nil {
		return model.TopicsChanged{}, denied
	}
	defer release()
	ch, err := s.editTopic(ctx, id, "", func(tx *sql.Tx) error {
		return execOne(ctx, tx, "DELETE FROM topics WHERE id = ?", id)
	})
	if err != nil {
		return model.TopicsChanged{}, errorf("delete topic: %w", err)
	}
	return ch, nil
}

// VoteTopic adds delta votes (never below zero); the change's Changed()
// has the new count.
func (s *Store) VoteTopic(ctx context.Context, id string, delta int) (model.TopicsChanged, error) {
	release, denied := s.begin(OpTopics)
	if denied != nil {
		return model.TopicsChanged{}, denied
	}
	defer release()
	ch, err := s.editTopic(ctx, id, id, func(tx *sql.Tx) error {
		var votes int
		if err := tx.QueryRowContext(ctx, "SELECT votes FROM topics WHERE id = ? AND merged_into IS NULL", id).Scan(&votes); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE topics SET votes = ? WHERE id = ?", model.Vote(votes, delta), id)
		return err
	})
	if err != nil {
		return model.TopicsChanged{}, errorf("vote: %w", err)
	}
	return ch, nil
}

// TopicAct applies a status/clock action to a topic of an event in one
// transaction and returns the event's topics as they now are. desk is who
// acted: the action is written to the event's clock undo log (see
// UndoClock) in the same transaction.
func (s *Store) TopicAct(ctx context.Context, eventID, id string, act model.TopicAction, d time.Duration, desk string) (model.TopicsChanged, error) {
	release, denied := s.begin(OpTopics)
	if denied != nil {
		return model.TopicsChanged{}, denied
	}
	defer release()
	var ch model.TopicsChanged
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := s.topicActTx(ctx, tx, eventID, id, act, d, desk, true); err != nil {
			return err
		}
		var err error
		ch, err = topicsChanged(ctx, tx, eventID, id)
		return err
	})
	if err != nil {
		return model.TopicsChanged{}, errorf("topic: %w", err)
	}
	return ch, nil
}

// topicActTx applies a topic action inside a transaction and saves what
// changed; with logged, it writes the clock undo entry for desk.
func (s *Store) topicActTx(ctx context.Context, tx *sql.Tx, eventID, id string, act model.TopicAction, d time.Duration, desk string, logged bool) error {
	list, err := topics(ctx, tx, eventID)
	if err != nil {
		return err
	}
	sel := slices.IndexFunc(list, func(t model.Topic) bool { return t.ID == id })
	if sel < 0 {
		return errorf("topic %s: %w", id, ErrNotFound)
	}
	before := list[sel]
	now := s.now().UTC()
	changed, err := model.ApplyTopic(list, sel, act, d, now)
	if err != nil {
		return err
	}
	after := func() error { return nil }
	if logged && len(changed) > 0 {
		var rows []string
		for _, i := range changed {
			rows = append(rows, list[i].ID)
		}
		entry := model.ClockUndo{Desk: desk, At: now, Domain: model.UndoTopic, SubjectID: id, Title: before.Title,
			Action: model.TopicActionName(act, before)}
		if after, err = logClock(ctx, tx, eventID, entry, rows); err != nil {
			return err
		}
	}
	for _, i := range changed {
		if err := saveTopicState(ctx, tx, list[i]); err != nil {
			return err
		}
	}
	return after()
}

// CloseTopic marks a topic done with its outcome and action items, in one
// transaction (the action items are added to any it already has).
func (s *Store) CloseTopic(ctx context.Context, eventID, id, outcome string, actions []model.ActionItem) (model.TopicsChanged, error) {
	release, denied := s.begin(OpTopics)
	if denied != nil {
		return model.TopicsChanged{}, denied
	}
	defer release()
	var ch model.TopicsChanged
	err := s.write(ctx, func(tx *sql.Tx) error {
		// close it (a topic already done keeps its times: only the outcome and actions change)
		if err := s.topicActTx(ctx, tx, eventID, id, model.TopicClose, 0, "", false); err != nil && !errors.Is(err, model.ErrClockState) {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE topics SET outcome = ? WHERE id = ?", model.SanitizeText(outcome), id); err != nil {
			return err
		}
		var pos int
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(position), 0) FROM topic_actions WHERE topic_id = ?", id).Scan(&pos); err != nil {
			return err
		}
		for _, a := range actions {
			if clean(a.What) == "" {
				continue
			}
			pos++
			if _, err := tx.ExecContext(ctx, "INSERT INTO topic_actions(id, topic_id, what, who, due, position) VALUES(?,?,?,?,?,?)",
				newID(), id, clean(a.What), clean(a.Who), clean(a.Due), pos); err != nil {
				return err
			}
		}
		var err error
		ch, err = topicsChanged(ctx, tx, eventID, id)
		return err
	})
	if err != nil {
		return model.TopicsChanged{}, errorf("close topic: %w", err)
	}
	return ch, nil
}

// MergeTopics merges topic other into keep: the votes add up, the other's
// title, details and notes go into keep's details, and other is hidden
// (kept, marked as merged, so nothing is lost). The change's Changed() is
// the kept topic.
func (s *Store) MergeTopics(ctx context.Context, keepID, otherID string) (model.TopicsChanged, error) {
	release, denied := s.begin(OpTopics)
	if denied != nil {
		return model.TopicsChanged{}, denied
	}
	defer release()
	if keepID == otherID {
		return model.TopicsChanged{}, errorf("merge: a topic cannot be merged into itself: %w", ErrInvalid)
	}
	ch, err := s.editTopic(ctx, keepID, keepID, func(tx *sql.Tx) error {
		get := func(id string) (model.Topic, error) {
			return scanTopic(tx.QueryRowContext(ctx, "SELECT "+topicColumns+` FROM topics t LEFT JOIN participants p ON p.id = t.participant_id WHERE t.id = ? AND t.merged_into IS NULL`, id))
		}
		keep, err := get(keepID)
		if err != nil {
			return err
		}
		other, err := get(otherID)
		if err != nil {
			return err
		}
		if other.Status == model.TopicDiscussing {
			return errorf("%q is being discussed: close or park it first: %w", other.Title, ErrInvalid)
		}
		keep.Votes += other.Votes
		keep.Details = model.MergeText(keep, other)
		if _, err := tx.ExecContext(ctx, "UPDATE topics SET votes = ?, details = ? WHERE id = ?", keep.Votes, model.SanitizeText(keep.Details), keep.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE topic_actions SET topic_id = ? WHERE topic_id = ?", keep.ID, other.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE topics SET merged_into = ? WHERE id = ?", keep.ID, other.ID)
		return err
	})
	if err != nil {
		return model.TopicsChanged{}, errorf("merge: %w", err)
	}
	return ch, nil
}
