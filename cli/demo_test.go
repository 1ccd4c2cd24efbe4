package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// fakeDemoApp replaces the Bubble Tea program for --demo: it uses the demo
// database the way a facilitator would (imports a roster of real names from
// another window, writes minutes next to the database), checks that the
// WAL is there, then ends with the given error or panic.
func fakeDemoApp(t *testing.T, tmp string, end error, panics bool) {
	t.Helper()
	saved := runProgram
	t.Cleanup(func() { runProgram = saved })
	runProgram = func(context.Context, tea.Model) error {
		dirs, _ := filepath.Glob(filepath.Join(tmp, "convene-demo-*"))
		if len(dirs) != 1 {
			t.Fatalf("demo folders: %v", dirs)
		}
		db := filepath.Join(dirs[0], "demo.db")
		if _, err := os.Stat(db + "-wal"); err != nil {
			t.Errorf("no WAL next to the open demo database: %v", err)
		}
		roster := filepath.Join(dirs[0], "roster.csv")
		if err := os.WriteFile(roster, []byte("Full name,Phone\nАйгерим Сапарова,+7 701 555 0101\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if code, out, errs := runCLI(t, "import", "roster", roster, "--db", db); code != 0 || !strings.Contains(out, "1 added") {
			t.Fatalf("import into the demo: %d %q %q", code, out, errs)
		}
		if err := os.WriteFile(filepath.Join(dirs[0], "minutes-2026-12-01-1200.md"), []byte("# minutes"), 0o600); err != nil {
			t.Fatal(err)
		}
		if panics {
			panic("boom")
		}
		return end
	}
}

func TestDemoLeavesNothingBehind(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		end      error
		panics   bool
		wantCode int
		kept     bool
		wantOut  string
	}{
		{"quit", []string{"--demo"}, nil, false, 0, false, "deleted"},
		{"interrupted", []string{"--demo"}, tea.ErrInterrupted, false, 0, false, "deleted"},
		{"killed (SIGTERM, SIGHUP)", []string{"--demo"}, fmt.Errorf("%w: %w", tea.ErrProgramKilled, context.Canceled), false, 0, false, "deleted"},
		{"app error", []string{"--demo"}, errors.New("bubbletea: error opening TTY"), false, 1, false, "deleted"},
		{"panic caught by Bubble Tea", []string{"--demo"}, fmt.Errorf("%w: %w", tea.ErrProgramKilled, tea.ErrProgramPanic), false, 1, false, "deleted"},
		{"panic", []string{"--demo"}, nil, true, -1, false, "deleted"},
		{"--keep", []string{"--demo", "--keep"}, nil, false, 0, true, "kept"},
		{"--keep after an error", []string{"--demo", "--keep"}, errors.New("x"), false, 1, true, "kept"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			for _, v := range []string{"TMPDIR", "TMP", "TEMP"} { // os.TempDir on Unix and Windows
				t.Setenv(v, tmp)
			}
			fakeDemoApp(t, tmp, tt.end, tt.panics)
			code, out, errs := -1, "", ""
			func() {
				defer func() {
					if r := recover(); r != nil && !tt.panics {
						panic(r)
					}
				}()
				code, out, errs = runCLI(t, tt.args...)
			}()
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.wantCode, errs)
			}
			if tt.wantCode == 1 && !strings.HasPrefix(errs, "Error: ") {
				t.Errorf("the error was not shown: %q", errs)
			}
			left, _ := filepath.Glob(filepath.Join(tmp, "convene-demo-*"))
			if !tt.kept {
				if len(left) != 0 {
					t.Fatalf("left behind: %v", left)
				}
				if !tt.panics && !strings.Contains(out, tt.wantOut) {
					t.Errorf("stdout %q, want %q", out, tt.wantOut)
				}
				return
			}
			if len(left) != 1 || !strings.Contains(out, left[0]) {
				t.Fatalf("kept %v; stdout %q should name it", left, out)
			}
			// the kept folder still has the demo with what was imported
			code, out, errs = runCLI(t, "export", "attendance", "--db", filepath.Join(left[0], "demo.db"))
			if code != 0 || !strings.Contains(out, "Айгерим Сапарова") {
				t.Errorf("kept demo: %d %q %q", code, out, errs)
			}
		})
	}
}

func TestKeepNeedsDemo(t *testing.T) {
	code, _, errs := runCLI(t, "--keep", "--db", filepath.Join(t.TempDir(), "c.db"))
	if code != 1 || !strings.Contains(errs, "--keep goes with --demo") {
		t.Errorf("%d %q", code, errs)
	}
}
