package cli

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"convene/i18n"
	"convene/model"
	"convene/report"
	"convene/sheet"
	"convene/store"
)

// The paperwork after the seminar: printable sign-in sheets, check-ins
// typed in from signed paper, and the donor report.

func newPrintCmd(f *rootFlags) *cobra.Command {
	pr := &cobra.Command{Use: "print", Short: f.p.T("Print paper for the seminar: sign-in sheets")}
	pr.AddCommand(newPrintSigninCmd(f))
	return pr
}

func newPrintSigninCmd(f *rootFlags) *cobra.Command {
	var session string
	var notYet bool
	var blank int
	var o outputFlags
	formats := []report.Format{report.HTML, report.XLSX}
	cmd := &cobra.Command{
		Use:   "signin",
		Short: f.p.T("A printable A4 sign-in sheet for a session (-o signin.html to print from a browser, or signin.xlsx)"),
		Long: f.p.T("Write a sign-in sheet for the current session (or --session): the event, session, date and venue at\n" +
			"the top; everyone sorted by surname (Kazakh or Russian alphabetical order, by --lang), with surname,\n" +
			"given name and patronymic, organisation, position and a wide column to sign; numbered rows, then blank\n" +
			"rows for walk-ins. A4 portrait, 25 rows a page, the column headings on every page, page numbers.\n" +
			"--not-yet lists only the people not checked in yet: a sheet for late arrivals."),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p := printer(cmd)
			if blank < 0 || blank > 500 {
				return i18n.Errorf("--blank must be between 0 and 500")
			}
			format, err := o.formatOf(cmd, formats, report.HTML)
			if err != nil {
				return err
			}
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := currentFor(ctx, st, session)
				if err != nil {
					return err
				}
				s := report.SignIn{Event: cur.Event, Session: cur.Session, NotYet: notYet, Blank: blank, P: p,
					Each: func(fn func(model.AttendanceRow) error) error {
						return st.EachAttendance(ctx, cur.Event.ID, []model.Session{cur.Session}, p.Lang(), fn)
					}}
				return writeOut(cmd, o.path, func(w io.Writer) error {
					if format == report.XLSX {
						return s.XLSX(w)
					}
					return s.HTML(w)
				})
			})
		},
	}
	cmd.Flags().StringVar(&session, "session", "", f.p.T("session: its number in event list, or 4+ first characters of its ID (default: the current session)"))
	cmd.Flags().BoolVar(&notYet, "not-yet", false, f.p.T("only the people not checked in yet (late arrivals)"))
	cmd.Flags().IntVar(&blank, "blank", 10, f.p.T("blank rows for walk-ins at least (the last page is filled up too)"))
	o.add(f.p, cmd, formats, report.HTML)
	return cmd
}

