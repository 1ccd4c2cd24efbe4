package ui

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/paginator"
	tea "charm.land/bubbletea/v2"

	"convene/model"
)

// benchPeople makes n participants with realistic Kazakh, Russian and
// Latin names, organisations and phones.
func benchPeople(n int) []model.Participant {
	first := []string{"Айгерим", "Ерлан", "Ұлжан", "Nurlan", "Sergey", "Асель", "Қанат", "Дамир", "Жұлдыз", "Aigerim", "Бауыржан", "Наталья", "Ғалым", "Madina", "Dmitriy", "Әсел"}
	last := []string{"Нурланова", "Омаров", "Manzhuov", "Сейтказиева", "Ivanov", "Жумабеков", "Касымова", "Ахметов", "Құдайбергенов", "Esengaliev", "Тулегенова", "Смирнов", "Kaliyeva", "Оспанов", "Бекмуханова", "Абдрахманов"}
	orgs := []string{"Zhambyl Regional Court", "Прокуратура Жамбылской области", "Taraz State University", "UNDP Kazakhstan",
		"Akimat of Zhambyl Region", "Департамент полиции", "ОО «Правовая инициатива»", "Газета «Знамя труда»"}
	out := make([]model.Participant, n)
	for i := range out {
		out[i] = model.Participant{
			ID:           fmt.Sprintf("p%d", i),
			FullName:     fmt.Sprintf("%s %s", last[(i/16)%16], first[i%16]),
			Organisation: orgs[(i/256)%8], Position: "Specialist", Category: model.Categories[i%8],
			Phone: fmt.Sprintf("+7 7%02d %03d %02d %02d", i%100, (i/7)%1000, i%97, i%89), Email: fmt.Sprintf("p%d@example.kz", i),
		}
		if i%3 == 0 {
			out[i].FullName = model.Transliterate(out[i].FullName)
		}
	}
	return out
}

const benchQuery = "nurlanova ai"

func keyOf(r rune) tea.KeyPressMsg {
	if r == ' ' {
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	return tea.KeyPressMsg{Code: r, Text: string(r)}
}

func median(d []time.Duration) time.Duration {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2]
}

// benchConvene times one keystroke in the Check-in screen: the search
// update (filter and rank) plus rendering the visible page.
func benchConvene(b *testing.B, n int) {
	c := &Common{Styles: NewStyles(true, false), Now: func() time.Time { return fixedNow }}
	s := newCheckIn(c)
	people := benchPeople(n)
	here := map[string]time.Time{}
	for i := 0; i < n; i += 3 {
		here[people[i].ID] = fixedNow
	}
	c.Cur.Event.ID, c.Cur.Session.ID = "e", "s"
	s.Update(rosterLoadedMsg{eventID: "e", sessionID: "s", index: model.NewIndex(people), here: here})
	s.SetSize(120, 34)
	var times []time.Duration
	b.ResetTimer()
	for b.Loop() {
		for _, r := range benchQuery {
			t0 := time.Now()
			s.Update(keyOf(r))
			_ = s.View()
			times = append(times, time.Since(t0))
		}
		s.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	}
	b.ReportMetric(float64(median(times).Nanoseconds())/1e6, "ms/key-median")
}

type listItem struct{ p *model.Participant }

func (i listItem) FilterValue() string {
	return i.p.FullName + " " + i.p.Organisation + " " + i.p.Email
}
func (i listItem) Title() string       { return i.p.FullName }
func (i listItem) Description() string { return i.p.Organisation }

// benchList times one keystroke in a bubbles list with its built-in filter
// over the same people: Update, the filter command, the matches message
// and View. Configured fairly: Arabic paginator, no blinking cursor.
func benchList(b *testing.B, n int) {
	people := benchPeople(n)
	items := make([]list.Item, n)
	for i := range people {
		items[i] = listItem{&people[i]}
	}
	l := list.New(items, list.NewDefaultDelegate(), 120, 34)
	l.Paginator.Type = paginator.Arabic
	st := l.FilterInput.Styles()
	st.Cursor.Blink = false
	l.FilterInput.SetStyles(st)
	runCmd := func(cmd tea.Cmd) {
		queue := []tea.Cmd{cmd}
		for len(queue) > 0 {
			c := queue[0]
			queue = queue[1:]
			if c == nil {
				continue
			}
			switch msg := c().(type) {
			case tea.BatchMsg:
				queue = append(queue, msg...)
			case list.FilterMatchesMsg:
				var next tea.Cmd
				l, next = l.Update(msg)
				queue = append(queue, next)
			}
		}
	}
	var times []time.Duration
	b.ResetTimer()
	for b.Loop() {
		var cmd tea.Cmd
		l, cmd = l.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
		runCmd(cmd)
		for _, r := range benchQuery {
			t0 := time.Now()
			l, cmd = l.Update(keyOf(r))
			runCmd(cmd)
			_ = l.View()
			times = append(times, time.Since(t0))
		}
		l.ResetFilter()
	}
	b.ReportMetric(float64(median(times).Nanoseconds())/1e6, "ms/key-median")
}

// BenchmarkSearchKeystroke compares convene's Check-in search with the
// bubbles list filter in the same run (see README, Performance).
func BenchmarkSearchKeystroke(b *testing.B) {
	b.Run("convene/10k", func(b *testing.B) { benchConvene(b, 10_000) })
	b.Run("bubbles-list/10k", func(b *testing.B) { benchList(b, 10_000) })
	b.Run("convene/100k", func(b *testing.B) { benchConvene(b, 100_000) })
}
