// Package cli defines convene's command line: the app itself (the root
// command) and the subcommands that work on the same database.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"convene/model"
	"convene/store"
	"convene/ui"
)

// Version is set at build time with -ldflags "-X convene/cli.Version=...".
var Version = "dev"

// Execute runs the command line and returns the process exit code.
func Execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	store.AppVersion = Version
	root := newRoot()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := fang.Execute(ctx, root, fang.WithVersion(Version), fang.WithoutManpage()); err != nil {
		return 1
	}
	return 0
}

type rootFlags struct {
	db      string
	demo    bool
	lang    string
	desk    string
	event   string
	session string
}

func newRoot() *cobra.Command {
	f := &rootFlags{}
	root := &cobra.Command{
		Use:   "convene",
		Short: "Hold a live seminar from one laptop: agenda clock, check-in desk, discussion topics",
		Long: "convene is a terminal app for the facilitator of a live seminar: the agenda and its clock,\n" +
			"the check-in desk and the discussion topics, kept in one SQLite file that survives power cuts.\n\n" +
			"Run without a command to open the app on your database; --demo opens a built-in demo event\n" +
			"in a temporary database.",
		Example:       "  convene --demo\n  convene --db seminar.db\n  convene event add --name \"Human rights seminar\" --venue Taraz --start 2026-12-01",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runApp(cmd, f)
		},
		// every command refuses a --lang (or $CONVENE_LANG) convene does not have
		PersistentPreRunE: func(*cobra.Command, []string) error {
			_, err := f.language()
			return err
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&f.db, "db", "", "database file (default: $CONVENE_DB, else the user data folder)")
	root.Flags().BoolVar(&f.demo, "demo", false, "open a built-in demo event in a fresh temporary database")
	pf.StringVar(&f.lang, "lang", "", langUsage())
	root.Flags().StringVar(&f.desk, "desk", "", "this window's name at the desk: its undo history, session and screen are its own (default: $CONVENE_DESK, else the host and terminal)")
	root.AddCommand(newDemoCmd(f), newEventCmd(f), newSessionCmd(f), newImportCmd(f), newExportCmd(f), newBackupCmd(f), newCheckCmd(f), newVersionCmd(), newServeCmd(f))
	return root
}

// DefaultDBPath is where the database lives when neither --db nor
// $CONVENE_DB says: the platform's user data folder.
func DefaultDBPath() (string, error) {
	if p := os.Getenv("CONVENE_DB"); p != "" {
		return p, nil
	}
	var base string
	switch runtime.GOOS {
	case "windows":
		base = os.Getenv("LOCALAPPDATA")
		if base == "" {
			base = os.Getenv("APPDATA")
		}
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		base = filepath.Join(home, "Library", "Application Support")
	default:
		base = os.Getenv("XDG_DATA_HOME")
		if base == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", err
			}
			base = filepath.Join(home, ".local", "share")
		}
	}
	if base == "" {
		return "", errors.New("cannot find a user data folder: use --db FILE or set CONVENE_DB")
	}
	return filepath.Join(base, "convene", "convene.db"), nil
}

func (f *rootFlags) path() (string, error) {
	if f.db != "" {
		return f.db, nil
	}
	return DefaultDBPath()
}

func (f *rootFlags) open(ctx context.Context, opts ...store.Option) (*store.Store, error) {
	p, err := f.path()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, p, opts...)
	if err != nil {
		return nil, explain(err)
	}
	return st, nil
}

// withStore opens the database for a command that writes, runs fn and
// closes it. A write that has to wait for another convene window or an
// import says so once on standard error and keeps waiting; ctrl+c cancels.
func (f *rootFlags) withStore(cmd *cobra.Command, fn func(ctx context.Context, st *store.Store) error) error {
	var once sync.Once
	ctx := store.WithWaiting(cmd.Context(), func(time.Duration) {
		once.Do(func() {
			fmt.Fprintln(cmd.ErrOrStderr(), "Waiting for another convene window or import to finish writing… (ctrl+c cancels)")
		})
	})
	st, err := f.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	return explainErr(fn(ctx, st))
}

