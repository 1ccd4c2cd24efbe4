package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"convene/i18n"
	"convene/model"
)

// The donor report: what an organiser sends the funder after the seminar.
// Its numbers are counted once (a Tally) and its content is built once as
// a list of blocks (headings, paragraphs, tables, a chart) that each
// format writes — Markdown, HTML (with an inline SVG chart) and Excel (with
// a native chart) — so the numbers agree in every format, and agree with
// `convene export attendance --summary` (the same Tally).

// Donor is what the donor report is made from.
type Donor struct {
	Event    model.Event
	Sessions []model.Session
	Sectors  model.SectorMap
	// Each calls fn with every person of the event, sorted by surname,
	// with their check-ins to Sessions. It is called twice: to count, then
	// for the participant list.
	Each    func(fn func(model.AttendanceRow) error) error
	Agendas []AgendaReportData // per session, in order
	Topics  model.TopicSet
	Now     time.Time
	// P is the report's language; H the language of its tables' column
	// headers (English with --headers en).
	P, H i18n.Printer
	// Anonymise makes the report for sharing: the annex lists each person
	// by their pseudonym (P-0001, in pseudonym order) with sector, gender
	// and sessions only; a topic raised by a participant and an action
	// item whose owner is a participant's name show the pseudonym.
	Anonymise bool
}

// pseudonyms maps participants, by ID and by folded name, to their
// pseudonyms (for an anonymised report).
type pseudonyms struct {
	byID, byName map[string]string
	words        []namedWords // every name's folded words, for texts that name people
}

type namedWords struct {
	words []string
	label string
}

func (ps *pseudonyms) add(p model.Participant) {
	label := model.PseudonymLabel(p.Pseudonym)
	ps.byID[p.ID] = label
	ps.byName[model.NameKey(p.FullName)] = label
	// surname and given name (a presenter's name seldom has the
	// patronymic)
	surname, given, _ := p.NameParts()
	if w := append(model.FoldWords(surname), model.FoldWords(given)...); len(w) >= 2 {
		ps.words = append(ps.words, namedWords{w, label})
	}
}

// presenter is an agenda item's presenter with the participants it names
// (their surname and given name, in any order: "Prosecutor Асхат Исаев"
// names Исаев Асхат Серикович) as their pseudonyms, and nothing else of the text (a role
// next to a name could tell who it is).
func (ps *pseudonyms) presenter(s string) string {
	have := map[string]bool{}
	for _, w := range model.FoldWords(s) {
		have[w] = true
	}
	var labels []string
	for _, n := range ps.words {
		all := true
		for _, w := range n.words {
			if !have[w] {
				all = false
				break
			}
		}
		if all {
			labels = append(labels, n.label)
		}
	}
	if len(labels) == 0 {
		return s
	}
	return strings.Join(labels, ", ")
}

// raisedBy is raisedByText with a participant as their pseudonym.
func (ps pseudonyms) raisedBy(p i18n.Printer, t model.Topic) string {
	if t.RaisedBy == model.RaisedByParticipant {
		if label, ok := ps.byID[t.ParticipantID]; ok {
			return label
		}
		return p.T("a participant")
	}
	return raisedByText(p, t)
}

// who is an action item's owner: a participant's name as their pseudonym,
// anything else (an organisation, a role) as typed.
func (ps pseudonyms) who(s string) string {
	if label, ok := ps.byName[model.NameKey(s)]; ok && strings.TrimSpace(s) != "" {
		return label
	}
	return s
}

// The parts of a report.
type blockKind int

const (
	bHeading blockKind = iota
	bPara
	bTable
	bChart
)

// block is one part of a report: a heading (level 1–3; level 2 starts a
// new sheet in Excel), a paragraph, a table (with its rows, or a function
// that streams them), or a bar chart.
type block struct {
	kind   blockKind
	level  int
	text   string
	sheet  string // a level-2 heading: the name of its sheet in Excel
	cols   []Column
	rows   [][]Cell
	stream func(emit func(cells ...Cell) error) error
	chart  *barChart
}

