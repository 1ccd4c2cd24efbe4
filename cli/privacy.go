package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"convene/i18n"
	"convene/model"
	"convene/store"
)

// The commands that protect the personal data in the database: lock and
// unlock (the database encrypted between venues), restore (a backup,
// encrypted or not) and purge (contacts or names removed once the event's
// report is sent). Each needs the database to itself: it refuses, naming
// them, while another window, a serve or a command has it open.

func (f *rootFlags) printer() i18n.Printer { return f.p }

// holder says what this process is, for an exclusive operation refused
// while it has the database open.
func holderFor(cmd *cobra.Command) store.Holder {
	return store.Holder{Kind: store.HolderCommand, Detail: strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")}
}

// exclusive takes the database for this command alone.
func (f *rootFlags) exclusive(cmd *cobra.Command) (*store.Claim, error) {
	path, err := f.path()
	if err != nil {
		return nil, err
	}
	c, err := store.ClaimExclusive(path, holderFor(cmd))
	if err != nil {
		return nil, f.explainPrivacy(err)
	}
	return c, nil
}

// holderText names what holds the database, in the reader's language.
func holderText(p i18n.Printer, h store.Holder) string {
	since := h.Since.Local().Format("15:04")
	switch h.Kind {
	case store.HolderApp:
		return p.T("the convene app at desk %s (process %s, open since %s)", h.Detail, fmt.Sprint(h.PID), since)
	case store.HolderServe:
		return p.T("convene serve (process %s, since %s)", fmt.Sprint(h.PID), since)
	case store.HolderExclusive:
		return p.T("convene %s (process %s, running since %s)", h.Detail, fmt.Sprint(h.PID), since)
	}
	return p.T("convene %s (process %s, since %s)", h.Detail, fmt.Sprint(h.PID), since)
}

// explainPrivacy words the errors of locking and exclusive access (the
// rest as explain does).
func (f *rootFlags) explainPrivacy(err error) error {
	if err == nil {
		return nil
	}
	p := f.printer()
	var iu *store.InUseError
	var le *store.LockedError
	var de *store.DecryptError
	switch {
	case errors.As(err, &iu):
		var names []string
		for _, h := range iu.Holders {
			names = append(names, "  - "+holderText(p, h))
		}
		if iu.Exclusive {
			if len(names) == 0 {
				return i18n.Errorf("%s is being locked, unlocked, restored or purged by another convene; try again when it has finished", iu.Path)
			}
			return i18n.Errorf("%s is being changed by:\n%s\nTry again when it has finished", iu.Path, strings.Join(names, "\n"))
		}
		if len(names) == 0 {
			return i18n.Errorf("%s is open in another program or a convene that did not say which (the journal could not be emptied). Quit it and try again; nothing was changed", iu.Path)
		}
		return i18n.Errorf("%s is open in:\n%s\nQuit them (every window, serve and command) and try again; nothing was changed", iu.Path, strings.Join(names, "\n"))
	case errors.As(err, &le):
		if le.Interrupted != "" {
			return i18n.Errorf("%s: a `convene %s` was interrupted. Run `convene %s%s` again to finish it; nothing is lost", le.Path, le.Interrupted, le.Interrupted, f.dbFlag())
		}
		return errors.New(p.T("%s is locked (encrypted in %s). Unlock it with: convene unlock%s", le.Path, filepath.Base(store.LockedPath(le.Path)), f.dbFlag()))
	case errors.As(err, &de):
		return decryptFailed(p, de)
	case errors.Is(err, store.ErrNotLocked):
		return errors.New(p.T("%s is not locked; nothing to unlock", strings.TrimSuffix(err.Error(), ": "+store.ErrNotLocked.Error())))
	case errors.Is(err, errNoTerminal):
		return i18n.Errorf("no terminal to ask for the passphrase: use --passphrase-file FILE (or --recipient / --identity)")
	}
	return explain(err)
}

// dbFlag repeats --db in a suggested command when it was given.
func (f *rootFlags) dbFlag() string {
	if f.db == "" {
		return ""
	}
	return " --db " + quoteArg(f.db)
}

func quoteArg(s string) string {
	if strings.ContainsAny(s, " \t'\"\\$") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

func newLockCmd(f *rootFlags) *cobra.Command {
	var enc encryptFlags
	cmd := &cobra.Command{
		Use:   "lock",
		Short: f.p.T("Encrypt the database and its snapshots into one file between venues (convene unlock opens it)"),
		Long: f.p.T("Replace the database, its journal and its rolling snapshots by one file encrypted with age\n" +
			"(DB.age: a passphrase asked twice, or --recipient / --recipients-file), after a clean checkpoint.\n" +
			"While locked, convene and every command say how to unlock. Interrupted at any point, the plain or\n" +
			"the encrypted copy is complete; running lock (or unlock) again finishes. Refused while anything\n" +
			"has the database open. This protects a laptop that is lost or seized while switched off; see the\n" +
			"README for what it does not protect against."),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p := f.printer()
			c, err := f.exclusive(cmd)
			if err != nil {
				return err
			}
			defer c.Release()
			if err := store.LockState(c.Path()); err != nil {
				var le *store.LockedError
				if errors.As(err, &le) && le.Interrupted == "" {
					return errors.New(p.T("%s is already locked (in %s); “convene unlock” opens it", c.Path(), filepath.Base(store.LockedPath(c.Path()))))
				}
			}
			rs, verify, err := enc.build(cmd.Context(), p, cmd.ErrOrStderr())
			if err != nil {
				return f.explainPrivacy(err)
			}
			res, err := store.Lock(cmd.Context(), c, rs, store.LockOptions{Verify: verify})
			if err != nil {
				return f.explainPrivacy(err)
			}
			out := cmd.OutOrStdout()
			if res.Finished == "lock" {
				fmt.Fprintln(out, p.T("Finished the lock that was interrupted."))
				return nil
			}
			fmt.Fprintln(out, p.T("Locked %s: it and %d snapshots are now only in %s (encrypted).", c.Path(), res.Snapshots, res.Path))
			fmt.Fprintln(out, p.T("Unlock with: convene unlock%s", f.dbFlag()))
			return nil
		},
	}
	addEncryptFlags(f.p, cmd.Flags(), &enc, false)
	return cmd
}

func newUnlockCmd(f *rootFlags) *cobra.Command {
	var dec decryptFlags
	cmd := &cobra.Command{
		Use:   "unlock",
		Short: f.p.T("Decrypt a locked database and its snapshots (a wrong passphrase changes nothing)"),
		Long: f.p.T("Bring back the database and its rolling snapshots from DB.age (see convene lock): the passphrase is\n" +
			"asked once at the terminal (or --passphrase-file), or a locked-to-recipients file needs --identity."),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p := f.printer()
			c, err := f.exclusive(cmd)
			if err != nil {
				return err
			}
			defer c.Release()
			path := c.Path()
			var ids []age.Identity
			if le := (*store.LockedError)(nil); errors.As(store.LockState(path), &le) && le.Interrupted == "" {
				if ids, err = dec.identities(cmd.Context(), p, cmd.ErrOrStderr(), store.LockedPath(path)); err != nil {
					return f.explainPrivacy(err)
				}
			}
			res, err := store.Unlock(cmd.Context(), c, ids, store.LockOptions{})
			if errors.Is(err, store.ErrLocked) && len(ids) == 0 {
				// an interrupted lock was finished: now ask, and unlock
				if ids, err = dec.identities(cmd.Context(), p, cmd.ErrOrStderr(), store.LockedPath(path)); err != nil {
					return f.explainPrivacy(err)
				}
				res, err = store.Unlock(cmd.Context(), c, ids, store.LockOptions{})
			}
			if err != nil {
				return f.explainPrivacy(err)
			}
			out := cmd.OutOrStdout()
			if res.Finished == "unlock" {
				fmt.Fprintln(out, p.T("Finished the unlock that was interrupted: %s is back.", path))
				return nil
			}
			fmt.Fprintln(out, p.T("Unlocked %s with %d snapshots.", path, res.Snapshots))
			return nil
		},
	}
	addDecryptFlags(f.p, cmd.Flags(), &dec)
	return cmd
}

