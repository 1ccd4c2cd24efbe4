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
	startupAgainst = flag.String("startup.against", "", "another convene binary (an older build, say) started alternately with the one measured, on the same database: the comparison is then from one run")
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
//
// With -startup.against=BIN it starts BIN too, alternately with the binary
// measured (which goes first changes every run), and reports both.
func TestStartup(t *testing.T) {
	needTerminal(t)
	bins := []string{binary(t)}
	if *startupAgainst != "" {
		bins = append(bins, *startupAgainst)
	}
	db := database(t, bins[0], *startupN)
	for _, screen := range strings.Split(*startupScreens, ",") {
		screen = strings.TrimSpace(screen)
		done := complete(screen, db.total)
		if done == nil {
			t.Fatalf("-startup.screens: no screen %q (Agenda, Check-in, Topics)", screen)
		}
		t.Run(screen, func(t *testing.T) {
			setScreen(t, db.path, screen)
			firsts, fulls := make([][]time.Duration, len(bins)), make([][]time.Duration, len(bins))
			for run := range *startupRuns {
				for k := range bins {
					i := (k + run) % len(bins)
					first, full := startOnce(t, bins[i], db.path, done, run)
					firsts[i], fulls[i] = append(firsts[i], first), append(fulls[i], full)
				}
			}
			for i, bin := range bins {
				f50, f90, fmax := percentiles(firsts[i])
				c50, c90, cmax := percentiles(fulls[i])
				who := ""
				if i > 0 {
					who = " · against " + bin
				}
				t.Logf("%d people (%d in the event), %s, %d runs%s: first frame p50 %s p90 %s max %s · complete frame p50 %s p90 %s max %s",
					*startupN, db.total, screen, len(fulls[i]), who, ms(f50), ms(f90), ms(fmax), ms(c50), ms(c90), ms(cmax))
			}
			if len(bins) > 1 {
				a50, a90, _ := percentiles(fulls[0])
				b50, b90, _ := percentiles(fulls[1])
				t.Logf("%s: the binary measured takes %.2f× (p50) and %.2f× (p90) the time of the other", screen,
					float64(a50)/float64(b50), float64(a90)/float64(b90))
			}
			if _, c90, _ := percentiles(fulls[0]); *startupBudget > 0 && !raceEnabled && c90 > *startupBudget {
				t.Errorf("%s: p90 to the complete frame %s, budget %s", screen, ms(c90), ms(*startupBudget))
			}
		})
	}
}

// startOnce starts bin on the database and returns how long it took to the
// first frame and to the complete one.
func startOnce(t *testing.T, bin, db string, done func(text, styled string) bool, run int) (first, full time.Duration) {
	t.Helper()
	s := startSession(t, bin, "--db", db)
	f, err := s.waitFor(60*time.Second, nonBlank)
	if err != nil {
		t.Fatalf("run %d, %s: first frame: %v", run+1, bin, err)
	}
	c, err := s.waitFor(60*time.Second, done)
	if err != nil {
		t.Fatalf("run %d, %s: complete frame: %v", run+1, bin, err)
	}
	s.stop()
	return f.Sub(s.start), c.Sub(s.start)
}
