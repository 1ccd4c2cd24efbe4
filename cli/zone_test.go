package cli

import (
	"strings"
	"testing"
	"time"
)

// An event made in Asia/Almaty is shown and exported in its time, whatever
// the laptop's zone; a laptop set to another offset is told.
func TestEventZone(t *testing.T) {
	saved := time.Local
	t.Cleanup(func() { time.Local = saved })
	time.Local = time.FixedZone("UTC+6", 6*3600) // a laptop left on the old Almaty time
	db := t.TempDir() + "/z.db"
	if code, _, errs := runCLI(t, "event", "add", "--name", "Seminar", "--start", "2026-12-01", "--zone", "Asia/Almaty", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := runCLI(t, "event", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "(Asia/Almaty)") {
		t.Fatalf("event list: %q %q", out, errs)
	}
	if _, off := time.Now().Zone(); off != 5*3600 {
		t.Errorf("after opening the event, times are at UTC%+d, want +5", off/3600)
	}
	if code, _, errs := runCLI(t, "event", "add", "--name", "X", "--zone", "Mars/Olympus", "--db", db); code == 0 || !strings.Contains(errs, "--zone") {
		t.Errorf("an unknown zone was accepted: %q", errs)
	}
	if got := offset(5*3600 + 30*60); got != "+5:30" {
		t.Errorf("offset = %q", got)
	}
}