func newRestoreCmd(f *rootFlags) *cobra.Command {
	var dec decryptFlags
	cmd := &cobra.Command{
		Use:   "restore " + f.p.T("FILE"),
		Short: f.p.T("Replace the database by a backup (a .db copy, or an encrypted .age one)"),
		Long: f.p.T("Replace the database by a backup made with convene backup, encrypted (FILE.age: the passphrase is\n" +
			"asked once, or --passphrase-file, or --identity for a backup encrypted to recipients) or not. The\n" +
			"backup is decrypted and checked before anything changes; a wrong passphrase, a damaged file or\n" +
			"another program's file changes nothing. The database it replaces is kept in the snapshots folder.\n" +
			"Refused while anything has the database open, and while it is locked."),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p := f.printer()
			src := args[0]
			c, err := f.exclusive(cmd)
			if err != nil {
				return err
			}
			defer c.Release()
			if err := store.LockState(c.Path()); err != nil {
				return f.explainPrivacy(err)
			}
			in, err := os.Open(src)
			if err != nil {
				return err
			}
			defer in.Close()
			var r io.Reader = in
			head := make([]byte, 64)
			n, _ := io.ReadFull(in, head)
			if _, err := in.Seek(0, io.SeekStart); err != nil {
				return err
			}
			if isAge(head[:n]) {
				ids, err := dec.identities(cmd.Context(), p, cmd.ErrOrStderr(), src)
				if err != nil {
					return f.explainPrivacy(err)
				}
				if r, err = age.Decrypt(ageReader(in), ids...); err != nil {
					return f.explainPrivacy(&store.DecryptError{Path: src, Err: err})
				}
			}
			res, err := store.Restore(cmd.Context(), c, r, time.Now())
			if errors.Is(err, store.ErrBadBackup) {
				var de *store.DecryptError
				if errors.As(err, &de) {
					return f.explainPrivacy(err)
				}
				return i18n.Errorf("%s cannot be restored: %v. Nothing was changed", src, err)
			}
			if err != nil {
				return f.explainPrivacy(err)
			}
			out := cmd.OutOrStdout()
			fmt.Fprintln(out, p.T("Restored %s from %s.", c.Path(), src))
			if res.Previous != "" {
				fmt.Fprintln(out, p.T("The database it replaced is kept as %s.", res.Previous))
			}
			return nil
		},
	}
	addDecryptFlags(f.p, cmd.Flags(), &dec)
	return cmd
}

