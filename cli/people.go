package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"convene/i18n"
	"convene/model"
	"convene/report"
	"convene/store"
)

// People data kept clean (merging two records of one person) and the
// sectors attendance is counted by.

func newPeopleCmd(f *rootFlags) *cobra.Command {
	pc := &cobra.Command{Use: "people", Short: f.p.T("List people, and merge two records of the same person (or undo a merge)")}
	var event string
	pc.PersistentFlags().StringVar(&event, "event", "", f.p.T("event ID (default: the current event)"))

	list := &cobra.Command{
		Use:   "list " + f.p.T("[SEARCH]"),
		Short: f.p.T("List the event's people (or those a search finds, in any script) with the start of their IDs"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, event, "")
				if err != nil {
					return err
				}
				people, err := st.Participants(ctx, cur.Event.ID)
				if err != nil {
					return err
				}
				ix := model.NewIndex(people)
				q := ""
				if len(args) > 0 {
					q = args[0]
				}
				var b strings.Builder
				for _, i := range ix.Search(nil, q, nil) {
					b.WriteString(personLine(ix.Person(i)) + "\n")
				}
				_, err = io.WriteString(cmd.OutOrStdout(), b.String())
				return err
			})
		},
	}

	merge := &cobra.Command{
		Use:   "merge " + f.p.T("DUPLICATE KEEP"),
		Short: f.p.T("Merge the record DUPLICATE into KEEP: its check-ins and topics move to KEEP, KEEP takes what it lacks"),
		Long: f.p.T("Merge two records of the same person. DUPLICATE and KEEP are each the start of an ID (4 or more\n" +
			"characters, see people list), a name (any script, any word order), a phone or an e-mail that names\n" +
			"one person. Every check-in and topic of DUPLICATE moves to KEEP, KEEP takes the fields it has empty\n" +
			"(phone, e-mail, organisation…), and DUPLICATE is no longer listed. The merge is recorded: people\n" +
			"unmerge undoes it exactly."),
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			p := printer(cmd)
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, event, "")
				if err != nil {
					return err
				}
				people, err := st.Participants(ctx, cur.Event.ID)
				if err != nil {
					return err
				}
				dup, err := findPerson(p, people, args[0])
				if err != nil {
					return err
				}
				keep, err := findPerson(p, people, args[1])
				if err != nil {
					return err
				}
				m, err := st.MergePeople(ctx, dup.ID, keep.ID, "cli")
				if err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), mergedText(p, m))
				return nil
			})
		},
	}

	unmerge := &cobra.Command{
		Use:   "unmerge " + f.p.T("[PERSON]"),
		Short: f.p.T("Undo the newest merge (or the merge of PERSON, the record that was merged away)"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p := printer(cmd)
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, event, "")
				if err != nil {
					return err
				}
				merges, err := st.Merges(ctx, cur.Event.ID)
				if err != nil {
					return err
				}
				var open []model.MergeRecord
				for _, m := range merges {
					if !m.Undone {
						open = append(open, m)
					}
				}
				if len(open) == 0 {
					return i18n.Errorf("no merge to undo in %s", model.SanitizeLine(cur.Event.Name))
				}
				pick := open[0]
				if len(args) > 0 {
					var merged []model.Participant
					for _, m := range open {
						merged = append(merged, m.Merged)
					}
					who, err := findPerson(p, merged, args[0])
					if err != nil {
						return err
					}
					for _, m := range open {
						if m.Merged.ID == who.ID {
							pick = m
							break
						}
					}
				}
				ch, err := st.Unmerge(ctx, pick.ID)
				if err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), mergedText(p, ch))
				return nil
			})
		},
	}

	merges := &cobra.Command{
		Use:   "merges",
		Short: f.p.T("List the event's merges, newest first"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p := printer(cmd)
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, event, "")
				if err != nil {
					return err
				}
				ms, err := st.Merges(ctx, cur.Event.ID)
				if err != nil {
					return err
				}
				var b strings.Builder
				if len(ms) == 0 {
					b.WriteString(p.T("No merges yet.") + "\n")
				}
				for _, m := range ms {
					state := ""
					if m.Undone {
						state = " " + p.T("(undone)")
					}
					b.WriteString(p.T("%s  %s merged into %s (desk %s)", m.At.Local().Format("2006-01-02 15:04"),
						personLine(m.Merged), personLine(m.Kept), model.SanitizeLine(m.Desk)) + state + "\n")
				}
				_, err = io.WriteString(cmd.OutOrStdout(), b.String())
				return err
			})
		},
	}
	pc.AddCommand(list, merge, unmerge, merges)
	return pc
}

