package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"convene/model"
)

// The undo log of clock actions (migration 0004): every AgendaAct and
// TopicAct writes one entry, in its own transaction, holding the exact
// stored clock columns of every row it changed, before and after.

//i18n:key
var (
	// ErrNothingToUndo is returned by UndoClock when this desk has no clock
	// action left to undo in the event.
	ErrNothingToUndo = errors.New("nothing to undo")
	// ErrUndoConflict is returned by UndoClock when a row the undo would
	// restore was changed since; the error's text names what changed it.
	ErrUndoConflict = errors.New("cannot undo")
)

// The stored clock state of a row, in the order of the log's b_ and a_
// columns: status, skipped, extra_seconds, started_at, paused_at,
// paused_seconds, ended_at (status is NULL for items, skipped for topics).
const (
	undoItemState  = "NULL, skipped, extra_seconds, started_at, paused_at, paused_seconds, ended_at"
	undoTopicState = "status, NULL, extra_seconds, started_at, paused_at, paused_seconds, ended_at"
	undoBefore     = "b_status, b_skipped, b_extra_seconds, b_started_at, b_paused_at, b_paused_seconds, b_ended_at"
	undoAfter      = "a_status, a_skipped, a_extra_seconds, a_started_at, a_paused_at, a_paused_seconds, a_ended_at"
	// a row still holds the after-state of its entry r
	undoItemSame = `i.skipped IS r.a_skipped AND i.extra_seconds IS r.a_extra_seconds AND i.started_at IS r.a_started_at
		AND i.paused_at IS r.a_paused_at AND i.paused_seconds IS r.a_paused_seconds AND i.ended_at IS r.a_ended_at`
	undoTopicSame = `t.status IS r.a_status AND t.extra_seconds IS r.a_extra_seconds AND t.started_at IS r.a_started_at
		AND t.paused_at IS r.a_paused_at AND t.paused_seconds IS r.a_paused_seconds AND t.ended_at IS r.a_ended_at`
)

