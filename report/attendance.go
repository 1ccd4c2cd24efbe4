package report

import (
	"strings"

	"convene/i18n"
	"convene/model"
)

// Attendance is what the attendance exports are made from: the event, its
// sessions (all, or the one asked for), the sector map, and the people,
// sorted by surname, read one at a time.
type Attendance struct {
	Event    model.Event
	Sessions []model.Session
	Sectors  model.SectorMap
	// Each calls fn with every person in order; fn's error stops it.
	Each func(fn func(model.AttendanceRow) error) error
	// P is the language of the document (titles, headings); H of the
	// column headers and the words in cells (yes, female, paper…), English
	// with --headers en for people who process the files by script.
	P, H i18n.Printer
	// Anonymous lists each person as their pseudonym (P-0001, the same in
	// every export of the event) with category and gender only: no name,
	// organisation, position or contacts, for sharing figures.
	Anonymous bool
}

// SectorName is a sector as shown: a canonical one in p's language, an
// organiser's own as typed.
func SectorName(p i18n.Printer, sector string) string {
	if model.IsCanonical(sector) {
		return p.Word(sector)
	}
	return model.SanitizeLine(sector)
}

// genderWord is a gender as shown in p's language.
func genderWord(p i18n.Printer, g model.Gender) string { return p.Word(g.Label()) }

// sessionTitle is a session's title for a column header.
func sessionTitle(s model.Session) string { return model.SanitizeLine(s.Title) }

// personColumns are the columns that say who someone is, in every list.
func personColumns(h i18n.Printer) []Column {
	return []Column{
		{Title: h.T("Surname"), Width: 18}, {Title: h.T("Given name"), Width: 14}, {Title: h.T("Patronymic"), Width: 16},
	}
}

func personCells(p model.Participant) []Cell {
	s, g, pa := p.NameParts()
	return []Cell{Str(s), Str(g), Str(pa)}
}

// WriteList writes everyone with, per session, whether, when and how
// (desk or paper) they checked in (the sector is in the summary: a Sector
// column next to Category would make the file two categories to the roster
// import, which reads it back), and tallies the rows into tally (when
// not nil) for a summary written after it.
func (a Attendance) WriteList(t Tables, tally *Tally) error {
	h := a.H
	cols := append([]Column{{Title: h.T("Name"), Width: 30}}, personColumns(h)...)
	cols = append(cols,
		Column{Title: h.T("Organisation"), Width: 30}, Column{Title: h.T("Position"), Width: 22},
		Column{Title: h.T("Category"), Width: 18},
		Column{Title: h.T("Gender"), Width: 10}, Column{Title: h.T("Phone"), Width: 18}, Column{Title: h.T("Email"), Width: 26})
	if a.Anonymous {
		cols = []Column{{Title: h.T("Pseudonym"), Width: 10}, {Title: h.T("Category"), Width: 18}, {Title: h.T("Gender"), Width: 10}}
	}
	for _, s := range a.Sessions {
		title := sessionTitle(s)
		cols = append(cols,
			Column{Title: h.T("%s: checked in", title), Width: 12},
			Column{Title: h.T("%s: time", title), Width: 17, Kind: Stamp},
			Column{Title: h.T("%s: source", title), Width: 10})
	}
	if err := t.Start(a.P.T("Attendance"), cols); err != nil {
		return err
	}
	return a.Each(func(r model.AttendanceRow) error {
		if tally != nil {
			tally.Add(r)
		}
		p := r.P
		cells := append([]Cell{Str(p.FullName)}, personCells(p)...)
		cells = append(cells, Str(p.Organisation), Str(p.Position), Str(p.Category), Str(genderWord(h, p.Gender)), Str(p.Phone), Str(p.Email))
		if a.Anonymous {
			cells = []Cell{Str(model.PseudonymLabel(p.Pseudonym)), Str(p.Category), Str(genderWord(h, p.Gender))}
		}
		for i, at := range r.At {
			if at.IsZero() {
				cells = append(cells, Str(h.Word("no")), Cell{}, Cell{})
				continue
			}
			cells = append(cells, Str(h.Word("yes")), When(at), Str(h.Word(string(sourceOf(r, i)))))
		}
		return t.Row(cells...)
	})
}

func sourceOf(r model.AttendanceRow, i int) model.CheckInSource {
	if i < len(r.Source) && r.Source[i] != "" {
		return r.Source[i]
	}
	return model.FromDesk
}

