package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"convene/i18n"
	"convene/model"
)

// errReported is returned by a command that has already told the user
// what went wrong (check's "DAMAGED: …" line): the exit code is 1 and the
// error handler prints nothing more.
var errReported = errors.New("reported")

// printError is convene's fang error handler. fang's default one title-cases
// the first word and re-wraps the text, which turns `--db
// /home/user/ro.db` into "/Home/User/Ro.db", a file that does not exist.
// This one keeps the message exactly as the command wrote it (control
// characters from data removed), after a label: a red "ERROR" badge on a
// colour terminal, a bold one with NO_COLOR, and plain "Error:" when the
// output is not a terminal (a pipe, a file, a test).
func printError(p i18n.Printer, w io.Writer, _ fang.Styles, err error) {
	if errors.Is(err, errReported) {
		return
	}
	msg := model.SanitizeText(errorText(p, err))
	profile := colorprofile.NoTTY
	if cw, ok := w.(*colorprofile.Writer); ok {
		if os.Getenv("NO_COLOR") != "" && cw.Profile > colorprofile.ASCII {
			// colorprofile reads NO_COLOR as a boolean ("1", "true");
			// no-color.org and the app take any non-empty value.
			cw.Profile = colorprofile.ASCII
		}
		profile = cw.Profile
	}
	hint := ""
	if isUsageError(err) {
		hint = p.T("Try --help for usage.")
	}
	if profile == colorprofile.NoTTY {
		fmt.Fprintln(w, p.T("Error: %s", msg))
		if hint != "" {
			fmt.Fprintln(w, hint)
		}
		return
	}
	badge := lipgloss.NewStyle().Bold(true).Padding(0, 1)
	if profile == colorprofile.ASCII {
		badge = badge.Reverse(true)
	} else {
		badge = badge.Foreground(lipgloss.BrightWhite).Background(lipgloss.BrightRed) // as fang's own badge
	}
	label := badge.Render(p.T("ERROR"))
	lines := strings.Split(msg, "\n")
	fmt.Fprintln(w, label+" "+lines[0])
	indent := strings.Repeat(" ", lipgloss.Width(label)+1)
	for _, l := range lines[1:] {
		fmt.Fprintln(w, indent+l)
	}
	if hint != "" {
		fmt.Fprintln(w, hint)
	}
}

// isUsageError tells the errors cobra returns for a wrong command line, to
// which the handler adds a pointer to --help.
func isUsageError(err error) bool {
	s := err.Error()
	for _, prefix := range []string{
		"flag needs an argument:", "unknown flag:", "unknown shorthand flag:", "unknown command",
		"invalid argument", "required flag(s)", "accepts ", "requires at least", "requires at most",
	} {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}
