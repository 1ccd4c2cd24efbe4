package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"

	"convene/model"
)

// Merging two person records that are the same person: every check-in and
// topic of the duplicate moves to the record kept, the kept record takes
// what it lacked (a phone, an e-mail…), and the duplicate is no longer
// listed. The merge is recorded (what moved, what was filled), so that it
// can be undone exactly, in the app (ctrl+z at the desk that made it) or
// with `convene people unmerge`.

// filledColumns maps the fields a merge may fill to their columns.
var filledColumns = map[string]string{
	model.FieldOrganisation: "organisation", model.FieldPosition: "position", model.FieldCategory: "category",
	model.FieldGender: "gender", model.FieldPhone: "phone", model.FieldEmail: "email", model.FieldNotes: "notes",
}

func participantByID(ctx context.Context, q querier, id string) (model.Participant, error) {
	p, err := scanParticipant(q.QueryRowContext(ctx, "SELECT "+participantColumns+" FROM participants WHERE id = ? AND "+listed, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, errorf("participant %s: %w", id, ErrNotFound)
	}
	return p, err
}

// MergePeople merges the record dupID into keepID (both listed people of
// one event): see above. desk is recorded for undo.
func (s *Store) MergePeople(ctx context.Context, dupID, keepID, desk string) (model.PeopleMerged, error) {
	release, denied := s.begin(OpEvent)
	if denied != nil {
		return model.PeopleMerged{}, denied
	}
	defer release()
	var ch model.PeopleMerged
	if dupID == keepID {
		return ch, errorf("merge: a person cannot be merged with themselves: %w", ErrInvalid)
	}
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		dup, err := participantByID(ctx, tx, dupID)
		if err != nil {
			return err
		}
		keep, err := participantByID(ctx, tx, keepID)
		if err != nil {
			return err
		}
		if dup.EventID != keep.EventID {
			return errorf("%s and %s are in different events: %w", dup.FullName, keep.FullName, ErrInvalid)
		}
		kept, filled := model.MergeFill(keep, dup)
		values := map[string]string{}
		for _, f := range filled {
			values[f] = fieldValue(kept, f)
		}
		js, _ := json.Marshal(values)
		id := newID()
		if _, err := tx.ExecContext(ctx, `INSERT INTO merges(id, event_id, kept_id, merged_id, at, desk, seq, filled)
			VALUES(?,?,?,?,?,?, (SELECT coalesce(max(seq), 0) FROM checkins), ?)`,
			id, keep.EventID, keep.ID, dup.ID, ts(now), desk, string(js)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO merge_moves(merge_id, checkin_id) SELECT ?, id FROM checkins WHERE participant_id = ?`, id, dup.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO merge_moves(merge_id, topic_id) SELECT ?, id FROM topics WHERE participant_id = ?`, id, dup.ID); err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, "UPDATE checkins SET participant_id = ? WHERE participant_id = ?", keep.ID, dup.ID)
		if err != nil {
			return err
		}
		moved, _ := r.RowsAffected()
		if _, err := tx.ExecContext(ctx, "UPDATE topics SET participant_id = ? WHERE participant_id = ?", keep.ID, dup.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE participants SET organisation = ?, position = ?, category = ?, gender = ?, phone = ?, email = ?, notes = ?, updated_at = ? WHERE id = ?`,
			kept.Organisation, kept.Position, kept.Category, string(kept.Gender), kept.Phone, kept.Email, kept.Notes, ts(now), keep.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE participants SET merged_into = ?, updated_at = ? WHERE id = ?", id, ts(now), dup.ID); err != nil {
			return err
		}
		ch = model.PeopleMerged{EventID: keep.EventID, MergeID: id, Kept: kept, Merged: dup, Filled: filled, Moved: int(moved)}
		return nil
	})
	if err != nil {
		return model.PeopleMerged{}, errorf("merge: %w", err)
	}
	return ch, nil
}

func fieldValue(p model.Participant, field string) string {
	switch field {
	case model.FieldOrganisation:
		return p.Organisation
	case model.FieldPosition:
		return p.Position
	case model.FieldCategory:
		return p.Category
	case model.FieldGender:
		return string(p.Gender)
	case model.FieldPhone:
		return p.Phone
	case model.FieldEmail:
		return p.Email
	case model.FieldNotes:
		return p.Notes
	}
	return ""
}

// Unmerge undoes a merge: the duplicate is listed again with its own
// check-ins and topics, and each field the merge filled on the kept record
// is emptied again if it still holds what the merge put there. It refuses
// (ErrUndoConflict) when the kept record was itself merged into another
// since (undo that merge first), and ErrNothingToUndo when the merge was
// already undone.
func (s *Store) Unmerge(ctx context.Context, mergeID string) (model.PeopleMerged, error) {
	release, denied := s.begin(OpEvent)
	if denied != nil {
		return model.PeopleMerged{}, denied
	}
	defer release()
	var ch model.PeopleMerged
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		var keptID, mergedID, filledJSON string
		var undone sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT kept_id, merged_id, filled, undone_at FROM merges WHERE id = ?", mergeID).Scan(&keptID, &mergedID, &filledJSON, &undone)
		if errors.Is(err, sql.ErrNoRows) {
			return errorf("merge %s: %w", mergeID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if undone.Valid {
			return errorf("%w: this merge was already undone", ErrNothingToUndo)
		}
		keep, err := participantByID(ctx, tx, keptID)
		if errors.Is(err, ErrNotFound) {
			var name string
			tx.QueryRowContext(ctx, "SELECT full_name FROM participants WHERE id = ?", keptID).Scan(&name) //nolint:errcheck // only for the message
			return errorf("%w: “%s” was merged into another record since; undo that merge first", ErrUndoConflict, model.SanitizeLine(name))
		}
		if err != nil {
			return err
		}
		for _, q := range []string{
			"UPDATE checkins SET participant_id = ? WHERE id IN (SELECT checkin_id FROM merge_moves WHERE merge_id = ?) AND participant_id = ?",
			"UPDATE topics SET participant_id = ? WHERE id IN (SELECT topic_id FROM merge_moves WHERE merge_id = ?) AND participant_id = ?",
		} {
			if _, err := tx.ExecContext(ctx, q, mergedID, mergeID, keptID); err != nil {
				return err
			}
		}
		filled := map[string]string{}
		json.Unmarshal([]byte(filledJSON), &filled) //nolint:errcheck // written by MergePeople
		var fields []string
		for f, v := range filled {
			col, ok := filledColumns[f]
			if !ok {
				continue
			}
			empty := ""
			if _, err := tx.ExecContext(ctx, "UPDATE participants SET "+col+" = ? WHERE id = ? AND "+col+" = ?", empty, keptID, v); err != nil {
				return err
			}
			fields = append(fields, f)
		}
		sort.Strings(fields)
		if _, err := tx.ExecContext(ctx, "UPDATE participants SET merged_into = NULL, updated_at = ? WHERE id = ?", ts(now), mergedID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE merges SET undone_at = ? WHERE id = ?", ts(now), mergeID); err != nil {
			return err
		}
		if keep, err = participantByID(ctx, tx, keptID); err != nil {
			return err
		}
		dup, err := participantByID(ctx, tx, mergedID)
		if err != nil {
			return err
		}
		ch = model.PeopleMerged{EventID: keep.EventID, MergeID: mergeID, Kept: keep, Merged: dup, Filled: fields, Undone: true}
		return nil
	})
	if err != nil {
		return model.PeopleMerged{}, errorf("undo merge: %w", err)
	}
	return ch, nil
}

// Merges lists an event's merges, newest first (undone ones too).
func (s *Store) Merges(ctx context.Context, eventID string) ([]model.MergeRecord, error) {
	var out []model.MergeRecord
	err := s.read(ctx, func(tx *sql.Tx) error {
		out = nil
		type row struct {
			m            model.MergeRecord
			kept, merged string
		}
		rs, err := queryAll(ctx, tx, func(sc scanner) (row, error) {
			var r row
			var at sql.NullString
			var filled string
			if err := sc.Scan(&r.m.ID, &r.kept, &r.merged, &at, &r.m.Desk, &filled, &r.m.Undone); err != nil {
				return r, err
			}
			r.m.At = parseTS(at)
			var f map[string]string
			json.Unmarshal([]byte(filled), &f) //nolint:errcheck // written by MergePeople
			for k := range f {
				r.m.Filled = append(r.m.Filled, k)
			}
			sort.Strings(r.m.Filled)
			return r, nil
		}, "SELECT id, kept_id, merged_id, at, desk, filled, undone_at IS NOT NULL FROM merges WHERE event_id = ? ORDER BY seq DESC, at DESC", eventID)
		if err != nil {
			return err
		}
		for _, r := range rs {
			get := func(id string) (model.Participant, error) {
				return scanParticipant(tx.QueryRowContext(ctx, "SELECT "+participantColumns+" FROM participants WHERE id = ?", id))
			}
			if r.m.Kept, err = get(r.kept); err != nil {
				return err
			}
			if r.m.Merged, err = get(r.merged); err != nil {
				return err
			}
			out = append(out, r.m)
		}
		return nil
	})
	if err != nil {
		return nil, errorf("merges: %w", err)
	}
	return out, nil
}

// UndoLastAtDesk undoes this desk's newest action at the check-in desk,
// whichever came last: its last check-in in the session that is still in
// effect (as UndoLastCheckIn), its last un-check in the session that is
// still in effect (the arrival is given back, CheckedIn.Restored), or its
// last merge in the event.
func (s *Store) UndoLastAtDesk(ctx context.Context, sessionID, desk string) (model.Change, error) {
	release, denied := s.begin(OpCheckIn)
	if denied != nil {
		return nil, denied
	}
	defer release()
	var mergeID string
	var cseq, useq sql.NullInt64
	err := s.read(ctx, func(tx *sql.Tx) error {
		eventID, err := sessionEvent(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if cseq, useq, err = lastAtDesk(ctx, tx, sessionID, desk); err != nil {
			return err
		}
		var mseq sql.NullInt64
		err = tx.QueryRowContext(ctx, "SELECT id, seq FROM merges WHERE event_id = ? AND desk = ? AND undone_at IS NULL ORDER BY seq DESC, at DESC LIMIT 1",
			eventID, desk).Scan(&mergeID, &mseq)
		if errors.Is(err, sql.ErrNoRows) {
			mergeID = ""
			return nil
		}
		if err != nil {
			return err
		}
		if max(cseq.Int64, useq.Int64) > mseq.Int64 {
			mergeID = "" // a check-in or an un-check came after the merge
		}
		return nil
	})
	if err != nil {
		return nil, errorf("undo: %w", mapErr(err))
	}
	switch {
	case mergeID != "":
		return s.Unmerge(ctx, mergeID)
	case useq.Int64 > cseq.Int64:
		return s.undoLastUncheck(ctx, sessionID, desk)
	}
	return s.UndoLastCheckIn(ctx, sessionID, desk)
}

// lastAtDesk is where a desk's latest check-in and latest un-check still
// in effect are in the check-ins (their seq; invalid when there is none).
func lastAtDesk(ctx context.Context, tx *sql.Tx, sessionID, desk string) (cseq, useq sql.NullInt64, err error) {
	if err = tx.QueryRowContext(ctx, "SELECT max(c.seq) FROM checkins c WHERE "+inEffect+" AND c.unchecked = 0", sessionID, desk, model.ActionIn).Scan(&cseq); err != nil {
		return
	}
	err = tx.QueryRowContext(ctx, "SELECT max(c.seq) FROM checkins c WHERE "+inEffect+" AND c.unchecked = 1", sessionID, desk, model.ActionUndo).Scan(&useq)
	return
}