func newReportCmd(f *rootFlags) *cobra.Command {
	var o outputFlags
	var event string
	var anonymise bool
	formats := []report.Format{report.Markdown, report.HTML, report.XLSX}
	cmd := &cobra.Command{
		Use:   "report",
		Short: f.p.T("The donor report of the event: participation by sector and gender, the agenda as it ran, the outcomes"),
		Long: f.p.T("Write the report an organiser sends the donor (-o report.md, report.html or report.xlsx): title, dates and\n" +
			"venues; unique participants; per session and in total the checked-in people by sector and gender (the\n" +
			"same numbers as export attendance --summary), new people per session, people who attended every\n" +
			"session; the agenda as it ran (planned against actual); the topics discussed with their outcomes and\n" +
			"action items (anonymous topics stay anonymous); and the list of participants as an annex. The HTML\n" +
			"and Excel versions have a bar chart of participants by sector and gender."),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := o.formatOf(cmd, formats, report.Markdown)
			if err != nil {
				return err
			}
			h, err := o.headerPrinter(cmd)
			if err != nil {
				return err
			}
			p := printer(cmd)
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, event, "")
				if err != nil {
					return err
				}
				m, err := st.SectorMap(ctx)
				if err != nil {
					return err
				}
				set, err := st.TopicsWithActions(ctx, cur.Event.ID)
				if err != nil {
					return err
				}
				now := time.Now()
				d := report.Donor{Event: cur.Event, Sessions: cur.Sessions, Sectors: m, Topics: set, Now: now, P: p, H: h, Anonymise: anonymise,
					Each: func(fn func(model.AttendanceRow) error) error {
						return st.EachAttendance(ctx, cur.Event.ID, cur.Sessions, p.Lang(), fn)
					}}
				for _, s := range cur.Sessions {
					items, err := st.AgendaItems(ctx, s.ID)
					if err != nil {
						return err
					}
					d.Agendas = append(d.Agendas, report.AgendaReport(s, items, now))
				}
				return writeOut(cmd, o.path, func(w io.Writer) error { return d.Write(format, w) })
			})
		},
	}
	cmd.Flags().BoolVar(&anonymise, "anonymise", false, f.p.T("for sharing: the annex lists pseudonyms (P-0001) with sector, gender and sessions only, and participants who raised a topic or own an action item appear as their pseudonyms"))
	cmd.Flags().StringVar(&event, "event", "", f.p.T("event ID (default: the current event)"))
	o.add(f.p, cmd, formats, report.Markdown)
	return cmd
}

// sessionOf finds the session a typed list names: its number or ID (as
// --session takes them), or its title.
func sessionOf(ctx context.Context, st *store.Store, cur model.Current, ref string) (model.Session, bool) {
	if ref == "" {
		return cur.Session, true
	}
	if s, err := st.ResolveSession(ctx, cur.Event.ID, ref); err == nil && s.EventID == cur.Event.ID {
		return s, true
	}
	for _, s := range cur.Sessions {
		if model.Fold(s.Title) == model.Fold(ref) {
			return s, true
		}
	}
	return model.Session{}, false
}

// paperTime is when a typed check-in happened: the time the sheet gives,
// on the date it gives (else the session's date), or the session's start.
func paperTime(l sheet.CheckInLine, s model.Session, now time.Time) time.Time {
	start := model.SessionStart(s, now, time.Local)
	if !l.HasTime {
		if l.Date != "" {
			day, _ := time.ParseInLocation("2006-01-02", l.Date, time.Local)
			return time.Date(day.Year(), day.Month(), day.Day(), start.Hour(), start.Minute(), 0, 0, time.Local)
		}
		return start
	}
	day := start
	if l.Date != "" {
		day, _ = time.ParseInLocation("2006-01-02", l.Date, time.Local)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.Local).Add(l.Clock)
}

