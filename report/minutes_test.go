package report

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"convene/model"
)

func TestMinutesMarkdown(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	clk := func(min int, mins int) model.Clock {
		c := model.Clock{Planned: 10 * time.Minute, Extra: time.Duration(mins-10) * time.Minute}
		c, _ = c.Start(t0)
		c, _ = c.Finish(t0.Add(time.Duration(min) * time.Minute))
		return c
	}
	m := Minutes{
		Event:    model.Event{Name: "Seminar # on *rights*", Venue: "Taraz", StartDate: "2026-11-27", EndDate: "2026-11-28"},
		Sessions: []model.Session{{ID: "s1", Title: "Part 1 — Taraz"}},
		Now:      t0.Add(2 * time.Hour),
		Topics: []model.Topic{
			{ID: "1", SessionID: "s1", Title: "Complaints to UN committees", Votes: 9, Status: model.TopicDone, TimeboxMinutes: 10, RaisedBy: model.RaisedByParticipant,
				ParticipantName: "Нурланова Айгерим", Notes: "Deadlines differ.\n- one\n# not a heading", Outcome: "Prepare a leaflet | in Kazakh", Clock: clk(13, 12), CreatedAt: t0},
			{ID: "2", Title: "## Injected heading\n| table |", Votes: 3, Status: model.TopicParked, TimeboxMinutes: 10, RaisedBy: model.RaisedByAnonymous, CreatedAt: t0.Add(time.Minute)},
			{ID: "3", Title: "Access to a lawyer", Votes: 7, Status: model.TopicProposed, TimeboxMinutes: 10, RaisedBy: model.RaisedByFloor, Details: "New CPC <script>", CreatedAt: t0.Add(2 * time.Minute)},
		},
		Actions: map[string][]model.ActionItem{"1": {{What: "Draft the leaflet", Who: "Ombudsman's office", Due: "2026-12-15"}, {What: "Share [link](http://x)", Who: "OSCE"}}},
	}
	var b strings.Builder
	if err := m.Markdown(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"\n## Injected", "\n- one", "\n# not", "<script>", "[link]("} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown injection %q survived", bad)
		}
	}
	headings := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "#") {
			headings++
		}
	}
	if headings != 1+3+3 { // title, 3 sections, 3 topics
		t.Errorf("%d headings:\n%s", headings, out)
	}
	golden.RequireEqual(t, out)
	var c strings.Builder
	if err := m.CSV(&c); err != nil || !strings.Contains(c.String(), "Draft the leaflet / Ombudsman's office / 2026-12-15") {
		t.Errorf("csv: %v %q", err, c.String())
	}
}

func TestMain(m *testing.M) {
	time.Local = time.UTC // golden files show local times
	os.Exit(m.Run())
}
