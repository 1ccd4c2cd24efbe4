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

// AgendaRow is one line of the agenda report. Every duration is in whole
// minutes (model.Minutes: nearest, halves up) and every time is HH:MM
// (model.HHMM: rounded, never truncated).
type AgendaRow struct {
	Title, Presenter, Kind, State string
	PlannedStart                  string // the programme as printed
	PlannedMin                    int    // the planned minutes, without extensions
	ExtensionMin                  int    // minutes added (or, negative, removed) while it ran
	ActualStart                   string // "" if it never started
	ActualMin                     int    // minutes it ran, pauses excluded (Held only)
	OverrunMin                    int    // ActualMin − PlannedMin − ExtensionMin: negative if it ended early (Held only)
	Held                          bool   // it started
	Stopped                       bool   // it was finished or paused (a past item left running has no actual minutes)
}

// AgendaReportData is a session's agenda, planned against actual.
type AgendaReportData struct {
	Session    model.Session
	Rows       []AgendaRow
	When       model.When // today (forecast from now), past (what ran) or future (the plan)
	Started    bool       // some item started
	Drift      time.Duration
	PlannedEnd time.Time
	End        time.Time
	Loc        *time.Location
	// P is the language of the Markdown's headings and words, H of its
	// column headers and state words (--headers); zero: English.
	P, H i18n.Printer
}

// AgendaReport builds the report from the items at now; times are shown in
// now's location. A session held today is forecast from now; one held on
// an earlier day shows what ran, one still to come shows the plan
// (model.MakeForecast).
func AgendaReport(s model.Session, items []model.AgendaItem, now time.Time) AgendaReportData {
	loc := now.Location()
	f := model.MakeForecast(model.SessionStart(s, now, loc), items, now)
	r := AgendaReportData{Session: s, When: f.When, Started: f.Started, Drift: f.Drift, PlannedEnd: f.PlannedEnd, End: f.End, Loc: loc}
	for i, it := range items {
		c := it.Clock
		row := AgendaRow{
			Title: model.SanitizeLine(it.Title), Presenter: model.SanitizeLine(it.Presenter), Kind: string(it.Kind),
			State: c.State().String(), PlannedStart: model.HHMM(f.Items[i].PlannedStart, loc), PlannedMin: it.PlannedMinutes,
			ExtensionMin: model.Minutes(c.Extra),
		}
		switch {
		case it.Skipped:
			row.State = "skipped" //i18n:key
		case f.Items[i].NotHeld:
			row.State = "not held" //i18n:key
		}
		if !c.StartedAt.IsZero() {
			row.Held = true
			row.ActualStart = model.HHMM(c.StartedAt, loc)
			row.Stopped = c.State() != model.ClockRunning || f.When != model.Past
			if row.Stopped {
				row.ActualMin = model.Minutes(c.Elapsed(now))
				row.OverrunMin = row.ActualMin - row.PlannedMin - row.ExtensionMin
			} else {
				row.State = "never stopped" //i18n:key
			}
		}
		r.Rows = append(r.Rows, row)
	}
	return r
}

// Summary is the report's last line in English: the drift and end (today,
// or a past session that ran), or why there is none.
func (r AgendaReportData) Summary() (label, value, note string) { return r.SummaryIn(i18n.Printer{}) }

// agendaHeader is the export's columns, one unit each: times HH:MM,
// durations in whole minutes.
//
//i18n:key
var agendaHeader = []string{"Planned start", "Title", "Presenter", "Kind", "Planned min", "Extension min",
	"Actual start", "Actual min", "Overrun min", "State"}

func (x AgendaRow) cells(h i18n.Printer, esc func(string) string) []string {
	actual, over := "", ""
	if x.Held && x.Stopped {
		actual, over = strconv.Itoa(x.ActualMin), fmt.Sprintf("%+d", x.OverrunMin)
	}
	ext := ""
	if x.ExtensionMin != 0 {
		ext = fmt.Sprintf("%+d", x.ExtensionMin)
	}
	return []string{x.PlannedStart, esc(x.Title), esc(x.Presenter), h.Word(x.Kind), strconv.Itoa(x.PlannedMin), ext, x.ActualStart, actual, over, h.Word(x.State)}
}

// CSV writes the report as CSV with a UTF-8 BOM, in English.
func (r AgendaReportData) CSV(w io.Writer) error {
	t, err := NewTables(CSV, w, Doc{}, ',')
	if err != nil {
		return err
	}
	if err := r.Table(t, i18n.Printer{}); err != nil {
		return err
	}
	return t.Close()
}

