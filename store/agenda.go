package store

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"convene/model"
)

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

func items(ctx context.Context, q querier, sessionID string) ([]model.AgendaItem, error) {
	return queryAll(ctx, q, scanItem, "SELECT "+itemColumns+" FROM agenda_items WHERE session_id = ? ORDER BY position", sessionID)
}

// AgendaItems lists a session's agenda in order.
func (s *Store) AgendaItems(ctx context.Context, sessionID string) ([]model.AgendaItem, error) {
	out, err := items(ctx, s.r, sessionID)
	if err != nil {
		return nil, errorf("list agenda: %w", mapErr(err))
	}
	return out, nil
}

// agendaChanged reads a session's agenda after a change, in the same
// transaction.
func agendaChanged(ctx context.Context, tx *sql.Tx, sessionID, itemID string) (model.AgendaChanged, error) {
	ch := model.AgendaChanged{SessionID: sessionID, ItemID: itemID}
	var err error
	if ch.EventID, err = sessionEvent(ctx, tx, sessionID); err != nil {
		return ch, err
	}
	ch.Items, err = items(ctx, tx, sessionID)
	return ch, err
}

func insertItem(ctx context.Context, tx *sql.Tx, it model.AgendaItem) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO agenda_items(id, session_id, position, title, presenter, kind, planned_minutes, notes, pinned_start, skipped,
		extra_seconds, started_at, paused_at, paused_seconds, ended_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		it.ID, it.SessionID, it.Position, clean(it.Title), clean(it.Presenter), string(it.Kind), it.PlannedMinutes,
		model.SanitizeText(it.Notes), it.PinnedStart, it.Skipped, int64(it.Clock.Extra/time.Second),
		nullTS(it.Clock.StartedAt), nullTS(it.Clock.PausedAt), it.Clock.PausedFor.Seconds(), nullTS(it.Clock.EndedAt))
	return err
}

func saveClock(ctx context.Context, tx *sql.Tx, it model.AgendaItem) error {
	_, err := tx.ExecContext(ctx, `UPDATE agenda_items SET skipped = ?, extra_seconds = ?, started_at = ?, paused_at = ?, paused_seconds = ?, ended_at = ? WHERE id = ?`,
		it.Skipped, int64(it.Clock.Extra/time.Second), nullTS(it.Clock.StartedAt), nullTS(it.Clock.PausedAt), it.Clock.PausedFor.Seconds(), nullTS(it.Clock.EndedAt), it.ID)
	return err
}

// renumber writes positions 1..n in the given order.
func renumber(ctx context.Context, tx *sql.Tx, items []model.AgendaItem) error {
	for i, it := range items {
		if it.Position == i+1 {
			continue
		}
		if _, err := tx.ExecContext(ctx, "UPDATE agenda_items SET position = ? WHERE id = ?", i+1, it.ID); err != nil {
			return err
		}
	}
	return nil
}

func indexOf(items []model.AgendaItem, id string) int {
	for i, it := range items {
		if it.ID == id {
			return i
		}
	}
	return -1
}

// itemSession returns the session an item belongs to.
func itemSession(ctx context.Context, tx *sql.Tx, id string) (string, error) {
	var sid string
	err := tx.QueryRowContext(ctx, "SELECT session_id FROM agenda_items WHERE id = ?", id).Scan(&sid)
	return sid, err
}

// AgendaAct applies a clock action (start/pause, next, extend, skip, reset,
// finish) to a session's agenda in one transaction, committed before it
// returns, and returns the session's items as they now are (Result says
// what changed). itemID is the highlighted item (may be empty for
// next/extend/finish). desk is who acted: the action is written to the
// event's clock undo log (see UndoClock) in the same transaction.
func (s *Store) AgendaAct(ctx context.Context, sessionID, itemID string, act model.AgendaAction, d time.Duration, desk string) (model.AgendaChanged, error) {
	release, denied := s.begin(OpAgenda)
	if denied != nil {
		return model.AgendaChanged{}, denied
	}
	defer release()
	ch := model.AgendaChanged{SessionID: sessionID, ItemID: itemID}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if ch.EventID, err = sessionEvent(ctx, tx, sessionID); err != nil {
			return err
		}
		if ch.Items, err = items(ctx, tx, sessionID); err != nil {
			return err
		}
		sel := indexOf(ch.Items, itemID)
		if itemID != "" && sel < 0 {
			return errorf("agenda item %s: %w", itemID, ErrNotFound)
		}
		before := slices.Clone(ch.Items)
		now := s.now().UTC()
		if ch.Result, err = model.ApplyAgenda(ch.Items, sel, act, d, now); err != nil {
			return err
		}
		if len(ch.Result.Changed) == 0 {
			return nil
		}
		entry := model.ClockUndo{Desk: desk, At: now, Domain: model.UndoAgenda, SessionID: sessionID}
		subject := agendaSubject(before, sel, act, ch.Result)
		entry.SubjectID, entry.Title = before[subject].ID, before[subject].Title
		entry.Action = model.AgendaActionName(act, d, before[subject])
		var rows []string
		for _, i := range ch.Result.Changed {
			rows = append(rows, ch.Items[i].ID)
		}
		logged, err := logClock(ctx, tx, ch.EventID, entry, rows)
		if err != nil {
			return err
		}
		for _, i := range ch.Result.Changed {
			if err := saveClock(ctx, tx, ch.Items[i]); err != nil {
				return err
			}
		}
		return logged()
	})
	if err != nil {
		return model.AgendaChanged{}, errorf("agenda: %w", err)
	}
	return ch, nil
}