// Tally counts people by sector and gender, per session and over all the
// sessions, as the rows go by: the numbers of the summary and of the donor
// report, made once so that every format says the same.
type Tally struct {
	Sessions []model.Session
	Sectors  []string // every sector a person can count in, in report order
	sectorOf func(category string) string
	// Per session: registered people and checked-in people by sector, and
	// how many came to a session for the first time (new).
	Per []SessionTally
	// Any is the people checked in to at least one session (unique).
	Any SessionTally
	// Every is how many came to every session.
	Every int
}

// SessionTally is one session's counts (or the unique people's).
type SessionTally struct {
	Registered map[string]int          // by sector
	Here       map[string]GenderCounts // by sector
	New        int                     // first time at a session of the event (per session only)
}

// GenderCounts are checked-in people by gender.
type GenderCounts struct{ Female, Male, NotStated int }

// Total is the three added.
func (g GenderCounts) Total() int { return g.Female + g.Male + g.NotStated }

func (g *GenderCounts) add(x model.Gender) {
	switch x {
	case model.GenderFemale:
		g.Female++
	case model.GenderMale:
		g.Male++
	default:
		g.NotStated++
	}
}

// Plus is g and x added.
func (g GenderCounts) Plus(x GenderCounts) GenderCounts {
	return GenderCounts{g.Female + x.Female, g.Male + x.Male, g.NotStated + x.NotStated}
}

// NewTally starts counting for the sessions with a sector map.
func NewTally(sessions []model.Session, m model.SectorMap) *Tally {
	t := &Tally{Sessions: sessions, Sectors: m.Order(), sectorOf: m.Sector, Per: make([]SessionTally, len(sessions))}
	for i := range t.Per {
		t.Per[i] = SessionTally{Registered: map[string]int{}, Here: map[string]GenderCounts{}}
	}
	t.Any = SessionTally{Registered: map[string]int{}, Here: map[string]GenderCounts{}}
	return t
}

// Add counts one person.
func (t *Tally) Add(r model.AttendanceRow) {
	sec := t.sectorOf(r.P.Category)
	first := true
	n := 0
	for i, at := range r.At {
		st := &t.Per[i]
		st.Registered[sec]++
		if at.IsZero() {
			continue
		}
		n++
		g := st.Here[sec]
		g.add(r.P.Gender)
		st.Here[sec] = g
		if first {
			st.New++
			first = false
		}
	}
	t.Any.Registered[sec]++
	if n > 0 {
		g := t.Any.Here[sec]
		g.add(r.P.Gender)
		t.Any.Here[sec] = g
	}
	if n == len(r.At) && n > 0 {
		t.Every++
	}
}

// Total is a tally's checked-in people of every sector.
func (s SessionTally) Total() GenderCounts {
	var g GenderCounts
	for _, x := range s.Here {
		g = g.Plus(x)
	}
	return g
}

// RegisteredTotal is a tally's registered people of every sector.
func (s SessionTally) RegisteredTotal() int {
	n := 0
	for _, x := range s.Registered {
		n += x
	}
	return n
}

// Rows are the sectors that have anyone registered, in report order.
func (t *Tally) Rows(s SessionTally) []string {
	var out []string
	for _, sec := range t.Sectors {
		if s.Registered[sec] > 0 || s.Here[sec].Total() > 0 {
			out = append(out, sec)
		}
	}
	return out
}

// SummaryColumns are the columns of the summary table.
func SummaryColumns(h i18n.Printer) []Column {
	return []Column{
		{Title: h.T("Session"), Width: 28}, {Title: h.T("Sector"), Width: 24},
		{Title: h.T("Registered"), Width: 12, Kind: Number}, {Title: h.T("Checked in"), Width: 12, Kind: Number},
		{Title: h.T("Female"), Width: 10, Kind: Number}, {Title: h.T("Male"), Width: 10, Kind: Number},
		{Title: h.T("Not stated"), Width: 12, Kind: Number},
	}
}

