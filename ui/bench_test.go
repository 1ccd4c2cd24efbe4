package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/model/rostergen"
	"convene/store"
)

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
	for i, p := range rostergen.People(10_000, 1) {
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
	m := New(Options{Store: st, Lang: "en", Clock: &clock{fixedNow}})
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
				m := New(Options{Store: st, Lang: "en", Clock: &clock{fixedNow}})
				m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				wait := runConcurrent(m, m.Init(), func() bool {
					if !full {
						return m.loaded && ready(m.screens[m.active])
					}
					for _, s := range m.screens {
						if !ready(s) {
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

// ready reports whether a screen's first data has arrived.
func ready(s screen) bool {
	switch s := s.(type) {
	case *agenda:
		return s.loaded
	case *checkin:
		return s.loaded
	case *topics:
		return s.loaded
	}
	return false
}
