package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"convene/model"
)

func agendaScreen(m *Model) *agenda { return m.screens[ScreenAgenda].(*agenda) }

func TestAgendaClockKeys(t *testing.T) {
	m, st, clk := testApp(t, 100, 30, false)
	a := agendaScreen(m)
	if m.ticking() {
		t.Fatal("ticking with no clock running")
	}
	press(m, "space")
	if a.items[0].Clock.State() != model.ClockRunning || !m.ticking() {
		t.Fatalf("space did not start the first item")
	}
	if !strings.Contains(screenText(m), "▶ Registration and welcome coffee at 10:15:00") {
		t.Errorf("status:\n%s", screenText(m))
	}
	// the store has it before the screen says so
	items, _ := st.AgendaItems(context.Background(), m.c.Cur.Session.ID)
	if items[0].Clock.State() != model.ClockRunning {
		t.Fatal("not committed")
	}
	clk.t = fixedNow.Add(29 * time.Minute)
	run(m, func() tea.Msg { return secondMsg{} })
	golden.RequireEqual(t, screenText(m)) // warning: 1 minute left
	clk.t = fixedNow.Add(33*time.Minute + 12*time.Second)
	if !strings.Contains(screenText(m), "+03:12 over") {
		t.Errorf("no overrun shown:\n%s", screenText(m))
	}
	press(m, "+")
	if a.items[0].Clock.Budget() != 31*time.Minute {
		t.Errorf("+ gave budget %v", a.items[0].Clock.Budget())
	}
	press(m, ">", "-")
	if a.items[0].Clock.Budget() != 35*time.Minute || !strings.Contains(screenText(m), "30+5") {
		t.Errorf("> then - gave budget %v\n%s", a.items[0].Clock.Budget(), screenText(m))
	}
	press(m, "n")
	if a.items[0].Clock.State() != model.ClockDone || a.items[1].Clock.State() != model.ClockRunning {
		t.Fatalf("n did not move on")
	}
	if out := screenText(m); !strings.Contains(out, "On time · ends 18:40") || !strings.Contains(out, "Lunch 14:15: reached in time (27 min spare)") { // the lunch absorbs 3 min
		t.Errorf("drift not shown:\n%s", screenText(m))
	}
	press(m, "space")
	if a.items[1].Clock.State() != model.ClockPaused || m.ticking() {
		t.Errorf("space did not pause (or still ticking)")
	}
	press(m, "space")
	if a.items[1].Clock.State() != model.ClockRunning {
		t.Errorf("space did not resume")
	}
	// skip the next one, reset the first (with confirmation)
	press(m, "down", "s")
	if !a.items[2].Skipped {
		t.Error("s did not skip")
	}
	press(m, "home", "r", "n")
	if a.items[0].Clock.State() != model.ClockDone {
		t.Error("reset without confirmation")
	}
	press(m, "r", "y")
	if a.items[0].Clock.State() != model.ClockIdle {
		t.Error("r y did not reset")
	}
	// an item that never started: nothing to ask, nothing to reset
	press(m, "r")
	if _, asked := a.layers.top().(*confirm); asked || !strings.Contains(screenText(m), "has not started: nothing to reset") {
		t.Errorf("reset of an item not started:\n%s", screenText(m))
	}
}

func TestAgendaResumesAfterRestart(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	press(m, "n") // starts the first item at 10:15
	later := fixedNow.Add(61 * time.Second)
	m2 := New(Options{Store: st, Lang: "en", Clock: &clock{later}})
	run(m2, m2.Init())
	run(m2, func() tea.Msg { return teaWindow(100, 30) })
	if !strings.Contains(screenText(m2), "elapsed 01:01 of 30 min") || !strings.Contains(screenText(m2), "28:59 left") {
		t.Errorf("after restart:\n%s", screenText(m2))
	}
}

