package store

import (
	"context"
	"database/sql"
	"errors"
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
	v, err := setting(ctx, s.r, key)
	if err != nil {
		return "", errorf("read setting %s: %w", key, mapErr(err))
	}
	return v, nil
}

func setting(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetSetting stores a setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) (model.SettingChanged, error) {
	release, denied := s.beginSetting(key)
	if denied != nil {
		return model.SettingChanged{}, denied
	}
	defer release()
	err := s.write(ctx, func(tx *sql.Tx) error { return setSetting(ctx, tx, key, value) })
	if err != nil {
		return model.SettingChanged{}, errorf("save setting %s: %w", key, err)
	}
	return model.SettingChanged{Key: key, Value: value}, nil
}

func setSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

// setCurrent stores the current event and session and returns the change
// with the new current state, read in the same transaction.
func setCurrent(ctx context.Context, tx *sql.Tx, eventID, sessionID string) (model.EventChanged, error) {
	if err := setSetting(ctx, tx, SettingEvent, eventID); err != nil {
		return model.EventChanged{}, err
	}
	if err := setSetting(ctx, tx, SettingSession, sessionID); err != nil {
		return model.EventChanged{}, err
	}
	cur, err := current(ctx, tx, "", "")
	return model.EventChanged{Current: cur}, err
}

// CreateEvent creates an event with its first session and makes both
// current, in one transaction. Empty IDs are assigned.
func (s *Store) CreateEvent(ctx context.Context, ev model.Event, first model.Session) (model.EventChanged, error) {
	release, denied := s.begin(OpEvent)
	if denied != nil {
		return model.EventChanged{}, denied
	}
	defer release()
	var ch model.EventChanged
	ev.Name = clean(ev.Name)
	if ev.Name == "" {
		return model.EventChanged{}, errorf("create event: a name is needed: %w", ErrInvalid)
	}
	if err := model.CheckZone(ev.Zone); err != nil {
		return model.EventChanged{}, errorf("create event: time zone %q: %w", ev.Zone, ErrInvalid)
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
		se, err := insertSession(ctx, tx, first, s.now())
		if err != nil {
			return err
		}
		ch, err = setCurrent(ctx, tx, ev.ID, se.ID)
		return err
	})
	if err != nil {
		return model.EventChanged{}, errorf("create event: %w", err)
	}
	return ch, nil
}

func insertEvent(ctx context.Context, tx *sql.Tx, ev model.Event, now time.Time) error {
	_, err := tx.ExecContext(ctx,
		"INSERT INTO events(id, name, venue, start_date, end_date, zone, created_at) VALUES(?,?,?,?,?,?,?)",
		ev.ID, clean(ev.Name), clean(ev.Venue), ev.StartDate, ev.EndDate, ev.Zone, ts(now))
	return err
}

// insertSession appends a session to its event (position = last + 1 unless
// set), validated and sanitised by checkSession.
func insertSession(ctx context.Context, tx *sql.Tx, se model.Session, now time.Time) (model.Session, error) {
	se, err := checkSession(se)
	if err != nil {
		return se, err
	}
	if se.ID == "" {
		se.ID = newID()
	}
	if se.Position == 0 {
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(position), 0) + 1 FROM sessions WHERE event_id = ?", se.EventID).Scan(&se.Position); err != nil {
			return se, err
		}
	}
	_, err = tx.ExecContext(ctx,
		"INSERT INTO sessions(id, event_id, position, title, venue, date, start_time, created_at) VALUES(?,?,?,?,?,?,?,?)",
		se.ID, se.EventID, se.Position, se.Title, se.Venue, se.Date, se.StartTime, ts(now))
	return se, err
}

// AddSession adds a session at the end of its event; the change's
// Changed() is the new session. It becomes the stored current session only
// with makeCurrent (the app asks; `session add` needs --current); either
// way Current is the event with its sessions and its stored current one.
func (s *Store) AddSession(ctx context.Context, se model.Session, makeCurrent bool) (model.EventChanged, error) {
	release, denied := s.begin(OpEvent)
	if denied != nil {
		return model.EventChanged{}, denied
	}
	defer release()
	var ch model.EventChanged
	err := s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM events WHERE id = ?", se.EventID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return errorf("event %s: %w", se.EventID, ErrNotFound)
		}
		se.Position = 0
		added, err := insertSession(ctx, tx, se, s.now())
		if err != nil {
			return err
		}
		if makeCurrent {
			ch, err = setCurrent(ctx, tx, added.EventID, added.ID)
		} else {
			ch, err = sessionChanged(ctx, tx, added.EventID, added.ID)
		}
		ch.SessionID = added.ID
		return err
	})
	if err != nil {
		return model.EventChanged{}, errorf("add session: %w", err)
	}
	return ch, nil
}

