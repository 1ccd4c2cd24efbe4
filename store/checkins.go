package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"convene/model"
)

func insertCheckIn(ctx context.Context, tx *sql.Tx, c model.CheckIn) error {
	if c.Source == "" {
		c.Source = model.FromDesk
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO checkins(id, participant_id, session_id, at, action, desk, source, unchecked, seq)
		VALUES(?,?,?,?,?,?,?,?, (SELECT coalesce(max(seq), 0) + 1 FROM checkins))`,
		c.ID, c.ParticipantID, c.SessionID, ts(c.At), string(c.Action), c.Desk, string(c.Source), c.Unchecked)
	return err
}

// latest returns the latest check-in row for a person in a session; for an
// arrival, at is when the person arrived: the earliest arrival since the
// last undo (two arrivals in a row come from a merge of two records, or a
// sheet typed in after the desk saw the person).
func latest(ctx context.Context, tx *sql.Tx, participantID, sessionID string) (action string, at time.Time, desk string, source model.CheckInSource, err error) {
	var t sql.NullString
	var src string
	err = tx.QueryRowContext(ctx, `SELECT action, at, desk, source FROM checkins WHERE participant_id = ? AND session_id = ? ORDER BY seq DESC LIMIT 1`,
		participantID, sessionID).Scan(&action, &t, &desk, &src)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, "", "", nil
	}
	if err != nil || action != string(model.ActionIn) {
		return action, parseTS(t), desk, model.CheckInSource(src), err
	}
	err = tx.QueryRowContext(ctx, `SELECT min(at), desk, source FROM checkins c WHERE participant_id = ? AND session_id = ? AND action = 'in'
		AND seq > coalesce((SELECT max(seq) FROM checkins u WHERE u.participant_id = c.participant_id AND u.session_id = c.session_id AND u.action = 'undo'), 0)`,
		participantID, sessionID).Scan(&t, &desk, &src)
	return action, parseTS(t), desk, model.CheckInSource(src), err
}

// participantName returns a listed participant's name and event.
func participantName(ctx context.Context, tx *sql.Tx, id string) (name, eventID string, err error) {
	err = tx.QueryRowContext(ctx, "SELECT full_name, event_id FROM participants WHERE id = ? AND "+listed, id).Scan(&name, &eventID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", errorf("participant %s: %w", id, ErrNotFound)
	}
	return name, eventID, err
}

// CheckIn records that a participant arrived at a session now, at this
// desk. Checking in someone who is already here changes nothing and says
// when they arrived.
func (s *Store) CheckIn(ctx context.Context, participantID, sessionID, desk string) (model.CheckedIn, error) {
	return s.CheckInAt(ctx, participantID, sessionID, desk, time.Time{}, model.FromDesk)
}

// CheckInAt is CheckIn with the arrival's time and source: a check-in
// typed in from a paper sheet (model.FromPaper) is dated when the sheet
// says, usually the session's start. A zero at is now.
func (s *Store) CheckInAt(ctx context.Context, participantID, sessionID, desk string, at time.Time, source model.CheckInSource) (model.CheckedIn, error) {
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
		action, was, wasDesk, wasSource, err := latest(ctx, tx, participantID, sessionID)
		if err != nil {
			return err
		}
		if action == string(model.ActionIn) {
			res.At, res.Desk, res.Source, res.Already = was, wasDesk, wasSource, true
			return nil
		}
		res.At, res.Desk, res.Source, res.Already = at.UTC(), desk, source, false
		if at.IsZero() {
			res.At = s.now().UTC()
		}
		if res.Source == "" {
			res.Source = model.FromDesk
		}
		return insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: participantID, SessionID: sessionID, At: res.At, Action: model.ActionIn, Desk: desk, Source: res.Source})
	})
	if err != nil {
		return model.CheckedIn{}, errorf("check in: %w", err)
	}
	return res, nil
}

// UndoCheckIn cancels a participant's check-in to a session by appending
// an undo row; nothing is deleted. It is a deliberate un-check: the desk's
// ctrl+z gives it back while it is that person's latest row
// (UndoLastAtDesk).
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
		action, _, _, _, err := latest(ctx, tx, participantID, sessionID)
		if err != nil {
			return err
		}
		if action != string(model.ActionIn) {
			return errorf("%s: %w", ch.Name, ErrNotCheckedIn)
		}
		ch.At = s.now().UTC()
		return insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: participantID, SessionID: sessionID, At: ch.At, Action: model.ActionUndo, Desk: desk, Unchecked: true})
	})
	if err != nil {
		return model.CheckInUndone{}, errorf("undo check-in: %w", err)
	}
	return ch, nil
}

// UndoLastCheckIn cancels the most recent check-in made at this desk in the
// session that is still in effect (not one a ctrl+z gave back: ctrl+z does
// not redo).
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
			WHERE `+inEffect+` AND c.unchecked = 0 ORDER BY c.seq DESC LIMIT 1`, sessionID, desk, model.ActionIn).Scan(&ch.ParticipantID, &ch.Name, &ch.EventID)
		if errors.Is(err, sql.ErrNoRows) {
			return errorf("%w: no check-in at this desk", ErrNothingToUndo)
		}
		if err != nil {
			return err
		}
		ch.At = s.now().UTC()
		return insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: ch.ParticipantID, SessionID: sessionID, At: ch.At, Action: model.ActionUndo, Desk: desk})
	})
	if err != nil {
		return model.CheckInUndone{}, errorf("undo: %w", err)
	}
	return ch, nil
}