// barChart is a bar chart of values by category, one bar per series.
type barChart struct {
	Title      string
	Categories []string
	Series     []series
}

type series struct {
	Name   string
	Color  string // RRGGBB
	Values []int
}

// Build counts the attendance and lays the report out.
func (d Donor) Build() ([]block, *Tally, error) {
	p, h := d.P, d.H
	tally := NewTally(d.Sessions, d.Sectors)
	var ps *pseudonyms
	if d.Anonymise {
		ps = &pseudonyms{byID: map[string]string{}, byName: map[string]string{}}
	}
	withheld := 0 // people in the annex whose contacts are left out
	if err := d.Each(func(r model.AttendanceRow) error {
		tally.Add(r)
		if ps != nil {
			ps.add(r.P)
		}
		if _, w := r.P.ForOthers(); w && len(attendedSessions(r)) > 0 {
			withheld++
		}
		return nil
	}); err != nil {
		return nil, nil, err
	}
	var out []block
	add := func(b block) { out = append(out, b) }
	heading := func(level int, text string) { add(block{kind: bHeading, level: level, text: text}) }
	section := func(text, sheet string) { add(block{kind: bHeading, level: 2, text: text, sheet: sheet}) }
	para := func(text string) { add(block{kind: bPara, text: text}) }

	heading(1, p.T("Report: %s", model.SanitizeLine(d.Event.Name)))
	if dates := d.dates(); dates != "" {
		para(p.T("Dates: %s", dates))
	}
	if v := d.venues(); v != "" {
		para(p.T("Venues: %s", v))
	}
	para(p.T("Written %s", p.Date(d.Now, i18n.DateLong)+" "+d.Now.Format("15:04")))

	// the figures
	section(p.T("Participation"), p.T("Summary"))
	anyTotal := tally.Any.Total()
	para(p.T("Unique participants (checked in to at least one session): %d (female %d, male %d, not stated %d)",
		anyTotal.Total(), anyTotal.Female, anyTotal.Male, anyTotal.NotStated))
	para(p.T("Registered: %d", tally.Any.RegisteredTotal()))
	if len(d.Sessions) > 1 {
		para(p.T("Attended every session: %d", tally.Every))
	}
	perSession := block{kind: bTable, text: p.T("Per session"), cols: []Column{
		{Title: h.T("Session"), Width: 30}, {Title: h.T("Date"), Width: 12}, {Title: h.T("Registered"), Width: 12, Kind: Number},
		{Title: h.T("Checked in"), Width: 12, Kind: Number}, {Title: h.T("New people"), Width: 12, Kind: Number},
	}}
	for i, s := range d.Sessions {
		perSession.rows = append(perSession.rows, []Cell{Str(sessionTitle(s)), Str(s.Date), Int(tally.Per[i].RegisteredTotal()),
			Int(tally.Per[i].Total().Total()), Int(tally.Per[i].New)})
	}
	add(perSession)
	para(p.T("New people: checked in for the first time at that session (not at an earlier one)."))

	section(p.T("Participants by sector and gender"), p.T("By sector"))
	sectorTable := func(title string, s SessionTally) {
		tb := block{kind: bTable, text: title, cols: append([]Column{}, SummaryColumns(h)[1:]...)}
		for _, sec := range tally.Rows(s) {
			g := s.Here[sec]
			tb.rows = append(tb.rows, []Cell{Str(SectorName(h, sec)), Int(s.Registered[sec]), Int(g.Total()), Int(g.Female), Int(g.Male), Int(g.NotStated)})
		}
		g := s.Total()
		tb.rows = append(tb.rows, []Cell{Str(h.T("Total")), Int(s.RegisteredTotal()), Int(g.Total()), Int(g.Female), Int(g.Male), Int(g.NotStated)})
		add(tb)
	}
	for i, s := range d.Sessions {
		heading(3, sessionTitle(s))
		sectorTable(sessionTitle(s), tally.Per[i])
	}
	if len(d.Sessions) > 1 {
		heading(3, p.T("All sessions (people counted once)"))
		sectorTable(p.T("All sessions (people counted once)"), tally.Any)
	}
	ch := &barChart{Title: p.T("Participants by sector and gender (people counted once)")}
	f, m, n := series{Name: h.T("Female"), Color: "C0504D"}, series{Name: h.T("Male"), Color: "4F81BD"}, series{Name: h.T("Not stated"), Color: "9BBB59"}
	for _, sec := range tally.Rows(tally.Any) {
		g := tally.Any.Here[sec]
		if g.Total() == 0 {
			continue
		}
		ch.Categories = append(ch.Categories, SectorName(h, sec))
		f.Values, m.Values, n.Values = append(f.Values, g.Female), append(m.Values, g.Male), append(n.Values, g.NotStated)
	}
	ch.Series = []series{f, m, n}
	add(block{kind: bChart, chart: ch})

	d.agenda(&out, ps)
	d.topics(&out, ps)
	if ps != nil {
		d.anonymousAnnex(&out)
		return out, tally, nil
	}

	// the annex: who attended, streamed
	section(p.T("Annex: list of participants"), p.T("Participants"))
	cols := append([]Column{{Title: h.T("No."), Width: 6, Kind: Number}}, personColumns(h)...)
	cols = append(cols, Column{Title: h.T("Organisation"), Width: 30}, Column{Title: h.T("Position"), Width: 22},
		Column{Title: h.T("Sector"), Width: 18}, Column{Title: h.T("Gender"), Width: 10}, Column{Title: h.T("Sessions (numbers)"), Width: 14},
		Column{Title: h.T("Phone"), Width: 18}, Column{Title: h.T("Email"), Width: 26})
	add(block{kind: bTable, text: p.T("Participants"), cols: cols, stream: func(emit func(...Cell) error) error {
		n := 0
		return d.Each(func(r model.AttendanceRow) error {
			which := attendedSessions(r)
			if len(which) == 0 {
				return nil
			}
			n++
			shown, _ := r.P.ForOthers() // contacts only with consent
			cells := append([]Cell{Int(n)}, personCells(r.P)...)
			return emit(append(cells, Str(r.P.Organisation), Str(r.P.Position), Str(SectorName(h, d.Sectors.Sector(r.P.Category))),
				Str(genderWord(h, r.P.Gender)), Str(strings.Join(which, ", ")), Str(shown.Phone), Str(shown.Email))...)
		})
	}})
	para(p.T("Sessions attended: the sessions' numbers (%s).", d.sessionLegend()))
	if withheld > 0 {
		para(p.T("Phone and e-mail are shown only for people who consented to share them: left out for %d participants.", withheld))
	}
	return out, tally, nil
}

