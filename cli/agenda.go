package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"convene/model"
	"convene/report"
	"convene/sheet"
	"convene/store"
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
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, "", session)
				if err != nil {
					return err
				}
				imported, err := st.ImportItems(ctx, cur.Session.ID, a.Items, dry)
				if err != nil {
					return err
				}
				n := imported.Imported
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
			})
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
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, "", session)
				if err != nil {
					return err
				}
				items, err := st.AgendaItems(ctx, cur.Session.ID)
				if err != nil {
					return err
				}
				now := time.Now()
				rep := report.AgendaReport(cur.Session, items, now)
				return writeOut(cmd, out, func(w io.Writer) error {
					if format == "md" {
						return rep.Markdown(w)
					}
					return rep.CSV(w)
				})
			})
		},
	}
	cmd.Flags().StringVar(&session, "session", "", "session ID (default: the current session)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE (default: standard output)")
	cmd.Flags().StringVar(&format, "format", "csv", "csv or md")
	return cmd
}
