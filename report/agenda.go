package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"convene/model"
)

// AgendaRow is one line of the agenda report.
type AgendaRow struct {
	Title, Presenter, Kind, State string
	PlannedStart, ActualStart     string
	PlannedMin                    int
	Actual                        time.Duration
	Overrun                       time.Duration
	Held                          bool
}

// AgendaReportData is a session's agenda, planned against actual.
type AgendaReportData struct {
	Session    model.Session
	Rows       []AgendaRow
	Drift      time.Duration
	PlannedEnd time.Time
	End        time.Time
}

// AgendaReport builds the report from the items and the forecast at now.
func AgendaReport(s model.Session, items []model.AgendaItem, now time.Time) AgendaReportData {
	f := model.MakeForecast(model.SessionStart(s, now, time.Local), items, now)
	r := AgendaReportData{Session: s, Drift: f.Drift, PlannedEnd: f.PlannedEnd, End: f.End}
	for i, it := range items {
		row := AgendaRow{
			Title: model.SanitizeLine(it.Title), Presenter: model.SanitizeLine(it.Presenter), Kind: string(it.Kind),
			State: it.Clock.State().String(), PlannedStart: f.Items[i].PlannedStart.Local().Format("15:04"), PlannedMin: it.PlannedMinutes,
		}
		if it.Skipped {
			row.State = "skipped"
		}
		if !it.Clock.StartedAt.IsZero() {
			row.Held = true
			row.ActualStart = it.Clock.StartedAt.Local().Format("15:04")
			row.Actual = it.Clock.Elapsed(now).Round(time.Second)
			row.Overrun = row.Actual - time.Duration(it.PlannedMinutes)*time.Minute
		}
		r.Rows = append(r.Rows, row)
	}
	return r
}

func signedMin(d time.Duration) string {
	m := int((d + 30*time.Second*time.Duration(sign(d))) / time.Minute)
	return fmt.Sprintf("%+d", m)
}

func sign(d time.Duration) int {
	if d < 0 {
		return -1
	}
	return 1
}

// CSV writes the report as CSV with a UTF-8 BOM.
func (r AgendaReportData) CSV(w io.Writer) error {
	if _, err := w.Write([]byte{0xEF, 0xBB, 0xBF}); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write([]string{"Planned start", "Actual start", "Title", "Presenter", "Kind", "Planned min", "Actual min", "Overrun min", "State"})
	for _, x := range r.Rows {
		actual, over := "", ""
		if x.Held {
			actual = fmt.Sprintf("%.1f", x.Actual.Minutes())
			over = fmt.Sprintf("%.1f", x.Overrun.Minutes())
		}
		cw.Write([]string{x.PlannedStart, x.ActualStart, CSVCell(x.Title), CSVCell(x.Presenter), x.Kind, fmt.Sprint(x.PlannedMin), actual, over, x.State})
	}
	cw.Write([]string{"", "", "Session drift (min)", "", "", "", "", signedMin(r.Drift), "ends " + r.End.Local().Format("15:04") + " (planned " + r.PlannedEnd.Local().Format("15:04") + ")"})
	cw.Flush()
	return cw.Error()
}

// Markdown writes the report as a Markdown table.
func (r AgendaReportData) Markdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Agenda: %s\n\n", MDText(r.Session.Title))
	if r.Session.Date != "" || r.Session.Venue != "" {
		fmt.Fprintf(&b, "%s %s\n\n", MDText(r.Session.Date), MDText(r.Session.Venue))
	}
	b.WriteString("| Planned | Actual | Item | Presenter | Planned min | Actual min | Overrun | State |\n|---|---|---|---|---:|---:|---:|---|\n")
	for _, x := range r.Rows {
		actual, over := "", ""
		if x.Held {
			actual = model.FormatDuration(x.Actual)
			over = signedMin(x.Overrun)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %d | %s | %s | %s |\n", x.PlannedStart, x.ActualStart, MDText(x.Title), MDText(x.Presenter), x.PlannedMin, actual, over, x.State)
	}
	fmt.Fprintf(&b, "\n**Session drift:** %s min · ends %s (planned %s)\n", signedMin(r.Drift), r.End.Local().Format("15:04"), r.PlannedEnd.Local().Format("15:04"))
	_, err := io.WriteString(w, b.String())
	return err
}