// personLine is a person as the people commands list them.
func personLine(p model.Participant) string {
	id := p.ID
	if len(id) > 8 {
		id = id[:8]
	}
	parts := []string{id, model.SanitizeLine(p.FullName)}
	for _, s := range []string{p.Organisation, p.Phone, p.Email} {
		if s != "" {
			parts = append(parts, model.SanitizeLine(s))
		}
	}
	return strings.Join(parts, "  ")
}

// findPerson finds the one person a reference names (see people merge).
func findPerson(p i18n.Printer, people []model.Participant, ref string) (model.Participant, error) {
	ref = strings.TrimSpace(ref)
	r := model.PersonRef{Name: ref}
	switch {
	case strings.Contains(ref, "@"):
		r = model.PersonRef{Email: ref}
	case len(model.PhoneKey(ref)) >= 5 && strings.Trim(ref, "+0123456789 ()-") == "":
		r = model.PersonRef{Phone: ref}
	}
	if len(ref) >= 4 {
		if m := model.MatchPerson(people, model.PersonRef{ID: ref}); m.Count == 1 {
			return people[m.Index], nil
		}
	}
	m := model.MatchPerson(people, r)
	if m.Count == 1 && !m.Similar {
		return people[m.Index], nil
	}
	// not one exact match: what the search finds (any script, the starts
	// of words), if that is one person
	ix := model.NewIndex(people)
	found := ix.Search(nil, ref, nil)
	switch {
	case len(found) == 1:
		return ix.Person(found[0]), nil
	case len(found) == 0:
		return model.Participant{}, i18n.Errorf("nobody in the event is “%s” (see: convene people list)", model.SanitizeLine(ref))
	}
	var lines []string
	for k, i := range found {
		if k == 10 {
			lines = append(lines, "  …")
			break
		}
		lines = append(lines, "  "+personLine(ix.Person(i)))
	}
	return model.Participant{}, errors.New(p.T("“%s” matches several people (%d); give the start of one's ID:", model.SanitizeLine(ref), len(found)) + "\n" + strings.Join(lines, "\n"))
}

// mergedText says what a merge (or its undoing) did.
func mergedText(p i18n.Printer, m model.PeopleMerged) string {
	if m.Undone {
		return p.T("Undid the merge: %s and %s are two records again, each with their own check-ins.",
			model.SanitizeLine(m.Merged.FullName), model.SanitizeLine(m.Kept.FullName))
	}
	s := p.T("Merged %s into %s; check-ins moved: %d.", model.SanitizeLine(m.Merged.FullName), model.SanitizeLine(m.Kept.FullName), m.Moved)
	if len(m.Filled) > 0 {
		var words []string
		for _, f := range m.Filled {
			words = append(words, p.Word(f))
		}
		s += " " + p.T("Taken from the merged record: %s.", strings.Join(words, ", "))
	}
	return s + " " + p.T("(convene people unmerge undoes it.)")
}

