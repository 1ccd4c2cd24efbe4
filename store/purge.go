package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"

	"convene/model"
)

// Purging an event's personal data once it is no longer needed: phones,
// e-mails and notes (model.PurgeContacts), and with model.PurgeNames the
// names too (each replaced by the participant's pseudonym, P-0001, also
// where the event's texts — topics, actions, agenda, the undo log — spell
// the full name out) and the positions. Organisations, categories, genders
// and check-ins stay, so attendance figures do not change.
//
// The data must leave every place it was: the rows are changed with
// secure_delete on (freed space is zeroed), the file is rebuilt with VACUUM
// (no free page keeps an old value), the WAL is checkpointed and truncated,
// and every rolling snapshot of the database is purged the same way (or
// removed when it cannot be). Backup copies made with `convene backup` are
// the user's: they are listed, not touched.

// PurgeResult is what Purge did.
type PurgeResult struct {
	Purge     model.Purge
	Rewritten int      // rolling snapshots purged the same way
	Removed   []string // snapshots that could not be opened, removed instead
	Backups   []string // backup copies next to the database, not touched
}

// PurgeCount is how many of an event's participants a purge would change:
// those with a phone, an e-mail or notes (and, for names, a name that is not
// yet a pseudonym, or a position).
func (s *Store) PurgeCount(ctx context.Context, eventID string, what model.PurgeWhat) (int, error) {
	var n int
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := eventExists(ctx, tx, eventID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "SELECT count(*) FROM participants WHERE event_id = ? AND "+purgeWhere(what), eventID).Scan(&n)
	})
	if err != nil {
		return 0, errorf("purge: %w", err)
	}
	return n, nil
}

func eventExists(ctx context.Context, tx *sql.Tx, eventID string) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM events WHERE id = ?", eventID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return errorf("event %s: %w", eventID, ErrNotFound)
	}
	return nil
}

func purgeWhere(what model.PurgeWhat) string {
	w := "(phone <> '' OR email <> '' OR notes <> ''"
	if what == model.PurgeNames {
		w += " OR position <> '' OR full_name <> printf('P-%04d', pseudonym)"
	}
	return w + ")"
}

// Purge removes an event's contacts (and names) from the database, its
// free pages, its WAL and its rolling snapshots, and records it. The store
// must have been opened under an exclusive claim (WithClaim), since no
// other window may hold the old data in its WAL or on its screen.
func (s *Store) Purge(ctx context.Context, eventID string, what model.PurgeWhat) (PurgeResult, error) {
	if !s.Allows(OpEvent) {
		return PurgeResult{}, errorf("%s: %w", s.Role(), ErrNotAllowed)
	}
	var res PurgeResult
	if s.w == nil || !s.claim.Exclusive() {
		return res, errorf("purge: %s must be opened for this process alone: %w", s.path, ErrInUse)
	}
	if what != model.PurgeContacts && what != model.PurgeNames {
		return res, errorf("purge %q: %w", what, ErrInvalid)
	}
	snaps, err := snapshotFiles(s.path)
	if err != nil {
		return res, err
	}
	p := model.Purge{ID: newID(), EventID: eventID, At: s.now().UTC(), What: what, Snapshots: len(snaps)}
	if p.People, err = s.purgeHere(ctx, p, true); err != nil {
		return res, err
	}
	res.Purge = p
	if err := removeStaleCopies(s.path); err != nil {
		return res, err
	}
	for _, snap := range snaps {
		if err := purgeFile(ctx, snap, p); err != nil {
			if err := wipeRemove(snap); err != nil {
				return res, errorf("purge: snapshot %s could not be purged nor removed: %w", snap, err)
			}
			for _, j := range []string{snap + "-wal", snap + "-shm"} {
				wipeRemove(j) //nolint:errcheck // best effort
			}
			res.Removed = append(res.Removed, snap)
			continue
		}
		res.Rewritten++
	}
	res.Backups = backupFiles(s.path)
	return res, nil
}

// purgeFile purges a rolling snapshot the same way (brought up to this
// convene's schema first), recording the purge in it too.
func purgeFile(ctx context.Context, path string, p model.Purge) error {
	st, err := Open(ctx, path, withoutClaim())
	if err != nil {
		return err
	}
	_, err = st.purgeHere(ctx, p, false)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

// purgeHere changes the rows in one transaction with secure_delete on,
// then rebuilds the file (VACUUM) and truncates the WAL. In a snapshot an
// event that is not there is nothing to purge (the file is still rebuilt).
func (s *Store) purgeHere(ctx context.Context, p model.Purge, main bool) (int, error) {
	// the writer pool is one connection kept open: the pragma holds for it
	if _, err := s.w.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
		return 0, errorf("purge: %w", mapErr(err))
	}
	var people int
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := eventExists(ctx, tx, p.EventID); err != nil {
			if main {
				return err
			}
			people = 0
			return nil
		}
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM participants WHERE event_id = ? AND "+purgeWhere(p.What), p.EventID).Scan(&people); err != nil {
			return err
		}
		now := ts(p.At)
		if p.What == model.PurgeNames {
			if err := pseudonymiseTexts(ctx, tx, p.EventID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE participants SET full_name = printf('P-%04d', pseudonym), name_key = printf('p %04d', pseudonym),
				surname = '', given_name = '', patronymic = '', position = '', updated_at = ?
				WHERE event_id = ? AND (position <> '' OR full_name <> printf('P-%04d', pseudonym) OR name_key <> printf('p %04d', pseudonym)
					OR surname <> '' OR given_name <> '' OR patronymic <> '')`, now, p.EventID); err != nil {
				return err
			}
			// what a merge filled in, kept to undo it
			if _, err := tx.ExecContext(ctx, `UPDATE merges SET filled = json_remove(filled, '$.position') WHERE event_id = ?`, p.EventID); err != nil {
				return err
			}
		}
		// what a merge filled in (kept to undo it) holds contacts too
		if _, err := tx.ExecContext(ctx, `UPDATE merges SET filled = json_remove(filled, '$.phone', '$."e-mail"', '$.notes') WHERE event_id = ?`, p.EventID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE participants SET phone = '', email = '', notes = '', updated_at = ?
			WHERE event_id = ? AND (phone <> '' OR email <> '' OR notes <> '')`, now, p.EventID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO purges(id, event_id, at, what, people, snapshots) VALUES(?,?,?,?,?,?)",
			p.ID, p.EventID, now, string(p.What), people, p.Snapshots)
		return err
	})
	if err != nil {
		return 0, errorf("purge: %w", err)
	}
	if err := s.compact(ctx); err != nil {
		return 0, err
	}
	return people, nil
}

