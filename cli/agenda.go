package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"convene/model"
	"convene/sheet"
)

func newImportAgendaCmd(f *rootFlags) *cobra.Command {
	var session string
	var dry bool
	cmd := &cobra.Command{
		Use:   "agenda FILE",
		Short: "Append agenda items from a CSV file to the current session (or --session)",
		Long: "Append agenda items from a CSV file: a Title column and either Minutes, or Start and End times, or a\n" +
			"Time column with a range (09:00–09:45); optional Presenter, Kind (talk, panel, discussion, group work,\n" +
			"break, meal, other), Notes and Fixed (a time, or yes to pin the item to its start). Same encodings,\n" +
			"delimiters and all-or-nothing rule as the roster import.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := sheet.ReadAgendaFile(args[0])
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			st, err := f.open(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			cur, err := st.Current(ctx, "", session)
			if err != nil {
				return err
			}
			n, err := st.ImportItems(ctx, cur.Session.ID, a.Items, dry)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			delim := map[rune]string{',': "comma", ';': "semicolon", '\t': "tab"}[a.Delimiter]
			verb := "added"
			if dry {
				verb = "to add"
			}
			fmt.Fprintf(out, "Session: %s\nRead %d rows (%s, %s-separated).\n%d items %s, %d rejected.\n",
				model.SanitizeLine(cur.Session.Title), len(a.Items)+len(a.Rejected), a.Encoding, delim, n, verb, len(a.Rejected))
			for _, r := range a.Rejected {
				fmt.Fprintf(out, "  line %d: %s\n", r.Line, r.Reason)
			}
			if dry {
				fmt.Fprintln(out, "Dry run: nothing was written.")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&session, "session", "", "session ID (default: the current session)")
	cmd.Flags().BoolVar(&dry, "dry-run", false, "report only; write nothing")
	return cmd
}

func newExportAgendaCmd(f *rootFlags) *cobra.Command {
	var session, out, format string
	cmd := &cobra.Command{
		Use:   "agenda",
		Short: "Export the session's agenda: planned vs actual times, overruns and the total drift",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "csv" && format != "md" {
				return fmt.Errorf("--format must be csv or md, not %q", format)
			}
			ctx := cmd.Context()
			st, err := f.open(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			cur, err := st.Current(ctx, "", session)
			if err != nil {
				return err
			}
			items, err := st.AgendaItems(ctx, cur.Session.ID)
			if err != nil {
				return err
			}
			now := time.Now()
			rep := AgendaReport(cur.Session, items, now)
			return writeOut(cmd, out, func(w io.Writer) error {
				if format == "md" {
					return rep.Markdown(w)
				}
				return rep.CSV(w)
			})
		},
	}
	cmd.Flags().StringVar(&session, "session", "", "session ID (default: the current session)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE (default: standard output)")
	cmd.Flags().StringVar(&format, "format", "csv", "csv or md")
	return cmd
}

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
	cw.Write([]string{"Planned start", "Actual start", "Title", "Presenter", "Kind", "Planned min", "Actual min", "Overrun min", "State"}) //nolint:errcheck
	for _, x := range r.Rows {
		actual, over := "", ""
		if x.Held {
			actual = fmt.Sprintf("%.1f", x.Actual.Minutes())
			over = fmt.Sprintf("%.1f", x.Overrun.Minutes())
		}
		cw.Write([]string{x.PlannedStart, x.ActualStart, csvSafe(x.Title), csvSafe(x.Presenter), x.Kind, fmt.Sprint(x.PlannedMin), actual, over, x.State}) //nolint:errcheck
	}
	cw.Write([]string{"", "", "Session drift (min)", "", "", "", "", signedMin(r.Drift), "ends " + r.End.Local().Format("15:04") + " (planned " + r.PlannedEnd.Local().Format("15:04") + ")"}) //nolint:errcheck
	cw.Flush()
	return cw.Error()
}

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string {
	s = model.SanitizeLine(s)
	r := strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`, "#", `\#`)
	return r.Replace(s)
}

// Markdown writes the report as a Markdown table.
func (r AgendaReportData) Markdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Agenda: %s\n\n", mdCell(r.Session.Title))
	if r.Session.Date != "" || r.Session.Venue != "" {
		fmt.Fprintf(&b, "%s %s\n\n", mdCell(r.Session.Date), mdCell(r.Session.Venue))
	}
	b.WriteString("| Planned | Actual | Item | Presenter | Planned min | Actual min | Overrun | State |\n|---|---|---|---|---:|---:|---:|---|\n")
	for _, x := range r.Rows {
		actual, over := "", ""
		if x.Held {
			actual = model.FormatDuration(x.Actual)
			over = signedMin(x.Overrun)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %d | %s | %s | %s |\n", x.PlannedStart, x.ActualStart, mdCell(x.Title), mdCell(x.Presenter), x.PlannedMin, actual, over, x.State)
	}
	fmt.Fprintf(&b, "\n**Session drift:** %s min · ends %s (planned %s)\n", signedMin(r.Drift), r.End.Local().Format("15:04"), r.PlannedEnd.Local().Format("15:04"))
	_, err := io.WriteString(w, b.String())
	return err
}
