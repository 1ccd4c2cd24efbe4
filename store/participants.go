package store

import (
	"context"
	"database/sql"
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
	if p.Consent != model.ConsentUnknown && p.Consent != model.ConsentYes && p.Consent != model.ConsentNo {
		return errorf("consent %q is not yes, no or unknown: %w", model.Truncate(string(p.Consent), 20), ErrInvalid)
	}
	if clean(p.FullName) == "" {
		return errorf("a name is needed: %w", ErrInvalid)
	}
	if utf8.RuneCountInString(p.FullName) > MaxNameLen {
		return errorf("the name is longer than %d characters: %w", MaxNameLen, ErrInvalid)
	}
	for _, f := range []string{p.Organisation, p.Position, p.Category, p.Phone, p.Email, p.Surname, p.GivenName, p.Patronymic} {
		if utf8.RuneCountInString(f) > MaxFieldLen {
			return errorf("a field is longer than %d characters: %w", MaxFieldLen, ErrInvalid)
		}
	}
	if utf8.RuneCountInString(p.Notes) > MaxNotesLen {
		return errorf("the notes are longer than %d characters: %w", MaxNotesLen, ErrInvalid)
	}
	return nil
}

// cleanParticipant is the participant as it is stored: sanitised, with
// name parts that agree with the full name (model.FixNameParts).
func cleanParticipant(p model.Participant) model.Participant {
	p.FullName, p.Organisation, p.Position, p.Category = clean(p.FullName), clean(p.Organisation), clean(p.Position), clean(p.Category)
	p.Phone, p.Email, p.Notes = clean(p.Phone), clean(p.Email), model.SanitizeText(p.Notes)
	p.Surname, p.GivenName, p.Patronymic = clean(p.Surname), clean(p.GivenName), clean(p.Patronymic)
	model.FixNameParts(&p)
	return p
}