func (d Donor) sessionLegend() string {
	var parts []string
	for i, s := range d.Sessions {
		parts = append(parts, strconv.Itoa(i+1)+" — "+sessionTitle(s))
	}
	return strings.Join(parts, "; ")
}

func (d Donor) dates() string {
	var days []string
	for _, s := range d.Sessions {
		if t, err := time.Parse("2006-01-02", s.Date); err == nil {
			day := d.P.Date(t, i18n.DateLong)
			if len(days) == 0 || days[len(days)-1] != day {
				days = append(days, day)
			}
		}
	}
	if len(days) == 0 {
		for _, s := range []string{d.Event.StartDate, d.Event.EndDate} {
			if t, err := time.Parse("2006-01-02", s); err == nil {
				days = append(days, d.P.Date(t, i18n.DateLong))
			}
		}
	}
	return strings.Join(days, " – ")
}

func (d Donor) venues() string {
	var vs []string
	seen := map[string]bool{}
	for _, v := range append([]string{d.Event.Venue}, func() []string {
		var out []string
		for _, s := range d.Sessions {
			out = append(out, s.Venue)
		}
		return out
	}()...) {
		v = model.SanitizeLine(v)
		if v != "" && !seen[model.Fold(v)] {
			seen[model.Fold(v)] = true
			vs = append(vs, v)
		}
	}
	return strings.Join(vs, "; ")
}