// SummaryIn is Summary in h's language.
func (r AgendaReportData) SummaryIn(h i18n.Printer) (label, value, note string) {
	end, planned := model.HHMM(r.End, r.Loc), model.HHMM(r.PlannedEnd, r.Loc)
	start := ""
	if len(r.Rows) > 0 {
		start = r.Rows[0].PlannedStart + "–"
	}
	switch {
	case r.When == model.Past && !r.Started:
		return h.T("Not held"), "", h.T("no item of this session was started (planned %s)", start+planned)
	case r.When == model.Past:
		return h.T("Session drift (min)"), fmt.Sprintf("%+d", model.Minutes(r.Drift)), h.T("ended %s (planned %s)", end, planned)
	case r.When == model.Future:
		note = h.T("planned %s", start+planned)
		if end != planned {
			note = h.T("planned %s; with the skipped items it ends %s", start+planned, end)
		}
		return h.T("Not held yet"), "", note
	}
	return h.T("Session drift (min)"), fmt.Sprintf("%+d", model.Minutes(r.Drift)), h.T("ends %s (planned %s)", end, planned)
}

// Table writes the report as a table (CSV, Excel…), headers and words in
// h's language, and the drift line last.
func (r AgendaReportData) Table(t Tables, h i18n.Printer) error {
	cols := []Column{
		{Title: h.T("Planned start"), Width: 10}, {Title: h.T("Title"), Width: 40}, {Title: h.T("Presenter"), Width: 24},
		{Title: h.T("Kind"), Width: 12}, {Title: h.T("Planned min"), Width: 10, Kind: Number}, {Title: h.T("Extension min"), Width: 10, Kind: Signed},
		{Title: h.T("Actual start"), Width: 10}, {Title: h.T("Actual min"), Width: 10, Kind: Number}, {Title: h.T("Overrun min"), Width: 10, Kind: Signed},
		{Title: h.T("State"), Width: 14},
	}
	if err := t.Start(h.T("Agenda"), cols); err != nil {
		return err
	}
	for _, x := range r.Rows {
		actual, over, ext := Cell{}, Cell{}, Cell{}
		if x.Held && x.Stopped {
			actual, over = Int(x.ActualMin), Plus(x.OverrunMin)
		}
		if x.ExtensionMin != 0 {
			ext = Plus(x.ExtensionMin)
		}
		if err := t.Row(Str(x.PlannedStart), Str(x.Title), Str(x.Presenter), Str(h.Word(x.Kind)), Int(x.PlannedMin), ext,
			Str(x.ActualStart), actual, over, Str(h.Word(x.State))); err != nil {
			return err
		}
	}
	label, value, note := r.SummaryIn(h)
	v := Cell{}
	if value != "" {
		n, _ := strconv.Atoi(value)
		v = Plus(n)
	}
	return t.Row(Cell{}, Str(label), Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, v, Str(note))
}

// Markdown writes the report as a Markdown table: headings and the summary
// in r.P's language, column headers and state words in r.H's.
func (r AgendaReportData) Markdown(w io.Writer) error {
	p, h := r.P, r.H
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", p.T("Agenda: %s", MDText(r.Session.Title)))
	if r.Session.Date != "" || r.Session.Venue != "" {
		fmt.Fprintf(&b, "%s\n\n", strings.TrimSpace(MDText(dayText(p, r.Session.Date))+" "+MDText(r.Session.Venue)))
	}
	head := make([]string, len(agendaHeader))
	for i, k := range agendaHeader {
		head[i] = h.Word(k)
	}
	b.WriteString("| " + strings.Join(head, " | ") + " |\n|---|---|---|---|---:|---:|---|---:|---:|---|\n")
	for _, x := range r.Rows {
		b.WriteString("| " + strings.Join(x.cells(h, MDText), " | ") + " |\n")
	}
	label, value, note := r.SummaryIn(p)
	if value != "" {
		fmt.Fprintf(&b, "\n**%s:** %s · %s\n", p.T("Session drift"), p.T("%s min", value), note)
	} else {
		fmt.Fprintf(&b, "\n**%s:** %s\n", label, note)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// dayText is a YYYY-MM-DD day in p's language («27 ноября 2026 г.»), or
// the text as it is when it is not such a day.
func dayText(p i18n.Printer, day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return p.Date(t, i18n.DateLong)
}
