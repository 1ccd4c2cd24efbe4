package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"convene/model"
)

// Setting keys shared by the app and the commands.
const (
	SettingEvent   = "current_event"
	SettingSession = "current_session"
	SettingScreen  = "last_screen"
)

// Setting returns a stored setting, or "" if it was never set.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.r.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, mapErr(err))
	}
	return v, nil
}

// SetSetting stores a setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.write(ctx, func(tx *sql.Tx) error { return setSetting(ctx, tx, key, value) })
}

func setSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

func clean(s string) string { return model.SanitizeLine(s) }

// CreateEvent creates an event with its first session and makes both
// current, in one transaction. Empty IDs are assigned.
func (s *Store) CreateEvent(ctx context.Context, ev model.Event, first model.Session) (model.Event, model.Session, error) {
	ev.Name = clean(ev.Name)
	if ev.Name == "" {
		return ev, first, fmt.Errorf("create event: a name is needed: %w", ErrInvalid)
	}
	if ev.ID == "" {
		ev.ID = newID()
	}
	first.EventID = ev.ID
	if first.Title == "" {
		first.Title = "Part 1"
	}
	if first.Date == "" {
		first.Date = ev.StartDate
	}
	if first.Venue == "" {
		first.Venue = ev.Venue
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := insertEvent(ctx, tx, ev, s.now()); err != nil {
			return err
		}
		var err error
		first, err = insertSession(ctx, tx, first, s.now())
		if err != nil {
			return err
		}
		if err := setSetting(ctx, tx, SettingEvent, ev.ID); err != nil {
			return err
		}
		return setSetting(ctx, tx, SettingSession, first.ID)
	})
	if err != nil {
		return ev, first, fmt.Errorf("create event: %w", err)
	}
	return ev, first, nil
}

func insertEvent(ctx context.Context, tx *sql.Tx, ev model.Event, now time.Time) error {
	_, err := tx.ExecContext(ctx,
		"INSERT INTO events(id, name, venue, start_date, end_date, created_at) VALUES(?,?,?,?,?,?)",
		ev.ID, clean(ev.Name), clean(ev.Venue), ev.StartDate, ev.EndDate, ts(now))
	return err
}

// insertSession appends a session to its event (position = last + 1 unless set).
func insertSession(ctx context.Context, tx *sql.Tx, se model.Session, now time.Time) (model.Session, error) {
	se.Title = clean(se.Title)
	if se.Title == "" {
		return se, fmt.Errorf("a session needs a title: %w", ErrInvalid)
	}
	if se.ID == "" {
		se.ID = newID()
	}
	if se.Position == 0 {
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(position), 0) + 1 FROM sessions WHERE event_id = ?", se.EventID).Scan(&se.Position); err != nil {
			return se, err
		}
	}
	_, err := tx.ExecContext(ctx,
		"INSERT INTO sessions(id, event_id, position, title, venue, date, start_time, created_at) VALUES(?,?,?,?,?,?,?,?)",
		se.ID, se.EventID, se.Position, se.Title, clean(se.Venue), se.Date, se.StartTime, ts(now))
	return se, err
}

// AddSession adds a session to an event and makes it current.
func (s *Store) AddSession(ctx context.Context, se model.Session) (model.Session, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM events WHERE id = ?", se.EventID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("event %s: %w", se.EventID, ErrNotFound)
		}
		var err error
		if se, err = insertSession(ctx, tx, se, s.now()); err != nil {
			return err
		}
		if err := setSetting(ctx, tx, SettingEvent, se.EventID); err != nil {
			return err
		}
		return setSetting(ctx, tx, SettingSession, se.ID)
	})
	if err != nil {
		return se, fmt.Errorf("add session: %w", err)
	}
	return se, nil
}

// Events lists all events, oldest first.
func (s *Store) Events(ctx context.Context) ([]model.Event, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT id, name, venue, start_date, end_date FROM events ORDER BY start_date, created_at")
	if err != nil {
		return nil, fmt.Errorf("list events: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.Event
	for rows.Next() {
		var e model.Event
		if err := rows.Scan(&e.ID, &e.Name, &e.Venue, &e.StartDate, &e.EndDate); err != nil {
			return nil, fmt.Errorf("list events: %w", mapErr(err))
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// Event returns one event.
func (s *Store) Event(ctx context.Context, id string) (model.Event, error) {
	var e model.Event
	err := s.r.QueryRowContext(ctx, "SELECT id, name, venue, start_date, end_date FROM events WHERE id = ?", id).
		Scan(&e.ID, &e.Name, &e.Venue, &e.StartDate, &e.EndDate)
	if err != nil {
		return e, fmt.Errorf("event %s: %w", id, mapErr(err))
	}
	return e, nil
}

// Sessions lists an event's sessions in order.
func (s *Store) Sessions(ctx context.Context, eventID string) ([]model.Session, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT id, event_id, position, title, venue, date, start_time FROM sessions WHERE event_id = ? ORDER BY position", eventID)
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", mapErr(err))
	}
	defer rows.Close()
	var out []model.Session
	for rows.Next() {
		var x model.Session
		if err := rows.Scan(&x.ID, &x.EventID, &x.Position, &x.Title, &x.Venue, &x.Date, &x.StartTime); err != nil {
			return nil, fmt.Errorf("list sessions: %w", mapErr(err))
		}
		out = append(out, x)
	}
	return out, mapErr(rows.Err())
}

// Current is what the app and the commands treat as current.
type Current struct {
	Event    model.Event
	Session  model.Session
	Sessions []model.Session
}

// Current resolves the current event and session. eventID and sessionID
// override the stored choice when not empty. With no events it returns
// ErrNotFound.
func (s *Store) Current(ctx context.Context, eventID, sessionID string) (Current, error) {
	var c Current
	var err error
	explicit := sessionID
	if sessionID != "" && eventID == "" {
		if err := s.r.QueryRowContext(ctx, "SELECT event_id FROM sessions WHERE id = ?", sessionID).Scan(&eventID); err != nil {
			return c, fmt.Errorf("session %s: %w", sessionID, mapErr(err))
		}
	}
	if eventID == "" {
		if eventID, err = s.Setting(ctx, SettingEvent); err != nil {
			return c, err
		}
	}
	if sessionID == "" {
		if sessionID, err = s.Setting(ctx, SettingSession); err != nil {
			return c, err
		}
	}
	if eventID == "" {
		evs, err := s.Events(ctx)
		if err != nil {
			return c, err
		}
		if len(evs) == 0 {
			return c, fmt.Errorf("no event yet: %w", ErrNotFound)
		}
		eventID = evs[len(evs)-1].ID
	}
	if c.Event, err = s.Event(ctx, eventID); err != nil {
		return c, err
	}
	if c.Sessions, err = s.Sessions(ctx, eventID); err != nil {
		return c, err
	}
	for _, x := range c.Sessions {
		if x.ID == sessionID {
			c.Session = x
		}
	}
	if c.Session.ID == "" {
		if explicit != "" {
			return c, fmt.Errorf("session %s in event %s: %w", explicit, c.Event.Name, ErrNotFound)
		}
		if len(c.Sessions) > 0 {
			c.Session = c.Sessions[0] // the stored session is gone: take the first
		}
	}
	return c, nil
}

// SetCurrent makes an event and session current.
func (s *Store) SetCurrent(ctx context.Context, eventID, sessionID string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := setSetting(ctx, tx, SettingEvent, eventID); err != nil {
			return err
		}
		return setSetting(ctx, tx, SettingSession, sessionID)
	})
}
