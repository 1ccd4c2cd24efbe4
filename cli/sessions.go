package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"convene/model"
	"convene/store"
)

// sessionRefHelp explains what --session and a session argument accept.
const sessionRefHelp = "a session is referred to by its number in \"convene event list\" (1, 2…) or by 4 or more\n" +
	"first characters of its ID; without one, the current session"

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
		Short: "Add, list, edit, reorder and delete the sessions of an event",
		Long:  "Add, list, edit, reorder and delete the sessions of the current event (or --event).\nIn edit, move, delete and use, " + sessionRefHelp + ".",
	}
	var event string
	se.PersistentFlags().StringVar(&event, "event", "", "event ID (default: the current event)")
	se.AddCommand(newSessionAddCmd(f, &event), newSessionListCmd(f, &event), newSessionEditCmd(f, &event),
		newSessionMoveCmd(f, &event), newSessionDeleteCmd(f, &event), newSessionUseCmd(f, &event))
	return se
}

func newSessionAddCmd(f *rootFlags, event *string) *cobra.Command {
	var title, venue, date, start string
	var makeCurrent bool
	add := &cobra.Command{
		Use:   "add",
		Short: "Add a session at the end of the current event (or --event); --current also makes it current",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkDate(date); err != nil {
				return fmt.Errorf("--date: %w", err)
			}
			if err := checkClock(start); err != nil {
				return fmt.Errorf("--start: %w", err)
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
				fmt.Fprintf(out, "Added session %d. %s (%s) to %s; ", s.Position, s.Title, s.ID, model.SanitizeLine(cur.Event.Name))
				if makeCurrent {
					fmt.Fprintln(out, "it is now current.")
				} else {
					c := added.Current.Session
					fmt.Fprintf(out, "the current session is still %d. %s (make it current with --current, or: convene session use %d).\n",
						c.Position, model.SanitizeLine(c.Title), s.Position)
				}
				return nil
			})
		},
	}
	add.Flags().StringVar(&title, "title", "", "session title (required)")
	add.Flags().StringVar(&venue, "venue", "", "venue")
	add.Flags().StringVar(&date, "date", "", "day, YYYY-MM-DD")
	add.Flags().StringVar(&start, "start", "09:00", "start time, HH:MM")
	add.Flags().BoolVar(&makeCurrent, "current", false, "also make the new session current")
	_ = add.MarkFlagRequired("title")
	return add
}

func newSessionListCmd(f *rootFlags, event *string) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the sessions of the current event (or --event) with their numbers and IDs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, *event, "")
				if err != nil {
					return err
				}
				writeSessions(cmd.OutOrStdout(), cur)
				return nil
			})
		},
	}
}

// writeSessions lists an event's sessions, marking the current one.
func writeSessions(w io.Writer, cur model.Current) {
	fmt.Fprintf(w, "%s\n", model.SanitizeLine(cur.Event.Name))
	for _, s := range cur.Sessions {
		m := " "
		if s.ID == cur.Session.ID {
			m = "*"
		}
		fmt.Fprintf(w, "  %s %d. %s  %s %s %s  %s\n", m, s.Position, model.SanitizeLine(s.Title), model.SanitizeLine(s.Venue), s.Date, s.StartTime, s.ID)
	}
	fmt.Fprintln(w, "(* = current)")
}

func newSessionEditCmd(f *rootFlags, event *string) *cobra.Command {
	var title, venue, date, start string
	cmd := &cobra.Command{
		Use:   "edit SESSION [--title T] [--venue V] [--date YYYY-MM-DD] [--start HH:MM]",
		Short: "Rename a session or change its venue, date or start time",
		Long:  "Change what the flags give and keep the rest; " + sessionRefHelp + ".",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fl := cmd.Flags()
			if !fl.Changed("title") && !fl.Changed("venue") && !fl.Changed("date") && !fl.Changed("start") {
				return errors.New("nothing to change: give --title, --venue, --date or --start")
			}
			if err := checkDate(date); err != nil {
				return fmt.Errorf("--date: %w", err)
			}
			if err := checkClock(start); err != nil {
				return fmt.Errorf("--start: %w", err)
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
				fmt.Fprintf(cmd.OutOrStdout(), "Saved session %d. %s  %s %s %s\n", s.Position, model.SanitizeLine(s.Title), model.SanitizeLine(s.Venue), s.Date, s.StartTime)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&title, "title", "", "new title")
	cmd.Flags().StringVar(&venue, "venue", "", "new venue")
	cmd.Flags().StringVar(&date, "date", "", "new day, YYYY-MM-DD (empty: none)")
	cmd.Flags().StringVar(&start, "start", "", "new start time, HH:MM (empty: none)")
	return cmd
}

func newSessionMoveCmd(f *rootFlags, event *string) *cobra.Command {
	return &cobra.Command{
		Use:   "move SESSION POSITION",
		Short: "Move a session to another place in the event's order (1 = first)",
		Long:  "Move a session to POSITION (1 = first; past the end: last); " + sessionRefHelp + ".",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			to, err := strconv.Atoi(args[1])
			if err != nil || to < 1 {
				return fmt.Errorf("position %q: give a number, 1 for the first place", args[1])
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
				writeSessions(cmd.OutOrStdout(), moved.Current)
				return nil
			})
		},
	}
}

func newSessionDeleteCmd(f *rootFlags, event *string) *cobra.Command {
	return &cobra.Command{
		Use:   "delete SESSION",
		Short: "Delete a session and its agenda (refused if anyone is checked in to it or its clock has run)",
		Long: "Delete a session and its agenda, without asking. It is refused, changing nothing (exit code 1), when\n" +
			"someone is checked in to it, when an agenda item of it has started (reset it first), or when it is the\n" +
			"event's only session. Topics raised in it are kept. " + sessionRefHelp + ".",
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
				fmt.Fprintf(out, "Deleted session %d. %s.\n", s.Position, model.SanitizeLine(s.Title))
				if before.Session.ID == s.ID {
					c := gone.Current.Session
					fmt.Fprintf(out, "The current session is now %d. %s.\n", c.Position, model.SanitizeLine(c.Title))
				}
				return nil
			})
		},
	}
}

func newSessionUseCmd(f *rootFlags, event *string) *cobra.Command {
	return &cobra.Command{
		Use:   "use SESSION",
		Short: "Make a session current (the default for the commands and for new windows of the app)",
		Long:  "Make a session current; " + sessionRefHelp + ".",
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
				fmt.Fprintf(cmd.OutOrStdout(), "The current session is now %d. %s.\n", s.Position, model.SanitizeLine(s.Title))
				return nil
			})
		},
	}
}
