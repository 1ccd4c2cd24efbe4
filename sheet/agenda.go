package sheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"convene/model"
)

// agendaAliases are the headers understood in an agenda, English, Russian
// and Kazakh. Which header means what:
//
//   - start (Start, Начало, Время начала, С): with an end column, the start
//     of a start–end pair that gives the duration; without one (the
//     duration then comes from Minutes, or from the next row's start), the
//     item's start time. In both cases a start that leaves a gap after the
//     items before it (lunch at 13:00 after a talk ending 12:40) pins the
//     item to that time, unless a fixed column says which items are pinned.
//   - time (Time, Время): a range 09:00–09:45 is a start–end pair; a single
//     time is read as a start.
//   - fixed (Fixed, Pinned, Фиксировано, Фикс.): a time pins the item to it;
//     yes / да / x pins it to its start.
var agendaAliases = map[string][]string{
	"title":     {"Title", "Item", "Topic", "Session", "Agenda item", "Название", "Наименование", "Тема", "Пункт", "Мероприятие", "Тақырып", "Атауы"},
	"minutes":   {"Minutes", "Duration", "Min", "Length", "Минуты", "Мин", "Минут", "Длительность", "Продолжительность", "Ұзақтығы", "Минут саны"},
	"start":     {"Start", "Start time", "From", "Begins", "Начало", "Время начала", "С", "Басталуы", "Басталу уақыты"},
	"end":       {"End", "End time", "To", "Until", "Ends", "Конец", "Окончание", "Время окончания", "До", "По", "Аяқталуы", "Аяқталу уақыты"},
	"time":      {"Time", "Время", "Уақыты", "Уақыт"},
	"presenter": {"Presenter", "Speaker", "Speakers", "Moderator", "Lead", "Докладчик", "Спикер", "Спикеры", "Выступающий", "Ведущий", "Модератор", "Баяндамашы"},
	"kind":      {"Kind", "Type", "Format", "Тип", "Формат", "Вид", "Түрі"},
	"notes":     {"Notes", "Comment", "Примечание", "Комментарий", "Ескертпе"},
	"fixed":     {"Fixed", "Fixed start", "Fixed time", "Pinned", "Фиксировано", "Фиксированное", "Фиксированное начало", "Фиксированное время", "Фикс", "Фикс."},
}

// AgendaFile is a parsed agenda file.
type AgendaFile struct {
	Source
	Items    []model.AgendaItem
	Lines    []int // the file line of each item
	Rejected []Rejected
	Ignored  []string // columns not understood
}

var (
	clockRe = regexp.MustCompile(`^(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([AaPp])?\.?\s*[Mm]?\.?$`)
	dateRe  = regexp.MustCompile(`^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$`)
	rangeRe = regexp.MustCompile(`^(\d{1,2}[:.]\d{2})\s*[-–—]\s*(\d{1,2}[:.]\d{2})$`)
	minRe   = regexp.MustCompile(`^(\d{1,4})\s*(m|min|mins|minutes|мин|минут|минуты|минута)?\.?$`)
	hmRe    = regexp.MustCompile(`^(\d{1,2}):(\d{2})$`)
)

// parseClockText reads a time of day: 09:30, 9.30, 09:30:00, 9:30 AM, or a
// date and time (01.12.2026 09:30) as a spreadsheet may hold it.
func parseClockText(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if f := strings.Fields(s); len(f) >= 2 && dateRe.MatchString(f[0]) {
		s = strings.Join(f[1:], " ")
	}
	m := clockRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	switch strings.ToLower(m[3]) {
	case "a":
		if h == 12 {
			h = 0
		}
		if h > 12 {
			return 0, false
		}
	case "p":
		if h < 12 {
			h += 12
		} else if h > 12 {
			return 0, false
		}
	}
	if h > 23 || mi > 59 {
		return 0, false
	}
	return time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute, true
}

func clockString(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d/time.Minute)%60)
}

// parseMinutes reads "45", "45 min", "45 мин" (minutes) or "1:30" (hours:minutes).
func parseMinutes(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if m := minRe.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, n <= 1440
	}
	if m := hmRe.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		return h*60 + mi, mi < 60 && h < 24
	}
	return 0, false
}

// yesWords pin an item to its start in a fixed column.
var yesWords = map[string]bool{"yes": true, "y": true, "да": true, "д": true, "иә": true, "1": true, "x": true, "х": true, "+": true, "true": true, "истина": true, "✓": true, "✔": true, "v": true}

// ParseAgenda reads an agenda file (CSV or an Excel workbook): a title
// column and a duration — Minutes, or Start and End times, or a Time column
// with a range like 09:00–09:45, or start times alone (each item lasts
// until the next one starts); optional presenter, kind, notes and fixed
// columns (see agendaAliases for which header means what). The kind, when
// not given, is guessed from the title.
func ParseAgenda(data []byte, o Options) (*AgendaFile, error) {
	t, err := readRows(data, o)
	if err != nil {
		return nil, err
	}
	hasTitle := func(c Columns) bool { return c.Has("title") }
	cols, err := t.findHeader(agendaAliases, hasTitle, failf("no title column (Title / Название)"))
	if err != nil {
		return nil, err
	}
	if !cols.Has("minutes") && !cols.Has("start") && !cols.Has("end") && !cols.Has("time") {
		return nil, failf("no duration: the header needs Minutes, or Start and End, or Time (09:00–09:45), or Start times alone")
	}
	lines := make([]agendaLine, len(t.Rows))
	for i, row := range t.Rows {
		lines[i] = agendaRow(cols, row)
	}
	untilNext(lines)
	pinGaps(lines, cols.Has("fixed"))
	a := &AgendaFile{Source: t.source(), Ignored: cols.Ignored}
	for _, l := range lines {
		if l.why.Format != "" {
			a.Rejected = append(a.Rejected, Rejected{Line: l.line, Reason: l.why})
			continue
		}
		a.Items = append(a.Items, l.item)
		a.Lines = append(a.Lines, l.line)
	}
	return a, nil
}

