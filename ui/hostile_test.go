package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"convene/model"
)

// TestNoEscapeFromDataReachesTheScreen writes hostile names straight into
// the database (as an older or foreign writer might) and renders every
// screen: the data's escape sequences must not appear.
func TestNoEscapeFromDataReachesTheScreen(t *testing.T) {
	m, st, _ := testApp(t, 120, 40, false)
	ctx := context.Background()
	evil := "\x1b]0;pwned\x07Evil\x1b[2J \x1b]52;c;ZXZpbA==\x07Name\u009b31m\x1bP1$r\x1b\\"
	walk, err := st.AddWalkIn(ctx, model.Participant{EventID: m.c.Cur.Event.ID, FullName: "placeholder"}, m.c.Cur.Session.ID, "d")
	if err != nil {
		t.Fatal(err)
	}
	p := walk.Participant
	raw := rawExec(t, st.Path())
	raw("UPDATE participants SET full_name = ?, organisation = ? WHERE id = ?", evil, evil, p.ID)
	raw("UPDATE topics SET title = ? WHERE rowid = (SELECT min(rowid) FROM topics)", evil)
	raw("UPDATE agenda_items SET title = ?, presenter = ? WHERE position = 1", evil, evil)
	raw("UPDATE events SET name = ?", evil)
	run(m, func() tea.Msg { return reloadMsg{} })
	for _, keys := range [][]string{{"1"}, {"1", "space"}, {"b"}, {"x", "2"}, {"3"}, {"3", "b"}} {
		press(m, keys...)
		if keys[0] == "x" {
			typeText(m, "evil")
		}
		out := m.render()
		for _, bad := range []string{"\x1b]0;", "\x1b[2J", "\x1b]52;", "\u009b", "\x1bP"} {
			if strings.Contains(out, bad) {
				t.Fatalf("after %v the screen contains %q from data", keys, bad)
			}
		}
		if !strings.Contains(ansi.Strip(out), "Evil") && keys[0] != "b" {
			t.Errorf("after %v the name is not shown at all", keys)
		}
		v := m.View()
		if strings.Contains(v.WindowTitle, "\x1b") || strings.Contains(v.WindowTitle, "\x07") {
			t.Errorf("window title carries escapes: %q", v.WindowTitle)
		}
	}
}

// TestEverySize renders every screen and mode from 20×5 to 300×100: no
// panic, nothing wider or taller than the window.
func TestEverySize(t *testing.T) {
	m, _, _ := testApp(t, 80, 24, false)
	press(m, "space") // a running clock, for the big views
	states := [][]string{{"1"}, {"2"}, {"3"}, {"1", "b"}, {"3", "b"}, {"1", "a"}, {"2", "ctrl+n"}, {"3", "a"}, {"f2"}, {"?"}}
	for _, st := range states {
		press(m, "esc", "esc", "x") // leave any form or big clock
		press(m, st...)
		for w := 20; w <= 300; w += 20 {
			for h := 5; h <= 100; h += 19 {
				run(m, func() tea.Msg { return teaWindow(w, h) })
				out := ansi.Strip(m.render())
				lines := strings.Split(out, "\n")
				if len(lines) > h {
					t.Fatalf("%v at %dx%d: %d lines", st, w, h, len(lines))
				}
				for i, l := range lines {
					if ansi.StringWidth(l) > w {
						t.Fatalf("%v at %dx%d: line %d is %d wide", st, w, h, i, ansi.StringWidth(l))
					}
				}
				if (w < MinWidth || h < MinHeight) && w >= 40 && !strings.Contains(out, "Make the window larger") {
					t.Fatalf("%v at %dx%d: no 'larger' message", st, w, h)
				}
			}
		}
		press(m, "esc")
		if st[0] == "?" {
			press(m, "?")
		}
	}
}

// TestFormsNeverEchoBidiControls: text stored with a right-to-left override
// (U+202E) does not reach the terminal through an edit form's pre-filled
// value, and typed or pasted bidi and control characters are dropped as
// they arrive.
func TestFormsNeverEchoBidiControls(t *testing.T) {
	m, st, _ := testApp(t, 120, 40, false)
	ctx := context.Background()
	walk, err := st.AddWalkIn(ctx, model.Participant{EventID: m.c.Cur.Event.ID, FullName: "Zzz Placeholder"}, m.c.Cur.Session.ID, "d")
	if err != nil {
		t.Fatal(err)
	}
	rawExec(t, st.Path())("UPDATE participants SET full_name = ? WHERE id = ?", "Zzz \u202eevil\u202c Name", walk.Participant.ID)
	run(m, func() tea.Msg { return reloadMsg{} })
	press(m, "2")
	typeText(m, "zzz")
	press(m, "down", "ctrl+e")
	if out := m.render(); strings.ContainsAny(out, "\u202e\u202c") {
		t.Fatal("the edit form shows a stored bidi override")
	}
	typeText(m, "x\u202ey")
	run(m, func() tea.Msg { return tea.PasteMsg{Content: "p\u2066q\x1b[31mr"} })
	if out := m.render(); strings.ContainsAny(out, "\u202e\u2066") || strings.Contains(out, "\x1b[31mr") {
		t.Fatal("typed or pasted control characters reached the screen")
	}
	if f, ok := checkinScreen(m).layers.top().(*form); !ok || !strings.HasSuffix(f.value("Full name"), "xypq[31mr") {
		t.Fatalf("what was typed: %q", f.value("Full name"))
	}
}
