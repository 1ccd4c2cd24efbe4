package report

import (
	"strings"
	"testing"
	"time"

	"convene/model"
)

func at(day, h, m, s int) time.Time { return time.Date(2026, 11, day, h, m, s, 0, time.UTC) }

// agendaItems: A 30, B 60, C 45, D 20 from 09:00; plan 09:00 09:30 10:30 11:15, ends 11:35.
func agendaItems() []model.AgendaItem {
	mk := func(title string, min int) model.AgendaItem {
		return model.AgendaItem{ID: title, Title: title, Kind: model.KindTalk, PlannedMinutes: min, Clock: model.Clock{Planned: time.Duration(min) * time.Minute}}
	}
	return []model.AgendaItem{mk("A", 30), mk("B", 60), mk("C", 45), mk("D", 20)}
}

func act(t *testing.T, items []model.AgendaItem, sel int, a model.AgendaAction, d time.Duration, now time.Time) {
	t.Helper()
	if _, err := model.ApplyAgenda(items, sel, a, d, now); err != nil {
		t.Fatal(err)
	}
}

func csvOf(t *testing.T, r AgendaReportData) string {
	t.Helper()
	var b strings.Builder
	if err := r.CSV(&b); err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(strings.TrimPrefix(b.String(), "\xEF\xBB\xBF"), "\r\n", "\n")
}

func mdOf(t *testing.T, r AgendaReportData) string {
	t.Helper()
	var b strings.Builder
	if err := r.Markdown(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestAgendaReportToday(t *testing.T) {
	s := model.Session{Title: "Part 1", Date: "2026-11-27", StartTime: "09:00"}
	items := agendaItems()
	act(t, items, 0, model.ActToggle, 0, at(27, 9, 0, 0))
	act(t, items, -1, model.ActNext, 0, at(27, 9, 34, 29))              // A ran 34:29 → 34 min
	act(t, items, -1, model.ActExtend, 5*time.Minute, at(27, 9, 40, 0)) // B +5
	act(t, items, 2, model.ActSkip, 0, at(27, 9, 41, 0))                // C skipped: the plan keeps its slot
	r := AgendaReport(s, items, at(27, 10, 50, 40))                     // B has run 76:11
	want := `Planned start,Title,Presenter,Kind,Planned min,Extension min,Actual start,Actual min,Overrun min,State
09:00,A,,talk,30,,09:00,34,+4,done
09:30,B,,talk,60,+5,09:34,76,+11,running
10:30,C,,talk,45,,,,,skipped
11:15,D,,talk,20,,,,,upcoming
,Session drift (min),,,,,,,-24,ends 11:11 (planned 11:35)
`
	if got := csvOf(t, r); got != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", got, want)
	}
	md := mdOf(t, r)
	for _, w := range []string{
		"| Planned start | Title | Presenter | Kind | Planned min | Extension min | Actual start | Actual min | Overrun min | State |",
		"| 09:00 | A |  | talk | 30 |  | 09:00 | 34 | +4 | done |",
		"| 09:30 | B |  | talk | 60 | +5 | 09:34 | 76 | +11 | running |",
		"**Session drift:** -24 min · ends 11:11 (planned 11:35)",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("Markdown lacks %q:\n%s", w, md)
		}
	}
}

func TestAgendaReportOtherDays(t *testing.T) {
	tests := []struct {
		name  string
		date  string
		setup func(t *testing.T, items []model.AgendaItem)
		now   time.Time
		want  []string // lines of the CSV
		not   []string
	}{
		{"eight days ago, nothing started", "2026-11-19", func(*testing.T, []model.AgendaItem) {}, at(27, 10, 0, 0),
			[]string{"09:00,A,,talk,30,,,,,not held", "11:15,D,,talk,20,,,,,not held",
				",Not held,,,,,,,,no item of this session was started (planned 09:00–11:35)"},
			[]string{"drift", "+11"}},
		{"yesterday: what ran", "2026-11-26", func(t *testing.T, items []model.AgendaItem) {
			act(t, items, 0, model.ActToggle, 0, at(26, 9, 10, 0))
			act(t, items, -1, model.ActNext, 0, at(26, 9, 45, 30)) // A 35:30 → 36
			act(t, items, -1, model.ActNext, 0, at(26, 10, 40, 0)) // B 54:30 → 55, C starts
			act(t, items, -1, model.ActFinish, 0, at(26, 11, 0, 0))
		}, at(27, 16, 0, 0),
			[]string{"09:00,A,,talk,30,,09:10,36,+6,done", "09:30,B,,talk,60,,09:46,55,-5,done",
				"10:30,C,,talk,45,,10:40,20,-25,done", "11:15,D,,talk,20,,,,,not held",
				",Session drift (min),,,,,,,-35,ended 11:00 (planned 11:35)"},
			nil},
		{"yesterday, a clock never stopped", "2026-11-26", func(t *testing.T, items []model.AgendaItem) {
			act(t, items, 0, model.ActToggle, 0, at(26, 9, 0, 0))
		}, at(27, 16, 0, 0),
			[]string{"09:00,A,,talk,30,,09:00,,,never stopped", ",Session drift (min),,,,,,,-125,ended 09:30 (planned 11:35)"},
			nil},
		{"a future session: the plan", "2026-12-01", func(t *testing.T, items []model.AgendaItem) {
			act(t, items, 1, model.ActSkip, 0, at(27, 9, 0, 0))
		}, at(27, 10, 0, 0),
			[]string{"09:30,B,,talk,60,,,,,skipped", "11:15,D,,talk,20,,,,,upcoming",
				",Not held yet,,,,,,,,planned 09:00–11:35; with the skipped items it ends 10:35"},
			[]string{"drift"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := agendaItems()
			tt.setup(t, items)
			got := csvOf(t, AgendaReport(model.Session{Title: "P", Date: tt.date, StartTime: "09:00"}, items, tt.now))
			lines := strings.Split(got, "\n")
			for _, w := range tt.want {
				found := false
				for _, l := range lines {
					found = found || l == w
				}
				if !found {
					t.Errorf("no line %q in\n%s", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(strings.ToLower(got), n) {
					t.Errorf("%q in\n%s", n, got)
				}
			}
		})
	}
}
