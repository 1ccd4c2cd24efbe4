package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"convene/report"
	"convene/store"
)

func newBackupCmd(f *rootFlags) *cobra.Command {
	var enc encryptFlags
	cmd := &cobra.Command{
		Use:   "backup [FILE]",
		Short: "Write a consistent copy of the database (safe while convene is running), encrypted with --encrypt",
		Long: "Write a consistent copy of the database with SQLite's VACUUM INTO, safe while the app is open in\n" +
			"another window. Without FILE the copy goes next to the database, named with the date and time.\n" +
			"--encrypt (a passphrase asked twice, or --passphrase-file) or --recipient age1… writes FILE.age, an\n" +
			"age-encrypted file: the plain copy is never written at FILE's place (say, a USB stick).\n" +
			"convene restore FILE.age (or age -d) opens it.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p := f.printer()
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				path := store.BackupName(st.Path(), time.Now())
				if len(args) == 1 {
					path = args[0]
				}
				if !enc.on() {
					if err := st.Backup(ctx, path); err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "Backed up %s to %s\n", st.Path(), path)
					return nil
				}
				if !strings.HasSuffix(path, ageExt) {
					path += ageExt
				}
				if _, err := os.Stat(path); err == nil {
					return fmt.Errorf("backup: %s already exists: %w", path, store.ErrDuplicate)
				}
				rs, _, err := enc.build(ctx, p, cmd.ErrOrStderr())
				if err != nil {
					return f.explainPrivacy(err)
				}
				if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
					return err
				}
				if err := report.WriteFile(path, func(w io.Writer) error {
					return encryptTo(w, rs, func(w io.Writer) error { return st.BackupTo(ctx, w) })
				}); err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), p.T("Backed up %s to %s (encrypted; convene restore or age -d opens it)", st.Path(), path))
				return nil
			})
		},
	}
	addEncryptFlags(cmd.Flags(), &enc, true)
	return cmd
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