// driftLine says how a session's agenda ran, in p's language.
func driftLine(p i18n.Printer, r AgendaReportData) string {
	end, planned := model.HHMM(r.End, r.Loc), model.HHMM(r.PlannedEnd, r.Loc)
	start := ""
	if len(r.Rows) > 0 {
		start = r.Rows[0].PlannedStart
	}
	switch {
	case r.When == model.Past && !r.Started:
		return p.T("Not held: no item of this session was started (planned %s–%s).", start, planned)
	case r.When == model.Past:
		return p.T("Ended %s (planned %s); drift %s min.", end, planned, fmt.Sprintf("%+d", model.Minutes(r.Drift)))
	case r.When == model.Future:
		return p.T("Not held yet: planned %s–%s.", start, planned)
	}
	return p.T("Ends %s (planned %s); drift %s min.", end, planned, fmt.Sprintf("%+d", model.Minutes(r.Drift)))
}

func (d Donor) agenda(out *[]block, ps *pseudonyms) {
	p, h := d.P, d.H
	*out = append(*out, block{kind: bHeading, level: 2, text: p.T("The agenda as it ran"), sheet: p.T("Agenda")})
	for i, r := range d.Agendas {
		title := sessionTitle(d.Sessions[i])
		*out = append(*out, block{kind: bHeading, level: 3, text: title})
		tb := block{kind: bTable, text: title, cols: []Column{
			{Title: h.T("Planned start"), Width: 10}, {Title: h.T("Title"), Width: 40}, {Title: h.T("Presenter"), Width: 24},
			{Title: h.T("Planned min"), Width: 10, Kind: Number}, {Title: h.T("Actual start"), Width: 10},
			{Title: h.T("Actual min"), Width: 10, Kind: Number}, {Title: h.T("Overrun min"), Width: 10}, {Title: h.T("State"), Width: 14},
		}}
		for _, x := range r.Rows {
			actual, over := Cell{}, Cell{}
			if x.Held && x.Stopped {
				actual, over = Int(x.ActualMin), Str(fmt.Sprintf("%+d", x.OverrunMin))
			}
			presenter := x.Presenter
			if ps != nil {
				presenter = ps.presenter(presenter)
			}
			tb.rows = append(tb.rows, []Cell{Str(x.PlannedStart), Str(x.Title), Str(presenter), Int(x.PlannedMin + x.ExtensionMin),
				Str(x.ActualStart), actual, over, Str(h.Word(x.State))})
		}
		if len(r.Rows) == 0 {
			*out = append(*out, block{kind: bPara, text: p.T("No agenda items.")})
			continue
		}
		*out = append(*out, tb, block{kind: bPara, text: driftLine(p, r)})
	}
}

// raisedByText is who raised a topic, as the report says it: an anonymous
// topic stays anonymous.
func raisedByText(p i18n.Printer, t model.Topic) string {
	switch t.RaisedBy {
	case model.RaisedByParticipant:
		if t.ParticipantName != "" {
			return model.SanitizeLine(t.ParticipantName)
		}
		return p.T("a participant")
	case model.RaisedByAnonymous:
		return p.T("anonymous")
	default: // model.RaisedByFloor
		return p.T("from the floor")
	}
}