// agendaSubject is the index of the item an action is about: the
// highlighted one for start, pause, skip and reset; the active one (as it
// was before) for extend and finish; the item started by next, else the
// one it finished.
func agendaSubject(before []model.AgendaItem, sel int, act model.AgendaAction, res model.AgendaResult) int {
	switch act {
	case model.ActExtend, model.ActFinish:
		if a := model.Active(before); a >= 0 {
			return a
		}
	case model.ActNext:
		return res.Changed[len(res.Changed)-1]
	case model.ActToggle, model.ActSkip, model.ActReset:
		// the highlighted item, below
	}
	if sel >= 0 {
		return sel
	}
	return res.Changed[0]
}

func checkItem(it model.AgendaItem) error {
	if clean(it.Title) == "" {
		return errorf("an agenda item needs a title: %w", ErrInvalid)
	}
	if it.PlannedMinutes < 0 || it.PlannedMinutes > 24*60 {
		return errorf("planned minutes must be between 0 and 1440: %w", ErrInvalid)
	}
	if it.PinnedStart != "" {
		if _, err := time.Parse("15:04", it.PinnedStart); err != nil {
			return errorf("fixed start %q is not HH:MM: %w", it.PinnedStart, ErrInvalid)
		}
	}
	return nil
}

// AddItem inserts an item into a session after position `after` (0: at
// the start; past the end: at the end). The change's Item() is the new item.
func (s *Store) AddItem(ctx context.Context, sessionID string, it model.AgendaItem, after int) (model.AgendaChanged, error) {
	release, denied := s.begin(OpAgenda)
	if denied != nil {
		return model.AgendaChanged{}, denied
	}
	defer release()
	var ch model.AgendaChanged
	if err := checkItem(it); err != nil {
		return model.AgendaChanged{}, errorf("add item: %w", err)
	}
	it.ID, it.SessionID = newID(), sessionID
	it.Clock = model.Clock{}
	if it.Kind == "" {
		it.Kind = model.KindOther
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		list, err := items(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		at := min(max(after, 0), len(list))
		it.Position = len(list) + 1 // temporary, renumbered below
		if err := insertItem(ctx, tx, it); err != nil {
			return err
		}
		list = append(list[:at], append([]model.AgendaItem{it}, list[at:]...)...)
		if err := renumber(ctx, tx, list); err != nil {
			return err
		}
		ch, err = agendaChanged(ctx, tx, sessionID, it.ID)
		return err
	})
	if err != nil {
		return model.AgendaChanged{}, errorf("add item: %w", err)
	}
	return ch, nil
}

// UpdateItem saves an item's title, presenter, kind, planned minutes,
// notes and fixed start (not its clock).
func (s *Store) UpdateItem(ctx context.Context, it model.AgendaItem) (model.AgendaChanged, error) {
	release, denied := s.begin(OpAgenda)
	if denied != nil {
		return model.AgendaChanged{}, denied
	}
	defer release()
	var ch model.AgendaChanged
	if err := checkItem(it); err != nil {
		return model.AgendaChanged{}, errorf("update item: %w", err)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := execOne(ctx, tx, `UPDATE agenda_items SET title = ?, presenter = ?, kind = ?, planned_minutes = ?, notes = ?, pinned_start = ? WHERE id = ?`,
			clean(it.Title), clean(it.Presenter), string(it.Kind), it.PlannedMinutes, model.SanitizeText(it.Notes), it.PinnedStart, it.ID); err != nil {
			return err
		}
		sid, err := itemSession(ctx, tx, it.ID)
		if err != nil {
			return err
		}
		ch, err = agendaChanged(ctx, tx, sid, it.ID)
		return err
	})
	if err != nil {
		return model.AgendaChanged{}, errorf("update item: %w", err)
	}
	return ch, nil
}

