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

var agendaAliases = map[string][]string{
	"title":     {"Title", "Item", "Topic", "Session", "Agenda item", "Название", "Тема", "Пункт", "Мероприятие", "Тақырып"},
	"minutes":   {"Minutes", "Duration", "Min", "Length", "Минуты", "Мин", "Длительность", "Продолжительность"},
	"start":     {"Start", "From", "Begins", "Начало", "С"},
	"end":       {"End", "To", "Until", "Ends", "Конец", "Окончание", "До"},
	"time":      {"Time", "Время", "Уақыты"},
	"presenter": {"Presenter", "Speaker", "Speakers", "Moderator", "Lead", "Докладчик", "Спикер", "Выступающий", "Ведущий", "Модератор"},
	"kind":      {"Kind", "Type", "Format", "Тип", "Формат", "Вид"},
	"notes":     {"Notes", "Comment", "Примечание", "Комментарий"},
	"fixed":     {"Fixed", "Fixed start", "Pinned", "Фиксированное", "Фикс"},
}

// AgendaFile is a parsed agenda CSV.
type AgendaFile struct {
	Encoding  string
	Delimiter rune
	Items     []model.AgendaItem
	Rejected  []Rejected
	Ignored   []string
}

var (
	clockRe = regexp.MustCompile(`^(\d{1,2})[:.](\d{2})$`)
	rangeRe = regexp.MustCompile(`^(\d{1,2}[:.]\d{2})\s*[-–—]\s*(\d{1,2}[:.]\d{2})$`)
	minRe   = regexp.MustCompile(`^(\d{1,4})\s*(m|min|mins|minutes|мин|минут|минуты)?\.?$`)
	hmRe    = regexp.MustCompile(`^(\d{1,2}):(\d{2})$`)
)

func parseClockText(s string) (time.Duration, bool) {
	m := clockRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	if h > 23 || mi > 59 {
		return 0, false
	}
	return time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute, true
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

// ParseAgenda reads an agenda CSV: a title column and either minutes, or
// start and end times (or one time column with a range like 09:00–09:45);
// optional presenter, kind, notes and fixed-start columns.
func ParseAgenda(data []byte) (*AgendaFile, error) {
	t, err := Read(data)
	if err != nil {
		return nil, err
	}
	cols, err := MatchColumns(t.Header, agendaAliases)
	if err != nil {
		return nil, err
	}
	if !cols.Has("title") {
		return nil, fmt.Errorf("no title column (Title / Название): %w", ErrNotATable)
	}
	if !cols.Has("minutes") && !(cols.Has("start") && cols.Has("end")) && !cols.Has("time") {
		return nil, fmt.Errorf("no duration: the header needs Minutes, or Start and End, or Time (09:00–09:45): %w", ErrNotATable)
	}
	a := &AgendaFile{Encoding: t.Encoding, Delimiter: t.Delimiter, Ignored: cols.Ignored}
	for _, row := range t.Rows {
		it, reason := agendaRow(cols, row)
		if reason != "" {
			a.Rejected = append(a.Rejected, Rejected{Line: row.Line, Reason: reason})
			continue
		}
		a.Items = append(a.Items, it)
	}
	return a, nil
}

func agendaRow(c Columns, row Row) (model.AgendaItem, string) {
	get := func(f string) string { return model.SanitizeLine(c.Get(row, f)) }
	it := model.AgendaItem{Title: get("title"), Presenter: get("presenter"), Notes: model.SanitizeText(c.Get(row, "notes"))}
	if it.Title == "" {
		return it, "no title"
	}
	if utf8.RuneCountInString(it.Title) > MaxFieldLen || utf8.RuneCountInString(it.Presenter) > MaxFieldLen {
		return it, fmt.Sprintf("a field is longer than %d characters", MaxFieldLen)
	}
	kind, ok := model.ParseItemKind(get("kind"))
	if !ok {
		return it, fmt.Sprintf("kind %q not understood (talk, panel, discussion, group work, break, meal, other)", model.Truncate(get("kind"), 30))
	}
	if get("kind") == "" {
		// guess from the title: "Coffee break", "Lunch"
		if k, ok := model.ParseItemKind(it.Title); ok {
			kind = k
		} else {
			kind = model.KindTalk
		}
	}
	it.Kind = kind
	start, end := get("start"), get("end")
	if r := rangeRe.FindStringSubmatch(get("time")); r != nil && start == "" {
		start, end = r[1], r[2]
	}
	switch {
	case get("minutes") != "":
		n, ok := parseMinutes(get("minutes"))
		if !ok {
			return it, fmt.Sprintf("minutes %q is not a number of minutes", model.Truncate(get("minutes"), 20))
		}
		it.PlannedMinutes = n
	case start != "" && end != "":
		s, ok1 := parseClockText(start)
		e, ok2 := parseClockText(end)
		if !ok1 || !ok2 {
			return it, fmt.Sprintf("start/end %q–%q are not times like 09:30", model.Truncate(start, 10), model.Truncate(end, 10))
		}
		if e <= s {
			return it, fmt.Sprintf("ends (%s) before it starts (%s)", end, start)
		}
		it.PlannedMinutes = int((e - s) / time.Minute)
	default:
		return it, "no duration (minutes, or start and end)"
	}
	if f := get("fixed"); f != "" {
		d, ok := parseClockText(f)
		if !ok {
			// "yes" in a fixed column pins the item to its start time
			switch strings.ToLower(f) {
			case "yes", "y", "да", "1", "x", "+", "true":
				d, ok = parseClockText(start)
			}
		}
		if !ok {
			return it, fmt.Sprintf("fixed start %q is not a time", model.Truncate(f, 10))
		}
		it.PinnedStart = fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d/time.Minute)%60)
	}
	return it, ""
}
