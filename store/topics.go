package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"convene/model"
)

const topicsQuery = "SELECT " + topicColumns + ` FROM topics t LEFT JOIN participants p ON p.id = t.participant_id
	WHERE t.event_id = ? AND t.merged_into IS NULL ORDER BY t.created_at, t.id`

func topicsTx(ctx context.Context, tx *sql.Tx, eventID string) ([]model.Topic, error) {
	return queryAll(ctx, tx, scanTopic, topicsQuery, eventID)
}

func saveTopicState(ctx context.Context, tx *sql.Tx, t model.Topic) error {
	_, err := tx.ExecContext(ctx, `UPDATE topics SET status = ?, extra_seconds = ?, started_at = ?, paused_at = ?, paused_seconds = ?, ended_at = ? WHERE id = ?`,
		string(t.Status), int64(t.Clock.Extra/time.Second), nullTS(t.Clock.StartedAt), nullTS(t.Clock.PausedAt), t.Clock.PausedFor.Seconds(), nullTS(t.Clock.EndedAt), t.ID)
	return err
}

func checkTopic(t model.Topic) error {
	if clean(t.Title) == "" {
		return fmt.Errorf("a topic needs a title: %w", ErrInvalid)
	}
	if t.TimeboxMinutes < 1 || t.TimeboxMinutes > 600 {
		return fmt.Errorf("the timebox must be 1–600 minutes: %w", ErrInvalid)
	}
	switch t.RaisedBy {
	case model.RaisedByParticipant:
		if t.ParticipantID == "" {
			return fmt.Errorf("raised by a participant, but none chosen: %w", ErrInvalid)
		}
	case model.RaisedByFloor, model.RaisedByAnonymous:
	default:
		return fmt.Errorf("raised by %q: %w", t.RaisedBy, ErrInvalid)
	}
	return nil
}

// AddTopic records a topic raised in the room.
func (s *Store) AddTopic(ctx context.Context, t model.Topic) (model.Topic, error) {
	if t.TimeboxMinutes == 0 {
		t.TimeboxMinutes = model.DefaultTimebox
	}
	if t.RaisedBy == "" {
		t.RaisedBy = model.RaisedByFloor
	}
	if err := checkTopic(t); err != nil {
		return t, fmt.Errorf("add topic: %w", err)
	}
	if t.RaisedBy != model.RaisedByParticipant {
		t.ParticipantID = "" // an anonymous topic keeps no name
	}
	t.ID, t.Status, t.Votes, t.CreatedAt = newID(), model.TopicProposed, max(0, t.Votes), s.now().UTC()
	t.Clock = model.Clock{Planned: time.Duration(t.TimeboxMinutes) * time.Minute}
	err := s.write(ctx, func(tx *sql.Tx) error { return insertTopic(ctx, tx, t) })
	if err != nil {
		return t, fmt.Errorf("add topic: %w", err)
	}
	return t, nil
}

// UpdateTopic saves a topic's title, details, who raised it, timebox,
// notes and outcome (not its status, votes or clock).
func (s *Store) UpdateTopic(ctx context.Context, t model.Topic) error {
	if err := checkTopic(t); err != nil {
		return fmt.Errorf("update topic: %w", err)
	}
	var pid any
	if t.RaisedBy == model.RaisedByParticipant {
		pid = t.ParticipantID
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		return execOne(ctx, tx, `UPDATE topics SET title = ?, details = ?, raised_by = ?, participant_id = ?, timebox_minutes = ?, notes = ?, outcome = ? WHERE id = ?`,
			clean(t.Title), model.SanitizeText(t.Details), string(t.RaisedBy), pid, t.TimeboxMinutes, model.SanitizeText(t.Notes), model.SanitizeText(t.Outcome), t.ID)
	})
	if err != nil {
		return fmt.Errorf("update topic: %w", err)
	}
	return nil
}

// SaveNotes stores a topic's discussion notes.
func (s *Store) SaveNotes(ctx context.Context, id, notes string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		return execOne(ctx, tx, "UPDATE topics SET notes = ? WHERE id = ?", model.SanitizeText(notes), id)
	})
	if err != nil {
		return fmt.Errorf("save notes: %w", err)
	}
	return nil
}

// DeleteTopic removes a topic and its action items.
func (s *Store) DeleteTopic(ctx context.Context, id string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		return execOne(ctx, tx, "DELETE FROM topics WHERE id = ?", id)
	})
	if err != nil {
		return fmt.Errorf("delete topic: %w", err)
	}
	return nil
}

