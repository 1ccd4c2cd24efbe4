package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"convene/model"
)

func itemsTx(ctx context.Context, tx *sql.Tx, sessionID string) ([]model.AgendaItem, error) {
	return queryAll(ctx, tx, scanItem, "SELECT "+itemColumns+" FROM agenda_items WHERE session_id = ? ORDER BY position", sessionID)
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

// AgendaAct applies a clock action (start/pause, next, extend, skip, reset,
// finish) to a session's agenda in one transaction, committed before it
// returns, and returns the session's items as they now are. itemID is the
// highlighted item (may be empty for next/extend/finish).
func (s *Store) AgendaAct(ctx context.Context, sessionID, itemID string, act model.AgendaAction, d time.Duration) (model.AgendaResult, []model.AgendaItem, error) {
	var res model.AgendaResult
	var items []model.AgendaItem
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if items, err = itemsTx(ctx, tx, sessionID); err != nil {
			return err
		}
		sel := indexOf(items, itemID)
		if itemID != "" && sel < 0 {
			return fmt.Errorf("agenda item %s: %w", itemID, ErrNotFound)
		}
		if res, err = model.ApplyAgenda(items, sel, act, d, s.now().UTC()); err != nil {
			return err
		}
		for _, i := range res.Changed {
			if err := saveClock(ctx, tx, items[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return res, nil, fmt.Errorf("agenda: %w", err)
	}
	return res, items, nil
}

func checkItem(it model.AgendaItem) error {
	if clean(it.Title) == "" {
		return fmt.Errorf("an agenda item needs a title: %w", ErrInvalid)
	}
	if it.PlannedMinutes < 0 || it.PlannedMinutes > 24*60 {
		return fmt.Errorf("planned minutes must be between 0 and 1440: %w", ErrInvalid)
	}
	if it.PinnedStart != "" {
		if _, err := time.Parse("15:04", it.PinnedStart); err != nil {
			return fmt.Errorf("fixed start %q is not HH:MM: %w", it.PinnedStart, ErrInvalid)
		}
	}
	return nil
}

// AddItem inserts an item into a session after position `after` (0: at
// the start; past the end: at the end).
func (s *Store) AddItem(ctx context.Context, sessionID string, it model.AgendaItem, after int) (model.AgendaItem, error) {
	if err := checkItem(it); err != nil {
		return it, fmt.Errorf("add item: %w", err)
	}
	it.ID, it.SessionID = newID(), sessionID
	it.Clock = model.Clock{}
	if it.Kind == "" {
		it.Kind = model.KindOther
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		items, err := itemsTx(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		after = min(max(after, 0), len(items))
		it.Position = len(items) + 1 // temporary, renumbered below
		if err := insertItem(ctx, tx, it); err != nil {
			return err
		}
		items = append(items[:after], append([]model.AgendaItem{it}, items[after:]...)...)
		return renumber(ctx, tx, items)
	})
	if err != nil {
		return it, fmt.Errorf("add item: %w", err)
	}
	it.Position = after + 1
	return it, nil
}

// UpdateItem saves an item's title, presenter, kind, planned minutes,
// notes and fixed start (not its clock).
func (s *Store) UpdateItem(ctx context.Context, it model.AgendaItem) error {
	if err := checkItem(it); err != nil {
		return fmt.Errorf("update item: %w", err)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		return execOne(ctx, tx, `UPDATE agenda_items SET title = ?, presenter = ?, kind = ?, planned_minutes = ?, notes = ?, pinned_start = ? WHERE id = ?`,
			clean(it.Title), clean(it.Presenter), string(it.Kind), it.PlannedMinutes, model.SanitizeText(it.Notes), it.PinnedStart, it.ID)
	})
	if err != nil {
		return fmt.Errorf("update item: %w", err)
	}
	return nil
}

// DeleteItem removes an item and closes the gap.
func (s *Store) DeleteItem(ctx context.Context, id string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var sid string
		if err := tx.QueryRowContext(ctx, "SELECT session_id FROM agenda_items WHERE id = ?", id).Scan(&sid); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM agenda_items WHERE id = ?", id); err != nil {
			return err
		}
		items, err := itemsTx(ctx, tx, sid)
		if err != nil {
			return err
		}
		return renumber(ctx, tx, items)
	})
	if err != nil {
		return fmt.Errorf("delete item: %w", err)
	}
	return nil
}

// MoveItem moves an item up (delta < 0) or down within its session.
func (s *Store) MoveItem(ctx context.Context, id string, delta int) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var sid string
		if err := tx.QueryRowContext(ctx, "SELECT session_id FROM agenda_items WHERE id = ?", id).Scan(&sid); err != nil {
			return err
		}
		items, err := itemsTx(ctx, tx, sid)
		if err != nil {
			return err
		}
		i := indexOf(items, id)
		j := min(max(i+delta, 0), len(items)-1)
		if i == j {
			return nil
		}
		it := items[i]
		items = append(items[:i], items[i+1:]...)
		items = append(items[:j], append([]model.AgendaItem{it}, items[j:]...)...)
		return renumber(ctx, tx, items)
	})
	if err != nil {
		return fmt.Errorf("move item: %w", err)
	}
	return nil
}

// DuplicateItem inserts a copy of an item (without its clock) after it.
func (s *Store) DuplicateItem(ctx context.Context, id string) (model.AgendaItem, error) {
	var it model.AgendaItem
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		it, err = scanItem(tx.QueryRowContext(ctx, "SELECT "+itemColumns+" FROM agenda_items WHERE id = ?", id))
		if err != nil {
			return err
		}
		items, err := itemsTx(ctx, tx, it.SessionID)
		if err != nil {
			return err
		}
		i := indexOf(items, id)
		it.ID, it.Skipped, it.Clock = newID(), false, model.Clock{}
		it.Position = len(items) + 1
		if err := insertItem(ctx, tx, it); err != nil {
			return err
		}
		items = append(items[:i+1], append([]model.AgendaItem{it}, items[i+1:]...)...)
		it.Position = i + 2
		return renumber(ctx, tx, items)
	})
	if err != nil {
		return it, fmt.Errorf("duplicate item: %w", err)
	}
	return it, nil
}

// ImportItems appends items to a session in one transaction (nothing with
// dryRun). It returns how many were (or would be) added.
func (s *Store) ImportItems(ctx context.Context, sessionID string, in []model.AgendaItem, dryRun bool) (int, error) {
	for _, it := range in {
		if err := checkItem(it); err != nil {
			return 0, fmt.Errorf("import agenda: %q: %w", it.Title, err)
		}
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sessions WHERE id = ?", sessionID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("session %s: %w", sessionID, ErrNotFound)
		}
		if dryRun {
			return nil
		}
		items, err := itemsTx(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		for i, it := range in {
			it.ID, it.SessionID, it.Position, it.Clock = newID(), sessionID, len(items)+i+1, model.Clock{}
			if err := insertItem(ctx, tx, it); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("import agenda: %w", err)
	}
	return len(in), nil
}
