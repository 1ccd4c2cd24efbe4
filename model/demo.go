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
	demoFirstF = []string{"Айгерим", "Асель", "Гульнара", "Жанар", "Мадина", "Алия", "Динара", "Сауле", "Ботагоз", "Ұлжан", "Әсел", "Гүлнұр", "Аружан", "Дана", "Самал", "Жұлдыз", "Наталья", "Елена", "Ольга", "Татьяна", "Айжан", "Камила", "Мөлдір", "Нұрсұлу"}
	demoFirstM = []string{"Ерлан", "Нурлан", "Бауыржан", "Дамир", "Кайрат", "Серик", "Ержан", "Арман", "Айдос", "Ғалым", "Қанат", "Асхат", "Талгат", "Марат", "Дмитрий", "Сергей", "Алексей", "Игорь", "Бекзат", "Нұрбол", "Еркебұлан"}
	demoLastM  = []string{"Нурланов", "Сейтказиев", "Жумабеков", "Ахметов", "Касымов", "Бекмуханов", "Омаров", "Исаев", "Есенгалиев", "Тулегенов", "Абдрахманов", "Сулейменов", "Кенжебаев", "Оспанов", "Манжуов", "Жаксылыков", "Калиев", "Құдайбергенов", "Серікбаев", "Иванов", "Петров", "Смирнов", "Кузнецов", "Соколов"}
	demoOrgs   = map[string][]string{
		"government":                 {"Akimat of Zhambyl Region", "Аппарат акима г. Тараз", "Department of Justice, Zhambyl Region"},
		"law enforcement":            {"Police Department of Zhambyl Region", "Департамент полиции Жамбылской области"},
		"judiciary":                  {"Zhambyl Regional Court", "Таразский городской суд №2"},
		"prosecution":                {"Prosecutor's Office of Zhambyl Region", "Прокуратура Жамбылской области"},
		"academia":                   {"Taraz State University", "Таразский инновационно-гуманитарный университет"},
		"civil society":              {"Kadyr-Kassiet Public Foundation", "ОО «Правовая инициатива»", "Youth Resource Centre \"Jastar\""},
		"media":                      {"Zhambyl Region TV", "Газета «Знамя труда»"},
		"international organization": {"OSCE Programme Office in Astana", "UNDP Kazakhstan"},
	}
	demoPositions = map[string][]string{
		"government":                 {"Head of Division", "Главный специалист", "Deputy Head"},
		"law enforcement":            {"Inspector", "Senior Inspector", "Начальник отдела"},
		"judiciary":                  {"Judge", "Судья", "Chairperson of the Court"},
		"prosecution":                {"Senior Prosecutor", "Прокурор", "Assistant Prosecutor"},
		"academia":                   {"Lecturer", "Associate Professor", "Доцент"},
		"civil society":              {"Chairperson", "Lawyer", "Project Coordinator"},
		"media":                      {"Journalist", "Editor"},
		"international organization": {"Programme Officer", "Human Rights Adviser"},
	}
	demoWeights = []int{22, 18, 12, 10, 14, 26, 8, 10} // per Categories entry
)

type demoItem struct {
	title, presenter string
	kind             ItemKind
	minutes          int
	pinned           string
}

var demoAgenda = [2][]demoItem{{
	{"Registration and welcome coffee", "", KindBreak, 30, ""},
	{"Opening of the seminar", "Deputy Akim of Zhambyl Region", KindTalk, 20, ""},
	{"International human-rights standards and Kazakhstan's obligations", "Prof. Айгуль Сарсенова", KindTalk, 45, ""},
	{"Individual complaints to UN treaty bodies", "Dr. Elena Morozova, OHCHR", KindTalk, 40, ""},
	{"Coffee break", "", KindBreak, 20, ""},
	{"Panel: access to a lawyer under the Criminal Procedure Code", "Judge Қанат Омаров; Prosecutor Асхат Исаев; Advocate Динара Калиева", KindPanel, 55, ""},
	{"Lunch", "", KindMeal, 60, "13:00"},
	{"Group work: case studies on the prevention of torture", "Facilitators", KindGroupWork, 75, ""},
	{"Reports from the groups", "Group rapporteurs", KindDiscussion, 30, ""},
	{"Coffee break", "", KindBreak, 15, ""},
	{"The National Preventive Mechanism in practice", "Нурлан Жумабеков, NPM member", KindTalk, 40, ""},
	{"Open discussion: questions from the floor", "Moderator", KindDiscussion, 30, ""},
	{"Closing of day one", "Organisers", KindOther, 15, ""},
}, {
	{"Arrival and registration", "", KindBreak, 20, ""},
	{"Recap of day one", "Organisers", KindTalk, 15, ""},
	{"Local implementation of the Human Rights Commissioner's recommendations", "Representative of the Commissioner", KindTalk, 40, ""},
	{"Freedom of peaceful assembly: the new law", "Сауле Ахметова, Kadyr-Kassiet", KindTalk, 35, ""},
	{"Tea break", "", KindBreak, 20, ""},
	{"Debate: topics raised by participants", "Moderator", KindDiscussion, 60, ""},
	{"Lunch", "", KindMeal, 60, "13:30"},
	{"Group work: action plan for the district", "Facilitators", KindGroupWork, 60, ""},
	{"Presentation of recommendations", "Group rapporteurs", KindDiscussion, 30, ""},
	{"Evaluation and certificates", "Organisers", KindOther, 20, ""},
	{"Closing and departure of the bus to Taraz", "", KindOther, 10, "17:30"},
}}

