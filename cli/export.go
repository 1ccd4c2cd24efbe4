package cli

import (
	"context"
	"io"
	"time"

	"github.com/spf13/cobra"

	"convene/i18n"
	"convene/model"
	"convene/report"
	"convene/store"
)

// tableFormats are the formats of the tabular exports.
var tableFormats = []report.Format{report.CSV, report.XLSX, report.Markdown, report.HTML}

func newExportCmd(f *rootFlags) *cobra.Command {
	exp := &cobra.Command{Use: "export", Short: f.p.T("Export attendance, who attended which part, certificates, the agenda or the topics' minutes")}
	exp.AddCommand(newExportAttendanceCmd(f), newExportMatrixCmd(f), newExportCertificatesCmd(f), newExportAgendaCmd(f), newExportTopicsCmd(f))
	// every export can be encrypted: writeOut reads these flags
	addEncryptFlags(f.p, exp.PersistentFlags(), &encryptFlags{}, true)
	return exp
}

// attendanceFor is the attendance of the event of a --session reference
// (all its sessions, or only that one with only), in the run's language.
func attendanceFor(ctx context.Context, cmd *cobra.Command, st *store.Store, ref string, only bool, h i18n.Printer) (report.Attendance, error) {
	cur, err := currentFor(ctx, st, ref)
	if err != nil {
		return report.Attendance{}, err
	}
	sessions := cur.Sessions
	if only {
		sessions = []model.Session{cur.Session}
	}
	m, err := st.SectorMap(ctx)
	if err != nil {
		return report.Attendance{}, err
	}
	p := printer(cmd)
	return report.Attendance{
		Event: cur.Event, Sessions: sessions, Sectors: m, P: p, H: h,
		Each: func(fn func(model.AttendanceRow) error) error {
			return st.EachAttendance(ctx, cur.Event.ID, sessions, p.Lang(), fn)
		},
	}, nil
}

// anonymised is the attendance with each person as their pseudonym, in
// pseudonym order (the list is read whole to be put in that order).
func anonymised(a report.Attendance) report.Attendance {
	each := a.Each
	a.Anonymous = true
	a.Each = func(fn func(model.AttendanceRow) error) error {
		var rows []model.AttendanceRow
		if err := each(func(r model.AttendanceRow) error { rows = append(rows, r); return nil }); err != nil {
			return err
		}
		for _, r := range model.Anonymised(rows) {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
	return a
}

// docFor is the title of an export's document (Markdown, HTML).
func docFor(p i18n.Printer, a report.Attendance, title string) report.Doc {
	d := report.Doc{Title: title + ": " + model.SanitizeLine(a.Event.Name), Lang: p.Lang()}
	for _, s := range a.Sessions {
		line := model.SanitizeLine(s.Title)
		if s.Date != "" {
			line += " · " + s.Date
			if t, err := time.Parse("2006-01-02", s.Date); err == nil {
				line = model.SanitizeLine(s.Title) + " · " + p.Date(t, i18n.DateLong)
			}
		}
		if s.Venue != "" {
			line += " · " + model.SanitizeLine(s.Venue)
		}
		d.Lines = append(d.Lines, line)
	}
	return d
}

func delimiterOf(cmd *cobra.Command, delim string) (rune, error) {
	r := []rune(delim)
	if len(r) != 1 {
		return 0, i18n.Errorf("--delimiter must be one character, such as , or ;")
	}
	return r[0], nil
}

func newExportAttendanceCmd(f *rootFlags) *cobra.Command {
	var session, delim string
	var summary, anonymise bool
	var o outputFlags
	cmd := &cobra.Command{
		Use:   "attendance",
		Short: f.p.T("Export attendance: everyone, and whether, when and how (desk or paper) they checked in to each session"),
		Long: f.p.T("Export everyone registered with, for each session of the event (or only --session), whether, when and\n" +
			"how (at the desk, or typed in from paper) they checked in. --summary writes the counts per session by\n" +
			"sector and gender instead. CSV is UTF-8 with a BOM (Excel opens it with Cyrillic intact), and cells\n" +
			"a spreadsheet would read as a formula are prefixed with '. An Excel workbook (-o FILE.xlsx) has typed\n" +
			"cells (phones and IDs as text, times as times), a frozen header with filters, and a Summary sheet."),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			d, err := delimiterOf(cmd, delim)
			if err != nil {
				return err
			}
			format, err := o.formatOf(cmd, tableFormats, report.CSV)
			if err != nil {
				return err
			}
			h, err := o.headerPrinter(cmd)
			if err != nil {
				return err
			}
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				a, err := attendanceFor(ctx, cmd, st, session, session != "", h)
				if err != nil {
					return err
				}
				if anonymise {
					a = anonymised(a)
				}
				p := printer(cmd)
				return writeOut(cmd, o.path, func(w io.Writer) error {
					title := p.T("Attendance")
					if summary {
						title = p.T("Attendance summary")
					}
					t, err := report.NewTables(format, w, docFor(p, a, title), d)
					if err != nil {
						return err
					}
					switch {
					case summary:
						err = a.WriteSummary(t, nil)
					case format == report.XLSX: // the list, then the summary counted as it went
						tally := report.NewTally(a.Sessions, a.Sectors)
						if err = a.WriteList(t, tally); err == nil {
							err = a.WriteSummary(t, tally)
						}
					default:
						err = a.WriteList(t, nil)
					}
					if err != nil {
						return err
					}
					return t.Close()
				})
			})
		},
	}
	cmd.Flags().StringVar(&session, "session", "", f.p.T("only this session: its number in event list, or 4+ first characters of its ID"))
	cmd.Flags().StringVar(&delim, "delimiter", ",", f.p.T("CSV field delimiter (use ; for Excel in Russian locales)"))
	cmd.Flags().BoolVar(&summary, "summary", false, f.p.T("counts per session by sector and by gender"))
	cmd.Flags().BoolVar(&anonymise, "anonymise", false, f.p.T("for sharing figures: each person as their pseudonym (P-0001, the same in every export of the event), with category, gender and check-ins only"))
	o.add(f.p, cmd, tableFormats, report.CSV)
	return cmd
}

