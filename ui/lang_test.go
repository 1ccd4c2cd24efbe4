package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"convene/i18n"
	"convene/model"
)

// latinNames are the Latin-script texts of the demo that are data, not UI:
// people's names and the like, which are never translated.
func latinNames(lang string) []string {
	ds := model.DemoIn(lang, fixedNow, seqIDs())
	var out []string
	for _, p := range ds.Participants {
		out = append(out, p.FullName, p.Organisation, p.Position)
	}
	for _, it := range ds.Items {
		out = append(out, it.Presenter, it.Title)
	}
	for _, tp := range ds.Topics {
		out = append(out, tp.Title)
	}
	return out
}

// The screens in Russian and Kazakh: golden files at 80×24 and 120×40, and
// no English word on them (a literal that bypasses the catalog).
func TestScreensInRussianAndKazakh(t *testing.T) {
	views := []struct {
		name string
		keys []string
	}{
		{"agenda", []string{"1"}},
		{"checkin", []string{"2"}},
		{"topics", []string{"3"}},
		{"help", []string{"1", "?"}},
		{"checkin_help", []string{"2", "f1"}},
		{"walkin", []string{"2", "ctrl+n"}},
		{"item_form", []string{"1", "a"}},
		{"topic_form", []string{"3", "a"}},
		{"close_form", []string{"3", "c"}},
		{"sessions", []string{"f2"}},
		{"confirm", []string{"1", "d"}},
		{"big_clock", []string{"1", "space", "b"}},
	}
	for _, lang := range []string{"ru", "kk"} {
		allow := latinNames(lang)
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			for _, v := range views {
				t.Run(fmt.Sprintf("%s_%s_%dx%d", lang, v.name, size[0], size[1]), func(t *testing.T) {
					m, _, _ := testAppIn(t, lang, size[0], size[1], false)
					press(m, v.keys...)
					out := screenText(m)
					for n, l := range strings.Split(out, "\n") {
						if w := ansi.StringWidth(l); w > size[0] {
							t.Errorf("line %d is %d wide", n, w)
						}
					}
					if runs := i18n.LatinRuns(out, append(allow, "English")...); len(runs) > 0 { // the language key names each language in its own
						t.Errorf("English on the %s screen:\n  %s\n%s", lang, strings.Join(runs, "\n  "), out)
					}
					golden.RequireEqual(t, out)
				})
			}
		}
	}
}

// The windows of serve's roles in Russian and Kazakh: the display (the big
// clock a projector shows, with a message) and a desk, with no English word.
func TestRoleWindowsInRussianAndKazakh(t *testing.T) {
	for _, lang := range []string{"ru", "kk"} {
		allow := append(latinNames(lang), "English")
		org, _, _ := testAppIn(t, lang, 80, 24, false)
		for _, tt := range []struct {
			role model.Role
			keys [][]string
		}{
			{model.RoleDisplay, [][]string{nil, {"?"}}},
			{model.RoleDesk, [][]string{{"1"}, {"2"}, {"3"}, {"1", "?"}, {"2", "f1"}, {"f2"}}},
		} {
			for _, keys := range tt.keys {
				w := New(Options{Store: org.c.Store, Lang: lang, Clock: org.c.Clock, Dark: true, Desk: "door", Role: tt.role})
				w.c.keyNow = humanKeys()
				run(w, w.Init())
				run(w, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
				press(w, keys...)
				out := screenText(w)
				if runs := i18n.LatinRuns(out, allow...); len(runs) > 0 {
					t.Errorf("%s %s %v: English on the screen:\n  %s\n%s", lang, tt.role, keys, strings.Join(runs, "\n  "), out)
				}
			}
		}
	}
}

// Errors from the store reach the status line in the window's language:
// deleting a session with check-ins is refused in Russian and Kazakh.
func TestStoreErrorsTranslated(t *testing.T) {
	for lang, want := range map[string]string{"ru": "сессию нельзя удалить: в «", "kk": "сессияны жоюға болмайды: «"} {
		m, _, _ := testAppIn(t, lang, 120, 40, false)
		press(m, "f2", "x", "y")
		if out := screenText(m); !strings.Contains(out, want) {
			t.Errorf("%s: the refusal is not in the language (want %q):\n%s", lang, want, out)
		}
	}
}

// The undo refused because another desk changed the item says so in the
// window's language, naming that desk and its action.
func TestUndoConflictTranslated(t *testing.T) {
	for lang, want := range map[string]string{
		"ru": "отменить нельзя: «Регистрация участников и приветственный кофе» с тех пор изменено стойкой stage (продлить)",
		"kk": "болдырмау мүмкін емес: «Қатысушыларды тіркеу және таңғы кофе» содан бері stage үстелі тарапынан өзгертілді (ұзарту)",
	} {
		door, _, _ := testAppIn(t, lang, 160, 40, false)
		stage := New(Options{Store: door.c.Store, Lang: lang, Clock: door.c.Clock, Dark: true, Desk: "stage"})
		stage.c.keyNow = humanKeys()
		run(stage, stage.Init())
		run(stage, func() tea.Msg { return tea.WindowSizeMsg{Width: 160, Height: 40} })
		press(door, "1", "space") // door starts the first item
		press(stage, "1", "+")    // stage extends it
		press(door, "u")          // door's undo is refused
		if out := strings.Join(strings.Fields(screenText(door)), " "); !strings.Contains(out, want) {
			t.Errorf("%s: want %q on the screen:\n%s", lang, want, screenText(door))
		}
	}
}

// TestHelpScrollsInASmallWindow: at 60×20 the full help says more keys
// follow and ↓ shows them; another key closes it.
func TestHelpScrollsInASmallWindow(t *testing.T) {
	m, _, _ := testAppIn(t, "ru", 60, 20, false)
	press(m, "3", "f1")
	if !strings.Contains(screenText(m), "↓ ещё клавиши") {
		t.Fatalf("the cut help does not say so:\n%s", screenText(m))
	}
	for range 10 {
		press(m, "down")
	}
	if m.layers.top() == nil || strings.Contains(screenText(m), "↓ ещё клавиши") {
		t.Fatalf("↓ did not reach the end of the help, or closed it:\n%s", screenText(m))
	}
	press(m, "x")
	if m.layers.top() != nil {
		t.Error("another key does not close the help")
	}
}

// TestSearchHintFitsAPhoneSizedWindow: at 60 columns the search's hint is
// the short one, whole, not the long one cut mid-word.
func TestSearchHintFitsAPhoneSizedWindow(t *testing.T) {
	m, _, _ := testApp(t, 60, 20, false)
	press(m, "2")
	if scr := screenText(m); !strings.Contains(scr, "name, organisation or phone") || strings.Contains(scr, "any scri") {
		t.Errorf("the hint at 60 columns:\n%s", scr)
	}
	run(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })
	if scr := screenText(m); !strings.Contains(scr, "any script") {
		t.Errorf("the long hint at 100 columns:\n%s", scr)
	}
}
