package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"convene/model"
)

// ErrSessionInUse is returned when a session cannot be deleted: it has
// check-ins in effect, agenda items whose clock has run, or it is the
// event's only session. The error's text says which and what to do.
var ErrSessionInUse = errors.New("cannot delete the session") //i18n:key

// checkSession validates and sanitises a session's editable fields: a
// title is needed; the date is YYYY-MM-DD and the start HH:MM, or empty.
func checkSession(se model.Session) (model.Session, error) {
	se.Title, se.Venue = clean(se.Title), clean(se.Venue)
	se.Date, se.StartTime = strings.TrimSpace(se.Date), strings.TrimSpace(se.StartTime)
	if se.Title == "" {
		return se, errorf("a session needs a title: %w", ErrInvalid)
	}
	if se.Date != "" {
		if _, err := time.Parse("2006-01-02", se.Date); err != nil {
			return se, errorf("date %q is not YYYY-MM-DD: %w", se.Date, ErrInvalid)
		}
	}
	if se.StartTime != "" {
		if _, err := time.Parse("15:04", se.StartTime); err != nil {
			return se, errorf("start %q is not HH:MM: %w", se.StartTime, ErrInvalid)
		}
	}
	return se, nil
}

// sessionChanged reads an event's current state after a session write, in
// the same transaction: the event, its sessions in order, and the stored
// current session (the first one if the stored one is elsewhere).
func sessionChanged(ctx context.Context, tx *sql.Tx, eventID, sessionID string) (model.EventChanged, error) {
	cur, err := current(ctx, tx, eventID, "")
	return model.EventChanged{Current: cur, SessionID: sessionID}, err
}

func getSession(ctx context.Context, q querier, id string) (model.Session, error) {
	se, err := scanSession(q.QueryRowContext(ctx, "SELECT id, event_id, position, title, venue, date, start_time FROM sessions WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return se, errorf("session %s: %w", id, ErrNotFound)
	}
	return se, err
}

// UpdateSession saves a session's title, venue, date (YYYY-MM-DD) and
// start (HH:MM), validated and sanitised as AddSession does. Its position
// and event do not change (MoveSession reorders).
func (s *Store) UpdateSession(ctx context.Context, se model.Session) (model.EventChanged, error) {
	release, denied := s.begin(OpEvent)
	if denied != nil {
		return model.EventChanged{}, denied
	}
	defer release()
	var ch model.EventChanged
	se, err := checkSession(se)
	if err != nil {
		return model.EventChanged{}, errorf("update session: %w", err)
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		old, err := getSession(ctx, tx, se.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE sessions SET title = ?, venue = ?, date = ?, start_time = ? WHERE id = ?",
			se.Title, se.Venue, se.Date, se.StartTime, se.ID); err != nil {
			return err
		}
		ch, err = sessionChanged(ctx, tx, old.EventID, se.ID)
		return err
	})
	if err != nil {
		return model.EventChanged{}, errorf("update session: %w", err)
	}
	return ch, nil
}

// renumberSessions writes positions 1..n in the given order.
func renumberSessions(ctx context.Context, tx *sql.Tx, list []model.Session) error {
	for i, x := range list {
		if x.Position == i+1 {
			continue
		}
		if _, err := tx.ExecContext(ctx, "UPDATE sessions SET position = ? WHERE id = ?", i+1, x.ID); err != nil {
			return err
		}
	}
	return nil
}