func newPurgeCmd(f *rootFlags) *cobra.Command {
	var event string
	var contacts, names, yes bool
	cmd := &cobra.Command{
		Use:   "purge --contacts|--names [--event ID]",
		Short: f.p.T("Remove an event's contacts (or also its names) from the database and its snapshots, for good"),
		Long: f.p.T("--contacts removes the phones, e-mails and notes of an event's participants; --names also replaces\n" +
			"each name by the participant's pseudonym (P-0001…, also in the event's topics, actions and agenda)\n" +
			"and clears positions. Organisations, categories, genders and check-ins stay, so the attendance\n" +
			"figures do not change. The data leaves the database file (its free pages and its journal too) and\n" +
			"every rolling snapshot; backup copies are listed, not changed. A confirmation names how many people\n" +
			"it touches (--yes skips it). Each purge is recorded and shown in convene event list."),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p := f.printer()
			what := model.PurgeContacts
			switch {
			case names:
				what = model.PurgeNames
			case !contacts:
				return i18n.Errorf("say what to purge: --contacts (phones, e-mails, notes) or --names (also the names)")
			}
			c, err := f.exclusive(cmd)
			if err != nil {
				return err
			}
			defer c.Release()
			ctx := cmd.Context()
			st, err := store.Open(ctx, c.Path(), store.WithClaim(c))
			if err != nil {
				return f.explainPrivacy(err)
			}
			defer st.Close()
			cur, err := st.Current(ctx, event, "")
			if err != nil {
				return explain(err)
			}
			n, err := st.PurgeCount(ctx, cur.Event.ID, what)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			evName := model.SanitizeLine(cur.Event.Name)
			if n == 0 {
				fmt.Fprintln(out, p.T("Nobody in “%s” has anything left to purge; nothing was changed.", evName))
				return nil
			}
			var q string
			if what == model.PurgeNames {
				q = p.T("Remove the phones, e-mails and notes of %d participants of “%s”, and replace their names by pseudonyms? This cannot be undone.", n, evName)
			} else {
				q = p.T("Remove the phones, e-mails and notes of %d participants of “%s”? This cannot be undone.", n, evName)
			}
			if !yes {
				fmt.Fprint(out, q+" "+p.T("[y/N] "))
				line, _ := bufio.NewReader(cmd.InOrStdin()).ReadString('\n')
				if a := strings.ToLower(strings.TrimSpace(line)); a != "y" && a != "yes" && a != "д" && a != "да" && a != "и" && a != "иә" {
					fmt.Fprintln(out, p.T("Nothing was changed."))
					return nil
				}
			}
			res, err := st.Purge(ctx, cur.Event.ID, what)
			if err != nil {
				return f.explainPrivacy(err)
			}
			if what == model.PurgeNames {
				fmt.Fprintln(out, p.T("Purged the contacts and names of %d participants of “%s”.", res.Purge.People, evName))
			} else {
				fmt.Fprintln(out, p.T("Purged the contacts of %d participants of “%s”.", res.Purge.People, evName))
			}
			fmt.Fprintln(out, p.T("The database was rebuilt without them (free pages and journal included); %d snapshots were purged too.", res.Rewritten))
			for _, r := range res.Removed {
				fmt.Fprintln(out, p.T("Removed the snapshot %s, which could not be opened to purge it.", r))
			}
			if len(res.Backups) > 0 {
				fmt.Fprintln(out, p.T("These backup copies were not changed and may still hold the data; delete them or keep them encrypted:"))
				for _, b := range res.Backups {
					fmt.Fprintln(out, "  "+b)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&event, "event", "", f.p.T("event ID (default: the current event)"))
	cmd.Flags().BoolVar(&contacts, "contacts", false, f.p.T("remove phones, e-mails and notes"))
	cmd.Flags().BoolVar(&names, "names", false, f.p.T("also replace names by pseudonyms (P-0001…) and clear positions"))
	cmd.Flags().BoolVar(&yes, "yes", false, f.p.T("do not ask for confirmation"))
	return cmd
}

// printPurges lists an event's purges under it in event list.
func printPurges(ctx context.Context, st *store.Store, w io.Writer, p i18n.Printer, eventID string) error {
	ps, err := st.Purges(ctx, eventID)
	if err != nil {
		return err
	}
	for _, pg := range ps {
		at := pg.At.Local().Format("2006-01-02 15:04")
		if pg.What == model.PurgeNames {
			fmt.Fprintln(w, "    "+p.T("purged %s: contacts and names of %d participants (%d snapshots)", at, pg.People, pg.Snapshots))
		} else {
			fmt.Fprintln(w, "    "+p.T("purged %s: contacts of %d participants (%d snapshots)", at, pg.People, pg.Snapshots))
		}
	}
	return nil
}
