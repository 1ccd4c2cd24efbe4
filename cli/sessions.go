package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"convene/i18n"
	"convene/model"
	"convene/store"
)

// sessionRefHelp explains what --session and a session argument accept.
func sessionRefHelp(p i18n.Printer) string {
	return p.T("a session is referred to by its number in “convene event list” (1, 2…) or by 4 or more\n" +
		"first characters of its ID; without one, the current session")
}

// currentFor resolves a --session reference (empty: the current session)
// to the current state with that session and its event.
func currentFor(ctx context.Context, st *store.Store, ref string) (model.Current, error) {
	se, err := st.ResolveSession(ctx, "", ref)
	if err != nil {
		return model.Current{}, err
	}
	return st.Current(ctx, se.EventID, se.ID)
}

func newSessionCmd(f *rootFlags) *cobra.Command {
	se := &cobra.Command{
		Use:   "session",
		Short: f.p.T("Add, list, edit, reorder and delete the sessions of an event"),
		Long:  f.p.T("Add, list, edit, reorder and delete the sessions of the current event (or --event).\nIn edit, move, delete and use, %s.", sessionRefHelp(f.p)),
	}
	var event string
	se.PersistentFlags().StringVar(&event, "event", "", f.p.T("event ID (default: the current event)"))
	se.AddCommand(newSessionAddCmd(f, &event), newSessionListCmd(f, &event), newSessionEditCmd(f, &event),
		newSessionMoveCmd(f, &event), newSessionDeleteCmd(f, &event), newSessionUseCmd(f, &event))
	return se
}

func newSessionAddCmd(f *rootFlags, event *string) *cobra.Command {
	var title, venue, date, start string
	var makeCurrent bool
	add := &cobra.Command{
		Use:   "add",
		Short: f.p.T("Add a session at the end of the current event (or --event); --current also makes it current"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkDate(date); err != nil {
				return i18n.Errorf("--date: %w", err)
			}
			if err := checkClock(start); err != nil {
				return i18n.Errorf("--start: %w", err)
			}
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, *event, "")
				if err != nil {
					return err
				}
				added, err := st.AddSession(ctx, model.Session{EventID: cur.Event.ID, Title: title, Venue: venue, Date: date, StartTime: start}, makeCurrent)
				if err != nil {
					return err
				}
				s, _ := added.Changed()
				out := cmd.OutOrStdout()
				if makeCurrent {
					fmt.Fprintln(out, f.p.T("Added session %s. %s (%s) to %s; it is now current.", strconv.Itoa(s.Position), s.Title, s.ID, model.SanitizeLine(cur.Event.Name)))
				} else {
					c := added.Current.Session
					fmt.Fprintln(out, f.p.T("Added session %s. %s (%s) to %s; the current session is still %s. %s (make it current with --current, or: convene session use %s).",
						strconv.Itoa(s.Position), s.Title, s.ID, model.SanitizeLine(cur.Event.Name), strconv.Itoa(c.Position), model.SanitizeLine(c.Title), strconv.Itoa(s.Position)))
				}
				return nil
			})
		},
	}
	add.Flags().StringVar(&title, "title", "", f.p.T("session title (required)"))
	add.Flags().StringVar(&venue, "venue", "", f.p.T("venue"))
	add.Flags().StringVar(&date, "date", "", f.p.T("day, YYYY-MM-DD"))
	add.Flags().StringVar(&start, "start", "09:00", f.p.T("start time, HH:MM"))
	add.Flags().BoolVar(&makeCurrent, "current", false, f.p.T("also make the new session current"))
	_ = add.MarkFlagRequired("title")
	return add
}

func newSessionListCmd(f *rootFlags, event *string) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: f.p.T("List the sessions of the current event (or --event) with their numbers and IDs"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, *event, "")
				if err != nil {
					return err
				}
				writeSessions(f.p, cmd.OutOrStdout(), cur)
				return nil
			})
		},
	}
}

// writeSessions lists an event's sessions, marking the current one.
func writeSessions(p i18n.Printer, w io.Writer, cur model.Current) {
	fmt.Fprintf(w, "%s\n", model.SanitizeLine(cur.Event.Name))
	for _, s := range cur.Sessions {
		m := " "
		if s.ID == cur.Session.ID {
			m = "*"
		}
		fmt.Fprintf(w, "  %s %d. %s  %s %s %s  %s\n", m, s.Position, model.SanitizeLine(s.Title), model.SanitizeLine(s.Venue), s.Date, s.StartTime, s.ID)
	}
	fmt.Fprintln(w, p.T("(* = current)"))
}