func TestAgendaEditKeys(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	a := agendaScreen(m)
	n := len(a.items)
	press(m, "a")
	typeText(m, "Press conference")
	press(m, "down")
	typeText(m, "Media team")
	press(m, "down", "right", "down", "ctrl+u")
	typeText(m, "25")
	press(m, "ctrl+s")
	if len(a.items) != n+1 || a.items[1].Title != "Press conference" || a.items[1].PlannedMinutes != 25 || a.items[1].Kind != model.KindPanel {
		t.Fatalf("add: %+v", a.items[1])
	}
	if a.list.pos != 1 {
		t.Errorf("new item not highlighted: %d", a.list.pos)
	}
	press(m, "K")
	if a.items[0].Title != "Press conference" {
		t.Errorf("K did not move up: %s", a.items[0].Title)
	}
	press(m, "c")
	if a.items[1].Title != "Press conference" || len(a.items) != n+2 {
		t.Errorf("c did not duplicate")
	}
	press(m, "d", "y")
	if len(a.items) != n+1 {
		t.Errorf("d y did not delete")
	}
	press(m, "e", "down", "down", "down", "down")
	typeText(m, "13:00")
	press(m, "ctrl+s")
	if a.selected().PinnedStart != "13:00" {
		t.Errorf("pin not saved: %+v", a.selected())
	}
	press(m, "e", "down", "down", "down", "ctrl+u")
	typeText(m, "lots")
	press(m, "ctrl+s")
	if !strings.Contains(screenText(m), "Minutes: a whole number from 0 to 1,440") {
		t.Errorf("bad minutes accepted:\n%s", screenText(m))
	}
}

func TestSpeakerView(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m, _, clk := testApp(t, size[0], size[1], false)
			press(m, "space")
			clk.t = fixedNow.Add(12*time.Minute + 5*time.Second)
			press(m, "b")
			out := screenText(m)
			lines := strings.Split(out, "\n")
			if len(lines) > size[1] {
				t.Errorf("%d lines", len(lines))
			}
			big := 0
			for _, l := range lines {
				if ansi.StringWidth(l) > size[0] {
					t.Errorf("line too wide: %d", ansi.StringWidth(l))
				}
				if strings.Contains(l, "█") {
					big++
				}
			}
			if big < 5 || (size[1] == 60 && big < 30) {
				t.Errorf("digits %d rows tall", big)
			}
			if !strings.Contains(out, "17:55 left") || !strings.Contains(out, "Next: Opening of the seminar") {
				t.Errorf("speaker view lacks time or next:\n%s", out)
			}
			golden.RequireEqual(t, out)
			press(m, "x")
			if !agendaScreen(m).layers.empty() {
				t.Error("any key did not return")
			}
		})
	}
}

func TestSpeakerViewNoColorOverTime(t *testing.T) {
	m, _, clk := testApp(t, 80, 24, false)
	m.c.Styles = NewStyles(true, true)
	press(m, "space")
	clk.t = fixedNow.Add(31 * time.Minute)
	press(m, "b")
	out := m.render()
	if strings.Contains(out, "[38;") || strings.Contains(out, "[48;") || strings.Contains(out, ";38;") {
		t.Errorf("colour codes with NO_COLOR")
	}
	if !strings.Contains(out, "\x1b[1;7m") && !strings.Contains(out, "\x1b[7;1m") {
		t.Errorf("over time is not bold+reverse: %q", out[:200])
	}
	if !strings.Contains(ansi.Strip(out), "+01:00 over") {
		t.Errorf("no overrun text")
	}
}

func TestPromptsCaptureEveryKey(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	n := len(agendaScreen(m).items)
	if press(m, "d", "q") {
		t.Fatal("q quit while the delete question was open")
	}
	if len(agendaScreen(m).items) != n || m.active != ScreenAgenda {
		t.Error("q answered the question wrongly")
	}
	press(m, "3")
	tp := topicsScreen(m)
	k := len(tp.topics)
	if press(m, "d", "2") || len(tp.topics) != k || m.active != ScreenTopics {
		t.Error("2 during the delete question switched screens or deleted")
	}
}
