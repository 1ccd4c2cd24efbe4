package model

import (
	"fmt"
	"math/rand/v2"
	"time"
	"unicode"
)

// Dataset is a whole event ready to be written to a store: the demo event,
// or anything else built in memory. References between rows use IDs that
// the builder assigned.
type Dataset struct {
	Event        Event
	Sessions     []Session
	Items        []AgendaItem
	Participants []Participant
	CheckIns     []CheckIn
	Topics       []Topic
}

var (
	demoFirstF  = []string{"Айгерим", "Асель", "Гульнара", "Жанар", "Мадина", "Алия", "Динара", "Сауле", "Ботагоз", "Ұлжан", "Әсел", "Гүлнұр", "Аружан", "Дана", "Самал", "Жұлдыз", "Наталья", "Елена", "Ольга", "Татьяна", "Айжан", "Камила", "Мөлдір", "Нұрсұлу"}
	demoFirstM  = []string{"Ерлан", "Нурлан", "Бауыржан", "Дамир", "Кайрат", "Серик", "Ержан", "Арман", "Айдос", "Ғалым", "Қанат", "Асхат", "Талгат", "Марат", "Дмитрий", "Сергей", "Алексей", "Игорь", "Бекзат", "Нұрбол", "Еркебұлан"}
	demoLastM   = []string{"Нурланов", "Сейтказиев", "Жумабеков", "Ахметов", "Касымов", "Бекмуханов", "Омаров", "Исаев", "Есенгалиев", "Тулегенов", "Абдрахманов", "Сулейменов", "Кенжебаев", "Оспанов", "Манжуов", "Жаксылыков", "Калиев", "Құдайбергенов", "Серікбаев", "Иванов", "Петров", "Смирнов", "Кузнецов", "Соколов"}
	demoWeights = []int{22, 18, 12, 10, 14, 26, 8, 10} // per Categories entry
)

// demoItem is an agenda item of the demo without its wording (which is in
// demoText, per language).
type demoItem struct {
	kind    ItemKind
	minutes int
	pinned  string
}

var demoAgenda = [2][]demoItem{{
	{KindBreak, 30, ""}, {KindTalk, 20, ""}, {KindTalk, 45, ""}, {KindTalk, 40, ""}, {KindBreak, 20, ""},
	{KindPanel, 55, ""}, {KindMeal, 60, "13:00"}, {KindGroupWork, 75, ""}, {KindDiscussion, 30, ""},
	{KindBreak, 15, ""}, {KindTalk, 40, ""}, {KindDiscussion, 30, ""}, {KindOther, 15, ""},
}, {
	{KindBreak, 20, ""}, {KindTalk, 15, ""}, {KindTalk, 40, ""}, {KindTalk, 35, ""}, {KindBreak, 20, ""},
	{KindDiscussion, 60, ""}, {KindMeal, 60, "13:30"}, {KindGroupWork, 60, ""}, {KindDiscussion, 30, ""},
	{KindOther, 20, ""}, {KindOther, 10, "17:30"},
}}

// demoTopics are the demo's topics without their wording.
var demoTopics = []struct {
	by    RaisedBy
	who   int // index of the participant who raised it, or -1
	votes int
}{
	{RaisedByParticipant, 4, 9}, {RaisedByParticipant, 11, 7}, {RaisedByFloor, -1, 5},
	{RaisedByAnonymous, -1, 6}, {RaisedByParticipant, 23, 3},
}

// DemoLanguages are the languages the demo event can be written in.
func DemoLanguages() []string { return []string{"en", "ru", "kk"} }

// demoStart is when the demo's first session starts: now, rounded down
// to the quarter hour, so a newcomer sees a session about to begin (between
// 07:00 and 20:00; earlier than that, 09:00).
func demoStart(now time.Time) time.Time {
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	t := day.Add(now.Sub(day).Truncate(15 * time.Minute))
	switch {
	case t.Hour() < 7:
		return day.Add(9 * time.Hour)
	case t.Hour() >= 20:
		return day.Add(20 * time.Hour)
	}
	return t
}

// shiftPin moves a fixed start of the first session's agenda by shift (the
// second session, on another day, keeps its times).
func shiftPin(pin string, session int, shift time.Duration) string {
	t, err := time.Parse("15:04", pin)
	if err != nil || session != 0 {
		return pin
	}
	return t.Add(shift).Format("15:04")
}

// Demo builds the built-in demo event in English; see DemoIn.
func Demo(today time.Time, newID func() string) Dataset { return DemoIn("en", today, newID) }

