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

	"convene/i18n"
	"convene/model"
	"convene/store"
	"convene/ui"
)

// Set at build time by the release (.goreleaser.yaml):
// -ldflags "-X convene/cli.Version=1.2.3 -X convene/cli.Commit=… -X convene/cli.Date=…".
var (
	Version = "dev"
	Commit  = ""
	Date    = ""
)

// Execute runs the command line and returns the process exit code.
//
// The language is chosen before the commands are built, from the command
// line's --lang, $CONVENE_LANG or the system (see runPrinter): their help,
// their output and the errors are all in it.
func Execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	store.AppVersion = Version
	// the collector waits: for the app until its first frame is drawn
	// (runApp), for the other commands until they run (PersistentPreRunE)
	settled := startupHeap()
	p := runPrinter(args)
	root := newRoot(p, settled)
	root.SetArgs(args)
	if printsHelp(root, args) {
		stdout = newHelpWriter(stdout, p)
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	localize(root, p) // after SetOut: the completion commands keep the writer they see
	onError := func(w io.Writer, st fang.Styles, err error) { printError(p, w, st, err) }
	if err := fang.Execute(ctx, root, fang.WithVersion(Version), fang.WithCommit(Commit), fang.WithErrorHandler(onError)); err != nil {
		return 1
	}
	return 0
}

type rootFlags struct {
	p i18n.Printer // the language of this run, chosen before the commands are built
	// settled starts the garbage collector again (see startupHeap)
	settled func()
	dec     decryptFlags // import's: how to decrypt an encrypted input file
	db      string
	demo    bool
	keep    bool
	lang    string
	desk    string
}

func newRoot(p i18n.Printer, settled func()) *cobra.Command {
	f := &rootFlags{p: p, settled: settled}
	root := &cobra.Command{
		Use:   "convene",
		Short: p.T("Hold a live seminar from one laptop: agenda clock, check-in desk, discussion topics"),
		Long: p.T("convene is a terminal app for the facilitator of a live seminar: the agenda and its clock, " +
			"the check-in desk and the discussion topics, kept in one SQLite file that survives power cuts.\n\n" +
			"Run without a command to open the app on your database; --demo opens a built-in demo event " +
			"in a temporary folder that is deleted on exit (unless --keep)."),
		Example:       p.T("  convene --demo\n  convene --db seminar.db\n  convene event add --name \"Human rights seminar\" --venue Taraz --start 2026-12-01"),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runApp(cmd, f)
		},
		// every command refuses a --lang (or $CONVENE_LANG) convene does not have
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if cmd != cmd.Root() {
				f.settled() // not the app: the collector starts again now
			}
			if _, err := f.language(); err != nil {
				return err
			}
			return f.refuseLocked(cmd)
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&f.db, "db", "", p.T("database file (default: $CONVENE_DB, else the user data folder)"))
	root.Flags().BoolVar(&f.demo, "demo", false, p.T("open a built-in demo event in a fresh temporary database"))
	root.Flags().BoolVar(&f.keep, "keep", false, p.T("with --demo: keep the demo's temporary folder on exit (deleted otherwise)"))
	pf.StringVar(&f.lang, "lang", "", langUsage(p))
	root.Flags().StringVar(&f.desk, "desk", "", p.T("this window's name at the desk: its undo history, session and screen are its own (default: $CONVENE_DESK, else the host and terminal)"))
	root.AddCommand(newDemoCmd(f), newEventCmd(f), newSessionCmd(f), newImportCmd(f), newExportCmd(f), newPrintCmd(f), newReportCmd(f),
		newPeopleCmd(f), newSectorsCmd(f), newBackupCmd(f), newCheckCmd(f), newVersionCmd(p),
		newServeCmd(f), newRestoreCmd(f), newLockCmd(f), newUnlockCmd(f), newPurgeCmd(f))
	refuseUnknownSubcommands(root, p)
	return root
}

// refuseUnknownSubcommands makes a command that only groups others
// (event, export, people…) refuse a word that is none of them («convene
// event lst»): cobra would print the help and succeed, and a script or a
// tired organiser would take that for done.
func refuseUnknownSubcommands(c *cobra.Command, p i18n.Printer) {
	for _, sub := range c.Commands() {
		refuseUnknownSubcommands(sub, p)
	}
	if c == c.Root() || !c.HasSubCommands() || c.Runnable() {
		return
	}
	c.Args = cobra.ArbitraryArgs
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return cmd.Help()
		}
		var names []string
		for _, s := range cmd.Commands() {
			if s.IsAvailableCommand() {
				names = append(names, s.Name())
			}
		}
		return i18n.Errorf("%q is not a command of %s; its commands: %s", args[0], cmd.CommandPath(), strings.Join(names, ", "))
	}
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
		return "", i18n.Errorf("cannot find a user data folder: use --db FILE or set CONVENE_DB")
	}
	return filepath.Join(base, "convene", "convene.db"), nil
}

