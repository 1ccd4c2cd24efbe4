package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/paginator"
	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
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

// bigDB makes a database with 10,000 participants (a third checked in),
// 200 agenda items and a few topics.
func bigDB(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "big.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ds := model.Demo(fixedNow, store.NewID)
	ds.Participants, ds.CheckIns, ds.Items = nil, nil, nil
	for i, p := range benchPeople(10_000) {
		p.ID, p.EventID = store.NewID(), ds.Event.ID
		ds.Participants = append(ds.Participants, p)
		if i%3 == 0 {
			ds.CheckIns = append(ds.CheckIns, model.CheckIn{ID: store.NewID(), ParticipantID: p.ID, SessionID: ds.Sessions[0].ID, At: fixedNow, Action: model.ActionIn})
		}
	}
	for i := range 200 {
		ds.Items = append(ds.Items, model.AgendaItem{ID: store.NewID(), SessionID: ds.Sessions[0].ID, Position: i + 1,
			Title: fmt.Sprintf("Item %d", i+1), Presenter: "Presenter", Kind: model.KindTalk, PlannedMinutes: 5})
	}
	ds.Topics[0].ParticipantID = ds.Participants[0].ID
	ds.Topics[1].ParticipantID = ds.Participants[1].ID
	ds.Topics[4].ParticipantID = ds.Participants[2].ID
	if _, err := st.LoadDataset(context.Background(), ds); err != nil {
		b.Fatal(err)
	}
	return path
}

// startApp opens the store and runs the app to its first full frame.
func startApp(b *testing.B, path string, w, h int) (*Model, *store.Store) {
	st, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	m := New(Options{Store: st, Now: func() time.Time { return fixedNow }, NoTimers: true})
	runB(m, m.Init())
	runB(m, func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} })
	return m, st
}

// runB is run for benchmarks (no *testing.T).
func runB(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// runConcurrent runs commands the way Bubble Tea does — each in its own
// goroutine, their messages fed to Update one at a time — until done()
// holds; then it waits for the rest without feeding them.
func runConcurrent(m *Model, cmd tea.Cmd, done func() bool) (wait func()) {
	msgs := make(chan tea.Msg, 64)
	var wg sync.WaitGroup
	spawn := func(c tea.Cmd) {
		if c == nil {
			return
		}
		wg.Add(1)
		go func() { defer wg.Done(); msgs <- c() }()
	}
	spawn(cmd)
	pending := 1
	for pending > 0 && !done() {
		msg := <-msgs
		pending--
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				if c != nil {
					pending++
					spawn(c)
				}
			}
		default:
			_, next := m.Update(msg)
			if next != nil {
				pending++
				spawn(next)
			}
		}
	}
	return func() {
		go func() { wg.Wait(); close(msgs) }()
		for range msgs {
		}
	}
}

// BenchmarkStartup, with 10,000 participants and 200 agenda items:
// first-frame opens the database (with its checks), loads the current
// session and renders the first frame of the screen it opens on (the
// others go on loading in the background, as in the app); all-loaded waits
// until every screen, the check-in search index included, is ready.
func BenchmarkStartup(b *testing.B) {
	path := bigDB(b)
	for _, full := range []bool{false, true} {
		name := "first-frame"
		if full {
			name = "all-loaded"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				st, err := store.Open(context.Background(), path)
				if err != nil {
					b.Fatal(err)
				}
				m := New(Options{Store: st, Now: func() time.Time { return fixedNow }, NoTimers: true})
				m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				wait := runConcurrent(m, m.Init(), func() bool {
					if !full {
						return m.mode == modeMain && m.screens[m.active].Ready()
					}
					for _, s := range m.screens {
						if !s.Ready() {
							return false
						}
					}
					return true
				})
				if frame := m.render(); !strings.Contains(frame, "Item 1") {
					b.Fatalf("no agenda on the first frame:\n%s", frame)
				}
				b.StopTimer()
				wait()
				st.Close()
				b.StartTimer()
			}
		})
	}
}

// BenchmarkView: one full render at 200x60 of each screen with 10,000
// participants and 200 agenda items.
func BenchmarkView(b *testing.B) {
	path := bigDB(b)
	m, st := startApp(b, path, 200, 60)
	defer st.Close()
	for i, name := range screenNames {
		b.Run(name, func(b *testing.B) {
			m.active = i
			for b.Loop() {
				_ = m.render()
			}
		})
	}
}

// BenchmarkHeap reports the heap in use with 10,000 participants loaded.
func BenchmarkHeap(b *testing.B) {
	path := bigDB(b)
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		m, st := startApp(b, path, 120, 40)
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapInuse)/(1<<20), "MB-heap-in-use")
		b.ReportMetric(float64(after.HeapInuse-min(after.HeapInuse, before.HeapInuse))/(1<<20), "MB-added")
		runtime.KeepAlive(m)
		st.Close()
	}
}