func newImportCheckinsCmd(f *rootFlags) *cobra.Command {
	var session, sheetName string
	var dry bool
	cmd := &cobra.Command{
		Use:   "checkins " + f.p.T("FILE"),
		Short: f.p.T("Import check-ins typed in from signed paper sheets (.xlsx or CSV)"),
		Long: f.p.T("Import a typed list of check-ins from paper (when the desk was down and people signed a sheet): a column\n" +
			"that names each person (Name/ФИО, or ID, Phone, E-mail), optionally Session (its number, title or ID;\n" +
			"default: --session, else the current session) and Time (09:12, or a date and time; without one the\n" +
			"check-in is dated at the session's start). The check-ins are marked as from paper in every export;\n" +
			"people already checked in are left as they are, and importing the same file again adds nothing."),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p := printer(cmd)
			list, err := sheet.ReadCheckInsFile(args[0], sheet.Options{Sheet: sheetName})
			if err != nil {
				return i18n.Errorf("%s: %w", args[0], err)
			}
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := currentFor(ctx, st, session)
				if err != nil {
					return err
				}
				people, err := st.Participants(ctx, cur.Event.ID)
				if err != nil {
					return err
				}
				var b strings.Builder
				b.WriteString(p.T("Event: %s", model.SanitizeLine(cur.Event.Name)) + "\n")
				b.WriteString(list.Report(p, 50))
				rows, lines, rejected, similar, untimed := resolveCheckIns(ctx, st, p, cur, people, list)
				ch, present, err := st.ImportCheckIns(ctx, cur.Event.ID, rows, "paper import", true)
				if err != nil {
					return err
				}
				if !dry {
					if ch, present, err = st.ImportCheckIns(ctx, cur.Event.ID, rows, "paper import", false); err != nil {
						return err
					}
				}
				for _, r := range rejected {
					b.WriteString("  " + r + "\n")
				}
				if len(similar) > 0 {
					b.WriteString(p.T("Matched by a close name (check them):") + "\n")
					for _, s := range similar {
						b.WriteString("  " + s + "\n")
					}
				}
				if len(present) > 0 {
					var where []string
					for _, i := range present {
						where = append(where, list.Where(p, lines[i]))
					}
					b.WriteString(p.T("Already checked in (nothing changed): %s", strings.Join(where, ", ")) + "\n")
				}
				if dry {
					b.WriteString(p.T("Check-ins to add: %d; already checked in: %d; rejected: %d.", ch.Added, ch.Present, len(rejected)+len(list.Rejected)) + "\n")
				} else {
					b.WriteString(p.T("Check-ins added: %d; already checked in: %d; rejected: %d.", ch.Added, ch.Present, len(rejected)+len(list.Rejected)) + "\n")
				}
				if untimed > 0 {
					b.WriteString(p.T("Without a time, so dated at their session's start: %d.", untimed) + "\n")
				}
				if dry {
					b.WriteString(p.T("Dry run: nothing was written.") + "\n")
				}
				_, err = io.WriteString(cmd.OutOrStdout(), b.String())
				return err
			})
		},
	}
	cmd.Flags().StringVar(&session, "session", "", f.p.T("the session of rows that name none: its number in event list, or 4+ first characters of its ID (default: the current session)"))
	cmd.Flags().StringVar(&sheetName, "sheet", "", f.p.T("the sheet of an Excel workbook to read (default: the first)"))
	cmd.Flags().BoolVar(&dry, "dry-run", false, f.p.T("report only; write nothing"))
	return cmd
}

// resolveCheckIns finds the person and session of each typed line: the
// check-ins to write (with each one's file line), the lines rejected (with
// why), the ones matched only by a close name, and how many have no time.
func resolveCheckIns(ctx context.Context, st *store.Store, p i18n.Printer, cur model.Current, people []model.Participant, list *sheet.CheckInList) (
	rows []model.PaperCheckIn, lines []int, rejected, similar []string, untimed int) {
	now := time.Now()
	for _, l := range list.Lines {
		where := list.Where(p, l.Line)
		who := model.SanitizeLine(strings.TrimSpace(strings.Join(strings.Fields(l.Person.Name+" "+l.Person.ID+" "+l.Person.Phone+" "+l.Person.Email), " ")))
		m := model.MatchPerson(people, l.Person)
		switch {
		case m.Count == 0:
			rejected = append(rejected, p.T("%s: nobody in the event is “%s”", where, who))
			continue
		case m.Count > 1:
			rejected = append(rejected, p.T("%s: “%[3]s” matches several people (%[2]d): give the ID, the phone or the e-mail", where, m.Count, who))
			continue
		}
		s, ok := sessionOf(ctx, st, cur, l.Session)
		if !ok {
			rejected = append(rejected, p.T("%s: no session “%s” in this event", where, model.SanitizeLine(l.Session)))
			continue
		}
		if m.Similar {
			similar = append(similar, p.T("%s: “%s” taken as %s", where, who, model.SanitizeLine(people[m.Index].FullName)))
		}
		if !l.HasTime {
			untimed++
		}
		rows = append(rows, model.PaperCheckIn{ParticipantID: people[m.Index].ID, SessionID: s.ID, At: paperTime(l, s, now)})
		lines = append(lines, l.Line)
	}
	return rows, lines, rejected, similar, untimed
}
