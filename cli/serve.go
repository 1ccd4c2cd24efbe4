package cli

import (
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"convene/i18n"
	"convene/serve"
	"convene/store"
)

// newServeCmd is `convene serve`: the app over SSH for the desks of one
// venue (see serve and the README's "Several desks at one venue").
func newServeCmd(f *rootFlags) *cobra.Command {
	var addr string
	var fresh bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: f.p.T("Serve the app over SSH to the check-in desks, a projector clock and the organiser at one venue"),
		Long: f.p.T("Serve the app over SSH from this laptop's database, so that other laptops and phones on the same\n" +
			"Wi-Fi or hotspot connect with any SSH client. Each role has a 6-digit passcode (shown on this screen):\n" +
			"desk (check-in and topics), display (the big clock for a projector) and organiser (everything).\n" +
			"The name before @ names the desk. The host key and passcodes are kept next to the database."),
		Example: "  convene serve\n  convene serve --addr :2222 --db seminar.db\n  ssh -p 2222 door@192.168.43.10",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang, err := f.language()
			if err != nil {
				return err
			}
			st, err := f.open(cmd.Context(), store.Holder{Kind: store.HolderServe, Detail: "convene serve"})
			if err != nil {
				return err
			}
			defer st.Close()
			useEventZone(cmd.Context(), st, i18n.New(lang))
			leanHeap()
			s, err := serve.New(cmd.Context(), st, serve.Config{Addr: addr, DBPath: st.Path(), Lang: lang, NewPasscodes: fresh, Snapshots: KeepSnapshots})
			if err != nil {
				return err
			}
			dash := term.IsTerminal(os.Stdout.Fd()) && term.IsTerminal(os.Stdin.Fd())
			return s.Run(cmd.Context(), dash, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&addr, "addr", ":2222", f.p.T("address to listen on (host:port; :2222 is every network of this laptop)"))
	cmd.Flags().BoolVar(&fresh, "new-passcodes", false, f.p.T("replace the current event's passcodes with new ones"))
	return cmd
}
