package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"convene/model"
)

func insertCheckIn(ctx context.Context, tx *sql.Tx, c model.CheckIn) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO checkins(id, participant_id, session_id, at, action, desk, seq)
		VALUES(?,?,?,?,?,?, (SELECT coalesce(max(seq), 0) + 1 FROM checkins))`,
		c.ID, c.ParticipantID, c.SessionID, ts(c.At), string(c.Action), c.Desk)
	return err
}

// latest returns the latest check-in row for a person in a session.
func latest(ctx context.Context, tx *sql.Tx, participantID, sessionID string) (action string, at time.Time, desk string, err error) {
	var ts sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT action, at, desk FROM checkins WHERE participant_id = ? AND session_id = ? ORDER BY seq DESC LIMIT 1`,
		participantID, sessionID).Scan(&action, &ts, &desk)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, "", nil
	}
	return action, parseTS(ts), desk, err
}

// participantName returns a participant's name and event.
func participantName(ctx context.Context, tx *sql.Tx, id string) (name, eventID string, err error) {
	err = tx.QueryRowContext(ctx, "SELECT full_name, event_id FROM participants WHERE id = ?", id).Scan(&name, &eventID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", fmt.Errorf("participant %s: %w", id, ErrNotFound)
	}
	return name, eventID, err
}

// CheckIn records that a participant arrived at a session. Checking in
// someone who is already here changes nothing and says when they arrived.
func (s *Store) CheckIn(ctx context.Context, participantID, sessionID, desk string) (model.CheckedIn, error) {
	release, denied := s.begin(OpCheckIn)
	if denied != nil {
		return model.CheckedIn{}, denied
	}
	defer release()
	res := model.CheckedIn{SessionID: sessionID, ParticipantID: participantID}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if res.Name, res.EventID, err = participantName(ctx, tx, participantID); err != nil {
			return err
		}
		action, at, was, err := latest(ctx, tx, participantID, sessionID)
		if err != nil {
			return err
		}
		if action == string(model.ActionIn) {
			res.At, res.Desk, res.Already = at, was, true
			return nil
		}
		res.At, res.Desk, res.Already = s.now().UTC(), desk, false
		return insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: participantID, SessionID: sessionID, At: res.At, Action: model.ActionIn, Desk: desk})
	})
	if err != nil {
		return model.CheckedIn{}, fmt.Errorf("check in: %w", err)
	}
	return res, nil
}

// UndoCheckIn cancels a participant's check-in to a session by appending
// an undo row; nothing is deleted.
func (s *Store) UndoCheckIn(ctx context.Context, participantID, sessionID, desk string) (model.CheckInUndone, error) {
	release, denied := s.begin(OpCheckIn)
	if denied != nil {
		return model.CheckInUndone{}, denied
	}
	defer release()
	ch := model.CheckInUndone{SessionID: sessionID, ParticipantID: participantID, Desk: desk}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if ch.Name, ch.EventID, err = participantName(ctx, tx, participantID); err != nil {
			return err
		}
		action, _, _, err := latest(ctx, tx, participantID, sessionID)
		if err != nil {
			return err
		}
		if action != string(model.ActionIn) {
			return fmt.Errorf("%s: %w", ch.Name, ErrNotCheckedIn)
		}
		ch.At = s.now().UTC()
		return insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: participantID, SessionID: sessionID, At: ch.At, Action: model.ActionUndo, Desk: desk})
	})
	if err != nil {
		return model.CheckInUndone{}, fmt.Errorf("undo check-in: %w", err)
	}
	return ch, nil
}

// UndoLastCheckIn cancels the most recent check-in made at this desk in the
// session that is still in effect.
func (s *Store) UndoLastCheckIn(ctx context.Context, sessionID, desk string) (model.CheckInUndone, error) {
	release, denied := s.begin(OpCheckIn)
	if denied != nil {
		return model.CheckInUndone{}, denied
	}
	defer release()
	ch := model.CheckInUndone{SessionID: sessionID, Desk: desk}
	err := s.write(ctx, func(tx *sql.Tx) error {
		// the newest 'in' row of this desk that is still its person's latest row
		err := tx.QueryRowContext(ctx, `SELECT c.participant_id, p.full_name, p.event_id FROM checkins c JOIN participants p ON p.id = c.participant_id
			WHERE c.session_id = ? AND c.desk = ? AND c.action = 'in'
			  AND c.seq = (SELECT max(seq) FROM checkins x WHERE x.participant_id = c.participant_id AND x.session_id = c.session_id)
			ORDER BY c.seq DESC LIMIT 1`, sessionID, desk).Scan(&ch.ParticipantID, &ch.Name, &ch.EventID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("no check-in at this desk to undo: %w", ErrNotFound)
		}
		if err != nil {
			return err
		}
		ch.At = s.now().UTC()
		return insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: ch.ParticipantID, SessionID: sessionID, At: ch.At, Action: model.ActionUndo, Desk: desk})
	})
	if err != nil {
		return model.CheckInUndone{}, fmt.Errorf("undo: %w", err)
	}
	return ch, nil
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

// AttendanceTable returns everyone in the event with their check-in time
// per session, in name order.
func (s *Store) AttendanceTable(ctx context.Context, eventID string, sessions []model.Session) ([]model.AttendanceRow, error) {
	people, err := s.Participants(ctx, eventID)
	if err != nil {
		return nil, err
	}
	ix := model.NewIndex(people)
	rows := make([]model.AttendanceRow, ix.Len())
	pos := map[string]int{}
	for i := range rows {
		rows[i] = model.AttendanceRow{P: *ix.Person(i), At: make([]time.Time, len(sessions))}
		pos[rows[i].P.ID] = i
	}
	for si, se := range sessions {
		here, err := s.Attendance(ctx, se.ID)
		if err != nil {
			return nil, err
		}
		for pid, at := range here {
			if i, ok := pos[pid]; ok {
				rows[i].At[si] = at
			}
		}
	}
	return rows, nil
}
