package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/store"
)

// TestStartupSnapshotAfterTheFirstScreen: the snapshot is asked for once
// the screen the window opens on shows its data, not with the first
// commands, and only once.
func TestStartupSnapshotAfterTheFirstScreen(t *testing.T) {
	clk := &clock{fixedNow}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"), store.WithClock(clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.LoadDataset(context.Background(), model.Demo(fixedNow, seqIDs())); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: st, Lang: "en", Clock: clk, Desk: "test", Snapshots: 3})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if m.snapped {
		t.Fatal("snapshot asked for before anything was read")
	}
	run(m, m.Init())
	if !m.snapped {
		t.Fatal("no snapshot once the screens were loaded")
	}
	snaps, _ := filepath.Glob(filepath.Join(store.SnapshotDir(st.Path()), "*.db"))
	if len(snaps) != 1 {
		t.Errorf("%d snapshots, want 1", len(snaps))
	}
}

// TestDamagedDatabaseAlarm: the late integrity check's verdict stays on
// screen.
func TestDamagedDatabaseAlarm(t *testing.T) {
	m, _, _ := testApp(t, 100, 30, false)
	run(m, func() tea.Msg { return errMsg{fmt.Errorf("c.db: page 7: %w", store.ErrCorrupt)} })
	if s := screenText(m); !strings.Contains(s, "damaged") {
		t.Errorf("no alarm:\n%s", s)
	}
}
