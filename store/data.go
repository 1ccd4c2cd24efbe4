package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"convene/model"
)

// LoadDataset writes a whole event (the demo, for instance) in one
// transaction and makes it current.
func (s *Store) LoadDataset(ctx context.Context, ds model.Dataset) error {
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := insertEvent(ctx, tx, ds.Event, now); err != nil {
			return err
		}
		for _, se := range ds.Sessions {
			if _, err := insertSession(ctx, tx, se, now); err != nil {
				return err
			}
		}
		for _, it := range ds.Items {
			if err := insertItem(ctx, tx, it); err != nil {
				return err
			}
		}
		for _, p := range ds.Participants {
			if err := insertParticipant(ctx, tx, p, now); err != nil {
				return err
			}
		}
		for _, c := range ds.CheckIns {
			if err := insertCheckIn(ctx, tx, c); err != nil {
				return err
			}
		}
		for _, t := range ds.Topics {
			if err := insertTopic(ctx, tx, t); err != nil {
				return err
			}
		}
		if err := setSetting(ctx, tx, SettingEvent, ds.Event.ID); err != nil {
			return err
		}
		if len(ds.Sessions) > 0 {
			return setSetting(ctx, tx, SettingSession, ds.Sessions[0].ID)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load event %q: %w", ds.Event.Name, err)
	}
	return nil
}

func insertParticipant(ctx context.Context, tx *sql.Tx, p model.Participant, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO participants(id, event_id, full_name, organisation, position, category, gender, phone, email, notes, source, created_at, updated_at)
		VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		p.ID, p.EventID, clean(p.FullName), clean(p.Organisation), clean(p.Position), clean(p.Category),
		string(p.Gender), clean(p.Phone), clean(p.Email), model.SanitizeText(p.Notes), string(p.Source), ts(now), ts(now))
	return err
}

func insertCheckIn(ctx context.Context, tx *sql.Tx, c model.CheckIn) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO checkins(id, participant_id, session_id, at, action, desk, seq)
		VALUES(?,?,?,?,?,?, (SELECT coalesce(max(seq), 0) + 1 FROM checkins))`,
		c.ID, c.ParticipantID, c.SessionID, ts(c.At), string(c.Action), c.Desk)
	return err
}

func insertItem(ctx context.Context, tx *sql.Tx, it model.AgendaItem) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO agenda_items(id, session_id, position, title, presenter, kind, planned_minutes, notes, pinned_start, skipped,
		extra_seconds, started_at, paused_at, paused_seconds, ended_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		it.ID, it.SessionID, it.Position, clean(it.Title), clean(it.Presenter), string(it.Kind), it.PlannedMinutes,
		model.SanitizeText(it.Notes), it.PinnedStart, it.Skipped, int64(it.Clock.Extra/time.Second),
		nullTS(it.Clock.StartedAt), nullTS(it.Clock.PausedAt), it.Clock.PausedFor.Seconds(), nullTS(it.Clock.EndedAt))
	return err
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

// Participants lists an event's participants (in no particular order).
func (s *Store) Participants(ctx context.Context, eventID string) ([]model.Participant, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, event_id, full_name, organisation, position, category, gender, phone, email, notes, source
		FROM participants WHERE event_id = ?`, eventID)
	if err != nil {
		return nil, fmt.Errorf("list participants: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.Participant
	for rows.Next() {
		var p model.Participant
		var g, src string
		if err := rows.Scan(&p.ID, &p.EventID, &p.FullName, &p.Organisation, &p.Position, &p.Category, &g, &p.Phone, &p.Email, &p.Notes, &src); err != nil {
			return nil, fmt.Errorf("list participants: %w", mapErr(err))
		}
		p.Gender, p.Source = model.Gender(g), model.Source(src)
		out = append(out, p)
	}
	return out, mapErr(rows.Err())
}

// Attendance returns, for a session, the check-in time of everyone whose
// latest check-in row is an arrival (an undo cancels the arrival before it).
func (s *Store) Attendance(ctx context.Context, sessionID string) (map[string]time.Time, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT participant_id, action, at FROM checkins WHERE session_id = ? ORDER BY seq`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("attendance: %w", mapErr(err))
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var pid, action string
		var at sql.NullString
		if err := rows.Scan(&pid, &action, &at); err != nil {
			return nil, fmt.Errorf("attendance: %w", mapErr(err))
		}
		if model.CheckInAction(action) == model.ActionIn {
			out[pid] = parseTS(at)
		} else {
			delete(out, pid)
		}
	}
	return out, mapErr(rows.Err())
}

const itemColumns = `id, session_id, position, title, presenter, kind, planned_minutes, notes, pinned_start, skipped,
	extra_seconds, started_at, paused_at, paused_seconds, ended_at`

func scanItem(sc scanner) (model.AgendaItem, error) {
	var it model.AgendaItem
	var kind string
	var extra int64
	var paused float64
	var st, pa, en sql.NullString
	err := sc.Scan(&it.ID, &it.SessionID, &it.Position, &it.Title, &it.Presenter, &kind, &it.PlannedMinutes, &it.Notes,
		&it.PinnedStart, &it.Skipped, &extra, &st, &pa, &paused, &en)
	it.Kind = model.ItemKind(kind)
	it.Clock = model.Clock{
		Planned: time.Duration(it.PlannedMinutes) * time.Minute, Extra: time.Duration(extra) * time.Second,
		StartedAt: parseTS(st), PausedAt: parseTS(pa), PausedFor: time.Duration(paused * float64(time.Second)), EndedAt: parseTS(en),
	}
	return it, err
}

// AgendaItems lists a session's agenda in order.
func (s *Store) AgendaItems(ctx context.Context, sessionID string) ([]model.AgendaItem, error) {
	items, err := queryAll(ctx, s.r, scanItem, "SELECT "+itemColumns+" FROM agenda_items WHERE session_id = ? ORDER BY position", sessionID)
	if err != nil {
		return nil, fmt.Errorf("list agenda: %w", mapErr(err))
	}
	return items, nil
}

const topicColumns = `t.id, t.event_id, coalesce(t.session_id, ''), t.title, t.details, t.raised_by, coalesce(t.participant_id, ''),
	coalesce(p.full_name, ''), t.status, t.votes, t.timebox_minutes, t.notes, t.outcome, t.extra_seconds, t.started_at, t.paused_at,
	t.paused_seconds, t.ended_at, t.created_at`

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

// Topics lists an event's topics (merged ones excluded), in the order raised.
func (s *Store) Topics(ctx context.Context, eventID string) ([]model.Topic, error) {
	ts, err := queryAll(ctx, s.r, scanTopic, topicsQuery, eventID)
	if err != nil {
		return nil, fmt.Errorf("list topics: %w", mapErr(err))
	}
	return ts, nil
}