// logClock writes an undo entry for an action about to change the rows
// (agenda item or topic IDs, by e.Domain): it records their stored state
// now, and the returned function, called once the rows are saved, records
// their state after.
func logClock(ctx context.Context, tx *sql.Tx, eventID string, e model.ClockUndo, rows []string) (func() error, error) {
	var sid any
	if e.SessionID != "" {
		sid = e.SessionID
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO clock_undo(event_id, desk, at, domain, session_id, subject_id, title, action) VALUES(?,?,?,?,?,?,?,?)`,
		eventID, e.Desk, ts(e.At), string(e.Domain), sid, e.SubjectID, clean(e.Title), e.Action)
	if err != nil {
		return nil, err
	}
	id, err := r.LastInsertId()
	if err != nil {
		return nil, err
	}
	key, state, table := "item_id", undoItemState, "agenda_items"
	if e.Domain == model.UndoTopic {
		key, state, table = "topic_id", undoTopicState, "topics"
	}
	for _, row := range rows {
		if _, err := tx.ExecContext(ctx, "INSERT INTO clock_undo_rows(undo_id, "+key+", "+undoBefore+") SELECT ?, id, "+state+" FROM "+table+" WHERE id = ?", id, row); err != nil {
			return nil, err
		}
	}
	return func() error {
		_, err := tx.ExecContext(ctx, "UPDATE clock_undo_rows SET ("+undoAfter+") = (SELECT "+state+" FROM "+table+" x WHERE x.id = clock_undo_rows."+key+") WHERE undo_id = ?", id)
		return err
	}, nil
}

type undoEntry struct {
	id      int64
	eventID string
	model.ClockUndo
}

const undoEntryColumns = "id, event_id, desk, at, domain, coalesce(session_id, ''), subject_id, title, action"

func scanUndo(sc scanner) (undoEntry, error) {
	var e undoEntry
	var at sql.NullString
	var dom string
	err := sc.Scan(&e.id, &e.eventID, &e.Desk, &at, &dom, &e.SessionID, &e.SubjectID, &e.Title, &e.Action)
	e.At, e.Domain = parseTS(at), model.UndoDomain(dom)
	return e, err
}

// nextUndo is this desk's newest entry in the event not yet undone.
func nextUndo(ctx context.Context, q querier, eventID, desk string) (undoEntry, error) {
	e, err := scanUndo(q.QueryRowContext(ctx, "SELECT "+undoEntryColumns+` FROM clock_undo
		WHERE event_id = ? AND desk = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1`, eventID, desk))
	if errors.Is(err, sql.ErrNoRows) {
		return e, errorf("%w: no clock action of this desk is left to undo", ErrNothingToUndo)
	}
	return e, err
}

// PeekUndoClock says what UndoClock would undo for this desk (without
// checking whether it still can): its newest clock action in the event
// not yet undone, or ErrNothingToUndo.
func (s *Store) PeekUndoClock(ctx context.Context, eventID, desk string) (model.ClockUndo, error) {
	e, err := nextUndo(ctx, s.r, eventID, desk)
	if err != nil {
		return model.ClockUndo{}, mapErr(err)
	}
	return e.ClockUndo, nil
}

// UndoClock undoes this desk's newest clock action in the event that is
// not yet undone: every row the action changed gets back exactly its
// stored state from before it (timestamps as they were, nothing
// recomputed), in one transaction, and the entry is marked undone, so
// undoing again undoes the action before it. It returns the
// model.AgendaChanged or model.TopicsChanged with the new state and
// Undone describing the action undone.
//
// It refuses with ErrUndoConflict, changing nothing, when a row no longer
// holds the state the action left (something changed it since: the error
// names the later action and its desk from the log, or says it was edited
// since), or when restoring would leave two agenda items running or two
// topics under discussion. With nothing left to undo it returns
// ErrNothingToUndo.
func (s *Store) UndoClock(ctx context.Context, eventID, desk string) (model.Change, error) {
	release, denied := s.begin(OpTopics)
	if denied != nil {
		return nil, denied
	}
	defer release()
	var ch model.Change
	err := s.write(ctx, func(tx *sql.Tx) error {
		e, err := nextUndo(ctx, tx, eventID, desk)
		if err != nil {
			return err
		}
		if ch, err = undoTx(ctx, tx, e, s.now().UTC()); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrUndoConflict) || errors.Is(err, ErrNothingToUndo) {
			return nil, err
		}
		return nil, errorf("undo: %w", err)
	}
	return ch, nil
}

type undoRow struct {
	id     int64
	target string // the item or topic
	title  string
	same   bool // it still holds the entry's after-state
}

func undoTx(ctx context.Context, tx *sql.Tx, e undoEntry, now time.Time) (model.Change, error) {
	topic := e.Domain == model.UndoTopic
	q := "SELECT r.id, r.item_id, i.title, " + undoItemSame + " FROM clock_undo_rows r JOIN agenda_items i ON i.id = r.item_id WHERE r.undo_id = ? ORDER BY r.id"
	if topic {
		q = "SELECT r.id, r.topic_id, t.title, " + undoTopicSame + " FROM clock_undo_rows r JOIN topics t ON t.id = r.topic_id WHERE r.undo_id = ? ORDER BY r.id"
	}
	rows, err := queryAll(ctx, tx, func(sc scanner) (undoRow, error) {
		var r undoRow
		err := sc.Scan(&r.id, &r.target, &r.title, &r.same)
		return r, err
	}, q, e.id)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if !r.same {
			return nil, changedSince(ctx, tx, e, r.target, r.title, phrase("changed"))
		}
	}
	table, cols := "agenda_items", "skipped, extra_seconds, started_at, paused_at, paused_seconds, ended_at"
	from := "b_skipped, b_extra_seconds, b_started_at, b_paused_at, b_paused_seconds, b_ended_at"
	if topic {
		table, cols = "topics", "status, extra_seconds, started_at, paused_at, paused_seconds, ended_at"
		from = "b_status, b_extra_seconds, b_started_at, b_paused_at, b_paused_seconds, b_ended_at"
	}
	var targets []string
	for _, r := range rows {
		if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET ("+cols+") = (SELECT "+from+" FROM clock_undo_rows WHERE id = ?) WHERE id = ?", r.id, r.target); err != nil {
			return nil, err
		}
		targets = append(targets, r.target)
	}
	// one item running at a time, one topic discussed at a time
	if n, err := countActive(ctx, tx, e, topic); err != nil {
		return nil, err
	} else if n > 1 {
		// an active one outside this entry got in the way
		other, title, err := activeOutside(ctx, tx, e, topic, targets)
		if err != nil {
			return nil, err
		}
		what := phrase("started")
		if topic {
			what = phrase("put under discussion")
		}
		return nil, changedSince(ctx, tx, e, other, title, what)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE clock_undo SET undone_at = ? WHERE id = ?", ts(now), e.id); err != nil {
		return nil, err
	}
	if topic {
		ch, err := topicsChanged(ctx, tx, e.eventID, e.SubjectID)
		ch.Undone = e.ClockUndo
		return ch, err
	}
	ch, err := agendaChanged(ctx, tx, e.SessionID, e.SubjectID)
	ch.Undone = e.ClockUndo
	for i, it := range ch.Items {
		if slices.Contains(targets, it.ID) {
			ch.Result.Changed = append(ch.Result.Changed, i)
		}
	}
	return ch, err
}

func countActive(ctx context.Context, tx *sql.Tx, e undoEntry, topic bool) (int, error) {
	var n int
	var err error
	if topic {
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM topics WHERE event_id = ? AND status = 'discussing' AND merged_into IS NULL`, e.eventID).Scan(&n)
	} else {
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM agenda_items WHERE session_id = ? AND started_at IS NOT NULL AND ended_at IS NULL`, e.SessionID).Scan(&n)
	}
	return n, err
}

func activeOutside(ctx context.Context, tx *sql.Tx, e undoEntry, topic bool, targets []string) (id, title string, err error) {
	q := `SELECT id, title FROM agenda_items WHERE session_id = ? AND started_at IS NOT NULL AND ended_at IS NULL ORDER BY position`
	arg := e.SessionID
	if topic {
		q, arg = `SELECT id, title FROM topics WHERE event_id = ? AND status = 'discussing' AND merged_into IS NULL ORDER BY created_at, id`, e.eventID
	}
	type pair struct{ id, title string }
	list, err := queryAll(ctx, tx, func(sc scanner) (pair, error) {
		var p pair
		err := sc.Scan(&p.id, &p.title)
		return p, err
	}, q, arg)
	if err != nil {
		return "", "", err
	}
	for _, p := range list {
		if !slices.Contains(targets, p.id) {
			return p.id, p.title, nil
		}
	}
	return list[0].id, list[0].title, nil
}

// changedSince is the ErrUndoConflict for a row changed after entry e:
// it names the newest later action on that row still in effect (its desk
// and action), or says the row was edited since.
func changedSince(ctx context.Context, tx *sql.Tx, e undoEntry, target, title string, what Phrase) error {
	var desk, action string
	err := tx.QueryRowContext(ctx, `SELECT u.desk, u.action FROM clock_undo u JOIN clock_undo_rows r ON r.undo_id = u.id
		WHERE (r.item_id = ?1 OR r.topic_id = ?1) AND u.id > ?2 AND u.undone_at IS NULL ORDER BY u.id DESC LIMIT 1`, target, e.id).Scan(&desk, &action)
	name := model.SanitizeLine(title)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if what.format == "changed" {
			what = phrase("edited")
		}
		return errorf("%w: “%s” was %s since", ErrUndoConflict, name, what)
	case err != nil:
		return err
	}
	by := phrase("desk %s", model.SanitizeLine(desk))
	if desk == "" {
		by = phrase("another desk")
	}
	return errorf("%w: “%s” was %s since by %s (%s)", ErrUndoConflict, name, what, by, phrase(action))
}