// refuseLocked stops every command but lock, unlock and restore (and the
// demo, which has its own database) while the database is locked, saying
// how to unlock it.
func (f *rootFlags) refuseLocked(cmd *cobra.Command) error {
	switch cmd.Name() {
	case "lock", "unlock", "restore", "version", "man", "completion", "help", "__complete":
		return nil
	}
	if f.demo {
		return nil
	}
	p, err := f.path()
	if err != nil {
		return nil // said by the command itself
	}
	if err := store.LockState(p); err != nil {
		return f.explainPrivacy(err)
	}
	return nil
}

func (f *rootFlags) path() (string, error) {
	if f.db != "" {
		return f.db, nil
	}
	return DefaultDBPath()
}

func (f *rootFlags) open(ctx context.Context, h store.Holder, opts ...store.Option) (*store.Store, error) {
	p, err := f.path()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, p, append([]store.Option{store.WithHolder(h)}, opts...)...)
	if err != nil {
		return nil, f.explainPrivacy(err)
	}
	return st, nil
}

// withStore opens the database for a command that writes, runs fn and
// closes it. A write that has to wait for another convene window or an
// import says so once on standard error and keeps waiting; ctrl+c cancels.
func (f *rootFlags) withStore(cmd *cobra.Command, fn func(ctx context.Context, st *store.Store) error) (err error) {
	var once sync.Once
	ctx := store.WithWaiting(cmd.Context(), func(time.Duration) {
		once.Do(func() {
			fmt.Fprintln(cmd.ErrOrStderr(), f.p.T("Waiting for another convene window or import to finish writing… (ctrl+c cancels)"))
		})
	})
	st, err := f.open(ctx, holderFor(cmd))
	if err == nil {
		useEventZone(ctx, st, f.printer())
	}
	if err != nil {
		return err
	}
	defer closeInto(st, &err)
	return explainErr(fn(ctx, st))
}

// withReader opens the database read-only for a command that only reads
// (exports, event list, check): it never waits for a writer and never
// changes the file (only a file from an older convene is upgraded first).
func (f *rootFlags) withReader(cmd *cobra.Command, fn func(ctx context.Context, st *store.Store) error) (err error) {
	ctx := cmd.Context()
	p, err := f.path()
	if err != nil {
		return err
	}
	st, err := store.OpenReadOnly(ctx, p, store.WithHolder(holderFor(cmd)))
	if err == nil {
		useEventZone(ctx, st, f.printer())
	}
	if err != nil {
		return f.explainPrivacy(err)
	}
	defer closeInto(st, &err)
	return fn(ctx, st)
}

func explainErr(err error) error {
	if err == nil {
		return nil
	}
	return explain(err)
}

// closeInto closes st and adds its error, if any, to *err, so that a
// failure on the way out (the final WAL checkpoint) is not silent.
func closeInto(st *store.Store, err *error) {
	if cerr := st.Close(); cerr != nil {
		*err = errors.Join(*err, i18n.Errorf("closing %s: %w", st.Path(), cerr))
	}
}

// explain turns store errors into one clear line.
func explain(err error) error {
	switch {
	case errors.Is(err, store.ErrNotConvene):
		return i18n.Errorf("%w. Nothing was changed; choose another file with --db", err)
	case errors.Is(err, store.ErrCorrupt):
		return i18n.Errorf("%w. Nothing was changed; restore a backup copy of the file", err)
	case errors.Is(err, store.ErrNewerVersion):
		return i18n.Errorf("%w. Nothing was changed; use the newer convene", err)
	case errors.Is(err, store.ErrReadOnly):
		return i18n.Errorf("%w. Check the file's permissions or the disk", err)
	case errors.Is(err, store.ErrNotFound) && strings.HasPrefix(err.Error(), "no database at"):
		return i18n.Errorf("%w. Nothing to read yet: create an event with “convene event add” or open convene", err)
	}
	return err
}

