package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

func checkinScreen(m *Model) *checkin { return m.screens[ScreenCheckIn].(*checkin) }

func highlightedName(m *Model) string {
	s := checkinScreen(m)
	i, ok := s.highlighted()
	if !ok {
		return ""
	}
	return s.index.Person(i).FullName
}

func TestCheckInByTypingInTheOtherScript(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	press(m, "2")
	s := checkinScreen(m)
	typeText(m, "kudaibergen")
	if len(s.found()) == 0 || !strings.HasPrefix(highlightedName(m), "Құдайберген") {
		t.Fatalf("Latin query did not find the Kazakh name; first = %q", highlightedName(m))
	}
	golden.RequireEqual(t, screenText(m))
	before := s.counts.here
	name := highlightedName(m)
	wasHere := !s.hereAt[s.found()[0]].IsZero()
	press(m, "enter")
	if s.search.Value() != "" || !s.search.Focused() {
		t.Error("search not cleared and focused after check-in")
	}
	if wasHere {
		t.Skip("demo person already here; covered by TestCheckInAlreadyHere")
	}
	if s.counts.here != before+1 {
		t.Errorf("count %d -> %d", before, s.counts.here)
	}
	if want := "✓ " + name + " — 10:15"; !strings.Contains(screenText(m), want) {
		t.Errorf("status lacks %q:\n%s", want, screenText(m))
	}
	here, _ := st.Attendance(context.Background(), m.c.Cur.Session.ID)
	if len(here) != before+1 {
		t.Errorf("store has %d here, want %d", len(here), before+1)
	}
}

func TestCheckInAlreadyHereChangesNothing(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "2", "ctrl+f") // checked in only
	s := checkinScreen(m)
	if s.filter != showHere || len(s.found()) != s.counts.here {
		t.Fatalf("filter here: %d results, %d here", len(s.found()), s.counts.here)
	}
	press(m, "down") // the first ↓ shows the highlight on the first row
	name, before := highlightedName(m), s.counts.here
	press(m, "enter")
	if s.counts.here != before || !strings.Contains(screenText(m), name+" is already checked in (arrived") {
		t.Errorf("already-here check-in:\n%s", screenText(m))
	}
	press(m, "ctrl+f")
	if s.filter != showNotYet || len(s.found()) != s.counts.total-s.counts.here {
		t.Errorf("filter not-yet: %d results", len(s.found()))
	}
	press(m, "ctrl+f")
	if s.filter != showAll || len(s.found()) != s.counts.total {
		t.Errorf("filter all: %d results", len(s.found()))
	}
}

func TestUndoAndUncheck(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	press(m, "2", "ctrl+f", "ctrl+f") // not yet here
	s := checkinScreen(m)
	press(m, "down")
	first := highlightedName(m)
	press(m, "enter")
	here := s.counts.here
	press(m, "ctrl+z")
	if s.counts.here != here-1 || !strings.Contains(screenText(m), "Check-in of "+first+" undone") {
		t.Fatalf("undo:\n%s", screenText(m))
	}
	press(m, "ctrl+z")
	if scr := screenText(m); !strings.Contains(scr, "nothing to undo: no check-in at this desk") || strings.Contains(scr, "Error:") {
		t.Errorf("second undo should say there is nothing to undo, not as an error:\n%s", scr)
	}
	// un-check a demo arrival: ctrl+x asks, n keeps, y removes
	press(m, "ctrl+f", "ctrl+f") // not yet -> all -> checked in
	press(m, "down")
	name := highlightedName(m)
	here = s.counts.here
	press(m, "ctrl+x")
	if !strings.Contains(screenText(m), "Un-check "+name) {
		t.Fatalf("no confirmation:\n%s", screenText(m))
	}
	press(m, "n")
	if s.counts.here != here {
		t.Fatal("n un-checked anyway")
	}
	press(m, "down")
	unchecked := highlightedName(m)
	before, _ := st.Attendance(context.Background(), m.c.Cur.Session.ID)
	press(m, "ctrl+x", "y")
	if s.counts.here != here-1 {
		t.Fatalf("y did not un-check")
	}
	att, _ := st.Attendance(context.Background(), m.c.Cur.Session.ID)
	if len(att) != s.counts.here {
		t.Errorf("store %d vs screen %d", len(att), s.counts.here)
	}
	// ctrl+z now gives the un-check back (not the desk's last check-in)
	press(m, "ctrl+z")
	if s.counts.here != here || !strings.Contains(screenText(m), "Un-check of "+unchecked+" undone: here again") {
		t.Fatalf("ctrl+z after an un-check:\n%s", screenText(m))
	}
	after, _ := st.Attendance(context.Background(), m.c.Cur.Session.ID)
	if len(after) != len(before) {
		t.Errorf("%d here after ctrl+z, want %d as before the un-check", len(after), len(before))
	}
	for id, at := range before {
		if !after[id].Equal(at) {
			t.Errorf("%s: here since %v after ctrl+z, want %v as before the un-check", id, after[id], at)
		}
	}
}

