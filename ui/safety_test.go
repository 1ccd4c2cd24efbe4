package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The repros of "Safe in front of the room", each a test.

func hereCount(t *testing.T, m *Model) int {
	t.Helper()
	att, err := m.c.Store.Attendance(context.Background(), m.c.Cur.Session.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(att)
}

func TestNoPhantomCheckIns(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "2")
	s := checkinScreen(m)
	before := hereCount(t, m)
	// Enter Enter after a search checks in one person, not a second one
	press(m, "ctrl+f", "ctrl+f") // not yet here, so the first Enter checks in
	typeText(m, "seitkaz")
	first := highlightedName(m)
	press(m, "enter", "enter")
	if got := hereCount(t, m); got != before+1 {
		t.Fatalf("Enter Enter checked in %d people", got-before)
	}
	if !strings.Contains(screenText(m), "✓ "+first) {
		t.Errorf("status does not name %q:\n%s", first, screenText(m))
	}
	// after a check-in nothing is highlighted
	if _, ok := s.highlighted(); ok {
		t.Error("a row is highlighted after the check-in")
	}
	// Esc then Enter on an empty search checks in nobody and says what to do
	typeText(m, "xyz")
	press(m, "esc", "enter")
	if got := hereCount(t, m); got != before+1 {
		t.Fatalf("Esc Enter checked someone in")
	}
	if !strings.Contains(screenText(m), "Nobody is highlighted") {
		t.Errorf("no hint:\n%s", screenText(m))
	}
	// a second Enter within the same second after a search does nothing more
	typeText(m, "seitkaz")
	m.c.keyNow = func() time.Time { return fixedNow.Add(time.Hour) } // every key at the same instant...
	press(m, "enter")
	typeText(m, "a") // (typing in a burst does not matter here)
	if got := hereCount(t, m); got != before+1 {
		t.Fatalf("an Enter within the same second as the last check-in checked in")
	}
}

// burstKeys sends keys as a paste or scanner does: 1 ms apart.
func burstKeys(m *Model, start time.Time, text string) {
	t := start
	m.c.keyNow = func() time.Time { t = t.Add(time.Millisecond); return t }
	for _, r := range text {
		msg := tea.KeyPressMsg{Code: r, Text: string(r)}
		if r == '\n' {
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		}
		run(m, func() tea.Msg { return msg })
	}
	m.c.keyNow = humanKeys()
}

func TestPastingNeverChecksIn(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "2")
	s := checkinScreen(m)
	before := hereCount(t, m)
	// a bracketed paste of several lines is search text
	run(m, func() tea.Msg { return tea.PasteMsg{Content: "Нурланов\nСейтказиев\n"} })
	if got := s.search.Value(); got != "Нурланов Сейтказиев" {
		t.Errorf("bracketed paste gave %q", got)
	}
	press(m, "esc")
	// a raw paste (no bracketed paste): one key per character, two line breaks
	burstKeys(m, fixedNow.Add(time.Hour), "Нурланов\nСейтказиев\n")
	run(m, func() tea.Msg { return enterDecideMsg{s.enterSeq} })
	if got := hereCount(t, m); got != before {
		t.Fatalf("a raw multi-line paste checked in %d people", got-before)
	}
	if got := strings.TrimSpace(s.search.Value()); got != "Нурланов Сейтказиев" {
		t.Errorf("raw paste gave %q", got)
	}
	press(m, "esc", "ctrl+f", "ctrl+f") // not yet here
	// a badge scanner: a code and one Enter at the end of the burst checks in
	burstKeys(m, fixedNow.Add(2*time.Hour), "seitkaz\n")
	if got := hereCount(t, m); got != before {
		t.Fatal("checked in before the burst was over")
	}
	run(m, func() tea.Msg { return enterDecideMsg{s.enterSeq} })
	if got := hereCount(t, m); got != before+1 {
		t.Fatalf("the scanner's Enter did not check in: %d", got-before)
	}
}

func TestEarlierSessionsMarked(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	press(m, "f2", "down", "enter") // part 2
	press(m, "2")
	s := checkinScreen(m)
	if !s.hasEarlier {
		t.Fatal("part 2 does not know part 1")
	}
	press(m, "ctrl+f", "ctrl+f", "ctrl+f")
	if s.filter != showEarlier || len(s.results) == 0 {
		t.Fatalf("filter %d: %d results", s.filter, len(s.results))
	}
	for _, i := range s.results {
		if !s.earlier[i] {
			t.Fatalf("%s did not come to part 1", s.index.Person(i).FullName)
		}
	}
	if !strings.Contains(screenText(m), "• ") || !strings.Contains(screenText(m), "came to an earlier session") {
		t.Errorf("no mark or filter name:\n%s", screenText(m))
	}
}
