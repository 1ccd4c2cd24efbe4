package ui

import (
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// A write behind another writer (an import holding the database) waits,
// says so, keeps the screen responsive, and esc cancels it: nothing saved.
func TestAWaitingWriteSaysSoAndCanBeCancelled(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	press(m, "2", "ctrl+f", "ctrl+f")
	typeText(m, "seitkaz")
	before := hereCount(t, m)
	holder, err := sql.Open("sqlite", "file:"+st.Path()+"?_pragma=busy_timeout(5000)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	tx, err := holder.Begin() // another writer holds the database
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	_, cmd := m.Update(keyMsg("enter"))
	done := make(chan tea.Msg, 8)
	go func() { // the check-in runs as Bubble Tea runs commands: off the UI loop
		msg := cmd()
		batch, ok := msg.(tea.BatchMsg)
		if !ok {
			done <- msg
			return
		}
		for _, c := range batch {
			if c != nil {
				go func(c tea.Cmd) { done <- c() }(c)
			}
		}
	}()
	deadline := time.Now().Add(5 * time.Second)
	for !m.c.writes.Waiting() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !m.c.writes.Waiting() {
		t.Fatal("the write did not report that it waits")
	}
	m.Update(waitCheckMsg{})
	if !strings.Contains(screenText(m), "Waiting for another window or an import") {
		t.Fatalf("no waiting message:\n%s", screenText(m))
	}
	m.Update(keyMsg("tab")) // the screen stays responsive
	if m.active != ScreenTopics {
		t.Fatal("the UI did not respond while the write waited")
	}
	m.Update(keyMsg("esc"))
	var got tea.Msg
	select {
	case got = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("cancelling did not end the write")
	}
	m.Update(got)
	tx.Rollback()
	if hereCount(t, m) != before || !strings.Contains(screenText(m), "Cancelled: nothing was saved") {
		t.Fatalf("cancelled write: %d -> %d\n%s", before, hereCount(t, m), screenText(m))
	}
}

// A database whose journal was removed under the running app: every later
// write is refused and a message says so until convene is closed.
func TestReplacedDatabaseIsSaidAndStays(t *testing.T) {
	m, st, _ := testApp(t, 100, 30, false)
	press(m, "2")
	typeText(m, "seitkaz")
	press(m, "down", "enter")
	os.Remove(st.Path() + "-wal")
	os.Remove(st.Path() + "-shm")
	typeText(m, "nurlan")
	press(m, "down", "enter")
	out := screenText(m)
	if !strings.Contains(out, "Nothing can be saved any more") {
		t.Fatalf("no lasting message:\n%s", out)
	}
	seq := m.statusSeq
	run(m, func() tea.Msg { return clearStatusMsg{seq} })
	if !strings.Contains(screenText(m), "Nothing can be saved any more") {
		t.Error("the message went away with the status line")
	}
}