// compact rebuilds the database file without free pages and truncates its
// WAL, so that nothing deleted stays in either.
func (s *Store) compact(ctx context.Context) error {
	unlock, err := s.lockWrites(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	if _, err := s.w.ExecContext(ctx, "VACUUM"); err != nil {
		return errorf("purge: VACUUM: %w", mapErr(err))
	}
	var busy, frames, copied int
	if err := s.w.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &frames, &copied); err != nil {
		return errorf("purge: checkpoint: %w", mapErr(err))
	}
	if busy != 0 {
		return &InUseError{Path: s.path}
	}
	return nil
}

// pseudonymiseTexts replaces, in the event's texts, every full name of its
// participants (of two words or more: a single word may be part of other
// words) by the participant's pseudonym.
func pseudonymiseTexts(ctx context.Context, tx *sql.Tx, eventID string) error {
	people, err := queryAll(ctx, tx, func(sc scanner) (personLabel, error) {
		var p personLabel
		var n sql.NullInt64
		err := sc.Scan(&p.name, &n)
		p.label = model.PseudonymLabel(int(n.Int64))
		return p, err
	}, "SELECT full_name, pseudonym FROM participants WHERE event_id = ?", eventID)
	if err != nil {
		return err
	}
	updates := []string{
		`UPDATE topics SET title = replace(title, ?1, ?2), details = replace(details, ?1, ?2), notes = replace(notes, ?1, ?2),
			outcome = replace(outcome, ?1, ?2) WHERE event_id = ?3
			AND (instr(title, ?1) OR instr(details, ?1) OR instr(notes, ?1) OR instr(outcome, ?1))`,
		`UPDATE topic_actions SET what = replace(what, ?1, ?2), who = replace(who, ?1, ?2)
			WHERE topic_id IN (SELECT id FROM topics WHERE event_id = ?3) AND (instr(what, ?1) OR instr(who, ?1))`,
		`UPDATE agenda_items SET title = replace(title, ?1, ?2), presenter = replace(presenter, ?1, ?2), notes = replace(notes, ?1, ?2)
			WHERE session_id IN (SELECT id FROM sessions WHERE event_id = ?3)
			AND (instr(title, ?1) OR instr(presenter, ?1) OR instr(notes, ?1))`,
		`UPDATE clock_undo SET title = replace(title, ?1, ?2) WHERE event_id = ?3 AND instr(title, ?1)`,
	}
	// each statement changes its own table only, so running one statement
	// for everyone, then the next, leaves what one person after another did
	for _, q := range updates {
		if err := replaceNames(ctx, tx, q, people, eventID); err != nil {
			return err
		}
	}
	return nil
}

// personLabel is a participant's full name and pseudonym, for pseudonymiseTexts.
type personLabel struct {
	name  string
	label string
}

// replaceNames runs update (arguments: a full name, its pseudonym and the
// event) for every person whose name is of two words or more.
func replaceNames(ctx context.Context, tx *sql.Tx, update string, people []personLabel, eventID string) error {
	st, err := tx.PrepareContext(ctx, update)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, p := range people {
		if len(strings.Fields(p.name)) < 2 || p.name == p.label {
			continue
		}
		if _, err := st.ExecContext(ctx, p.name, p.label, eventID); err != nil {
			return err
		}
	}
	return nil
}

// backupFiles lists the backup copies next to the database that `convene
// backup` names by default (plain or encrypted).
func backupFiles(path string) []string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	out, _ := filepath.Glob(filepath.Join(filepath.Dir(path), globEscape(base)+"-backup-*"))
	return out
}

// Purges lists the purges of an event's personal data, oldest first.
func (s *Store) Purges(ctx context.Context, eventID string) ([]model.Purge, error) {
	out, err := queryAll(ctx, s.r, func(sc scanner) (model.Purge, error) {
		var p model.Purge
		var at sql.NullString
		var what string
		err := sc.Scan(&p.ID, &p.EventID, &at, &what, &p.People, &p.Snapshots)
		p.At, p.What = parseTS(at), model.PurgeWhat(what)
		return p, err
	}, "SELECT id, event_id, at, what, people, snapshots FROM purges WHERE event_id = ? ORDER BY at", eventID)
	if err != nil {
		return nil, errorf("purges: %w", mapErr(err))
	}
	return out, nil
}
