package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"convene/model"
)

// ErrNotCheckedIn is returned when undoing a check-in that is not in effect.
var ErrNotCheckedIn = errors.New("not checked in")

// CheckInResult says what a check-in did.
type CheckInResult struct {
	Name    string
	At      time.Time // the arrival time (the earlier one if Already)
	Already bool      // the person was already checked in; nothing changed
}

// latest returns the latest check-in row for a person in a session.
func latest(ctx context.Context, tx *sql.Tx, participantID, sessionID string) (action string, at time.Time, err error) {
	var ts sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT action, at FROM checkins WHERE participant_id = ? AND session_id = ? ORDER BY seq DESC LIMIT 1`,
		participantID, sessionID).Scan(&action, &ts)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, nil
	}
	return action, parseTS(ts), err
}

func participantName(ctx context.Context, tx *sql.Tx, id string) (string, error) {
	var name string
	err := tx.QueryRowContext(ctx, "SELECT full_name FROM participants WHERE id = ?", id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("participant %s: %w", id, ErrNotFound)
	}
	return name, err
}

// CheckIn records that a participant arrived at a session. Checking in
// someone who is already here changes nothing and says when they arrived.
func (s *Store) CheckIn(ctx context.Context, participantID, sessionID, desk string) (CheckInResult, error) {
	var res CheckInResult
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if res.Name, err = participantName(ctx, tx, participantID); err != nil {
			return err
		}
		action, at, err := latest(ctx, tx, participantID, sessionID)
		if err != nil {
			return err
		}
		if action == string(model.ActionIn) {
			res.At, res.Already = at, true
			return nil
		}
		res.At = s.now().UTC()
		return insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: participantID, SessionID: sessionID, At: res.At, Action: model.ActionIn, Desk: desk})
	})
	if err != nil {
		return res, fmt.Errorf("check in: %w", err)
	}
	return res, nil
}

// UndoCheckIn cancels a participant's check-in to a session by appending
// an undo row; nothing is deleted.
func (s *Store) UndoCheckIn(ctx context.Context, participantID, sessionID, desk string) (string, error) {
	var name string
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if name, err = participantName(ctx, tx, participantID); err != nil {
			return err
		}
		action, _, err := latest(ctx, tx, participantID, sessionID)
		if err != nil {
			return err
		}
		if action != string(model.ActionIn) {
			return fmt.Errorf("%s: %w", name, ErrNotCheckedIn)
		}
		return insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: participantID, SessionID: sessionID, At: s.now().UTC(), Action: model.ActionUndo, Desk: desk})
	})
	if err != nil {
		return name, fmt.Errorf("undo check-in: %w", err)
	}
	return name, nil
}

// UndoLastCheckIn cancels the most recent check-in made at this desk in the
// session that is still in effect. It returns the person's name.
func (s *Store) UndoLastCheckIn(ctx context.Context, sessionID, desk string) (string, string, error) {
	var name, pid string
	err := s.write(ctx, func(tx *sql.Tx) error {
		// the newest 'in' row of this desk that is still its person's latest row
		err := tx.QueryRowContext(ctx, `SELECT c.participant_id, p.full_name FROM checkins c JOIN participants p ON p.id = c.participant_id
			WHERE c.session_id = ? AND c.desk = ? AND c.action = 'in'
			  AND c.seq = (SELECT max(seq) FROM checkins x WHERE x.participant_id = c.participant_id AND x.session_id = c.session_id)
			ORDER BY c.seq DESC LIMIT 1`, sessionID, desk).Scan(&pid, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("no check-in at this desk to undo: %w", ErrNotFound)
		}
		if err != nil {
			return err
		}
		return insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: pid, SessionID: sessionID, At: s.now().UTC(), Action: model.ActionUndo, Desk: desk})
	})
	if err != nil {
		return "", "", fmt.Errorf("undo: %w", err)
	}
	return pid, name, nil
}

// Field limits for participants (a roster row or a form).
const (
	MaxNameLen  = 200
	MaxFieldLen = 1000
	MaxNotesLen = 20000
)

func checkParticipant(p model.Participant) error {
	if clean(p.FullName) == "" {
		return fmt.Errorf("a name is needed: %w", ErrInvalid)
	}
	if utf8.RuneCountInString(p.FullName) > MaxNameLen {
		return fmt.Errorf("the name is longer than %d characters: %w", MaxNameLen, ErrInvalid)
	}
	for _, f := range []string{p.Organisation, p.Position, p.Category, p.Phone, p.Email} {
		if utf8.RuneCountInString(f) > MaxFieldLen {
			return fmt.Errorf("a field is longer than %d characters: %w", MaxFieldLen, ErrInvalid)
		}
	}
	if utf8.RuneCountInString(p.Notes) > MaxNotesLen {
		return fmt.Errorf("the notes are longer than %d characters: %w", MaxNotesLen, ErrInvalid)
	}
	return nil
}

// AddWalkIn registers a new participant and, if sessionID is not empty,
// checks them in, in one transaction.
func (s *Store) AddWalkIn(ctx context.Context, p model.Participant, sessionID, desk string) (model.Participant, time.Time, error) {
	if err := checkParticipant(p); err != nil {
		return p, time.Time{}, fmt.Errorf("add participant: %w", err)
	}
	p.FullName = clean(p.FullName)
	if p.ID == "" {
		p.ID = newID()
	}
	if p.Source == "" {
		p.Source = model.SourceWalkIn
	}
	at := s.now().UTC()
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := insertParticipant(ctx, tx, p, at); err != nil {
			return err
		}
		if sessionID == "" {
			return nil
		}
		return insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: p.ID, SessionID: sessionID, At: at, Action: model.ActionIn, Desk: desk})
	})
	if err != nil {
		return p, at, fmt.Errorf("add participant: %w", err)
	}
	return p, at, nil
}

// UpdateParticipant saves an edited participant.
func (s *Store) UpdateParticipant(ctx context.Context, p model.Participant) error {
	if err := checkParticipant(p); err != nil {
		return fmt.Errorf("update participant: %w", err)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		return execOne(ctx, tx, `UPDATE participants SET full_name = ?, organisation = ?, position = ?, category = ?, gender = ?,
			phone = ?, email = ?, notes = ?, updated_at = ? WHERE id = ?`,
			clean(p.FullName), clean(p.Organisation), clean(p.Position), clean(p.Category), string(p.Gender),
			clean(p.Phone), clean(p.Email), model.SanitizeText(p.Notes), ts(s.now()), p.ID)
	})
	if err != nil {
		return fmt.Errorf("update participant: %w", err)
	}
	return nil
}

// Categories lists the categories in use in an event plus the standard ones.
func (s *Store) Categories(ctx context.Context, eventID string) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT DISTINCT category FROM participants WHERE event_id = ? AND category != '' ORDER BY category", eventID)
	if err != nil {
		return nil, fmt.Errorf("categories: %w", mapErr(err))
	}
	defer rows.Close()
	seen := map[string]bool{}
	var out []string
	for _, c := range model.Categories {
		seen[strings.ToLower(c)] = true
		out = append(out, c)
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, mapErr(err)
		}
		if !seen[strings.ToLower(c)] {
			seen[strings.ToLower(c)] = true
			out = append(out, c)
		}
	}
	return out, mapErr(rows.Err())
}

// ImportParticipants adds the people not already in the event, all or
// nothing, in one transaction. With dryRun nothing is written.
func (s *Store) ImportParticipants(ctx context.Context, eventID string, people []model.Participant, dryRun bool) (model.ImportReport, error) {
	rep := model.ImportReport{DryRun: dryRun}
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM events WHERE id = ?", eventID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("event %s: %w", eventID, ErrNotFound)
		}
		rows, err := tx.QueryContext(ctx, "SELECT full_name, organisation, email FROM participants WHERE event_id = ?", eventID)
		if err != nil {
			return err
		}
		var existing []model.Participant
		for rows.Next() {
			var p model.Participant
			if err := rows.Scan(&p.FullName, &p.Organisation, &p.Email); err != nil {
				rows.Close()
				return err
			}
			existing = append(existing, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, p := range people {
			if err := checkParticipant(p); err != nil {
				return fmt.Errorf("%q: %w", model.Truncate(p.FullName, 40), err)
			}
		}
		add, present := model.PlanImport(existing, people)
		rep.Added, rep.Present = len(add), present
		if dryRun {
			return nil
		}
		for _, p := range add {
			p.ID, p.EventID = newID(), eventID
			if p.Source == "" {
				p.Source = model.SourceImported
			}
			if err := insertParticipant(ctx, tx, p, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return model.ImportReport{DryRun: dryRun}, fmt.Errorf("import: %w", err)
	}
	return rep, nil
}

// AttendanceRow is one participant with their arrival time in each session
// (zero if not checked in).
type AttendanceRow struct {
	P  model.Participant
	At []time.Time // aligned with the sessions passed in
}

// AttendanceTable returns everyone in the event with their check-in time
// per session, in name order.
func (s *Store) AttendanceTable(ctx context.Context, eventID string, sessions []model.Session) ([]AttendanceRow, error) {
	people, err := s.Participants(ctx, eventID)
	if err != nil {
		return nil, err
	}
	ix := model.NewIndex(people)
	rows := make([]AttendanceRow, ix.Len())
	pos := map[string]int{}
	for i := range rows {
		rows[i] = AttendanceRow{P: *ix.Person(i), At: make([]time.Time, len(sessions))}
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