func TestWalkInWithDuplicateCheck(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "2")
	s := checkinScreen(m)
	total := s.counts.total
	// an existing name, typed in Latin, is offered as a duplicate
	existing := s.index.Person(0).FullName
	typeText(m, "zzz")
	press(m, "ctrl+n")
	if f, ok := s.layers.top().(*form); !ok || f.value("Full name") != "zzz" {
		t.Fatalf("walk-in form did not open with the query: %T", s.layers.top())
	}
	for range 3 {
		press(m, "backspace")
	}
	typeText(m, existing)
	golden.RequireEqual(t, screenText(m))
	press(m, "ctrl+s")
	if d, ok := s.layers.top().(*picker); !ok || d.n == 0 {
		t.Fatalf("no duplicate warning for %q", existing)
	}
	press(m, "enter") // check in the existing person instead
	if !s.layers.empty() || s.counts.total != total {
		t.Fatalf("picking the duplicate added someone: %d", s.counts.total)
	}
	// a genuinely new person is saved and checked in
	press(m, "ctrl+n")
	typeText(m, "Зарина Утегенова")
	press(m, "down", "down") // the surname: empty, the first word
	typeText(m, "Human Rights Bureau")
	press(m, "down", "down")
	typeText(m, "civil")
	press(m, "right") // completes "civil society"
	if got := s.layers.top().(*form).value("Category"); got != "civil society" {
		t.Errorf("category completion = %q", got)
	}
	press(m, "down", "left") // gender: not stated -> male
	press(m, "ctrl+s")
	if !s.layers.empty() || s.counts.total != total+1 {
		t.Fatalf("walk-in not saved: %T total %d", s.layers.top(), s.counts.total)
	}
	if !strings.Contains(screenText(m), "Зарина Утегенова registered and checked in — 10:15") {
		t.Errorf("status:\n%s", screenText(m))
	}
	typeText(m, "zarina")
	if highlightedName(m) != "Зарина Утегенова" || s.hereAt[s.found()[0]].IsZero() {
		t.Errorf("walk-in not found as checked in")
	}
	// edit her organisation
	press(m, "ctrl+e", "down", "down", "ctrl+u")
	typeText(m, "Ombudsman")
	press(m, "ctrl+s", "esc")
	typeText(m, "zarina")
	if p := s.index.Person(s.found()[0]); p.Organisation != "Ombudsman" || p.Gender != "male" {
		t.Errorf("edit: %+v", p)
	}
}

func TestImportFromTheApp(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	path := filepath.Join(t.TempDir(), "roster.csv")
	if err := os.WriteFile(path, []byte("ФИО;Организация;Пол\r\nТестов Тест;Суд;М\r\n;Суд;Ж\r\nБез Пола;Суд;банан\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	press(m, "2", "ctrl+o")
	typeText(m, path)
	press(m, "enter")
	s := checkinScreen(m)
	if _, ok := s.layers.top().(*confirm); !ok || !strings.Contains(screenText(m), "1 to add, 0 already present, 2 rejected") {
		t.Fatalf("no preview:\n%s", screenText(m))
	}
	total := s.counts.total
	press(m, "y")
	if s.counts.total != total+1 || !strings.Contains(screenText(m), "Imported: 1 added") {
		t.Fatalf("import: total %d\n%s", s.counts.total, screenText(m))
	}
	press(m, "ctrl+o")
	typeText(m, filepath.Join(t.TempDir(), "missing.csv"))
	press(m, "enter")
	if !strings.Contains(screenText(m), "Error:") {
		t.Errorf("missing file gave no error:\n%s", screenText(m))
	}
}

func TestCheckinNavigation(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "2")
	s := checkinScreen(m)
	press(m, "down", "down") // the first ↓ only shows the highlight
	if s.list.pos != 1 || !s.armed {
		t.Errorf("down twice: %d", s.list.pos)
	}
	press(m, "end")
	if s.list.pos != len(s.found())-1 {
		t.Errorf("end: %d", s.list.pos)
	}
	press(m, "pgup")
	if s.list.pos != len(s.found())-1-s.list.height {
		t.Errorf("pgup: %d", s.list.pos)
	}
	press(m, "home")
	if s.list.pos != 0 {
		t.Errorf("home: %d", s.list.pos)
	}
	typeText(m, "xx")
	press(m, "esc")
	if s.search.Value() != "" || len(s.found()) != s.counts.total {
		t.Errorf("esc did not clear")
	}
}

// TestCategoriesInTheWindowsLanguage: a sector's own name in the list is
// shown in the window's language, as in the counts above it; a category
// the roster named itself is shown as written.
func TestCategoriesInTheWindowsLanguage(t *testing.T) {
	m, _, _ := testApp(t, 120, 40, false) // the English demo: categories are the sectors' own names
	press(m, "2", "f3")                   // English -> Russian
	if scr := screenText(m); !strings.Contains(scr, "гражданское общество") || strings.Contains(scr, "civil society") {
		t.Errorf("the categories are not in Russian:\n%s", scr)
	}
}
