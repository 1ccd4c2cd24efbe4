package ui

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/model"
)

// The check-in screen's "from paper" mode (ctrl+p): when the desk was down
// and people signed a paper sheet, the sheet is typed in afterwards. Each
// check-in made in this mode is marked as from paper and dated at the
// session's start, unless a time is typed after the name («Нурланов
// 10:20»). The header says so in the warning colour as long as it lasts.

// timeWord is a time typed at the end of the search: 10:20, 9.05.
var timeWord = regexp.MustCompile(`^([01]?\d|2[0-3])[:.]([0-5]\d)$`)

// splitTime splits a time typed as the last word of a search off it:
// "Нурланов 10:20" is "Нурланов" and 10 h 20 min.
func splitTime(q string) (string, time.Duration) {
	f := strings.Fields(q)
	if len(f) == 0 {
		return q, -1
	}
	m := timeWord.FindStringSubmatch(f[len(f)-1])
	if m == nil {
		return q, -1
	}
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	return strings.Join(f[:len(f)-1], " "), time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute
}

// paperStart is the session's planned start, when a paper check-in with no
// time typed is dated.
func (s *checkin) paperStart() time.Time {
	return model.SessionStart(s.c.Cur.Session, s.c.Now(), time.Local)
}

// paperTime is the time a paper check-in is dated: the one typed after
// the name, on the session's day, or the session's start.
func (s *checkin) paperTime() time.Time {
	start := s.paperStart()
	if _, d := splitTime(s.search.Value()); d >= 0 {
		y, m, day := start.Date()
		return time.Date(y, m, day, 0, 0, 0, 0, start.Location()).Add(d)
	}
	return start
}

// togglePaper switches the "from paper" mode on or off.
func (s *checkin) togglePaper() tea.Cmd {
	s.paper = !s.paper
	s.refilter()
	s.SetSize(s.width, s.height)
	if s.paper {
		return statusCmd(s.c.T("From paper: check-ins are dated %s (the session's start) unless you type a time after the name; ctrl+p ends", localClock(s.paperStart())))
	}
	return statusCmd(s.c.T("Back to the desk: check-ins are dated now"))
}

// paperLine is the banner over the search while the mode lasts.
func (s *checkin) paperLine() string {
	return fit(s.c.T("FROM PAPER · dated %s unless a time follows the name (Name 10:20) · ctrl+p ends", localClock(s.paperStart())), s.width)
}

// extraLines is how many lines the counts and the banners take beyond the
// search and the total line.
func (s *checkin) extraLines() int {
	n := 0
	if s.paper {
		n++
	}
	if s.merging != "" {
		n++
	}
	return n
}