// VoteTopic adds delta votes (never below zero) and returns the new count.
func (s *Store) VoteTopic(ctx context.Context, id string, delta int) (int, error) {
	var votes int
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT votes FROM topics WHERE id = ? AND merged_into IS NULL", id).Scan(&votes); err != nil {
			return err
		}
		votes = model.Vote(votes, delta)
		_, err := tx.ExecContext(ctx, "UPDATE topics SET votes = ? WHERE id = ?", votes, id)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("vote: %w", err)
	}
	return votes, nil
}

// TopicAct applies a status/clock action to a topic of an event in one
// transaction and returns the event's topics as they now are.
func (s *Store) TopicAct(ctx context.Context, eventID, id string, act model.TopicAction, d time.Duration) ([]model.Topic, error) {
	var topics []model.Topic
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		topics, err = s.topicActTx(ctx, tx, eventID, id, act, d)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("topic: %w", err)
	}
	return topics, nil
}

// topicActTx applies a topic action inside a transaction and saves what changed.
func (s *Store) topicActTx(ctx context.Context, tx *sql.Tx, eventID, id string, act model.TopicAction, d time.Duration) ([]model.Topic, error) {
	topics, err := topicsTx(ctx, tx, eventID)
	if err != nil {
		return nil, err
	}
	sel := slices.IndexFunc(topics, func(t model.Topic) bool { return t.ID == id })
	if sel < 0 {
		return nil, fmt.Errorf("topic %s: %w", id, ErrNotFound)
	}
	changed, err := model.ApplyTopic(topics, sel, act, d, s.now().UTC())
	if err != nil {
		return nil, err
	}
	for _, i := range changed {
		if err := saveTopicState(ctx, tx, topics[i]); err != nil {
			return nil, err
		}
	}
	return topics, nil
}

// CloseTopic marks a topic done with its outcome and action items, in one
// transaction (the action items are added to any it already has).
func (s *Store) CloseTopic(ctx context.Context, eventID, id, outcome string, actions []model.ActionItem) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		// close it (a topic already done keeps its times: only the outcome and actions change)
		if _, err := s.topicActTx(ctx, tx, eventID, id, model.TopicClose, 0); err != nil && !errors.Is(err, model.ErrClockState) {
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
		return nil
	})
	if err != nil {
		return fmt.Errorf("close topic: %w", err)
	}
	return nil
}

// MergeTopics merges topic other into keep: the votes add up, the other's
// title, details and notes go into keep's details, and other is hidden
// (kept, marked as merged, so nothing is lost).
func (s *Store) MergeTopics(ctx context.Context, keepID, otherID string) (model.Topic, error) {
	if keepID == otherID {
		return model.Topic{}, fmt.Errorf("merge: a topic cannot be merged into itself: %w", ErrInvalid)
	}
	var keep model.Topic
	err := s.write(ctx, func(tx *sql.Tx) error {
		get := func(id string) (model.Topic, error) {
			return scanTopic(tx.QueryRowContext(ctx, "SELECT "+topicColumns+` FROM topics t LEFT JOIN participants p ON p.id = t.participant_id WHERE t.id = ? AND t.merged_into IS NULL`, id))
		}
		var err error
		if keep, err = get(keepID); err != nil {
			return err
		}
		other, err := get(otherID)
		if err != nil {
			return err
		}
		if other.Status == model.TopicDiscussing {
			return fmt.Errorf("%q is being discussed: close or park it first: %w", other.Title, ErrInvalid)
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
		return keep, fmt.Errorf("merge: %w", err)
	}
	return keep, nil
}

// Actions returns the action items of an event's topics, by topic ID.
func (s *Store) Actions(ctx context.Context, eventID string) (map[string][]model.ActionItem, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, a.topic_id, a.what, a.who, a.due FROM topic_actions a JOIN topics t ON t.id = a.topic_id
		WHERE t.event_id = ? ORDER BY a.topic_id, a.position`, eventID)
	if err != nil {
		return nil, fmt.Errorf("actions: %w", mapErr(err))
	}
	defer rows.Close()
	out := map[string][]model.ActionItem{}
	for rows.Next() {
		var a model.ActionItem
		if err := rows.Scan(&a.ID, &a.TopicID, &a.What, &a.Who, &a.Due); err != nil {
			return nil, mapErr(err)
		}
		out[a.TopicID] = append(out[a.TopicID], a)
	}
	return out, mapErr(rows.Err())
}