// withReader opens the database read-only for a command that only reads
// (exports, event list, check): it never waits for a writer and never
// changes the file (only a file from an older convene is upgraded first).
func (f *rootFlags) withReader(cmd *cobra.Command, fn func(ctx context.Context, st *store.Store) error) error {
	ctx := cmd.Context()
	p, err := f.path()
	if err != nil {
		return err
	}
	st, err := store.OpenReadOnly(ctx, p)
	if err != nil {
		return explain(err)
	}
	defer st.Close()
	return fn(ctx, st)
}

func explainErr(err error) error {
	if err == nil {
		return nil
	}
	return explain(err)
}

// explain turns store errors into one clear line.
func explain(err error) error {
	switch {
	case errors.Is(err, store.ErrNotConvene):
		return fmt.Errorf("%w. Nothing was changed; choose another file with --db", err)
	case errors.Is(err, store.ErrCorrupt):
		return fmt.Errorf("%w. Nothing was changed; restore a backup copy of the file", err)
	case errors.Is(err, store.ErrNewerVersion):
		return fmt.Errorf("%w. Nothing was changed; use the newer convene", err)
	case errors.Is(err, store.ErrReadOnly):
		return fmt.Errorf("%w. Check the file's permissions or the disk", err)
	case errors.Is(err, store.ErrNotFound) && strings.HasPrefix(err.Error(), "no database at"):
		return fmt.Errorf("%w. Nothing to read yet: create an event with `convene event add` or open convene", err)
	}
	return err
}

func runApp(cmd *cobra.Command, f *rootFlags) error {
	ctx := cmd.Context()
	lang, err := f.language()
	if err != nil {
		return err
	}
	var st *store.Store
	if f.demo {
		if f.db != "" {
			return errors.New("--demo uses a temporary database; to write the demo into a file use: convene demo --db FILE")
		}
		dir, err := os.MkdirTemp("", "convene-demo-")
		if err != nil {
			return err
		}
		path := filepath.Join(dir, "demo.db")
		if st, err = store.Open(ctx, path); err != nil {
			return explain(err)
		}
		if _, err := st.LoadDataset(ctx, model.DemoIn(lang, time.Now(), store.NewID)); err != nil {
			st.Close()
			return err
		}
		defer fmt.Fprintf(cmd.OutOrStdout(), "The demo database was %s (delete it when done).\n", path)
	} else if st, err = f.open(ctx, store.WithLateCheck()); err != nil { // the app checks the file while it shows it
		return err
	}
	defer st.Close()
	m := ui.New(ui.Options{
		Store: st, Lang: lang, LangChosen: f.lang != "" || os.Getenv("CONVENE_LANG") != "", NoColor: os.Getenv("NO_COLOR") != "", Dark: true, Desk: deskName(f.desk),
		Snapshots: snapshotsFor(f.demo), WatchOthers: true,
	})
	p := tea.NewProgram(m, tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrInterrupted) && !errors.Is(err, tea.ErrProgramKilled) {
		return err
	}
	return nil
}

// KeepSnapshots is how many start-up snapshots are kept per database.
const KeepSnapshots = 5

func snapshotsFor(demo bool) int {
	if demo {
		return 0 // a temporary database needs no history
	}
	return KeepSnapshots
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print convene's version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintf(cmd.OutOrStdout(), "convene %s (%s, %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		},
	}
}

func newDemoCmd(f *rootFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Write the built-in demo event into the database",
		Long:  "Write the built-in demo event (a two-part human-rights seminar, 120 participants) into the database and make it current;\nits agenda and topics are in the language chosen with --lang (or $CONVENE_LANG, or the system's).",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang, err := f.language()
			if err != nil {
				return err
			}
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				ds := model.DemoIn(lang, time.Now(), store.NewID)
				if _, err := st.LoadDataset(ctx, ds); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Wrote the demo event %q (%d participants, %d sessions) to %s\n", ds.Event.Name, len(ds.Participants), len(ds.Sessions), st.Path())
				return nil
			})
		},
	}
}