const insertParticipantSQL = `INSERT INTO participants(id, event_id, full_name, name_key, surname, given_name, patronymic, organisation, position, category, gender, phone, email, notes, source, consent, pseudonym, created_at, updated_at)
		VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

func insertParticipant(ctx context.Context, tx *sql.Tx, p model.Participant, now time.Time) error {
	var f model.Folder
	p = cleanParticipant(p)
	// the event's next pseudonym, unless the caller reserved a block
	if p.Pseudonym <= 0 {
		var err error
		if p.Pseudonym, err = reservePseudonyms(ctx, tx, p.EventID, 1); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, insertParticipantSQL, participantArgs(&f, p, now)...)
	return err
}

// participantArgs are the values of insertParticipantSQL for p as stored
// (its pseudonym already reserved); f folds the name into name_key.
func participantArgs(f *model.Folder, p model.Participant, now time.Time) []any {
	p = cleanParticipant(p)
	at := ts(now)
	return []any{p.ID, p.EventID, p.FullName, f.Fold(p.FullName), p.Surname, p.GivenName, p.Patronymic, p.Organisation, p.Position, p.Category,
		string(p.Gender), p.Phone, p.Email, p.Notes, string(p.Source), string(p.Consent), p.Pseudonym, at, at}
}

// reservePseudonyms takes the next n numbers of an event's pseudonyms and
// returns the first (numbers are never reused, even after a deletion):
// an import reserves its whole block in one statement.
func reservePseudonyms(ctx context.Context, tx *sql.Tx, eventID string, n int) (int, error) {
	var first int
	err := tx.QueryRowContext(ctx, "UPDATE events SET next_pseudonym = next_pseudonym + ?1 WHERE id = ?2 RETURNING next_pseudonym - ?1",
		n, eventID).Scan(&first)
	return first, err
}

const participantColumns = "id, event_id, full_name, surname, given_name, patronymic, organisation, position, category, gender, phone, email, notes, source, consent, pseudonym"

// listed is the condition of the people an event lists: not merged into
// another record.
const listed = "merged_into IS NULL"

func scanParticipant(sc scanner) (model.Participant, error) {
	var p model.Participant
	var g, src, consent string
	var pseudonym sql.NullInt64
	err := sc.Scan(&p.ID, &p.EventID, &p.FullName, &p.Surname, &p.GivenName, &p.Patronymic, &p.Organisation, &p.Position, &p.Category, &g, &p.Phone, &p.Email, &p.Notes, &src, &consent, &pseudonym)
	p.Gender, p.Source, p.Consent, p.Pseudonym = model.Gender(g), model.Source(src), model.Consent(consent), int(pseudonym.Int64)
	return p, err
}

// Participants lists an event's participants (in no particular order;
// people merged into another record are not listed).
func (s *Store) Participants(ctx context.Context, eventID string) ([]model.Participant, error) {
	out, err := queryAll(ctx, s.r, scanParticipant, "SELECT "+participantColumns+" FROM participants WHERE event_id = ? AND "+listed+" ORDER BY rowid", eventID)
	if err != nil {
		return nil, errorf("list participants: %w", mapErr(err))
	}
	return out, nil
}

// AddWalkIn registers a new participant and, if sessionID is not empty,
// checks them in now, in one transaction.
func (s *Store) AddWalkIn(ctx context.Context, p model.Participant, sessionID, desk string) (model.ParticipantSaved, error) {
	return s.AddWalkInAt(ctx, p, sessionID, desk, time.Time{}, model.FromDesk)
}

// AddWalkInAt is AddWalkIn with the check-in's time (zero: now) and source
// (a walk-in found on a paper sheet typed in later).
func (s *Store) AddWalkInAt(ctx context.Context, p model.Participant, sessionID, desk string, checkInAt time.Time, source model.CheckInSource) (model.ParticipantSaved, error) {
	release, denied := s.begin(OpCheckIn)
	if denied != nil {
		return model.ParticipantSaved{}, denied
	}
	defer release()
	ch := model.ParticipantSaved{Added: true}
	if err := checkParticipant(p); err != nil {
		return model.ParticipantSaved{}, errorf("add participant: %w", err)
	}
	p = cleanParticipant(p)
	if p.ID == "" {
		p.ID = newID()
	}
	if p.Source == "" {
		p.Source = model.SourceWalkIn
	}
	now := s.now().UTC()
	at := now
	if !checkInAt.IsZero() {
		at = checkInAt.UTC()
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if p.Pseudonym, err = reservePseudonyms(ctx, tx, p.EventID, 1); err != nil {
			return err
		}
		if err := insertParticipant(ctx, tx, p, now); err != nil {
			return err
		}
		if sessionID == "" {
			return nil
		}
		return insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: p.ID, SessionID: sessionID, At: at, Action: model.ActionIn, Desk: desk, Source: source})
	})
	if err != nil {
		return model.ParticipantSaved{}, errorf("add participant: %w", err)
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
		return model.ParticipantSaved{}, errorf("update participant: %w", err)
	}
	p = cleanParticipant(p)
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := execOne(ctx, tx, `UPDATE participants SET full_name = ?, name_key = ?, surname = ?, given_name = ?, patronymic = ?, organisation = ?, position = ?, category = ?, gender = ?,
			phone = iif(?, ?, phone), email = iif(?, ?, email), notes = ?, consent = ?, updated_at = ? WHERE id = ? AND `+listed,
			p.FullName, model.Fold(p.FullName), p.Surname, p.GivenName, p.Patronymic, p.Organisation, p.Position, p.Category, string(p.Gender),
			s.Allows(OpEditContacts), p.Phone, s.Allows(OpEditContacts), p.Email, p.Notes, string(p.Consent), ts(s.now()), p.ID); err != nil {
			return err
		}
		var err error
		ch.Participant, err = scanParticipant(tx.QueryRowContext(ctx, "SELECT "+participantColumns+" FROM participants WHERE id = ?", p.ID))
		return err
	})
	if err != nil {
		return model.ParticipantSaved{}, errorf("update participant: %w", err)
	}
	return ch, nil
}

// Categories lists the categories in use in an event plus the standard ones.
func (s *Store) Categories(ctx context.Context, eventID string) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT DISTINCT category FROM participants WHERE event_id = ? AND category != '' AND "+listed+" ORDER BY category", eventID)
	if err != nil {
		return nil, errorf("categories: %w", mapErr(err))
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
// nothing, in one transaction, and gives people already there a phone or
// an e-mail they did not have (the report says which: Filled). With dryRun
// nothing is written (and the returned change, marked DryRun, is not a
// change to pass on).
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
			return errorf("event %s: %w", eventID, ErrNotFound)
		}
		existing, err := queryAll(ctx, tx, func(sc scanner) (model.Participant, error) {
			var p model.Participant
			err := sc.Scan(&p.ID, &p.FullName, &p.Organisation, &p.Phone, &p.Email)
			return p, err
		}, "SELECT id, full_name, organisation, phone, email FROM participants WHERE event_id = ? AND "+listed, eventID)
		if err != nil {
			return err
		}
		for _, p := range people {
			if err := checkParticipant(p); err != nil {
				return errorf("%q: %w", model.Truncate(p.FullName, 40), err)
			}
		}
		var add []model.Participant
		add, rep = model.PlanImport(existing, people)
		if dryRun {
			return nil
		}
		first, err := reservePseudonyms(ctx, tx, eventID, len(add))
		if err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, insertParticipantSQL)
		if err != nil {
			return err
		}
		defer ins.Close()
		var f model.Folder
		for i, p := range add {
			p.ID, p.EventID, p.Pseudonym = newID(), eventID, first+i
			if p.Source == "" {
				p.Source = model.SourceImported
			}
			if _, err := ins.ExecContext(ctx, participantArgs(&f, p, now)...); err != nil {
				return err
			}
		}
		for _, f := range rep.Filled {
			if f.Phone != "" {
				if _, err := tx.ExecContext(ctx, "UPDATE participants SET phone = ?, updated_at = ? WHERE id = ? AND phone = ''", clean(f.Phone), ts(now), f.ID); err != nil {
					return err
				}
			}
			if f.Email != "" {
				if _, err := tx.ExecContext(ctx, "UPDATE participants SET email = ?, updated_at = ? WHERE id = ? AND email = ''", clean(f.Email), ts(now), f.ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return model.RosterImported{}, errorf("import: %w", err)
	}
	rep.DryRun = dryRun
	ch.ImportReport = rep
	return ch, nil
}

// FillContact gives a person a phone and an e-mail where they have none
// (a walk-in who turned out to be registered already typed theirs in): a
// value is written only into an empty field, never over one. It returns
// the person as stored and the fields filled (model.FieldPhone,
// model.FieldEmail); with nothing to fill it writes nothing.
func (s *Store) FillContact(ctx context.Context, participantID, phone, email string) (model.ParticipantSaved, []string, error) {
	release, denied := s.begin(OpCheckIn)
	if denied != nil {
		return model.ParticipantSaved{}, nil, denied
	}
	defer release()
	var ch model.ParticipantSaved
	var filled []string
	phone, email = clean(phone), strings.ToLower(clean(email))
	err := s.write(ctx, func(tx *sql.Tx) error {
		filled = nil
		p, err := scanParticipant(tx.QueryRowContext(ctx, "SELECT "+participantColumns+" FROM participants WHERE id = ? AND "+listed, participantID))
		if err != nil {
			return errorf("participant %s: %w", participantID, mapErr(err))
		}
		if p.Phone == "" && phone != "" {
			p.Phone = phone
			filled = append(filled, model.FieldPhone)
		}
		if p.Email == "" && email != "" {
			p.Email = email
			filled = append(filled, model.FieldEmail)
		}
		ch.Participant = p
		if len(filled) == 0 {
			return nil
		}
		_, err = tx.ExecContext(ctx, "UPDATE participants SET phone = ?, email = ?, updated_at = ? WHERE id = ?", p.Phone, p.Email, ts(s.now()), p.ID)
		return err
	})
	if err != nil {
		return model.ParticipantSaved{}, nil, errorf("save contact: %w", err)
	}
	return ch, filled, nil
}
