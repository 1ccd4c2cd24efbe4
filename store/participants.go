package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"convene/model"
)

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

// cleanParticipant is the participant as it is stored.
func cleanParticipant(p model.Participant) model.Participant {
	p.FullName, p.Organisation, p.Position, p.Category = clean(p.FullName), clean(p.Organisation), clean(p.Position), clean(p.Category)
	p.Phone, p.Email, p.Notes = clean(p.Phone), clean(p.Email), model.SanitizeText(p.Notes)
	return p
}

const insertParticipantSQL = `INSERT INTO participants(id, event_id, full_name, name_key, organisation, position, category, gender, phone, email, notes, source, created_at, updated_at)
		VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

func insertParticipant(ctx context.Context, tx *sql.Tx, p model.Participant, now time.Time) error {
	var f model.Folder
	_, err := tx.ExecContext(ctx, insertParticipantSQL, participantArgs(&f, p, now)...)
	return err
}

// participantArgs are the values of insertParticipantSQL for p as stored.
func participantArgs(f *model.Folder, p model.Participant, now time.Time) []any {
	p = cleanParticipant(p)
	at := ts(now)
	return []any{p.ID, p.EventID, p.FullName, f.Fold(p.FullName), p.Organisation, p.Position, p.Category,
		string(p.Gender), p.Phone, p.Email, p.Notes, string(p.Source), at, at}
}

const participantColumns = "id, event_id, full_name, organisation, position, category, gender, phone, email, notes, source"

func scanParticipant(sc scanner) (model.Participant, error) {
	var p model.Participant
	var g, src string
	err := sc.Scan(&p.ID, &p.EventID, &p.FullName, &p.Organisation, &p.Position, &p.Category, &g, &p.Phone, &p.Email, &p.Notes, &src)
	p.Gender, p.Source = model.Gender(g), model.Source(src)
	return p, err
}

// Participants lists an event's participants (in no particular order).
func (s *Store) Participants(ctx context.Context, eventID string) ([]model.Participant, error) {
	out, err := queryAll(ctx, s.r, scanParticipant, "SELECT "+participantColumns+" FROM participants WHERE event_id = ?", eventID)
	if err != nil {
		return nil, fmt.Errorf("list participants: %w", mapErr(err))
	}
	return out, nil
}

// AddWalkIn registers a new participant and, if sessionID is not empty,
// checks them in, in one transaction.
func (s *Store) AddWalkIn(ctx context.Context, p model.Participant, sessionID, desk string) (model.ParticipantSaved, error) {
	release, denied := s.begin(OpCheckIn)
	if denied != nil {
		return model.ParticipantSaved{}, denied
	}
	defer release()
	ch := model.ParticipantSaved{Added: true}
	if err := checkParticipant(p); err != nil {
		return model.ParticipantSaved{}, fmt.Errorf("add participant: %w", err)
	}
	p = cleanParticipant(p)
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
		return model.ParticipantSaved{}, fmt.Errorf("add participant: %w", err)
	}
	ch.Participant = p
	if sessionID != "" {
		ch.SessionID, ch.CheckedInAt, ch.Desk = sessionID, at, desk
	}
	return ch, nil
}

// UpdateParticipant saves an edited participant (all but its event and
// source) and returns it as stored. A view that may not edit contacts
// (see Restrict) keeps the stored phone and e-mail.
func (s *Store) UpdateParticipant(ctx context.Context, p model.Participant) (model.ParticipantSaved, error) {
	release, denied := s.begin(OpEditPerson)
	if denied != nil {
		return model.ParticipantSaved{}, denied
	}
	defer release()
	var ch model.ParticipantSaved
	if err := checkParticipant(p); err != nil {
		return model.ParticipantSaved{}, fmt.Errorf("update participant: %w", err)
	}
	p = cleanParticipant(p)
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := execOne(ctx, tx, `UPDATE participants SET full_name = ?, name_key = ?, organisation = ?, position = ?, category = ?, gender = ?,
			phone = iif(?, ?, phone), email = iif(?, ?, email), notes = ?, updated_at = ? WHERE id = ?`,
			p.FullName, model.Fold(p.FullName), p.Organisation, p.Position, p.Category, string(p.Gender),
			s.Allows(OpEditContacts), p.Phone, s.Allows(OpEditContacts), p.Email, p.Notes, ts(s.now()), p.ID); err != nil {
			return err
		}
		var err error
		ch.Participant, err = scanParticipant(tx.QueryRowContext(ctx, "SELECT "+participantColumns+" FROM participants WHERE id = ?", p.ID))
		return err
	})
	if err != nil {
		return model.ParticipantSaved{}, fmt.Errorf("update participant: %w", err)
	}
	return ch, nil
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
// nothing, in one transaction. With dryRun nothing is written (and the
// returned change, marked DryRun, is not a change to pass on).
func (s *Store) ImportParticipants(ctx context.Context, eventID string, people []model.Participant, dryRun bool) (model.RosterImported, error) {
	release, denied := s.begin(OpImport)
	if denied != nil {
		return model.RosterImported{}, denied
	}
	defer release()
	ch := model.RosterImported{EventID: eventID, ImportReport: model.ImportReport{DryRun: dryRun}}
	rep := ch.ImportReport
	now := s.now()
	run := s.write
	if dryRun {
		run = s.read // a dry run never waits for another writer
	}
	err := run(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM events WHERE id = ?", eventID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("event %s: %w", eventID, ErrNotFound)
		}
		existing, err := queryAll(ctx, tx, func(sc scanner) (model.Participant, error) {
			var p model.Participant
			err := sc.Scan(&p.FullName, &p.Organisation, &p.Email)
			return p, err
		}, "SELECT full_name, organisation, email FROM participants WHERE event_id = ?", eventID)
		if err != nil {
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
		ins, err := tx.PrepareContext(ctx, insertParticipantSQL)
		if err != nil {
			return err
		}
		defer ins.Close()
		var f model.Folder
		for _, p := range add {
			p.ID, p.EventID = newID(), eventID
			if p.Source == "" {
				p.Source = model.SourceImported
			}
			if _, err := ins.ExecContext(ctx, participantArgs(&f, p, now)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return model.RosterImported{}, fmt.Errorf("import: %w", err)
	}
	ch.ImportReport = rep
	return ch, nil
}