// SummaryRows calls row with the summary's rows: per session, each sector
// with anyone registered and the session's total; then the same for the
// unique people of all the sessions (when there are several).
func (t *Tally) SummaryRows(p, h i18n.Printer, row func(cells ...Cell) error) error {
	block := func(title string, s SessionTally) error {
		for _, sec := range t.Rows(s) {
			g := s.Here[sec]
			if err := row(Str(title), Str(SectorName(h, sec)), Int(s.Registered[sec]), Int(g.Total()), Int(g.Female), Int(g.Male), Int(g.NotStated)); err != nil {
				return err
			}
		}
		g := s.Total()
		return row(Str(title), Str(h.T("Total")), Int(s.RegisteredTotal()), Int(g.Total()), Int(g.Female), Int(g.Male), Int(g.NotStated))
	}
	for i, s := range t.Sessions {
		if err := block(sessionTitle(s), t.Per[i]); err != nil {
			return err
		}
	}
	if len(t.Sessions) > 1 {
		return block(p.T("All sessions (people counted once)"), t.Any)
	}
	return nil
}

// WriteSummary writes the counts per session by sector and gender: the
// whole table after a list (tally filled by WriteList), or on its own
// (tally nil: the rows are read to count them).
func (a Attendance) WriteSummary(t Tables, tally *Tally) error {
	if tally == nil {
		tally = NewTally(a.Sessions, a.Sectors)
		if err := a.Each(func(r model.AttendanceRow) error { tally.Add(r); return nil }); err != nil {
			return err
		}
	}
	if err := t.Start(a.P.T("Summary"), SummaryColumns(a.H)); err != nil {
		return err
	}
	return tally.SummaryRows(a.P, a.H, t.Row)
}

// WriteMatrix writes who attended which session: one row per person, a 1
// under each session they checked in to, and how many they attended.
func (a Attendance) WriteMatrix(t Tables) error {
	h := a.H
	cols := append([]Column{{Title: h.T("No."), Width: 6, Kind: Number}}, personColumns(h)...)
	cols = append(cols, Column{Title: h.T("Organisation"), Width: 30}, Column{Title: h.T("Sector"), Width: 18}, Column{Title: h.T("Gender"), Width: 10})
	for _, s := range a.Sessions {
		cols = append(cols, Column{Title: sessionTitle(s), Width: max(8, min(24, float64(len([]rune(sessionTitle(s))))+2)), Kind: Number})
	}
	cols = append(cols, Column{Title: h.T("Sessions attended"), Width: 12, Kind: Number})
	if err := t.Start(a.P.T("Attendance by session"), cols); err != nil {
		return err
	}
	n := 0
	return a.Each(func(r model.AttendanceRow) error {
		n++
		p := r.P
		cells := append([]Cell{Int(n)}, personCells(p)...)
		cells = append(cells, Str(p.Organisation), Str(SectorName(h, a.Sectors.Sector(p.Category))), Str(genderWord(h, p.Gender)))
		for _, at := range r.At {
			if at.IsZero() {
				cells = append(cells, Cell{})
			} else {
				cells = append(cells, Int(1))
			}
		}
		return t.Row(append(cells, Int(r.Attended()))...)
	})
}

// Qualifies says whether someone who attended n of the sessions gets a
// certificate: at least least sessions (1 at the least), or every one with all.
func Qualifies(n, sessions, least int, all bool) bool {
	if all {
		return n == sessions && n > 0
	}
	return n >= max(1, least)
}

// WriteCertificates writes who qualifies for a certificate (see
// Qualifies), sorted by surname, with their organisation and the sessions
// they attended.
func (a Attendance) WriteCertificates(t Tables, least int, all bool) error {
	h := a.H
	cols := append([]Column{{Title: h.T("No."), Width: 6, Kind: Number}}, personColumns(h)...)
	cols = append(cols, Column{Title: h.T("Organisation"), Width: 32}, Column{Title: h.T("Position"), Width: 24},
		Column{Title: h.T("Sessions attended"), Width: 12, Kind: Number}, Column{Title: h.T("Sessions"), Width: 36})
	if err := t.Start(a.P.T("Certificates"), cols); err != nil {
		return err
	}
	n := 0
	return a.Each(func(r model.AttendanceRow) error {
		k := r.Attended()
		if !Qualifies(k, len(a.Sessions), least, all) {
			return nil
		}
		n++
		var titles []string
		for i, at := range r.At {
			if !at.IsZero() {
				titles = append(titles, sessionTitle(a.Sessions[i]))
			}
		}
		cells := append([]Cell{Int(n)}, personCells(r.P)...)
		return t.Row(append(cells, Str(r.P.Organisation), Str(r.P.Position), Int(k), Str(strings.Join(titles, "; ")))...)
	})
}