func newEventCmd(f *rootFlags) *cobra.Command {
	ev := &cobra.Command{Use: "event", Short: "Create and list events"}
	var name, venue, start, end, first, startTime string
	add := &cobra.Command{
		Use:   "add",
		Short: "Create an event with its first session and make it current",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkDate(start); err != nil {
				return fmt.Errorf("--start: %w", err)
			}
			if end == "" {
				end = start
			}
			if err := checkDate(end); err != nil {
				return fmt.Errorf("--end: %w", err)
			}
			if err := checkClock(startTime); err != nil {
				return fmt.Errorf("--time: %w", err)
			}
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				created, err := st.CreateEvent(ctx, model.Event{Name: name, Venue: venue, StartDate: start, EndDate: end},
					model.Session{Title: first, Venue: venue, Date: start, StartTime: startTime})
				if err != nil {
					return err
				}
				e, s := created.Current.Event, created.Current.Session
				fmt.Fprintf(cmd.OutOrStdout(), "Created event %s (%s) with session %s (%s); both are now current.\n", e.Name, e.ID, s.Title, s.ID)
				return nil
			})
		},
	}
	add.Flags().StringVar(&name, "name", "", "event name (required)")
	add.Flags().StringVar(&venue, "venue", "", "venue")
	add.Flags().StringVar(&start, "start", "", "first day, YYYY-MM-DD")
	add.Flags().StringVar(&end, "end", "", "last day, YYYY-MM-DD (default: the first day)")
	add.Flags().StringVar(&first, "session", "Part 1", "title of the first session")
	add.Flags().StringVar(&startTime, "time", "09:00", "start time of the first session, HH:MM")
	_ = add.MarkFlagRequired("name")

	list := &cobra.Command{
		Use:   "list",
		Short: "List events and their sessions with IDs, marking the current ones",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			err := f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				return listEvents(ctx, st, cmd.OutOrStdout())
			})
			if errors.Is(err, store.ErrNotFound) {
				fmt.Fprintln(cmd.OutOrStdout(), "No events yet. Create one with: convene event add --name NAME")
				return nil
			}
			return err
		},
	}
	ev.AddCommand(add, list)
	return ev
}

func listEvents(ctx context.Context, st *store.Store, w io.Writer) error {
	evs, err := st.Events(ctx)
	if err != nil {
		return err
	}
	if len(evs) == 0 {
		fmt.Fprintln(w, "No events yet. Create one with: convene event add --name NAME")
		return nil
	}
	cur, err := st.Current(ctx, "", "")
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	for _, e := range evs {
		mark := " "
		if e.ID == cur.Event.ID {
			mark = "*"
		}
		fmt.Fprintf(w, "%s %s  %s  %s %s–%s\n", mark, e.ID, model.SanitizeLine(e.Name), model.SanitizeLine(e.Venue), e.StartDate, e.EndDate)
		ss, err := st.Sessions(ctx, e.ID)
		if err != nil {
			return err
		}
		for _, s := range ss {
			m := " "
			if s.ID == cur.Session.ID {
				m = "*"
			}
			fmt.Fprintf(w, "    %s %d. %s  %s %s %s  %s\n", m, s.Position, model.SanitizeLine(s.Title), model.SanitizeLine(s.Venue), s.Date, s.StartTime, s.ID)
		}
	}
	fmt.Fprintln(w, "(* = current; --session takes a session's number, or 4 or more first characters of its ID)")
	return nil
}

func checkDate(s string) error {
	if s == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return fmt.Errorf("%q is not a date like 2026-12-01", s)
	}
	return nil
}

func checkClock(s string) error {
	if s == "" {
		return nil
	}
	if _, err := time.Parse("15:04", s); err != nil {
		return fmt.Errorf("%q is not a time like 09:30", s)
	}
	return nil
}
