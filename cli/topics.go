package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"convene/report"
	"convene/store"
)

func newExportTopicsCmd(f *rootFlags) *cobra.Command {
	var event, out, format string
	cmd := &cobra.Command{
		Use:   "topics",
		Short: "Export the minutes of the discussion topics (Markdown or CSV)",
		Long: "Export the minutes: topics grouped by status (discussed, being discussed, not yet discussed, the\n" +
			"parking lot), each with votes, time spent, who raised it (or anonymous), notes, outcome and actions.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "md" && format != "csv" {
				return fmt.Errorf("--format must be md or csv, not %q", format)
			}
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, event, "")
				if err != nil {
					return err
				}
				set, err := st.TopicsWithActions(ctx, cur.Event.ID)
				if err != nil {
					return err
				}
				m := report.Minutes{Event: cur.Event, Sessions: cur.Sessions, Topics: set.Topics, Actions: set.Actions, Now: time.Now()}
				return writeOut(cmd, out, func(w io.Writer) error {
					if format == "csv" {
						return m.CSV(w)
					}
					return m.Markdown(w)
				})
			})
		},
	}
	cmd.Flags().StringVar(&event, "event", "", "event ID (default: the current event)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE (default: standard output)")
	cmd.Flags().StringVar(&format, "format", "md", "md or csv")
	return cmd
}