// SetCurrent makes an event and session current.
func (s *Store) SetCurrent(ctx context.Context, eventID, sessionID string) (model.EventChanged, error) {
	release, denied := s.begin(OpEvent)
	if denied != nil {
		return model.EventChanged{}, denied
	}
	defer release()
	var ch model.EventChanged
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		ch, err = setCurrent(ctx, tx, eventID, sessionID)
		return err
	})
	if err != nil {
		return model.EventChanged{}, errorf("set the current session: %w", err)
	}
	return ch, nil
}

// Events lists all events, oldest first.
func (s *Store) Events(ctx context.Context) ([]model.Event, error) {
	evs, err := events(ctx, s.r)
	if err != nil {
		return nil, errorf("list events: %w", mapErr(err))
	}
	return evs, nil
}

func scanEvent(sc scanner) (model.Event, error) {
	var e model.Event
	err := sc.Scan(&e.ID, &e.Name, &e.Venue, &e.StartDate, &e.EndDate, &e.Zone)
	return e, err
}

const eventColumns = "id, name, venue, start_date, end_date, zone"

func events(ctx context.Context, q querier) ([]model.Event, error) {
	return queryAll(ctx, q, scanEvent, "SELECT "+eventColumns+" FROM events ORDER BY start_date, created_at")
}

// Event returns one event.
func (s *Store) Event(ctx context.Context, id string) (model.Event, error) {
	e, err := scanEvent(s.r.QueryRowContext(ctx, "SELECT "+eventColumns+" FROM events WHERE id = ?", id))
	if err != nil {
		return e, errorf("event %s: %w", id, mapErr(err))
	}
	return e, nil
}

func scanSession(sc scanner) (model.Session, error) {
	var x model.Session
	err := sc.Scan(&x.ID, &x.EventID, &x.Position, &x.Title, &x.Venue, &x.Date, &x.StartTime)
	return x, err
}

func sessions(ctx context.Context, q querier, eventID string) ([]model.Session, error) {
	return queryAll(ctx, q, scanSession, "SELECT id, event_id, position, title, venue, date, start_time FROM sessions WHERE event_id = ? ORDER BY position", eventID)
}

// Sessions lists an event's sessions in order.
func (s *Store) Sessions(ctx context.Context, eventID string) ([]model.Session, error) {
	out, err := sessions(ctx, s.r, eventID)
	if err != nil {
		return nil, errorf("list sessions: %w", mapErr(err))
	}
	return out, nil
}

// sessionEvent returns the event a session belongs to.
func sessionEvent(ctx context.Context, q querier, sessionID string) (string, error) {
	var eid string
	err := q.QueryRowContext(ctx, "SELECT event_id FROM sessions WHERE id = ?", sessionID).Scan(&eid)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errorf("session %s: %w", sessionID, ErrNotFound)
	}
	return eid, err
}

// Current resolves the current event and session. eventID and sessionID
// override the stored choice when not empty. With no events it returns
// ErrNotFound.
func (s *Store) Current(ctx context.Context, eventID, sessionID string) (model.Current, error) {
	var c model.Current
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = current(ctx, tx, eventID, sessionID)
		return err
	})
	return c, err
}

func current(ctx context.Context, q querier, eventID, sessionID string) (model.Current, error) {
	var c model.Current
	var err error
	explicit := sessionID
	if sessionID != "" && eventID == "" {
		if eventID, err = sessionEvent(ctx, q, sessionID); err != nil {
			return c, err
		}
	}
	if eventID == "" {
		if eventID, err = setting(ctx, q, SettingEvent); err != nil {
			return c, errorf("read setting %s: %w", SettingEvent, err)
		}
	}
	if sessionID == "" {
		if sessionID, err = setting(ctx, q, SettingSession); err != nil {
			return c, errorf("read setting %s: %w", SettingSession, err)
		}
	}
	if eventID == "" {
		evs, err := events(ctx, q)
		if err != nil {
			return c, errorf("list events: %w", err)
		}
		if len(evs) == 0 {
			return c, errorf("no event yet: %w", ErrNotFound)
		}
		eventID = evs[len(evs)-1].ID
	}
	if c.Event, err = scanEvent(q.QueryRowContext(ctx, "SELECT "+eventColumns+" FROM events WHERE id = ?", eventID)); err != nil {
		return c, errorf("event %s: %w", eventID, mapErr(err))
	}
	if c.Sessions, err = sessions(ctx, q, eventID); err != nil {
		return c, errorf("list sessions: %w", err)
	}
	for _, x := range c.Sessions {
		if x.ID == sessionID {
			c.Session = x
		}
	}
	if c.Session.ID == "" {
		if explicit != "" {
			return c, errorf("session %s in event %s: %w", explicit, c.Event.Name, ErrNotFound)
		}
		if len(c.Sessions) > 0 {
			c.Session = c.Sessions[0] // the stored session is gone: take the first
		}
	}
	return c, nil
}
