package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"convene/store"
)

func newBackupCmd(f *rootFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "backup [FILE]",
		Short: "Write a consistent copy of the database (safe while convene is running)",
		Long: "Write a consistent copy of the database with SQLite's VACUUM INTO, safe while the app is open in\n" +
			"another window. Without FILE the copy goes next to the database, named with the date and time.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				path := store.BackupName(st.Path(), time.Now())
				if len(args) == 1 {
					path = args[0]
				}
				if err := st.Backup(ctx, path); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Backed up %s to %s\n", st.Path(), path)
				return nil
			})
		},
	}
}

func newCheckCmd(f *rootFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check the database's integrity and references (exit code 1 if damaged)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				r, err := st.Check(ctx)
				if err != nil {
					return err
				}
				out := cmd.OutOrStdout()
				if r.OK() {
					fmt.Fprintf(out, "OK: %s is intact (integrity and foreign keys checked).\n", st.Path())
					return nil
				}
				fmt.Fprintf(out, "DAMAGED: %s\n", st.Path())
				for _, l := range append(r.Integrity, r.ForeignKey...) {
					if l != "ok" {
						fmt.Fprintln(out, "  "+l)
					}
				}
				fmt.Fprintf(out, "Restore the newest good copy from %s (see the README).\n", store.SnapshotDir(st.Path()))
				return errors.New("the database failed its checks: " + strings.Join(append(r.Integrity, r.ForeignKey...)[:1], ""))
			})
		},
	}
}
