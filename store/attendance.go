package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"modernc.org/sqlite"

	"convene/model"
)

// Reading attendance for exports: every listed person of an event, sorted
// by surname in the language's collation, with their arrival (time and
// source) in each session, read row by row so that an export of 100,000
// people never holds them all in memory; and check-ins typed in from paper.

// sortKeyFunc is the SQL function ORDER BY uses to sort people by surname:
// convene_sortkey(lang, full_name, surname, given_name, patronymic) is the
// collation key (model.CollationKey) of the person's model.SortName. It
// is computed once per row, and SQLite's sorter compares the keys as bytes.
const sortKeyFunc = "convene_sortkey"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(sortKeyFunc, 5, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		str := func(v driver.Value) string {
			switch v := v.(type) {
			case string:
				return v
			case []byte:
				return string(v)
			}
			return ""
		}
		p := model.Participant{FullName: str(args[1]), Surname: str(args[2]), GivenName: str(args[3]), Patronymic: str(args[4])}
		return model.CollationKey(str(args[0]), p.SortName()), nil
	})
}

// bySurname is the ORDER BY of people sorted by surname (the participants
// table aliased p; its one parameter is the language).
const bySurname = " ORDER BY " + sortKeyFunc + "(?, p.full_name, p.surname, p.given_name, p.patronymic), p.full_name, p.id"

// arrivalsCTE is, per person and session of an event (its one parameter),
// the arrival in effect: the earliest 'in' row after the last 'undo' row,
// with its source.
const arrivalsCTE = `arrivals AS (
	SELECT c.participant_id AS pid, c.session_id AS sid, min(c.at) AS at, c.source AS source
	FROM checkins c JOIN participants pp ON pp.id = c.participant_id AND pp.event_id = ?
	WHERE c.action = 'in'
	  AND c.seq > coalesce((SELECT max(u.seq) FROM checkins u
	                        WHERE u.participant_id = c.participant_id AND u.session_id = c.session_id AND u.action = 'undo'), 0)
	GROUP BY c.participant_id, c.session_id)`

// EachAttendance calls fn with every listed person of the event, sorted by
// surname in lang's collation (model.CollationLang), with their arrival in
// each of sessions; rows are read one at a time. fn's error stops the walk
// and is returned.
func (s *Store) EachAttendance(ctx context.Context, eventID string, sessions []model.Session, lang string, fn func(model.AttendanceRow) error) error {
	var q strings.Builder
	args := []any{eventID}
	q.WriteString("WITH " + arrivalsCTE + " SELECT ")
	for _, c := range strings.Split(participantColumns, ", ") {
		q.WriteString("p." + c + ", ")
	}
	for i := range sessions {
		fmt.Fprintf(&q, "a%d.at, coalesce(a%d.source, ''), ", i, i)
	}
	q.WriteString("1 FROM participants p")
	for i, se := range sessions {
		fmt.Fprintf(&q, " LEFT JOIN arrivals a%d ON a%d.pid = p.id AND a%d.sid = ?", i, i, i)
		args = append(args, se.ID)
	}
	q.WriteString(" WHERE p.event_id = ? AND p." + listed + bySurname)
	args = append(args, eventID, model.CollationLang(lang))
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q.String(), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		n := len(sessions)
		for rows.Next() {
			var p model.Participant
			var g, src, consent string
			var pseudonym sql.NullInt64
			var one int
			ats := make([]sql.NullString, n)
			srcs := make([]string, n)
			dst := []any{&p.ID, &p.EventID, &p.FullName, &p.Surname, &p.GivenName, &p.Patronymic, &p.Organisation, &p.Position, &p.Category, &g, &p.Phone, &p.Email, &p.Notes, &src, &consent, &pseudonym}
			for i := range n {
				dst = append(dst, &ats[i], &srcs[i])
			}
			if err := rows.Scan(append(dst, &one)...); err != nil {
				return err
			}
			p.Gender, p.Source, p.Consent, p.Pseudonym = model.Gender(g), model.Source(src), model.Consent(consent), int(pseudonym.Int64)
			r := model.AttendanceRow{P: p, At: make([]time.Time, n), Source: make([]model.CheckInSource, n)}
			for i := range n {
				r.At[i], r.Source[i] = parseTS(ats[i]), model.CheckInSource(srcs[i])
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	if err != nil {
		return errorf("attendance: %w", err)
	}
	return nil
}

// CountParticipants is how many people the event lists.
func (s *Store) CountParticipants(ctx context.Context, eventID string) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM participants WHERE event_id = ? AND "+listed, eventID).Scan(&n); err != nil {
		return 0, errorf("count participants: %w", mapErr(err))
	}
	return n, nil
}

// ImportCheckIns writes check-ins typed in from paper (source
// model.FromPaper, each at its own time), all or nothing, in one
// transaction. A person already checked in to that session (or listed
// twice for it) is left as they are; present lists the indices of those
// rows. With dryRun nothing is written.
func (s *Store) ImportCheckIns(ctx context.Context, eventID string, rows []model.PaperCheckIn, desk string, dryRun bool) (ch model.CheckInsImported, present []int, err error) {
	release, denied := s.begin(OpImport)
	if denied != nil {
		return model.CheckInsImported{}, nil, denied
	}
	defer release()
	run := s.write
	if dryRun {
		run = s.read
	}
	err = run(ctx, func(tx *sql.Tx) error {
		ch, present = model.CheckInsImported{EventID: eventID, DryRun: dryRun}, nil
		seen := map[[2]string]bool{}
		for i, r := range rows {
			_, ev, err := participantName(ctx, tx, r.ParticipantID)
			if err != nil {
				return err
			}
			se, err := sessionEvent(ctx, tx, r.SessionID)
			if err != nil {
				return err
			}
			if ev != eventID || se != eventID {
				return errorf("row %d: the person or session is not in this event: %w", i+1, ErrInvalid)
			}
			action, _, _, _, err := latest(ctx, tx, r.ParticipantID, r.SessionID)
			if err != nil {
				return err
			}
			k := [2]string{r.ParticipantID, r.SessionID}
			if action == string(model.ActionIn) || seen[k] {
				present = append(present, i)
				continue
			}
			seen[k] = true
			ch.Added++
			if dryRun {
				continue
			}
			if err := insertCheckIn(ctx, tx, model.CheckIn{ID: newID(), ParticipantID: r.ParticipantID, SessionID: r.SessionID,
				At: r.At.UTC(), Action: model.ActionIn, Desk: desk, Source: model.FromPaper}); err != nil {
				return err
			}
		}
		ch.Present = len(present)
		return nil
	})
	if err != nil {
		return model.CheckInsImported{}, nil, errorf("import check-ins: %w", err)
	}
	return ch, present, nil
}
