package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"convene/model"
	"convene/report"
	"convene/sheet"
	"convene/store"
)

func newImportCmd(f *rootFlags) *cobra.Command {
	imp := &cobra.Command{Use: "import", Short: "Import a roster or an agenda from a CSV file"}
	var event string
	var dry bool
	roster := &cobra.Command{
		Use:   "roster FILE",
		Short: "Import participants from a CSV roster (Excel: UTF-8 or Windows-1251, comma, semicolon or tab)",
		Long: "Import participants from a CSV roster saved by Excel or Google Sheets. The encoding (UTF-8 with or\n" +
			"without BOM, UTF-16, Windows-1251) and the delimiter (comma, semicolon, tab) are detected. Columns are\n" +
			"matched by header, in English or Russian: Full name/Name/ФИО (or First name + Last name), Organization,\n" +
			"Position, Category/Sector, Gender/Sex/Пол, Phone, Email, Notes.\n\n" +
			"The report comes first; people already registered (same name and organisation, or same e-mail) are\n" +
			"not added again. The import is all or nothing.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := sheet.ReadRosterFile(args[0])
			if err != nil {
				return err
			}
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, event, "")
				if err != nil {
					return err
				}
				rep, err := st.ImportParticipants(ctx, cur.Event.ID, r.People, true)
				if err != nil {
					return err
				}
				if !dry {
					if rep, err = st.ImportParticipants(ctx, cur.Event.ID, r.People, false); err != nil {
						return err
					}
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Event: %s\n%s", model.SanitizeLine(cur.Event.Name), r.Report(rep.ImportReport, 50))
				if dry {
					fmt.Fprintln(cmd.OutOrStdout(), "Dry run: nothing was written.")
				}
				return nil
			})
		},
	}
	roster.Flags().StringVar(&event, "event", "", "event ID (default: the current event)")
	roster.Flags().BoolVar(&dry, "dry-run", false, "report only; write nothing")
	imp.AddCommand(roster, newImportAgendaCmd(f))
	return imp
}

func newExportCmd(f *rootFlags) *cobra.Command {
	exp := &cobra.Command{Use: "export", Short: "Export attendance, the agenda or the topics' minutes"}
	var session, out, delim string
	var summary bool
	att := &cobra.Command{
		Use:   "attendance",
		Short: "Export attendance as CSV that Excel opens with Cyrillic intact (UTF-8 with BOM)",
		Long: "Export everyone registered with, for each session of the event (or only --session), whether and when\n" +
			"they checked in. --summary writes counts per session by category and by gender instead.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(delim) != 1 {
				return errors.New("--delimiter must be one character, such as , or ;")
			}
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, "", session)
				if err != nil {
					return err
				}
				sessions := cur.Sessions
				if session != "" {
					sessions = []model.Session{cur.Session}
				}
				rows, err := st.AttendanceTable(ctx, cur.Event.ID, sessions)
				if err != nil {
					return err
				}
				return writeOut(cmd, out, func(w io.Writer) error {
					if summary {
						return report.WriteAttendanceSummary(w, rune(delim[0]), sessions, rows)
					}
					return report.WriteAttendance(w, rune(delim[0]), sessions, rows)
				})
			})
		},
	}
	att.Flags().StringVar(&session, "session", "", "only this session (ID)")
	att.Flags().StringVarP(&out, "output", "o", "", "write to FILE (default: standard output)")
	att.Flags().StringVar(&delim, "delimiter", ",", "field delimiter (use ; for Excel in Russian locales)")
	att.Flags().BoolVar(&summary, "summary", false, "counts per session by category and by gender")
	exp.AddCommand(att, newExportAgendaCmd(f), newExportTopicsCmd(f))
	return exp
}

// writeOut writes to a file (atomically: a temporary file renamed into
// place) or to standard output.
func writeOut(cmd *cobra.Command, path string, fn func(io.Writer) error) error {
	if path == "" || path == "-" {
		return fn(cmd.OutOrStdout())
	}
	if err := report.WriteFile(path, fn); err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "Wrote %s\n", path)
	return nil
}