func newExportMatrixCmd(f *rootFlags) *cobra.Command {
	var delim string
	var o outputFlags
	cmd := &cobra.Command{
		Use:   "matrix",
		Short: f.p.T("Export who attended which part: one row per person, a 1 under each session they came to"),
		Long: f.p.T("Export the attendance matrix of the event: one row per person (sorted by surname), a column per\n" +
			"session with 1 where they checked in, and how many sessions they attended."),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			d, err := delimiterOf(cmd, delim)
			if err != nil {
				return err
			}
			format, err := o.formatOf(cmd, tableFormats, report.CSV)
			if err != nil {
				return err
			}
			h, err := o.headerPrinter(cmd)
			if err != nil {
				return err
			}
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				a, err := attendanceFor(ctx, cmd, st, "", false, h)
				if err != nil {
					return err
				}
				return writeOut(cmd, o.path, func(w io.Writer) error {
					t, err := report.NewTables(format, w, docFor(printer(cmd), a, printer(cmd).T("Attendance by session")), d)
					if err != nil {
						return err
					}
					if err := a.WriteMatrix(t); err != nil {
						return err
					}
					return t.Close()
				})
			})
		},
	}
	cmd.Flags().StringVar(&delim, "delimiter", ",", f.p.T("CSV field delimiter (use ; for Excel in Russian locales)"))
	o.add(f.p, cmd, tableFormats, report.CSV)
	return cmd
}

func newExportCertificatesCmd(f *rootFlags) *cobra.Command {
	var delim string
	var least int
	var all bool
	var o outputFlags
	cmd := &cobra.Command{
		Use:   "certificates",
		Short: f.p.T("List who qualifies for a certificate (--min-sessions N, default 1, or --all-sessions), sorted by surname"),
		Long: f.p.T("List the people who attended at least --min-sessions sessions (default 1), or every session with\n" +
			"--all-sessions, sorted by surname, with their organisation and the sessions they attended: CSV, Excel,\n" +
			"or a printable HTML list (-o certificates.html)."),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p := printer(cmd)
			if all && cmd.Flags().Changed("min-sessions") {
				return i18n.Errorf("give --min-sessions or --all-sessions, not both")
			}
			if least < 1 {
				return i18n.Errorf("--min-sessions must be 1 or more")
			}
			d, err := delimiterOf(cmd, delim)
			if err != nil {
				return err
			}
			format, err := o.formatOf(cmd, tableFormats, report.CSV)
			if err != nil {
				return err
			}
			h, err := o.headerPrinter(cmd)
			if err != nil {
				return err
			}
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				a, err := attendanceFor(ctx, cmd, st, "", false, h)
				if err != nil {
					return err
				}
				doc := docFor(p, a, p.T("Certificates"))
				if all {
					doc.Lines = append([]string{p.T("Sessions attended: all (%d)", len(a.Sessions))}, doc.Lines...)
				} else {
					doc.Lines = append([]string{p.T("Sessions attended: at least %d (of %d)", least, len(a.Sessions))}, doc.Lines...)
				}
				return writeOut(cmd, o.path, func(w io.Writer) error {
					t, err := report.NewTables(format, w, doc, d)
					if err != nil {
						return err
					}
					if err := a.WriteCertificates(t, least, all); err != nil {
						return err
					}
					return t.Close()
				})
			})
		},
	}
	cmd.Flags().IntVar(&least, "min-sessions", 1, f.p.T("the least number of sessions attended"))
	cmd.Flags().BoolVar(&all, "all-sessions", false, f.p.T("only people who attended every session"))
	cmd.Flags().StringVar(&delim, "delimiter", ",", f.p.T("CSV field delimiter (use ; for Excel in Russian locales)"))
	o.add(f.p, cmd, tableFormats, report.CSV)
	return cmd
}
