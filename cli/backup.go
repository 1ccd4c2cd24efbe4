package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"convene/i18n"
	"convene/model"
	"convene/report"
	"convene/store"
)

func newBackupCmd(f *rootFlags) *cobra.Command {
	var enc encryptFlags
	cmd := &cobra.Command{
		Use:   "backup " + f.p.T("[FILE]"),
		Short: f.p.T("Write a consistent copy of the database (safe while convene is running), encrypted with --encrypt"),
		Long: f.p.T("Write a consistent copy of the database with SQLite's VACUUM INTO, safe while the app is open in\n" +
			"another window. Without FILE the copy goes next to the database, named with the date and time.\n" +
			"--encrypt (a passphrase asked twice, or --passphrase-file) or --recipient age1… writes FILE.age, an\n" +
			"age-encrypted file: the plain copy is never written at FILE's place (say, a USB stick).\n" +
			"convene restore FILE.age (or age -d) opens it."),
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
					fmt.Fprintln(cmd.OutOrStdout(), p.T("Backed up %s to %s", st.Path(), path))
					return nil
				}
				if !strings.HasSuffix(path, ageExt) {
					path += ageExt
				}
				if _, err := os.Stat(path); err == nil {
					return i18n.Errorf("backup: %s already exists: %w", path, store.ErrDuplicate)
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
	addEncryptFlags(f.p, cmd.Flags(), &enc, true)
	return cmd
}

func newCheckCmd(f *rootFlags) *cobra.Command {
	var verbose bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: f.p.T("Check the database's integrity and references (exit code 1 if damaged)"),
		Long: f.p.T("Run SQLite's integrity and foreign-key checks on the database. Prints one line, “OK: …” (exit code 0)\n" +
			"or “DAMAGED: …” with the first problem found (exit code 1); --verbose lists every problem."),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) (err error) {
			path, err := f.path()
			if err != nil {
				return err
			}
			if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
				// checking must not create an empty database where there was none
				return i18n.Errorf("there is no database at %s", path)
			} else if err != nil {
				return i18n.Errorf("cannot check %s: %w", path, err)
			}
			out := cmd.OutOrStdout()
			st, err := store.OpenReadOnly(cmd.Context(), path) // checking never writes
			if errors.Is(err, store.ErrCorrupt) {
				return reportDamaged(f.p, out, path, openProblems(err, path), verbose)
			}
			if err != nil {
				return explain(err)
			}
			defer closeInto(st, &err)
			r, err := st.Check(cmd.Context())
			if errors.Is(err, store.ErrCorrupt) {
				return reportDamaged(f.p, out, path, openProblems(err, path), verbose)
			}
			if err != nil {
				return err
			}
			if r.OK() {
				fmt.Fprintln(out, f.p.T("OK: %s is intact (integrity and foreign keys checked).", path))
				return nil
			}
			var problems []string
			for _, l := range append(r.Integrity, r.ForeignKey...) {
				if l != "ok" {
					problems = append(problems, splitProblems(l)...)
				}
			}
			return reportDamaged(f.p, out, path, problems, verbose)
		},
	}
	cmd.Flags().BoolVar(&verbose, "verbose", false, f.p.T("list every problem found, not only the first"))
	return cmd
}

// reportDamaged prints check's verdict on a damaged database: one line, or
// with verbose every problem on a line of its own and where to find a good
// copy. It returns errReported, so the exit code is 1 and nothing more is
// printed.
func reportDamaged(p i18n.Printer, w io.Writer, path string, problems []string, verbose bool) error {
	if len(problems) == 0 {
		problems = []string{p.T("the file is damaged")}
	}
	if !verbose {
		if n := len(problems) - 1; n > 0 {
			fmt.Fprintln(w, p.T("DAMAGED: %s: %s (and %d more problems; details and what to do: convene check --verbose)", path, model.SanitizeLine(problems[0]), n))
		} else {
			fmt.Fprintln(w, p.T("DAMAGED: %s: %s (details and what to do: convene check --verbose)", path, model.SanitizeLine(problems[0])))
		}
		return errReported
	}
	fmt.Fprintln(w, p.T("DAMAGED: %s: %d problems", path, len(problems)))
	for _, pr := range problems {
		fmt.Fprintln(w, "  "+model.SanitizeLine(pr))
	}
	fmt.Fprintln(w, p.T("Restore the newest good copy from %s (see “Backups and snapshots” in the README).", store.SnapshotDir(path)))
	return errReported
}

// openProblems gets the problems out of the error of a damaged file:
// "PATH: line\nline…: the database file is damaged".
func openProblems(err error, path string) []string {
	s := strings.TrimSuffix(err.Error(), ": "+store.ErrCorrupt.Error())
	s = strings.TrimPrefix(s, path+": ")
	return splitProblems(s)
}

// splitProblems splits SQLite's report into one problem per line, without
// its "*** in database main ***" headings.
func splitProblems(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || (strings.HasPrefix(l, "***") && strings.HasSuffix(l, "***")) {
			continue
		}
		out = append(out, l)
	}
	return out
}
