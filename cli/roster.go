package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"convene/i18n"
	"convene/model"
	"convene/sheet"
	"convene/store"
)

func newImportCmd(f *rootFlags) *cobra.Command {
	imp := &cobra.Command{Use: "import", Short: f.p.T("Import a roster, an agenda or check-ins typed in from paper, from an Excel workbook (.xlsx) or a CSV file")}
	var event, sheetName string
	var dry bool
	roster := &cobra.Command{
		Use:   "roster " + f.p.T("FILE"),
		Short: f.p.T("Import participants from an Excel workbook (.xlsx) or a CSV roster"),
		Long: f.p.T("Import participants from an Excel workbook (.xlsx: the first sheet, or --sheet NAME) or a CSV file\n" +
			"saved by Excel or Google Sheets, told apart by content. For CSV the encoding (UTF-8 with or without\n" +
			"BOM, UTF-16, Windows-1251) and the delimiter (comma, semicolon, tab) are detected. Columns are matched\n" +
			"by header, in English, Russian or Kazakh: Full name/Name/ФИО (or First name + Last name), Organization,\n" +
			"Position, Category/Sector, Gender/Sex/Пол, Phone, Email, Notes; a title above the header is skipped.\n" +
			"A leading ' before =, +, - or @ (a spreadsheet's formula guard) is removed.\n\n" +
			"The report comes first; people already registered (same name and organisation, or same e-mail) are\n" +
			"not added again. The import is all or nothing."),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := f.readRoster(cmd, args[0], sheet.Options{Sheet: sheetName})
			if err != nil {
				return err
			}
			return f.withStore(cmd, func(ctx context.Context, st *store.Store) error {
				cur, err := st.Current(ctx, event, "")
				if err != nil {
					return err
				}
				rep, err := st.ImportParticipants(ctx, cur.Event.ID, r.People, true)
				if err != nil {
					return err
				}
				if !dry {
					if rep, err = st.ImportParticipants(ctx, cur.Event.ID, r.People, false); err != nil {
						return err
					}
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s\n%s", f.p.T("Event: %s", model.SanitizeLine(cur.Event.Name)), r.Report(f.p, rep.ImportReport, 50))
				if dry {
					fmt.Fprintln(cmd.OutOrStdout(), f.p.T("Dry run: nothing was written."))
				}
				return nil
			})
		},
	}
	roster.Flags().StringVar(&event, "event", "", f.p.T("event ID (default: the current event)"))
	roster.Flags().BoolVar(&dry, "dry-run", false, f.p.T("report only; write nothing"))
	roster.Flags().StringVar(&sheetName, "sheet", "", f.p.T("the sheet of an Excel workbook to read (default: the first)"))
	addDecryptFlags(f.p, imp.PersistentFlags(), &f.dec)
	imp.AddCommand(roster, newImportAgendaCmd(f), newImportCheckinsCmd(f))
	return imp
}

// readInput reads an input file, decrypting it first when it is an age
// file (then it never touches the disk decrypted). A plain file gives nil:
// the caller reads it itself.
func (f *rootFlags) readInput(cmd *cobra.Command, path string) ([]byte, error) {
	data, err := f.dec.readInput(cmd.Context(), f.printer(), cmd.ErrOrStderr(), path, sheet.MaxSize)
	if err != nil {
		return nil, f.explainPrivacy(err)
	}
	return data, nil
}

func (f *rootFlags) readRoster(cmd *cobra.Command, path string, o sheet.Options) (*sheet.Roster, error) {
	data, err := f.readInput(cmd, path)
	if err != nil || data == nil {
		if err != nil {
			return nil, err
		}
		return sheet.ReadRosterFile(path, o)
	}
	r, err := sheet.ParseRoster(data, o)
	if err != nil {
		return nil, i18n.Errorf("%s: %w", path, err)
	}
	return r, nil
}