// DeleteItem removes an item and closes the gap.
func (s *Store) DeleteItem(ctx context.Context, id string) (model.AgendaChanged, error) {
	release, denied := s.begin(OpAgenda)
	if denied != nil {
		return model.AgendaChanged{}, denied
	}
	defer release()
	var ch model.AgendaChanged
	err := s.write(ctx, func(tx *sql.Tx) error {
		sid, err := itemSession(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM agenda_items WHERE id = ?", id); err != nil {
			return err
		}
		list, err := items(ctx, tx, sid)
		if err != nil {
			return err
		}
		if err := renumber(ctx, tx, list); err != nil {
			return err
		}
		ch, err = agendaChanged(ctx, tx, sid, "")
		return err
	})
	if err != nil {
		return model.AgendaChanged{}, errorf("delete item: %w", err)
	}
	return ch, nil
}

// MoveItem moves an item up (delta < 0) or down within its session.
func (s *Store) MoveItem(ctx context.Context, id string, delta int) (model.AgendaChanged, error) {
	release, denied := s.begin(OpAgenda)
	if denied != nil {
		return model.AgendaChanged{}, denied
	}
	defer release()
	var ch model.AgendaChanged
	err := s.write(ctx, func(tx *sql.Tx) error {
		sid, err := itemSession(ctx, tx, id)
		if err != nil {
			return err
		}
		list, err := items(ctx, tx, sid)
		if err != nil {
			return err
		}
		i := indexOf(list, id)
		if j := min(max(i+delta, 0), len(list)-1); i != j {
			it := list[i]
			list = append(list[:i], list[i+1:]...)
			list = append(list[:j], append([]model.AgendaItem{it}, list[j:]...)...)
			if err := renumber(ctx, tx, list); err != nil {
				return err
			}
		}
		ch, err = agendaChanged(ctx, tx, sid, id)
		return err
	})
	if err != nil {
		return model.AgendaChanged{}, errorf("move item: %w", err)
	}
	return ch, nil
}

// DuplicateItem inserts a copy of an item (without its clock) after it;
// the change's Item() is the copy.
func (s *Store) DuplicateItem(ctx context.Context, id string) (model.AgendaChanged, error) {
	release, denied := s.begin(OpAgenda)
	if denied != nil {
		return model.AgendaChanged{}, denied
	}
	defer release()
	var ch model.AgendaChanged
	err := s.write(ctx, func(tx *sql.Tx) error {
		it, err := scanItem(tx.QueryRowContext(ctx, "SELECT "+itemColumns+" FROM agenda_items WHERE id = ?", id))
		if err != nil {
			return err
		}
		list, err := items(ctx, tx, it.SessionID)
		if err != nil {
			return err
		}
		i := indexOf(list, id)
		it.ID, it.Skipped, it.Clock = newID(), false, model.Clock{}
		it.Position = len(list) + 1
		if err := insertItem(ctx, tx, it); err != nil {
			return err
		}
		list = append(list[:i+1], append([]model.AgendaItem{it}, list[i+1:]...)...)
		if err := renumber(ctx, tx, list); err != nil {
			return err
		}
		ch, err = agendaChanged(ctx, tx, it.SessionID, it.ID)
		return err
	})
	if err != nil {
		return model.AgendaChanged{}, errorf("duplicate item: %w", err)
	}
	return ch, nil
}

// ImportItems appends items to a session in one transaction (nothing with
// dryRun). The change's Imported says how many were (or would be) added.
func (s *Store) ImportItems(ctx context.Context, sessionID string, in []model.AgendaItem, dryRun bool) (model.AgendaChanged, error) {
	release, denied := s.begin(OpAgenda)
	if denied != nil {
		return model.AgendaChanged{}, denied
	}
	defer release()
	var ch model.AgendaChanged
	for _, it := range in {
		if err := checkItem(it); err != nil {
			return model.AgendaChanged{}, errorf("import agenda: %q: %w", it.Title, err)
		}
	}
	run := s.write
	if dryRun {
		run = s.read // a dry run never waits for another writer
	}
	err := run(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sessions WHERE id = ?", sessionID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errorf("session %s: %w", sessionID, ErrNotFound)
		}
		list, err := items(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if !dryRun {
			for i, it := range in {
				it.ID, it.SessionID, it.Position, it.Clock = newID(), sessionID, len(list)+i+1, model.Clock{}
				if err := insertItem(ctx, tx, it); err != nil {
					return err
				}
			}
		}
		ch, err = agendaChanged(ctx, tx, sessionID, "")
		return err
	})
	if err != nil {
		return model.AgendaChanged{}, errorf("import agenda: %w", err)
	}
	ch.Imported = len(in)
	return ch, nil
}
