package cli

import (
	"context"
	"io"
	"time"

	"github.com/spf13/cobra"

	"convene/report"
	"convene/store"
)

func newExportTopicsCmd(f *rootFlags) *cobra.Command {
	var event string
	var o outputFlags
	formats := []report.Format{report.Markdown, report.CSV, report.XLSX}
	cmd := &cobra.Command{
		Use:   "topics",
		Short: f.p.T("Export the minutes of the discussion topics (Markdown, CSV or Excel)"),
		Long: f.p.T("Export the minutes: topics grouped by status (discussed, being discussed, not yet discussed, the\n" +
			"parking lot), each with votes, time spent, who raised it (or anonymous), notes, outcome and actions."),
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
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, event, "")
				if err != nil {
					return err
				}
				set, err := st.TopicsWithActions(ctx, cur.Event.ID)
				if err != nil {
					return err
				}
				m := report.Minutes{Event: cur.Event, Sessions: cur.Sessions, Topics: set.Topics, Actions: set.Actions, Now: time.Now(), P: printer(cmd), H: h}
				return writeOut(cmd, o.path, func(w io.Writer) error {
					if format == report.Markdown {
						return m.Markdown(w)
					}
					t, err := report.NewTables(format, w, report.Doc{Title: cur.Event.Name}, ',')
					if err != nil {
						return err
					}
					if err := m.Table(t, h); err != nil {
						return err
					}
					return t.Close()
				})
			})
		},
	}
	cmd.Flags().StringVar(&event, "event", "", f.p.T("event ID (default: the current event)"))
	o.add(f.p, cmd, formats, report.Markdown)
	return cmd
}
