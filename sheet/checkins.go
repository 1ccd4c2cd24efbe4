package sheet

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"convene/i18n"
	"convene/model"
)

// A typed list of check-ins from a signed paper sheet (when the desk was
// down and people signed on paper): who (an ID, a name, a phone or an
// e-mail), which session (optional: its number, title or ID), and when
// (optional: a time, or a date and time; without one the check-in is dated
// at the session's start).

var checkinAliases = map[string][]string{
	"id":      {"ID", "Participant ID", "Person ID", "Идентификатор"},
	"name":    rosterAliases["name"],
	"first":   rosterAliases["first"],
	"last":    rosterAliases["last"],
	"middle":  rosterAliases["middle"],
	"phone":   rosterAliases["phone"],
	"email":   rosterAliases["email"],
	"session": {"Session", "Part", "Day", "Сессия", "Часть", "День", "Бөлім", "Күн"},
	"time":    {"Time", "Arrived", "Arrival", "Check-in time", "Checked in at", "Время", "Время прихода", "Пришел", "Пришла", "Уақыт", "Келген уақыты"},
	"date":    {"Date", "Дата", "Күні"},
}

// CheckInLine is one row of a typed check-in list.
type CheckInLine struct {
	Line    int // the file's line (CSV) or row (Excel)
	Person  model.PersonRef
	Session string        // as written: a number, a title or an ID; "" for the default session
	Date    string        // YYYY-MM-DD, or "" (the session's date)
	Clock   time.Duration // the time of day, when HasTime
	HasTime bool
}

// CheckInList is a parsed check-in list.
type CheckInList struct {
	Source
	Lines    []CheckInLine
	Rejected []Rejected
	Ignored  []string
}

// ParseCheckIns reads a typed check-in list (CSV or an Excel workbook, by
// content). It needs a column that names the person: ID, a name (or first
// and last name), phone or e-mail.
func ParseCheckIns(data []byte, o Options) (*CheckInList, error) {
	t, err := readRows(data, o)
	if err != nil {
		return nil, err
	}
	names := func(c Columns) bool {
		return c.Has("id") || c.Has("name") || c.Has("last") || c.Has("first") || c.Has("phone") || c.Has("email")
	}
	cols, err := t.findHeader(checkinAliases, names,
		failf("no column names the person: the header needs “Name” or «ФИО», or ID, phone or e-mail"))
	if err != nil {
		return nil, err
	}
	l := &CheckInList{Source: t.source(), Ignored: cols.Ignored}
	for _, row := range t.Rows {
		c, why := checkinRow(cols, row)
		if why.Format != "" {
			l.Rejected = append(l.Rejected, Rejected{Line: row.Line, Reason: why})
			continue
		}
		l.Lines = append(l.Lines, c)
	}
	return l, nil
}

// ReadCheckInsFile reads and parses a check-in list file.
func ReadCheckInsFile(path string, o Options) (*CheckInList, error) {
	data, err := ReadLimited(path)
	if err != nil {
		return nil, err
	}
	return ParseCheckIns(data, o)
}

var dayRe = regexp.MustCompile(`^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$`)

// parseDay reads a date: 2026-11-27, 27.11.2026, 27/11/2026 (day first,
// as in Kazakhstan).
func parseDay(s string) (string, bool) {
	m := dayRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	c, _ := strconv.Atoi(m[3])
	y, mo, d := c, b, a
	if len(m[1]) == 4 {
		y, mo, d = a, b, c
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || t.Day() != d || int(t.Month()) != mo {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

func checkinRow(c Columns, row Row) (CheckInLine, Message) {
	get := func(f string) string { return model.SanitizeLine(c.Get(row, f)) }
	l := CheckInLine{Line: row.Line, Session: get("session")}
	name := get("name")
	if name == "" {
		name = model.JoinName(get("last"), get("first"), get("middle"))
	}
	l.Person = model.PersonRef{ID: get("id"), Name: name, Phone: get("phone"), Email: get("email")}
	if l.Person == (model.PersonRef{}) {
		return l, reason("no name, ID, phone or e-mail")
	}
	when := get("time")
	if f := strings.Fields(when); len(f) >= 2 { // a date and a time in one cell
		if d, ok := parseDay(f[0]); ok {
			l.Date, when = d, strings.Join(f[1:], " ")
		}
	}
	if d := get("date"); d != "" {
		day, ok := parseDay(strings.Fields(d)[0])
		if !ok {
			return l, reason("date %q not understood (use 27.11.2026 or 2026-11-27)", model.Truncate(d, 20))
		}
		l.Date = day
	}
	if when != "" {
		clock, ok := parseClockText(when)
		if !ok {
			return l, reason("time %q not understood (use 09:30)", model.Truncate(when, 20))
		}
		l.Clock, l.HasTime = clock, true
	}
	return l, Message{}
}

// Report describes the file read and the rows rejected (at most max).
func (l *CheckInList) Report(p i18n.Printer, max int) string {
	var b strings.Builder
	l.describe(p, &b, len(l.Lines)+len(l.Rejected))
	l.rejected(p, &b, l.Rejected, max)
	ignored(p, &b, l.Ignored)
	return b.String()
}

// Where says "line 4" (CSV) or "row 4" (Excel) for a file line.
func (s Source) Where(p i18n.Printer, line int) string {
	if s.Format == FormatExcel {
		return p.T("row %d", num(line))
	}
	return p.T("line %d", num(line))
}