// agendaLine is a row on its way to an item.
type agendaLine struct {
	line       int
	item       model.AgendaItem
	start, end time.Duration
	hasStart   bool
	hasEnd     bool
	hasMinutes bool
	why        Message // why the row is rejected
}

func agendaRow(c Columns, row Row) agendaLine {
	get := func(f string) string { return model.SanitizeLine(c.Get(row, f)) }
	l := agendaLine{line: row.Line}
	it := &l.item
	*it = model.AgendaItem{Title: get("title"), Presenter: get("presenter"), Notes: model.SanitizeText(c.Get(row, "notes"))}
	if it.Title == "" {
		l.why = reason("no title")
		return l
	}
	if utf8.RuneCountInString(it.Title) > MaxFieldLen || utf8.RuneCountInString(it.Presenter) > MaxFieldLen {
		l.why = reason("a field is longer than %d characters", MaxFieldLen)
		return l
	}
	if k := get("kind"); k != "" {
		kind, ok := model.ParseItemKind(k)
		if !ok {
			kind, ok = model.GuessItemKind(k) // «Перерыв на кофе», "Lunch buffet"
		}
		if !ok {
			l.why = reason("kind %q not understood (talk, panel, discussion, group work, break, meal, other)", model.Truncate(k, 30))
			return l
		}
		it.Kind = kind
	} else {
		it.Kind, _ = model.GuessItemKind(it.Title)
	}
	start, end := get("start"), get("end")
	if tm := get("time"); tm != "" && start == "" {
		if r := rangeRe.FindStringSubmatch(tm); r != nil {
			start, end = r[1], r[2]
		} else {
			start = tm
		}
	}
	if start != "" {
		if l.start, l.hasStart = parseClockText(start); !l.hasStart {
			l.why = reason("start %q is not a time like 09:30", model.Truncate(start, 20))
			return l
		}
	}
	if end != "" {
		if l.end, l.hasEnd = parseClockText(end); !l.hasEnd {
			l.why = reason("end %q is not a time like 09:30", model.Truncate(end, 20))
			return l
		}
	}
	switch {
	case get("minutes") != "":
		n, ok := parseMinutes(get("minutes"))
		if !ok {
			l.why = reason("minutes %q is not a number of minutes", model.Truncate(get("minutes"), 20))
			return l
		}
		it.PlannedMinutes, l.hasMinutes = n, true
	case l.hasStart && l.hasEnd:
		if l.end <= l.start {
			l.why = reason("ends (%s) before it starts (%s)", clockString(l.end), clockString(l.start))
			return l
		}
		it.PlannedMinutes, l.hasMinutes = int((l.end-l.start)/time.Minute), true
	}
	if f := get("fixed"); f != "" {
		d, ok := parseClockText(f)
		if !ok && yesWords[strings.ToLower(f)] {
			if !l.hasStart {
				l.why = reason("fixed %q, but the row has no start time to pin it to", model.Truncate(f, 10))
				return l
			}
			d, ok = l.start, true
		}
		if !ok {
			l.why = reason("fixed start %q is not a time (or yes)", model.Truncate(f, 10))
			return l
		}
		it.PinnedStart = clockString(d)
	}
	return l
}

// untilNext gives a row that has a start but no duration the time until the
// next row's start (a programme that lists only start times).
func untilNext(lines []agendaLine) {
	for i := range lines {
		l := &lines[i]
		if l.why.Format != "" || l.hasMinutes {
			continue
		}
		if !l.hasStart {
			l.why = reason("no duration (minutes, or start and end)")
			continue
		}
		next := -1
		for j := i + 1; j < len(lines); j++ {
			if lines[j].why.Format == "" && lines[j].hasStart {
				next = j
				break
			}
		}
		switch {
		case next < 0:
			l.why = reason("no duration: it starts at %s but nothing says when it ends (give an end, minutes or a range like 17:30–18:00)", clockString(l.start))
		case lines[next].start <= l.start:
			l.why = reason("no duration: the next item starts at %s, not after %s", clockString(lines[next].start), clockString(l.start))
		default:
			l.item.PlannedMinutes, l.hasMinutes = int((lines[next].start-l.start)/time.Minute), true
		}
	}
}

// pinGaps pins an item to its start when the items before it end earlier
// (a gap in the printed programme, such as lunch at 13:00 after a talk that
// ends at 12:40), and when it has a start but the items before it have
// none. The first item is not pinned: the session's start time places it.
// With a fixed column the file says itself which items are pinned.
func pinGaps(lines []agendaLine, fixedColumn bool) {
	if fixedColumn {
		return
	}
	var reach time.Duration // where the items so far end, when known
	known, first := false, true
	for i := range lines {
		l := &lines[i]
		if l.why.Format != "" {
			continue
		}
		if l.hasStart && !first && (!known || l.start > reach) {
			l.item.PinnedStart = clockString(l.start)
		}
		switch {
		case l.hasStart:
			reach, known = l.start+time.Duration(l.item.PlannedMinutes)*time.Minute, true
		case known:
			reach += time.Duration(l.item.PlannedMinutes) * time.Minute
		}
		first = false
	}
}
