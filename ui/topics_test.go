package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"convene/model"
)

func topicsScreen(m *Model) *topics { return m.screens[ScreenTopics].(*topics) }

func TestTopicsFlow(t *testing.T) {
	m, st, clk := testApp(t, 100, 30, false)
	press(m, "3")
	tp := topicsScreen(m)
	n := len(tp.topics)
	// add a topic raised by a participant found with the check-in search
	press(m, "a")
	typeText(m, "Hotline for torture victims")
	press(m, "down", "down", "right", "right") // raised by: floor -> anonymous -> participant
	press(m, "down")
	typeText(m, "kudaibergen nurb")
	if !strings.Contains(screenText(m), "→ Құдайбергенов Нұрбол") {
		t.Fatalf("no participant match shown:\n%s", screenText(m))
	}
	golden.RequireEqual(t, screenText(m))
	press(m, "down", "ctrl+u")
	typeText(m, "5")
	press(m, "enter")
	if len(tp.topics) != n+1 {
		t.Fatalf("topic not added")
	}
	added := tp.selected()
	if added.Title != "Hotline for torture victims" || added.ParticipantName != "Құдайбергенов Нұрбол" || added.TimeboxMinutes != 5 {
		t.Fatalf("added = %+v", added)
	}
	// votes: to the top of the list
	for range 21 {
		press(m, "+")
	}
	run(m, func() tea.Msg { return settleMsg{tp.settleSeq} }) // the pause after voting
	if tp.topics[0].Title != "Hotline for torture victims" || tp.topics[0].Votes != 21 {
		t.Fatalf("votes did not sort: %+v", tp.topics[0])
	}
	press(m, "-")
	if tp.topics[0].Votes != 20 {
		t.Errorf("- did not remove a vote")
	}
	press(m, "o")
	if tp.byVotes || !strings.HasPrefix(tp.topics[0].Title, "How to submit") {
		t.Errorf("o did not sort by order raised")
	}
	press(m, "o")
	// merge the last topic (3 votes) into the second
	press(m, "end", "m", "home", "down", "m", "y")
	if len(tp.topics) != n {
		t.Fatalf("merge: %d topics", len(tp.topics))
	}
	// discuss the top one past its timebox, continue, close with outcome and actions
	press(m, "home", "space")
	if !m.ticking() || tp.topics[0].Status != model.TopicDiscussing {
		t.Fatal("not discussing")
	}
	clk.t = fixedNow.Add(6 * time.Minute)
	seq := m.statusSeq
	run(m, func() tea.Msg { return clearStatusMsg{seq} }) // the status message has timed out
	if !strings.Contains(screenText(m), "Time is up for “Hotline for torture victims” (+01:00 over)") {
		t.Fatalf("no time-up question:\n%s", screenText(m))
	}
	press(m, "x")
	if tp.topics[0].Clock.Budget() != 7*time.Minute {
		t.Errorf("x: budget %v", tp.topics[0].Clock.Budget())
	}
	press(m, "n")
	typeText(m, "Many cases go unreported.")
	press(m, "enter")
	typeText(m, "Need a hotline.")
	press(m, "ctrl+s")
	if tp.topics[0].Notes != "Many cases go unreported.\nNeed a hotline." {
		t.Errorf("notes = %q", tp.topics[0].Notes)
	}
	press(m, "c")
	typeText(m, "Recommend a free hotline")
	press(m, "down")
	typeText(m, "Draft a proposal")
	press(m, "down")
	typeText(m, "NPM")
	press(m, "down")
	typeText(m, "15 Dec")
	press(m, "down")
	typeText(m, "Publish the minutes")
	press(m, "ctrl+s")
	top := tp.byID(added.ID)
	if top.Status != model.TopicDone || top.Outcome != "Recommend a free hotline" || len(tp.actions[top.ID]) != 2 {
		t.Fatalf("close: %+v %v", top, tp.actions[top.ID])
	}
	// park another, then write the minutes next to the database
	press(m, "down", "p")
	if tp.selected().Status != model.TopicParked {
		t.Errorf("p did not park")
	}
	press(m, "w")
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(st.Path()), "minutes-*.md"))
	if len(files) != 1 {
		t.Fatalf("minutes not written: %v", files)
	}
	data, _ := os.ReadFile(files[0])
	for _, want := range []string{"## Discussed (1)", "### Hotline for torture victims", "Recommend a free hotline", "| Draft a proposal | NPM | 15 Dec |", "## Parking lot (1)", "Raised by: anonymous"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("minutes lack %q", want)
		}
	}
	ts, _ := st.Topics(context.Background(), m.c.Cur.Event.ID)
	if len(ts) != len(tp.topics) {
		t.Error("screen and store disagree")
	}
}

func TestTopicsSpeakerAndDelete(t *testing.T) {
	m, _, clk := testApp(t, 80, 24, false)
	press(m, "3", "space")
	clk.t = fixedNow.Add(9 * time.Minute)
	press(m, "b")
	out := screenText(m)
	if !strings.Contains(out, "01:00 left") || strings.Count(out, "█") < 20 {
		t.Errorf("topic big clock:\n%s", out)
	}
	press(m, "q") // any key returns (and does not quit)
	tp := topicsScreen(m)
	if !tp.layers.empty() {
		t.Fatal("did not return")
	}
	n := len(tp.topics)
	press(m, "d", "n")
	if len(tp.topics) != n {
		t.Error("deleted without y")
	}
	press(m, "d", "y")
	if len(tp.topics) != n-1 {
		t.Error("d y did not delete")
	}
}
