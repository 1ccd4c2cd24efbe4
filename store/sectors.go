package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"

	"convene/model"
)

// Sectors: the list attendance is counted by, and the organiser's
// corrections of the category -> sector guess (model.SectorMap). Both
// belong to the database, so a second event keeps what was set for the
// first.

// ErrSectorInUse is returned when removing a sector that categories are
// mapped to, or "other".
var ErrSectorInUse = errors.New("the sector is in use") //i18n:key

func sectorMap(ctx context.Context, q querier) (model.SectorMap, error) {
	m := model.SectorMap{Set: map[string]string{}}
	var err error
	m.Sectors, err = queryAll(ctx, q, func(sc scanner) (string, error) {
		var s string
		return s, sc.Scan(&s)
	}, "SELECT name FROM sectors ORDER BY position, name")
	if err != nil {
		return m, err
	}
	rows, err := q.QueryContext(ctx, "SELECT category_key, sector FROM sector_map")
	if err != nil {
		return m, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, s string
		if err := rows.Scan(&k, &s); err != nil {
			return m, err
		}
		m.Set[k] = s
	}
	return m, rows.Err()
}

// SectorMap returns the sectors and the organiser's corrections.
func (s *Store) SectorMap(ctx context.Context) (model.SectorMap, error) {
	m, err := sectorMap(ctx, s.r)
	if err != nil {
		return m, errorf("sectors: %w", mapErr(err))
	}
	return m, nil
}

func (s *Store) sectorWrite(ctx context.Context, what string, fn func(tx *sql.Tx, m model.SectorMap) error) (model.SectorsChanged, error) {
	var ch model.SectorsChanged
	err := s.write(ctx, func(tx *sql.Tx) error {
		m, err := sectorMap(ctx, tx)
		if err != nil {
			return err
		}
		if err := fn(tx, m); err != nil {
			return err
		}
		ch.Map, err = sectorMap(ctx, tx)
		return err
	})
	if err != nil {
		return model.SectorsChanged{}, errorf("%s: %w", what, err)
	}
	return ch, nil
}

// AddSector adds a sector at the end of the list (before "other").
func (s *Store) AddSector(ctx context.Context, name string) (model.SectorsChanged, error) {
	release, denied := s.begin(OpEvent)
	if denied != nil {
		return model.SectorsChanged{}, denied
	}
	defer release()
	name = strings.Join(strings.Fields(clean(name)), " ")
	return s.sectorWrite(ctx, "add sector", func(tx *sql.Tx, m model.SectorMap) error {
		switch {
		case name == "" || utf8.RuneCountInString(name) > 100:
			return errorf("a sector needs a name of at most 100 characters: %w", ErrInvalid)
		case m.Has(name) || model.Fold(name) == model.Fold(model.SectorNoneStated):
			return errorf("%q: %w", name, ErrDuplicate)
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO sectors(name, position) VALUES(?, (SELECT coalesce(max(position), 0) + 1 FROM sectors))", name)
		return err
	})
}

// RemoveSector removes a sector no category is mapped to ("other" stays).
func (s *Store) RemoveSector(ctx context.Context, name string) (model.SectorsChanged, error) {
	release, denied := s.begin(OpEvent)
	if denied != nil {
		return model.SectorsChanged{}, denied
	}
	defer release()
	return s.sectorWrite(ctx, "remove sector", func(tx *sql.Tx, m model.SectorMap) error {
		sec, ok := m.Find(name)
		if !ok {
			return errorf("sector %q: %w", name, ErrNotFound)
		}
		if sec == model.SectorOther {
			return errorf("%q is where every unmapped category counts: %w", sec, ErrSectorInUse)
		}
		n := 0
		for _, v := range m.Set {
			if v == sec {
				n++
			}
		}
		if n > 0 {
			return errorf("%d categories are mapped to %q; map them elsewhere first: %w", n, sec, ErrSectorInUse)
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM sectors WHERE name = ?", sec)
		return err
	})
}

// MapCategory sets the sector a category counts in (in any case or
// script: «Полиция» and «полиция» are one category). An empty sector
// removes the correction: the category goes back to the automatic guess.
func (s *Store) MapCategory(ctx context.Context, category, sector string) (model.SectorsChanged, error) {
	release, denied := s.begin(OpEvent)
	if denied != nil {
		return model.SectorsChanged{}, denied
	}
	defer release()
	category = strings.Join(strings.Fields(clean(category)), " ")
	return s.sectorWrite(ctx, "map category", func(tx *sql.Tx, m model.SectorMap) error {
		key := model.Fold(category)
		if key == "" {
			return errorf("a category is needed: %w", ErrInvalid)
		}
		if sector == "" {
			_, err := tx.ExecContext(ctx, "DELETE FROM sector_map WHERE category_key = ?", key)
			return err
		}
		sec, ok := m.Find(sector)
		if !ok {
			return errorf("sector %q (the sectors: %s): %w", sector, strings.Join(m.Sectors, ", "), ErrNotFound)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sector_map(category_key, category, sector) VALUES(?,?,?)
			ON CONFLICT(category_key) DO UPDATE SET category = excluded.category, sector = excluded.sector`, key, category, sec)
		return err
	})
}

// CategoryCount is a category in use in an event, with how many people
// have it.
type CategoryCount struct {
	Category string
	People   int
}

// CategoryCounts lists the categories of an event's listed people (the
// empty one too) with their counts, most people first.
func (s *Store) CategoryCounts(ctx context.Context, eventID string) ([]CategoryCount, error) {
	out, err := queryAll(ctx, s.r, func(sc scanner) (CategoryCount, error) {
		var c CategoryCount
		return c, sc.Scan(&c.Category, &c.People)
	}, "SELECT category, count(*) FROM participants WHERE event_id = ? AND "+listed+" GROUP BY category ORDER BY count(*) DESC, category", eventID)
	if err != nil {
		return nil, errorf("categories: %w", mapErr(err))
	}
	return out, nil
}