func newSessionEditCmd(f *rootFlags, event *string) *cobra.Command {
	var title, venue, date, start string
	cmd := &cobra.Command{
		Use:   "edit " + f.p.T("SESSION [--title T] [--venue V] [--date YYYY-MM-DD] [--start HH:MM]"),
		Short: f.p.T("Rename a session or change its venue, date or start time"),
		Long:  f.p.T("Change what the flags give and keep the rest; %s.", sessionRefHelp(f.p)),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fl := cmd.Flags()
			if !fl.Changed("title") && !fl.Changed("venue") && !fl.Changed("date") && !fl.Changed("start") {
				return i18n.Errorf("nothing to change: give --title, --venue, --date or --start")
			}
			if err := checkDate(date); err != nil {
				return i18n.Errorf("--date: %w", err)
			}
			if err := checkClock(start); err != nil {
				return i18n.Errorf("--start: %w", err)
			}
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				s, err := st.ResolveSession(ctx, *event, args[0])
				if err != nil {
					return err
				}
				if fl.Changed("title") {
					s.Title = title
				}
				if fl.Changed("venue") {
					s.Venue = venue
				}
				if fl.Changed("date") {
					s.Date = date
				}
				if fl.Changed("start") {
					s.StartTime = start
				}
				saved, err := st.UpdateSession(ctx, s)
				if err != nil {
					return err
				}
				s, _ = saved.Changed()
				fmt.Fprintln(cmd.OutOrStdout(), f.p.T("Saved session %s. %s  %s %s %s", strconv.Itoa(s.Position), model.SanitizeLine(s.Title), model.SanitizeLine(s.Venue), s.Date, s.StartTime))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&title, "title", "", f.p.T("new title"))
	cmd.Flags().StringVar(&venue, "venue", "", f.p.T("new venue"))
	cmd.Flags().StringVar(&date, "date", "", f.p.T("new day, YYYY-MM-DD (empty: none)"))
	cmd.Flags().StringVar(&start, "start", "", f.p.T("new start time, HH:MM (empty: none)"))
	return cmd
}

func newSessionMoveCmd(f *rootFlags, event *string) *cobra.Command {
	return &cobra.Command{
		Use:   "move " + f.p.T("SESSION POSITION"),
		Short: f.p.T("Move a session to another place in the event's order (1 = first)"),
		Long:  f.p.T("Move a session to POSITION (1 = first; past the end: last); %s.", sessionRefHelp(f.p)),
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			to, err := strconv.Atoi(args[1])
			if err != nil || to < 1 {
				return i18n.Errorf("position %q: give a number, 1 for the first place", args[1])
			}
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				s, err := st.ResolveSession(ctx, *event, args[0])
				if err != nil {
					return err
				}
				moved, err := st.MoveSession(ctx, s.ID, to-s.Position)
				if err != nil {
					return err
				}
				writeSessions(f.p, cmd.OutOrStdout(), moved.Current)
				return nil
			})
		},
	}
}

func newSessionDeleteCmd(f *rootFlags, event *string) *cobra.Command {
	return &cobra.Command{
		Use:   "delete " + f.p.T("SESSION"),
		Short: f.p.T("Delete a session and its agenda (refused if anyone is checked in to it or its clock has run)"),
		Long: f.p.T("Delete a session and its agenda, without asking. It is refused, changing nothing (exit code 1), when\n"+
			"someone is checked in to it, when an agenda item of it has started (reset it first), or when it is the\n"+
			"event's only session. Topics raised in it are kept. %s.", sessionRefHelp(f.p)),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				s, err := st.ResolveSession(ctx, *event, args[0])
				if err != nil {
					return err
				}
				before, err := st.Current(ctx, s.EventID, "")
				if err != nil {
					return err
				}
				gone, err := st.DeleteSession(ctx, s.ID)
				if err != nil {
					return err
				}
				out := cmd.OutOrStdout()
				fmt.Fprintln(out, f.p.T("Deleted session %s. %s.", strconv.Itoa(s.Position), model.SanitizeLine(s.Title)))
				if before.Session.ID == s.ID {
					c := gone.Current.Session
					fmt.Fprintln(out, f.p.T("The current session is now %s. %s.", strconv.Itoa(c.Position), model.SanitizeLine(c.Title)))
				}
				return nil
			})
		},
	}
}

func newSessionUseCmd(f *rootFlags, event *string) *cobra.Command {
	return &cobra.Command{
		Use:   "use " + f.p.T("SESSION"),
		Short: f.p.T("Make a session current (the default for the commands and for new windows of the app)"),
		Long:  f.p.T("Make a session current; %s.", sessionRefHelp(f.p)),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				s, err := st.ResolveSession(ctx, *event, args[0])
				if err != nil {
					return err
				}
				if _, err := st.SetCurrent(ctx, s.EventID, s.ID); err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), f.p.T("The current session is now %s. %s.", strconv.Itoa(s.Position), model.SanitizeLine(s.Title)))
				return nil
			})
		},
	}
}
