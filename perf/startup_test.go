package perf

import (
	"flag"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"convene/i18n"
)

var (
	startupN       = flag.Int("startup.n", 1000, "participants imported on top of the demo event")
	startupRuns    = flag.Int("startup.runs", 3, "starts measured per opening screen")
	startupScreens = flag.String("startup.screens", "Agenda,Check-in,Topics", "opening screens to measure (comma-separated)")
	startupBudget  = flag.Duration("startup.budget", 0, "fail when a screen's p90 from exec to the complete frame exceeds this (0: report only; never under -race)")
)

// complete says when an opening screen shows its data: not the chrome or a
// "Loading…" line, but the table (and on Check-in the counts with the
// roster's total).
func complete(screen string, total int) func(text, styled string) bool {
	p := i18n.New(*appLang) // the screen is in the app's language
	w := p.Word
	switch screen {
	case "Agenda":
		return func(text, _ string) bool { return lineWith(text, w("Plan"), w("Title"), w("Presenter"), w("State")) }
	case "Check-in":
		// «Checked in 61 / 1,120 (5%)»: the total with any digit grouping.
		number := `([\d,.\x{a0}\x{202f} ]+)`
		// the line as the app words it, with single digits where the numbers go
		pattern := regexp.QuoteMeta(strings.Split(p.T("Checked in %d / %d (%d%%)", 7, 9, 5), " (")[0])
		counts := regexp.MustCompile(strings.Replace(strings.Replace(pattern, "7", number, 1), "9", number, 1))
		want := strconv.Itoa(total)
		return func(text, _ string) bool {
			m := counts.FindStringSubmatch(text)
			return m != nil && digits(m[2]) == want && lineWith(text, w("Name"), w("Organisation"), w("Category"))
		}
	case "Topics":
		return func(text, _ string) bool { return lineWith(text, w("Votes"), w("Topic"), w("Status"), w("Raised by")) }
	}
	return nil
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// TestStartup measures, in a real pseudo-terminal of 120×40, the time from
// exec to the first frame and to the first complete frame on each opening
// screen, on the demo event plus -startup.n distinct people:
//
//	go test ./perf -run TestStartup -startup.n=10000 -startup.runs=20 -v
func TestStartup(t *testing.T) {
	needTerminal(t)
	bin := binary(t)
	db := database(t, bin, *startupN)
	for _, screen := range strings.Split(*startupScreens, ",") {
		screen = strings.TrimSpace(screen)
		done := complete(screen, db.total)
		if done == nil {
			t.Fatalf("-startup.screens: no screen %q (Agenda, Check-in, Topics)", screen)
		}
		t.Run(screen, func(t *testing.T) {
			setScreen(t, db.path, screen)
			var firsts, fulls []time.Duration
			for run := range *startupRuns {
				s := startSession(t, bin, "--db", db.path)
				first, err := s.waitFor(60*time.Second, nonBlank)
				if err != nil {
					t.Fatalf("run %d: first frame: %v", run+1, err)
				}
				full, err := s.waitFor(60*time.Second, done)
				if err != nil {
					t.Fatalf("run %d: complete frame: %v", run+1, err)
				}
				s.stop()
				firsts = append(firsts, first.Sub(s.start))
				fulls = append(fulls, full.Sub(s.start))
			}
			f50, f90, fmax := percentiles(firsts)
			c50, c90, cmax := percentiles(fulls)
			t.Logf("%d people (%d in the event), %s, %d runs: first frame p50 %s p90 %s max %s · complete frame p50 %s p90 %s max %s",
				*startupN, db.total, screen, len(fulls), ms(f50), ms(f90), ms(fmax), ms(c50), ms(c90), ms(cmax))
			if *startupBudget > 0 && !raceEnabled && c90 > *startupBudget {
				t.Errorf("%s: p90 to the complete frame %s, budget %s", screen, ms(c90), ms(*startupBudget))
			}
		})
	}
}
