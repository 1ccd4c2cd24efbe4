package store

import (
	"context"
	"database/sql"

	"convene/model"
)

// RecentCheckIns lists the latest check-ins made at a desk in a session
// that are still in effect, newest first, at most n: what a desk that
// reconnects (after a Wi-Fi drop) did last, and what its ctrl+z undoes.
func (s *Store) RecentCheckIns(ctx context.Context, sessionID, desk string, n int) ([]model.CheckedIn, error) {
	out, err := queryAll(ctx, s.r, func(sc scanner) (model.CheckedIn, error) {
		var c model.CheckedIn
		var at sql.NullString
		err := sc.Scan(&c.ParticipantID, &c.Name, &c.EventID, &at)
		c.At, c.SessionID, c.Desk = parseTS(at), sessionID, desk
		return c, err
	}, `SELECT c.participant_id, p.full_name, p.event_id, c.at FROM checkins c JOIN participants p ON p.id = c.participant_id
		WHERE c.session_id = ? AND c.desk = ? AND c.action = 'in'
		  AND c.seq = (SELECT max(seq) FROM checkins x WHERE x.participant_id = c.participant_id AND x.session_id = c.session_id)
		ORDER BY c.seq DESC LIMIT ?`, sessionID, desk, n)
	if err != nil {
		return nil, errorf("recent check-ins: %w", mapErr(err))
	}
	return out, nil
}
