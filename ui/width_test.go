package ui

import (
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestStyledWidthAgreesWithAnsi(t *testing.T) {
	st := NewStyles(true, false)
	link := ansi.SetHyperlink("https://example.kz") + "link" + ansi.ResetHyperlink()
	for _, s := range []string{
		"", "plain ASCII", "Нурланова Ұлжан Ерланқызы", "Zhambyl · «Правовая инициатива» №2 ✓ •",
		st.Bold.Render("Checked in 3 / 10"), st.SelectedRow.Apply("row with a highlight"),
		lipgloss.NewStyle().Foreground(lipgloss.Color("#ff0000")).Render("Қанат") + " tail",
		"wide 漢字 text", "emoji 🙂 here", "e\u0301 combining", link, "\x1b[", "\x1b[31", "esc\x1bX", "bell\a",
	} {
		if got, want := styledWidth(s), ansi.StringWidth(s); got != want {
			t.Errorf("styledWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
}

func FuzzStyledWidth(f *testing.F) {
	f.Add("Нурланова \x1b[1mАйгерим\x1b[0m")
	f.Add("\x1b]8;;http://x\x07y\x1b]8;;\x07")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := styledWidth(s), ansi.StringWidth(s); got != want {
			t.Fatalf("styledWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	})
}
