package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"convene/model"
)

// The check-in desk's reads: the whole roster as fast as the driver
// allows, and then only what changed since.

// RosterMark is how far a reader has read an event's participants and the
// check-ins: RosterChanges returns what was written after it.
type RosterMark struct {
	Rowid   int64  // the largest participant rowid read
	Updated string // the latest participant updated_at read
	Seq     int64  // the largest check-in seq when the participants were read
}

// rosterColumns are a participant's columns in one text value, a packed
// row (model.ParsePacked: the fields in its order, separated by the unit
// separator): one value a row is much faster to read than fifteen, and the
// index keeps it as it is.
const (
	rosterColumns = "id||char(31)||full_name||char(31)||organisation||char(31)||position||char(31)||category||char(31)||" +
		"gender||char(31)||phone||char(31)||email||char(31)||notes||char(31)||source||char(31)||" +
		"surname||char(31)||given_name||char(31)||patronymic||char(31)||consent||char(31)||coalesce(pseudonym, 0)"
)

// RosterPeople lists an event's participants (in no particular order) with
// the mark to read later changes from.
func (s *Store) RosterPeople(ctx context.Context, eventID string) ([]model.Packed, RosterMark, error) {
	var out []model.Packed
	var mark RosterMark
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM checkins").Scan(&mark.Seq); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM participants WHERE event_id = ? AND "+listed, eventID).Scan(&n); err != nil {
			return err
		}
		out = make([]model.Packed, 0, n)
		var err error
		out, err = readRoster(ctx, tx, out, &mark, "WHERE event_id = ? AND "+listed, eventID)
		return err
	})
	if err != nil {
		return nil, RosterMark{}, errorf("list participants: %w", err)
	}
	return out, mark, nil
}

// readRoster appends the participants a WHERE clause selects, packed, and
// moves the mark past them.
func readRoster(ctx context.Context, tx *sql.Tx, out []model.Packed, mark *RosterMark, where string, args ...any) ([]model.Packed, error) {
	rows, err := tx.QueryContext(ctx, "SELECT rowid, updated_at, "+rosterColumns+" FROM participants "+where, args...)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	var odd []int64 // rows whose text holds the separator: read again column by column
	for rows.Next() {
		var rowid int64
		var updated, row string
		if err := rows.Scan(&rowid, &updated, &row); err != nil {
			return out, err
		}
		mark.Rowid = max(mark.Rowid, rowid)
		if updated > mark.Updated {
			mark.Updated = updated
		}
		k, ok := model.ParsePacked(row)
		if !ok {
			odd = append(odd, rowid)
			continue
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return out, err
	}
	rows.Close()
	for _, rowid := range odd {
		p, err := scanParticipant(tx.QueryRowContext(ctx, "SELECT "+participantColumns+" FROM participants WHERE rowid = ?", rowid))
		if err != nil {
			return out, err
		}
		out = append(out, model.Pack(&p))
	}
	return out, nil
}

// unpacked unpacks people of an event.
func unpacked(people []model.Packed, eventID string) []model.Participant {
	out := make([]model.Participant, len(people))
	for i := range people {
		out[i] = people[i].Unpack(eventID)
	}
	return out
}

// RosterChanges is what was written after a RosterMark: the participants
// added or edited, and the check-ins of one session in the order made.
type RosterChanges struct {
	People   []model.Participant
	CheckIns []model.CheckIn // of the session asked for
	// Elsewhere says check-ins of other sessions were written too.
	Elsewhere bool
	// Removed says people were merged, or a merge was undone: someone left
	// the list or came back with their check-ins; read the roster again.
	Removed bool
	Mark    RosterMark // read the next changes from here
}

// RosterChanges reads what was written after mark: a window's cheap
// refresh when another process changed the database.
func (s *Store) RosterChanges(ctx context.Context, eventID, sessionID string, mark RosterMark) (RosterChanges, error) {
	ch := RosterChanges{Mark: mark}
	err := s.read(ctx, func(tx *sql.Tx) error {
		var seq int64
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM checkins").Scan(&seq); err != nil {
			return err
		}
		people, err := readRoster(ctx, tx, nil, &ch.Mark, "WHERE event_id = ? AND "+listed+" AND (rowid > ? OR updated_at > ?)", eventID, mark.Rowid, mark.Updated)
		if err != nil {
			return err
		}
		ch.People = unpacked(people, eventID)
		// a merge or its undo since: people leave or come back with their
		// check-ins (moved without new sequence numbers), and a kept record
		// gives back what it was filled with
		if err := tx.QueryRowContext(ctx, "SELECT EXISTS(SELECT 1 FROM merges WHERE event_id = ? AND (at > ?2 OR coalesce(undone_at, '') > ?2))",
			eventID, mark.Updated).Scan(&ch.Removed); err != nil {
			return err
		}
		if ch.Removed {
			var last RosterMark
			if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(rowid), 0), coalesce(max(updated_at), '') FROM participants WHERE event_id = ?", eventID).Scan(&last.Rowid, &last.Updated); err != nil {
				return err
			}
			ch.Mark.Rowid, ch.Mark.Updated = max(ch.Mark.Rowid, last.Rowid), max(ch.Mark.Updated, last.Updated)
		}
		rows, err := tx.QueryContext(ctx, "SELECT id, participant_id, session_id, at, action, desk, seq FROM checkins WHERE seq > ? ORDER BY seq", mark.Seq)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c model.CheckIn
			var at sql.NullString
			var action string
			var n int64
			if err := rows.Scan(&c.ID, &c.ParticipantID, &c.SessionID, &at, &action, &c.Desk, &n); err != nil {
				return err
			}
			seq = max(seq, n)
			if c.SessionID != sessionID {
				ch.Elsewhere = true
				continue
			}
			c.At, c.Action = parseTS(at), model.CheckInAction(action)
			ch.CheckIns = append(ch.CheckIns, c)
		}
		ch.Mark.Seq = seq
		return rows.Err()
	})
	if err != nil {
		return RosterChanges{}, errorf("roster changes: %w", err)
	}
	for i := range ch.People {
		ch.People[i].EventID = eventID
	}
	return ch, nil
}