func newSectorsCmd(f *rootFlags) *cobra.Command {
	sc := &cobra.Command{
		Use:   "sectors",
		Short: f.p.T("The sectors attendance is counted by, and which sector each category counts in"),
		Long: f.p.T("Every count (the check-in screen, the summary, the donor report) is by sector: government, law\n" +
			"enforcement, judiciary, prosecution, academia, civil society, media, international organisation,\n" +
			"other — a list you can add to. Each category of the roster counts in a sector guessed from its words\n" +
			"(«Полиция», Police, law enforcement → law enforcement); sectors list shows the guesses, sectors map\n" +
			"corrects one."),
	}
	var event string
	list := &cobra.Command{
		Use:   "list",
		Short: f.p.T("The sectors, and each category of the event with its sector (guessed, or set) and its people"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p := printer(cmd)
			return f.withReader(cmd, func(ctx context.Context, st *store.Store) error {
				m, err := st.SectorMap(ctx)
				if err != nil {
					return err
				}
				var b strings.Builder
				var names []string
				for _, s := range m.Sectors {
					names = append(names, report.SectorName(p, s))
				}
				b.WriteString(p.T("Sectors: %s", strings.Join(names, ", ")) + "\n")
				cur, err := st.Current(ctx, event, "")
				if errors.Is(err, store.ErrNotFound) {
					_, err = io.WriteString(cmd.OutOrStdout(), b.String())
					return err
				}
				if err != nil {
					return err
				}
				counts, err := st.CategoryCounts(ctx, cur.Event.ID)
				if err != nil {
					return err
				}
				b.WriteString(p.T("Categories in %s:", model.SanitizeLine(cur.Event.Name)) + "\n")
				for _, c := range counts {
					sec, set := m.Of(c.Category)
					how := p.T("guessed")
					if set {
						how = p.T("set")
					}
					cat := model.SanitizeLine(c.Category)
					if cat == "" {
						cat, how = p.T("(none)"), ""
					}
					line := p.T("  %s → %s", cat, report.SectorName(p, sec))
					if how != "" {
						line += " (" + how + ")"
					}
					b.WriteString(line + "  " + p.T("people: %d", c.People) + "\n")
				}
				_, err = io.WriteString(cmd.OutOrStdout(), b.String())
				return err
			})
		},
	}
	list.Flags().StringVar(&event, "event", "", f.p.T("event ID (default: the current event)"))

	// sectorArg is the sector a user named, in English or in the language
	// of the run («правоохранительные органы»).
	sectorArg := func(p i18n.Printer, m model.SectorMap, name string) string {
		for _, s := range m.Sectors {
			if model.Fold(report.SectorName(p, s)) == model.Fold(name) {
				return s
			}
		}
		return name
	}
	mapc := &cobra.Command{
		Use:   "map " + f.p.T("CATEGORY SECTOR"),
		Short: f.p.T("Count a category (in any case or script) in a sector; SECTOR auto goes back to the guess"),
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			p := printer(cmd)
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				m, err := st.SectorMap(ctx)
				if err != nil {
					return err
				}
				sector := sectorArg(p, m, args[1])
				if strings.EqualFold(args[1], "auto") {
					sector = ""
				}
				ch, err := st.MapCategory(ctx, args[0], sector)
				if err != nil {
					return err
				}
				sec, _ := ch.Map.Of(args[0])
				fmt.Fprintln(cmd.OutOrStdout(), p.T("%s now counts in %s.", model.SanitizeLine(args[0]), report.SectorName(p, sec)))
				return nil
			})
		},
	}
	add := &cobra.Command{
		Use:   "add " + f.p.T("NAME"),
		Short: f.p.T("Add a sector to the list"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p := printer(cmd)
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				if _, err := st.AddSector(ctx, args[0]); err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), p.T("Added the sector %s; map categories to it with: convene sectors map CATEGORY %q", model.SanitizeLine(args[0]), args[0]))
				return nil
			})
		},
	}
	remove := &cobra.Command{
		Use:   "remove " + f.p.T("NAME"),
		Short: f.p.T("Remove a sector no category is mapped to"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p := printer(cmd)
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				m, err := st.SectorMap(ctx)
				if err != nil {
					return err
				}
				if _, err := st.RemoveSector(ctx, sectorArg(p, m, args[0])); err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), p.T("Removed the sector %s.", model.SanitizeLine(args[0])))
				return nil
			})
		},
	}
	sc.AddCommand(list, mapc, add, remove)
	return sc
}
