package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"convene/i18n"
	"convene/model"
	"convene/report"
	"convene/sheet"
	"convene/store"
)

func newImportAgendaCmd(f *rootFlags) *cobra.Command {
	var session, sheetName string
	var dry bool
	cmd := &cobra.Command{
		Use:   "agenda " + f.p.T("FILE"),
		Short: f.p.T("Append agenda items from an Excel workbook (.xlsx) or a CSV file to the current session (or --session)"),
		Long: f.p.T("Append agenda items from an Excel workbook (.xlsx: the first sheet, or --sheet NAME) or a CSV file:\n" +
			"a Title/Название column and either Minutes, or Start and End times, or a Time column with a range\n" +
			"(09:00–09:45), or start times alone (each item lasts until the next starts); optional Presenter, Kind\n" +
			"(talk, panel, discussion, group work, break, meal, other; else guessed from the title), Notes and\n" +
			"Fixed/Фиксировано (a time, or yes to pin the item to its start). Without a Fixed column, an item whose\n" +
			"start leaves a gap after the items before it is pinned to that start. Same encodings, delimiters,\n" +
			"formula-guard removal and all-or-nothing rule as the roster import."),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var a *sheet.AgendaFile
			data, err := f.readInput(cmd, args[0])
			switch {
			case err != nil:
				return err
			case data == nil:
				a, err = sheet.ReadAgendaFile(args[0], sheet.Options{Sheet: sheetName})
			default:
				if a, err = sheet.ParseAgenda(data, sheet.Options{Sheet: sheetName}); err != nil {
					err = i18n.Errorf("%s: %w", args[0], err)
				}
			}
			if err != nil {
				return err
			}
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := currentFor(ctx, st, session)
				if err != nil {
					return err
				}
				imported, err := st.ImportItems(ctx, cur.Session.ID, a.Items, dry)
				if err != nil {
					return err
				}
				n := imported.Imported
				out := cmd.OutOrStdout()
				fmt.Fprintf(out, "%s\n%s", f.p.T("Session: %s", model.SanitizeLine(cur.Session.Title)), a.Report(f.p, n, dry, 50))
				if dry {
					fmt.Fprintln(out, f.p.T("Dry run: nothing was written."))
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&session, "session", "", f.p.T("session: its number in event list, or 4+ first characters of its ID (default: the current session)"))
	cmd.Flags().BoolVar(&dry, "dry-run", false, f.p.T("report only; write nothing"))
	cmd.Flags().StringVar(&sheetName, "sheet", "", f.p.T("the sheet of an Excel workbook to read (default: the first)"))
	return cmd
}

func newExportAgendaCmd(f *rootFlags) *cobra.Command {
	var session string
	var o outputFlags
	formats := []report.Format{report.CSV, report.XLSX, report.Markdown}
	cmd := &cobra.Command{
		Use:   "agenda",
		Short: f.p.T("Export the session's agenda: planned vs actual times, overruns and the total drift"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := o.formatOf(cmd, formats, report.CSV)
			if err != nil {
				return err
			}
			h, err := o.headerPrinter(cmd)
			if err != nil {
				return err
			}
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := currentFor(ctx, st, session)
				if err != nil {
					return err
				}
				items, err := st.AgendaItems(ctx, cur.Session.ID)
				if err != nil {
					return err
				}
				now := time.Now()
				rep := report.AgendaReport(cur.Session, items, now)
				rep.P, rep.H = printer(cmd), h
				return writeOut(cmd, o.path, func(w io.Writer) error {
					if format == report.Markdown {
						return rep.Markdown(w)
					}
					t, err := report.NewTables(format, w, report.Doc{Title: model.SanitizeLine(cur.Session.Title)}, ',')
					if err != nil {
						return err
					}
					if err := rep.Table(t, h); err != nil {
						return err
					}
					return t.Close()
				})
			})
		},
	}
	cmd.Flags().StringVar(&session, "session", "", f.p.T("session: its number in event list, or 4+ first characters of its ID (default: the current session)"))
	o.add(f.p, cmd, formats, report.CSV)
	return cmd
}