// anonymousAnnex is the annex of an anonymised report: pseudonym, sector,
// gender and sessions, in pseudonym order (name order would hint at the
// names).
func (d Donor) anonymousAnnex(out *[]block) {
	p, h := d.P, d.H
	*out = append(*out, block{kind: bHeading, level: 2, text: p.T("Annex: list of participants"), sheet: p.T("Participants")})
	cols := []Column{{Title: h.T("No."), Width: 6, Kind: Number}, {Title: h.T("Pseudonym"), Width: 10},
		{Title: h.T("Sector"), Width: 18}, {Title: h.T("Gender"), Width: 10}, {Title: h.T("Sessions (numbers)"), Width: 14}}
	*out = append(*out, block{kind: bTable, text: p.T("Participants"), cols: cols, stream: func(emit func(...Cell) error) error {
		var rows []model.AttendanceRow
		if err := d.Each(func(r model.AttendanceRow) error {
			if len(attendedSessions(r)) > 0 {
				rows = append(rows, r)
			}
			return nil
		}); err != nil {
			return err
		}
		for i, r := range model.Anonymised(rows) {
			if err := emit(Int(i+1), Str(r.P.FullName), Str(SectorName(h, d.Sectors.Sector(r.P.Category))),
				Str(genderWord(h, r.P.Gender)), Str(strings.Join(attendedSessions(r), ", "))); err != nil {
				return err
			}
		}
		return nil
	}})
	*out = append(*out, block{kind: bPara, text: p.T("Sessions attended: the sessions' numbers (%s).", d.sessionLegend())})
}

// attendedSessions are the numbers (from 1) of the sessions a person
// checked in to.
func attendedSessions(r model.AttendanceRow) []string {
	var which []string
	for i, at := range r.At {
		if !at.IsZero() {
			which = append(which, strconv.Itoa(i+1))
		}
	}
	return which
}

func (d Donor) topics(out *[]block, ps *pseudonyms) {
	p, h := d.P, d.H
	add := func(b block) { *out = append(*out, b) }
	add(block{kind: bHeading, level: 2, text: p.T("Topics discussed"), sheet: p.T("Topics")})
	topics := append([]model.Topic(nil), d.Topics.Topics...)
	model.SortTopics(topics, true)
	discussed := 0
	for _, t := range topics {
		if t.Status != model.TopicDone && t.Status != model.TopicDiscussing {
			continue
		}
		discussed++
		add(block{kind: bHeading, level: 3, text: model.SanitizeLine(t.Title)})
		by := raisedByText(p, t)
		if ps != nil {
			by = ps.raisedBy(p, t)
		}
		add(block{kind: bPara, text: p.T("Votes: %d · raised by: %s", t.Votes, by)})
		if t.Outcome != "" {
			add(block{kind: bPara, text: p.T("Outcome: %s", model.SanitizeText(t.Outcome))})
		}
		if acts := d.Topics.Actions[t.ID]; len(acts) > 0 {
			tb := block{kind: bTable, text: p.T("Action items"), cols: []Column{{Title: h.T("What"), Width: 40}, {Title: h.T("Who"), Width: 24}, {Title: h.T("By when"), Width: 14}}}
			for _, a := range acts {
				who := a.Who
				if ps != nil {
					who = ps.who(who)
				}
				tb.rows = append(tb.rows, []Cell{Str(a.What), Str(who), Str(a.Due)})
			}
			add(tb)
		}
	}
	if discussed == 0 {
		add(block{kind: bPara, text: p.T("No topic was discussed.")})
	}
	var parked, open []string
	for _, t := range topics {
		switch t.Status {
		case model.TopicParked:
			parked = append(parked, model.SanitizeLine(t.Title))
		case model.TopicProposed:
			open = append(open, model.SanitizeLine(t.Title))
		case model.TopicDiscussing, model.TopicDone:
			// discussed: listed above
		}
	}
	if len(parked) > 0 {
		add(block{kind: bPara, text: p.T("Parking lot: %s", strings.Join(parked, "; "))})
	}
	if len(open) > 0 {
		add(block{kind: bPara, text: p.T("Raised but not discussed: %s", strings.Join(open, "; "))})
	}
}

// Write writes the report in format f.
func (d Donor) Write(f Format, w io.Writer) error {
	blocks, _, err := d.Build()
	if err != nil {
		return err
	}
	switch f {
	case Markdown:
		return writeMarkdown(w, blocks)
	case HTML:
		return writeHTML(w, blocks, d.P.Lang())
	case XLSX:
		return writeXLSX(w, blocks, d.P, model.SanitizeLine(d.Event.Name))
	default: // CSV holds one table: no report
		return i18n.Errorf("the report is written as md, html or xlsx, not %q", f)
	}
}