// RosterHead is what the check-in list shows first, read without reading
// every participant (the name_key index gives the name order): the first
// people in name order, the counts, and who of them is here.
type RosterHead struct {
	People     []model.Participant  // the first ones in name order (folded name, then the name)
	Total      int                  // participants in the event
	Categories map[string]int       // participants by category ("" for none)
	HereBy     []HereCount          // who is here, by category and gender
	Here       map[string]time.Time // arrival times of People who are here
	Earlier    map[string]bool      // People who came to an earlier session
}

// HereCount is how many people of a category and gender are here.
type HereCount struct {
	Category string
	Gender   model.Gender
	N        int
}

// RosterHead reads the first limit participants of an event in name order,
// its counts and who is here in a session (earlier lists the sessions
// before it).
func (s *Store) RosterHead(ctx context.Context, eventID, sessionID string, earlier []string, limit int) (RosterHead, error) {
	h := RosterHead{Categories: map[string]int{}, Here: map[string]time.Time{}, Earlier: map[string]bool{}}
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := queryEach(ctx, tx, func(sc scanner) error { // the total is their sum: one pass, not two
			var c string
			var n int
			if err := sc.Scan(&c, &n); err != nil {
				return err
			}
			h.Categories[c] = n
			h.Total += n
			return nil
		}, "SELECT category, count(*) FROM participants WHERE event_id = ? AND "+listed+" GROUP BY category", eventID)
		if err != nil {
			return err
		}
		err = queryEach(ctx, tx, func(sc scanner) error {
			var c HereCount
			var g string
			if err := sc.Scan(&c.Category, &g, &c.N); err != nil {
				return err
			}
			c.Gender = model.Gender(g)
			h.HereBy = append(h.HereBy, c)
			return nil
		}, `SELECT p.category, p.gender, count(*) FROM
			(SELECT participant_id, action, max(seq) FROM checkins WHERE session_id = ? GROUP BY participant_id) l
			CROSS JOIN participants p ON p.id = l.participant_id -- CROSS: check-ins first, never a scan of everyone
			WHERE l.action = 'in' AND p.event_id = ? AND p.merged_into IS NULL GROUP BY p.category, p.gender`, sessionID, eventID)
		if err != nil {
			return err
		}
		var mark RosterMark
		people, err := readRoster(ctx, tx, nil, &mark, "WHERE event_id = ? AND "+listed+" ORDER BY name_key, full_name LIMIT ?", eventID, limit)
		if err != nil {
			return err
		}
		h.People = unpacked(people, eventID)
		if len(h.People) == 0 {
			return nil
		}
		ids := make([]any, len(h.People))
		marks := strings.Repeat(",?", len(ids))[1:]
		for i, p := range h.People {
			ids[i] = p.ID
		}
		err = queryEach(ctx, tx, func(sc scanner) error {
			var pid, action string
			var at sql.NullString
			var seq int64
			if err := sc.Scan(&pid, &action, &at, &seq); err != nil {
				return err
			}
			if model.CheckInAction(action) == model.ActionIn {
				h.Here[pid] = parseTS(at)
			}
			return nil
		}, "SELECT participant_id, action, at, max(seq) FROM checkins WHERE session_id = ? AND participant_id IN ("+marks+") GROUP BY participant_id",
			append([]any{sessionID}, ids...)...)
		if err != nil {
			return err
		}
		if len(earlier) == 0 {
			return nil
		}
		sess := strings.Repeat(",?", len(earlier))[1:]
		args := make([]any, 0, len(earlier)+len(ids))
		for _, e := range earlier {
			args = append(args, e)
		}
		return queryEach(ctx, tx, func(sc scanner) error {
			var pid, action string
			var seq int64
			if err := sc.Scan(&pid, &action, &seq); err != nil {
				return err
			}
			if model.CheckInAction(action) == model.ActionIn {
				h.Earlier[pid] = true
			}
			return nil
		}, "SELECT participant_id, action, max(seq) FROM checkins WHERE session_id IN ("+sess+") AND participant_id IN ("+marks+") GROUP BY participant_id, session_id",
			append(args, ids...)...)
	})
	if err != nil {
		return RosterHead{}, errorf("roster: %w", err)
	}
	for i := range h.People {
		h.People[i].EventID = eventID
	}
	return h, nil
}