func runApp(cmd *cobra.Command, f *rootFlags) (err error) {
	go ui.WarmUp()
	if f.keep && !f.demo {
		return i18n.Errorf("--keep goes with --demo (it keeps the demo's temporary folder)")
	}
	if f.demo {
		return runDemo(cmd, f)
	}
	// the app checks the file's integrity once it shows its first screen
	st, err := f.open(cmd.Context(), store.Holder{Kind: store.HolderApp, Detail: deskName(f.desk)}, store.WithLateCheck())
	if err != nil {
		return err
	}
	defer closeInto(st, &err)
	return runUIOn(cmd.Context(), st, f, KeepSnapshots)
}

// runDemo opens the app on the demo event in a fresh temporary folder and
// deletes the folder on the way out — the database, its WAL and SHM files,
// and whatever was imported or written next to it (rosters hold personal
// data) — also when the app ends with an error or a panic, unless --keep.
func runDemo(cmd *cobra.Command, f *rootFlags) (err error) {
	if f.db != "" {
		return i18n.Errorf("--demo uses a temporary database; to write the demo into a file use: convene demo --db FILE")
	}
	ctx := cmd.Context()
	dir, err := os.MkdirTemp("", "convene-demo-")
	if err != nil {
		return err
	}
	defer func() { // runs after st.Close below: nothing is open any more
		err = errors.Join(err, endDemo(f.p, cmd.OutOrStdout(), dir, f.keep))
	}()
	st, err := store.Open(ctx, filepath.Join(dir, "demo.db"), store.WithHolder(store.Holder{Kind: store.HolderApp, Detail: "demo"}))
	if err != nil {
		return explain(err)
	}
	defer closeInto(st, &err)
	lang, err := f.language()
	if err != nil {
		return err
	}
	if _, err := st.LoadDataset(ctx, model.DemoIn(lang, time.Now(), store.NewID)); err != nil {
		return err
	}
	return runUIOn(ctx, st, f, 0) // a temporary database needs no snapshots
}

// endDemo deletes the demo's folder, or says where it is with --keep.
func endDemo(p i18n.Printer, w io.Writer, dir string, keep bool) error {
	if keep {
		fmt.Fprintln(w, p.T("The demo's folder was kept: %s\nIt holds whatever you imported into the demo; delete it when done.", dir))
		return nil
	}
	var err error
	for range 5 { // on Windows a virus scanner may hold a file for a moment
		if err = os.RemoveAll(dir); err == nil {
			fmt.Fprintln(w, p.T("The demo's temporary folder was deleted (--keep keeps it)."))
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return i18n.Errorf("could not delete the demo's temporary folder %s (%w); delete it by hand", dir, err)
}

// runProgram runs the app's Bubble Tea program; tests replace it, as they
// have no terminal.
var runProgram = func(ctx context.Context, m tea.Model) error {
	_, err := tea.NewProgram(m, tea.WithContext(ctx)).Run()
	return err
}

func runUIOn(ctx context.Context, st *store.Store, f *rootFlags, snapshots int) error {
	lang, err := f.language()
	if err != nil {
		return err
	}
	notice := useEventZone(ctx, st, i18n.New(lang))
	desk := deskName(f.desk)
	pre := ui.StartPrefetch(st, desk, true) // beside setting up the terminal (after the zone: it sets time.Local)
	m := ui.New(ui.Options{
		Store: st, Lang: lang, LangChosen: f.lang != "" || os.Getenv("CONVENE_LANG") != "", Prefetch: pre,
		NoColor: os.Getenv("NO_COLOR") != "", Dark: true, Desk: desk,
		Snapshots: snapshots, WatchOthers: true, Notice: notice, DefaultZone: defaultZone(), Settle: settle, Settled: f.settled,
	})
	err = runProgram(ctx, m)
	switch {
	case errors.Is(err, tea.ErrProgramPanic):
		return err // Bubble Tea printed the panic; the exit code says it too
	case errors.Is(err, tea.ErrInterrupted), errors.Is(err, tea.ErrProgramKilled):
		return nil // ctrl+c from outside, SIGTERM, SIGHUP: a normal end
	}
	return err
}

// KeepSnapshots is how many start-up snapshots are kept per database.
const KeepSnapshots = 5

// versionLine is what `convene version` prints: the release, the commit and
// build date when the release stamped them, Go's version and the platform.
func versionLine(p i18n.Printer) string {
	var build []string
	if Commit != "" && Commit != "none" { // goreleaser says "none" for a snapshot without tags
		build = append(build, p.T("commit %s", Commit))
	}
	if Date != "" && !strings.HasPrefix(Date, "0001-") {
		build = append(build, p.T("built %s", Date))
	}
	build = append(build, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH)
	return "convene " + Version + " (" + strings.Join(build, ", ") + ")"
}

func newVersionCmd(p i18n.Printer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: p.T("Print convene's version"),
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintln(cmd.OutOrStdout(), versionLine(p))
		},
	}
}