// inEffect selects a desk's rows of one action in a session that are still
// their person's latest row (what its ctrl+z may take back).
const inEffect = `c.session_id = ? AND c.desk = ? AND c.action = ?
	AND c.seq = (SELECT max(seq) FROM checkins x WHERE x.participant_id = c.participant_id AND x.session_id = c.session_id)`

// undoLastUncheck gives back the latest un-check made at this desk in the
// session that is still its person's latest row: the arrival it cancelled
// is written again, with its time and source.
func (s *Store) undoLastUncheck(ctx context.Context, sessionID, desk string) (model.CheckedIn, error) {
	release, denied := s.begin(OpCheckIn)
	if denied != nil {
		return model.CheckedIn{}, denied
	}
	defer release()
	res := model.CheckedIn{SessionID: sessionID, Desk: desk, Restored: true}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var seq int64
		err := tx.QueryRowContext(ctx, `SELECT c.participant_id, c.seq, p.full_name, p.event_id FROM checkins c JOIN participants p ON p.id = c.participant_id
			WHERE `+inEffect+` AND c.unchecked = 1 ORDER BY c.seq DESC LIMIT 1`, sessionID, desk, model.ActionUndo).Scan(&res.ParticipantID, &seq, &res.Name, &res.EventID)
		if errors.Is(err, sql.ErrNoRows) {
			return errorf("%w: no un-check at this desk", ErrNothingToUndo)
		}
		if err != nil {
			return err
		}
		// the arrival it cancelled: the earliest since the undo before it
		var at sql.NullString
		var source string
		err = tx.QueryRowContext(ctx, `SELECT at, source FROM checkins WHERE participant_id = ?1 AND session_id = ?2 AND action = 'in' AND seq < ?3
			AND seq > coalesce((SELECT max(seq) FROM checkins WHERE participant_id = ?1 AND session_id = ?2 AND action = 'undo' AND seq < ?3), 0)
			ORDER BY at LIMIT 1`, res.ParticipantID, sessionID, seq).Scan(&at, &source)
		switch {
		case errors.Is(err, sql.ErrNoRows): // nothing to give back: arrived now
			res.At, res.Source = s.now().UTC(), model.FromDesk
		case err != nil:
			return err
		default:
			res.At, res.Source = parseTS(at), model.CheckInSource(source)
		}
		// marked, so that the next ctrl+z goes on to the action before
		// instead of un-checking this person again
		return insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: res.ParticipantID, SessionID: sessionID, At: res.At, Action: model.ActionIn, Desk: desk, Source: res.Source, Unchecked: true})
	})
	if err != nil {
		return model.CheckedIn{}, errorf("undo: %w", err)
	}
	return res, nil
}

// Attendance returns, for a session, the check-in time of everyone whose
// latest check-in row is an arrival (an undo cancels the arrivals before
// it): the earliest arrival since the last undo.
func (s *Store) Attendance(ctx context.Context, sessionID string) (map[string]time.Time, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT participant_id, action, at FROM checkins WHERE session_id = ? ORDER BY seq`, sessionID)
	if err != nil {
		return nil, errorf("attendance: %w", mapErr(err))
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var pid, action string
		var at sql.NullString
		if err := rows.Scan(&pid, &action, &at); err != nil {
			return nil, errorf("attendance: %w", mapErr(err))
		}
		if model.CheckInAction(action) == model.ActionIn {
			if t, here := out[pid]; !here || parseTS(at).Before(t) {
				out[pid] = parseTS(at)
			}
		} else {
			delete(out, pid)
		}
	}
	return out, mapErr(rows.Err())
}

// AttendanceTable returns everyone in the event with their check-in time
// per session, sorted by surname (Russian collation): EachAttendance
// collected into a slice, for small events and tests.
func (s *Store) AttendanceTable(ctx context.Context, eventID string, sessions []model.Session) ([]model.AttendanceRow, error) {
	var rows []model.AttendanceRow
	err := s.EachAttendance(ctx, eventID, sessions, "ru", func(r model.AttendanceRow) error {
		rows = append(rows, r)
		return nil
	})
	return rows, err
}