// DemoIn builds the built-in demo event: a two-part human-rights seminar in
// Zhambyl Region, part 1 in the city on day one (today) and part 2 in a
// village on day two. lang ("en", "ru" or "kk"; anything else is English)
// is the language of its event, session, agenda and topic texts and of the
// participants' organisations, positions and categories; the participants'
// names (Kazakh, Russian and Latin) are the same in every language. It is
// deterministic for a given day and newID, and only the wording differs
// between languages.
func DemoIn(lang string, today time.Time, newID func() string) Dataset {
	tx, ok := demoTexts[lang]
	if !ok {
		tx = demoTexts["en"]
	}
	rng := rand.New(rand.NewPCG(2026, 11))
	day1 := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, today.Location())
	day2 := day1.AddDate(0, 0, 1)
	first := demoStart(today)
	shift := first.Sub(day1.Add(9 * time.Hour)) // the agenda was written for 09:00
	ev := Event{
		ID: newID(), Name: tx.event,
		Venue:     tx.venue,
		StartDate: day1.Format("2006-01-02"), EndDate: day2.Format("2006-01-02"),
	}
	ds := Dataset{Event: ev}
	sess := []Session{
		{ID: newID(), EventID: ev.ID, Position: 1, Title: tx.sessions[0][0], Venue: tx.sessions[0][1], Date: ev.StartDate, StartTime: first.Format("15:04")},
		{ID: newID(), EventID: ev.ID, Position: 2, Title: tx.sessions[1][0], Venue: tx.sessions[1][1], Date: ev.EndDate, StartTime: "10:00"},
	}
	ds.Sessions = sess
	for si, items := range demoAgenda {
		for i, it := range items {
			ds.Items = append(ds.Items, AgendaItem{
				ID: newID(), SessionID: sess[si].ID, Position: i + 1, Title: tx.items[si][i][0],
				Presenter: tx.items[si][i][1], Kind: it.kind, PlannedMinutes: it.minutes, PinnedStart: shiftPin(it.pinned, si, shift),
				Clock: Clock{Planned: time.Duration(it.minutes) * time.Minute},
			})
		}
	}
	total := 0
	for _, w := range demoWeights {
		total += w
	}
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	seen := map[string]bool{}
	for len(ds.Participants) < 120 {
		female := rng.IntN(100) < 52
		first := pick(demoFirstM)
		last := pick(demoLastM)
		g := GenderMale
		if female {
			first = pick(demoFirstF)
			last += "а"
			g = GenderFemale
		}
		name := last + " " + first
		if rng.IntN(10) == 0 {
			name = first + " " + last
		}
		if seen[NameKey(name)] {
			continue
		}
		seen[NameKey(name)] = true
		n := rng.IntN(total)
		ci := len(Categories) - 1
		for i, w := range demoWeights {
			if n < w {
				ci = i
				break
			}
			n -= w
		}
		org := pick(tx.orgs[ci])
		idx := len(ds.Participants)
		if idx%6 == 5 { // some arrive with Latin spellings
			name = Transliterate(name)
		}
		if rng.IntN(25) == 0 {
			g = GenderNotStated
		}
		p := Participant{
			ID: newID(), EventID: ev.ID, FullName: name, Organisation: org,
			Position: pick(tx.positions[ci]), Category: tx.categories[ci], Gender: g, Source: SourceDemo,
		}
		if rng.IntN(10) < 8 {
			p.Phone = fmt.Sprintf("+7 7%02d %03d %02d %02d", rng.IntN(100), 100+rng.IntN(900), rng.IntN(100), rng.IntN(100))
		}
		if rng.IntN(10) < 6 {
			p.Email = fmt.Sprintf("participant%03d@example.kz", idx+1)
		}
		ds.Participants = append(ds.Participants, p)
	}
	// some have already checked in to part 1, from 25 minutes before it
	// starts to 5 minutes after — never later than now
	start, span := first.Add(-25*time.Minute), 30*time.Minute
	if today.After(start) && today.Before(start.Add(span)) {
		span = today.Sub(start)
	}
	for i, p := range ds.Participants {
		if i%3 == 0 || rng.IntN(4) == 0 {
			continue
		}
		at := start.Add(time.Duration(rng.IntN(max(1, int(span.Seconds())))) * time.Second)
		ds.CheckIns = append(ds.CheckIns, CheckIn{ID: newID(), ParticipantID: p.ID, SessionID: sess[0].ID, At: at.UTC(), Action: ActionIn, Desk: "demo"})
	}
	for i, t := range demoTopics {
		tp := Topic{
			ID: newID(), EventID: ev.ID, SessionID: sess[0].ID, Title: tx.topics[i][0], Details: tx.topics[i][1],
			RaisedBy: t.by, Status: TopicProposed, Votes: t.votes, TimeboxMinutes: 10,
			CreatedAt: first.Add(-20*time.Minute + time.Duration(i*3)*time.Minute).UTC(), // raised at registration
		}
		tp.Clock.Planned = 10 * time.Minute
		if t.who >= 0 {
			tp.ParticipantID = ds.Participants[t.who].ID
		}
		ds.Topics = append(ds.Topics, tp)
	}
	return ds
}

// Transliterate writes Cyrillic (with Kazakh letters) in a plain Latin
// spelling, keeping capitals: «Ұлжан» -> "Ulzhan".
func Transliterate(s string) string {
	var out []rune
	for _, r := range s {
		lr := unicode.ToLower(r)
		t, ok := cyrillic[lr]
		if !ok {
			out = append(out, r)
			continue
		}
		if lr == 'й' || lr == 'ы' {
			t = "y"
		}
		if r != lr && t != "" {
			tr := []rune(t)
			tr[0] = unicode.ToUpper(tr[0])
			t = string(tr)
		}
		out = append(out, []rune(t)...)
	}
	return string(out)
}