// MoveSession moves a session delta places later (negative: earlier) in
// its event, clamped to the ends; positions stay 1..n.
func (s *Store) MoveSession(ctx context.Context, id string, delta int) (model.EventChanged, error) {
	release, denied := s.begin(OpEvent)
	if denied != nil {
		return model.EventChanged{}, denied
	}
	defer release()
	var ch model.EventChanged
	err := s.write(ctx, func(tx *sql.Tx) error {
		se, err := getSession(ctx, tx, id)
		if err != nil {
			return err
		}
		list, err := sessions(ctx, tx, se.EventID)
		if err != nil {
			return err
		}
		i := -1
		for k, x := range list {
			if x.ID == id {
				i = k
			}
		}
		if j := min(max(i+delta, 0), len(list)-1); i != j {
			x := list[i]
			list = append(list[:i], list[i+1:]...)
			list = append(list[:j], append([]model.Session{x}, list[j:]...)...)
		}
		// always renumber: this also closes gaps left by older versions
		if err := renumberSessions(ctx, tx, list); err != nil {
			return err
		}
		ch, err = sessionChanged(ctx, tx, se.EventID, id)
		return err
	})
	if err != nil {
		return model.EventChanged{}, errorf("move session: %w", err)
	}
	return ch, nil
}

// DeleteSession deletes a session with its agenda. It is refused with
// ErrSessionInUse, changing nothing, when
//   - someone is checked in to it (a check-in in effect; check-ins that
//     were all undone are history only and are deleted with it),
//   - an agenda item has started (its clock ran and was not reset), or
//   - it is the event's only session.
//
// Topics raised in it stay, no longer tied to a session. If it was the
// stored current session (of the app and the commands, or of any desk),
// the first remaining session becomes current.
func (s *Store) DeleteSession(ctx context.Context, id string) (model.EventChanged, error) {
	release, denied := s.begin(OpEvent)
	if denied != nil {
		return model.EventChanged{}, denied
	}
	defer release()
	var ch model.EventChanged
	err := s.write(ctx, func(tx *sql.Tx) error {
		se, err := getSession(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := sessionInUse(ctx, tx, se); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE id = ?", id); err != nil {
			return err
		}
		list, err := sessions(ctx, tx, se.EventID)
		if err != nil {
			return err
		}
		if err := renumberSessions(ctx, tx, list); err != nil {
			return err
		}
		// every stored choice of this session (the shared one, and a
		// desk's own, keyed current_session@desk) moves to the first one
		if _, err := tx.ExecContext(ctx, `UPDATE settings SET value = ? WHERE value = ? AND (key = ? OR key LIKE ? ESCAPE '\')`,
			list[0].ID, id, SettingSession, likeEscape(SettingSession)+"@%"); err != nil {
			return err
		}
		ch, err = sessionChanged(ctx, tx, se.EventID, id)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrSessionInUse) {
			return model.EventChanged{}, err
		}
		return model.EventChanged{}, errorf("delete session: %w", err)
	}
	return ch, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// sessionInUse says why a session cannot be deleted, or nil.
// SessionDeletable says, without writing, whether DeleteSession would
// delete a session: nil, or its refusal (ErrSessionInUse with the
// reason), so the app can say so before asking.
func (s *Store) SessionDeletable(ctx context.Context, id string) error {
	return s.read(ctx, func(tx *sql.Tx) error {
		se, err := getSession(ctx, tx, id)
		if err != nil {
			return err
		}
		return sessionInUse(ctx, tx, se)
	})
}

func sessionInUse(ctx context.Context, tx *sql.Tx, se model.Session) error {
	var here, ran, count int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM checkins c WHERE c.session_id = ? AND c.action = 'in'
		AND c.seq = (SELECT max(seq) FROM checkins x WHERE x.participant_id = c.participant_id AND x.session_id = c.session_id)`, se.ID).Scan(&here); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM agenda_items WHERE session_id = ? AND started_at IS NOT NULL", se.ID).Scan(&ran); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sessions WHERE event_id = ?", se.EventID).Scan(&count); err != nil {
		return err
	}
	title := model.SanitizeLine(se.Title)
	switch {
	case here > 0:
		return errorf("%w: “%s” has check-ins in effect (%d); un-check them or keep the session", ErrSessionInUse, title, here)
	case ran > 0:
		return errorf("%w: “%s” has agenda items whose clock has run (%d); reset them or keep the session", ErrSessionInUse, title, ran)
	case count <= 1:
		return errorf("%w: “%s” is the event's only session; an event needs one", ErrSessionInUse, title)
	}
	return nil
}

// ResolveSession finds a session of an event from a short reference, as
// the commands' --session accepts it:
//   - "" : the stored current session (the event's first if the stored one
//     is elsewhere);
//   - a number: its position in the event (1, 2…, as `event list` shows);
//   - a full ID, or a unique prefix of 4 or more characters of it (any case).
//
// eventID "" means the current event; then a full ID or a prefix that
// matches no session of it is looked up in every event (so an ID printed
// for another event still works). An unknown reference is ErrNotFound, an
// ambiguous or too short one ErrInvalid; both errors list the event's
// sessions.
func (s *Store) ResolveSession(ctx context.Context, eventID, ref string) (model.Session, error) {
	var found model.Session
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		found, err = resolveSession(ctx, tx, eventID, strings.TrimSpace(ref))
		return err
	})
	return found, err
}

func resolveSession(ctx context.Context, tx *sql.Tx, eventID, ref string) (model.Session, error) {
	explicitEvent := eventID != ""
	cur, err := current(ctx, tx, eventID, "")
	if err != nil {
		return model.Session{}, err
	}
	if ref == "" {
		if cur.Session.ID == "" {
			return model.Session{}, errorf("%s has no session: %w", model.SanitizeLine(cur.Event.Name), ErrNotFound)
		}
		return cur.Session, nil
	}
	list := sessionList(cur)
	if n, err := strconv.Atoi(ref); err == nil && len(ref) < 4 {
		for _, x := range cur.Sessions {
			if x.Position == n {
				return x, nil
			}
		}
		return model.Session{}, errorf("session %s: %w in %s; %s", ref, ErrNotFound, model.SanitizeLine(cur.Event.Name), list)
	}
	if len(ref) < 4 {
		return model.Session{}, errorf("session %q: %w: give its number or at least 4 characters of its ID; %s", model.SanitizeLine(ref), ErrInvalid, list)
	}
	match := func(cands []model.Session) []model.Session {
		var out []model.Session
		for _, x := range cands {
			if strings.EqualFold(x.ID, ref) {
				return []model.Session{x}
			}
			if len(x.ID) >= len(ref) && strings.EqualFold(x.ID[:len(ref)], ref) {
				out = append(out, x)
			}
		}
		return out
	}
	got := match(cur.Sessions)
	if len(got) == 0 && !explicitEvent {
		all, err := queryAll(ctx, tx, scanSession, "SELECT id, event_id, position, title, venue, date, start_time FROM sessions ORDER BY event_id, position")
		if err != nil {
			return model.Session{}, err
		}
		got = match(all)
	}
	switch len(got) {
	case 1:
		return got[0], nil
	case 0:
		return model.Session{}, errorf("session %q: %w in %s; %s", model.SanitizeLine(ref), ErrNotFound, model.SanitizeLine(cur.Event.Name), list)
	}
	return model.Session{}, errorf("session %q: %w: %d sessions start with it; give more characters or its number; %s",
		model.SanitizeLine(ref), ErrInvalid, len(got), list)
}

// sessionList lists an event's sessions for an error message (a Phrase:
// translated with the message).
func sessionList(cur model.Current) Phrase {
	if len(cur.Sessions) == 0 {
		return phrase("it has no sessions")
	}
	var b strings.Builder
	for _, x := range cur.Sessions {
		fmt.Fprintf(&b, "\n  %d  %s  %s", x.Position, shortID(x.ID), model.SanitizeLine(x.Title))
		if x.Date != "" {
			b.WriteString("  " + x.Date)
		}
	}
	return phrase("its sessions are:%s", b.String())
}

// shortID is the first 8 characters of an ID: enough to refer to it.
func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}