// Demo builds the built-in demo event: a two-part human-rights seminar in
// Zhambyl Region, part 1 in the city on day one (today) and part 2 in a
// village on day two. It is deterministic for a given day and newID.
func Demo(today time.Time, newID func() string) Dataset {
	rng := rand.New(rand.NewPCG(2026, 11))
	day1 := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, today.Location())
	day2 := day1.AddDate(0, 0, 1)
	ev := Event{
		ID: newID(), Name: "Human Rights in Practice — Zhambyl Region seminar",
		Venue:     "Taraz and Aisha Bibi",
		StartDate: day1.Format("2006-01-02"), EndDate: day2.Format("2006-01-02"),
	}
	ds := Dataset{Event: ev}
	sess := []Session{
		{ID: newID(), EventID: ev.ID, Position: 1, Title: "Part 1 — Taraz (city)", Venue: "Hotel Zhambyl, conference hall", Date: ev.StartDate, StartTime: "09:00"},
		{ID: newID(), EventID: ev.ID, Position: 2, Title: "Part 2 — Aisha Bibi (village)", Venue: "Aisha Bibi community hall", Date: ev.EndDate, StartTime: "10:00"},
	}
	ds.Sessions = sess
	for si, items := range demoAgenda {
		for i, it := range items {
			ds.Items = append(ds.Items, AgendaItem{
				ID: newID(), SessionID: sess[si].ID, Position: i + 1, Title: it.title,
				Presenter: it.presenter, Kind: it.kind, PlannedMinutes: it.minutes, PinnedStart: it.pinned,
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
		cat := Categories[len(Categories)-1]
		for ci, w := range demoWeights {
			if n < w {
				cat = Categories[ci]
				break
			}
			n -= w
		}
		org := pick(demoOrgs[cat])
		idx := len(ds.Participants)
		if idx%6 == 5 { // some arrive with Latin spellings
			name = Transliterate(name)
		}
		if rng.IntN(25) == 0 {
			g = GenderNotStated
		}
		p := Participant{
			ID: newID(), EventID: ev.ID, FullName: name, Organisation: org,
			Position: pick(demoPositions[cat]), Category: cat, Gender: g, Source: SourceDemo,
		}
		if rng.IntN(10) < 8 {
			p.Phone = fmt.Sprintf("+7 7%02d %03d %02d %02d", rng.IntN(100), 100+rng.IntN(900), rng.IntN(100), rng.IntN(100))
		}
		if rng.IntN(10) < 6 {
			p.Email = fmt.Sprintf("participant%03d@example.kz", idx+1)
		}
		ds.Participants = append(ds.Participants, p)
	}
	// some have already checked in to part 1, between 08:35 and 09:05
	start := day1.Add(8*time.Hour + 35*time.Minute)
	for i, p := range ds.Participants {
		if i%3 == 0 || rng.IntN(4) == 0 {
			continue
		}
		at := start.Add(time.Duration(rng.IntN(30*60)) * time.Second)
		ds.CheckIns = append(ds.CheckIns, CheckIn{ID: newID(), ParticipantID: p.ID, SessionID: sess[0].ID, At: at.UTC(), Action: ActionIn, Desk: "demo"})
	}
	topics := []struct {
		title, details string
		by             RaisedBy
		who            int
		votes          int
	}{
		{"How to submit an individual complaint to a UN committee", "Which committees accept complaints from Kazakhstan, deadlines, language of the complaint.", RaisedByParticipant, 4, 9},
		{"Access to a lawyer from the moment of detention", "Practice under the new Criminal Procedure Code: when does the right start in practice?", RaisedByParticipant, 11, 7},
		{"Implementing the Human Rights Commissioner's recommendations locally", "", RaisedByFloor, -1, 5},
		{"Protection of people who report torture", "", RaisedByAnonymous, -1, 6},
		{"Interpretation into Kazakh in court hearings", "", RaisedByParticipant, 23, 3},
	}
	for i, t := range topics {
		tp := Topic{
			ID: newID(), EventID: ev.ID, SessionID: sess[0].ID, Title: t.title, Details: t.details,
			RaisedBy: t.by, Status: TopicProposed, Votes: t.votes, TimeboxMinutes: 10,
			CreatedAt: day1.Add(10*time.Hour + time.Duration(i*7)*time.Minute).UTC(),
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