func newDemoCmd(f *rootFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: f.p.T("Write the built-in demo event into the database"),
		Long:  f.p.T("Write the built-in demo event (a two-part human-rights seminar, 120 participants) into the database and make it current;\nits agenda and topics are in the language chosen with --lang (or $CONVENE_LANG, or the system's)."),
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
				fmt.Fprintln(cmd.OutOrStdout(), f.p.T("Wrote the demo event “%s” (%d participants, %d sessions) to %s", ds.Event.Name, len(ds.Participants), len(ds.Sessions), st.Path()))
				return nil
			})
		},
	}
}

func newEventCmd(f *rootFlags) *cobra.Command {
	p := f.p
	ev := &cobra.Command{Use: "event", Short: p.T("Create and list events")}
	var name, venue, start, end, first, startTime, zone string
	add := &cobra.Command{
		Use:   "add",
		Short: p.T("Create an event with its first session and make it current"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkDate(start); err != nil {
				return i18n.Errorf("--start: %w", err)
			}
			if end == "" {
				end = start
			}
			if err := checkDate(end); err != nil {
				return i18n.Errorf("--end: %w", err)
			}
			if err := checkClock(startTime); err != nil {
				return i18n.Errorf("--time: %w", err)
			}
			if model.CheckZone(zone) != nil {
				return fmt.Errorf("--zone: %q is not a time zone convene knows (such as Asia/Almaty, Europe/Moscow)", zone)
			}
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				created, err := st.CreateEvent(ctx, model.Event{Name: name, Venue: venue, StartDate: start, EndDate: end, Zone: zone},
					model.Session{Title: first, Venue: venue, Date: start, StartTime: startTime})
				if err != nil {
					return err
				}
				e, s := created.Current.Event, created.Current.Session
				fmt.Fprintln(cmd.OutOrStdout(), p.T("Created event %s (%s) with session %s (%s); both are now current.", e.Name, e.ID, s.Title, s.ID))
				return nil
			})
		},
	}
	add.Flags().StringVar(&name, "name", "", p.T("event name (required)"))
	add.Flags().StringVar(&venue, "venue", "", p.T("venue"))
	add.Flags().StringVar(&start, "start", "", p.T("first day, YYYY-MM-DD"))
	add.Flags().StringVar(&end, "end", "", p.T("last day, YYYY-MM-DD (default: the first day)"))
	add.Flags().StringVar(&first, "session", p.T("Part 1"), p.T("title of the first session"))
	add.Flags().StringVar(&startTime, "time", "09:00", p.T("start time of the first session, HH:MM"))
	add.Flags().StringVar(&zone, "zone", defaultZone(), p.T("the event's time zone: its times are shown and exported in it whatever the laptop's clock says (Kazakhstan: Asia/Almaty, UTC+5 since 2024)"))
	_ = add.MarkFlagRequired("name")

	list := &cobra.Command{
		Use:   "list",
		Short: p.T("List events and their sessions with IDs, marking the current ones"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			err := f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				return listEvents(ctx, st, cmd.OutOrStdout(), f.printer())
			})
			if errors.Is(err, store.ErrNotFound) {
				fmt.Fprintln(cmd.OutOrStdout(), p.T("No events yet. Create one with: convene event add --name NAME"))
				return nil
			}
			return err
		},
	}
	ev.AddCommand(add, list)
	return ev
}

func listEvents(ctx context.Context, st *store.Store, w io.Writer, p i18n.Printer) error {
	evs, err := st.Events(ctx)
	if err != nil {
		return err
	}
	if len(evs) == 0 {
		fmt.Fprintln(w, p.T("No events yet. Create one with: convene event add --name NAME"))
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
		zone := e.Zone
		if zone == "" {
			zone = p.T("local time")
		}
		fmt.Fprintf(w, "%s %s  %s  %s %s–%s  (%s)\n", mark, e.ID, model.SanitizeLine(e.Name), model.SanitizeLine(e.Venue), e.StartDate, e.EndDate, zone)
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
		if err := printPurges(ctx, st, w, p, e.ID); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, p.T("(* = current; --session takes a session's number, or 4 or more first characters of its ID)"))
	return nil
}

func checkDate(s string) error {
	if s == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return i18n.Errorf("%q is not a date like 2026-12-01", s)
	}
	return nil
}

func checkClock(s string) error {
	if s == "" {
		return nil
	}
	if _, err := time.Parse("15:04", s); err != nil {
		return i18n.Errorf("%q is not a time like 09:30", s)
	}
	return nil
}
