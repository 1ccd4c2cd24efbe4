package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReadOnlyCommandsDoNotWaitForAWriter: while another connection holds
// the write lock (an import in progress), the commands that only read
// (exports, event list, check, backup, dry runs) work at once, and a
// command that writes says it is waiting and stops cleanly when cancelled.
func TestReadOnlyCommandsDoNotWaitForAWriter(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	if code, _, errs := runCLI(t, "demo", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	agenda := filepath.Join(dir, "agenda.csv")
	if err := os.WriteFile(agenda, []byte("Title,Minutes\nExtra,15\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	holder, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(1000)")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	conn, err := holder.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK") //nolint:errcheck // cleanup: conn.Close next ends the transaction anyway

	for _, args := range [][]string{
		{"export", "attendance"},
		{"export", "attendance", "--summary"},
		{"export", "agenda", "--format", "md"},
		{"export", "topics"},
		{"event", "list"},
		{"check"},
		{"backup", filepath.Join(dir, "copy.db")},
		{"import", "agenda", agenda, "--dry-run"},
	} {
		start := time.Now()
		code, out, errs := runCLI(t, append(args, "--db", db)...)
		if code != 0 || strings.Contains(out+errs, "locked") || strings.Contains(out+errs, "busy") {
			t.Errorf("%v while another writer holds the lock: code %d, %q %q", args, code, out, errs)
		}
		if took := time.Since(start); !raceEnabled && took > 2*time.Second {
			t.Errorf("%v took %v: it waited for the writer", args, took)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	var out, errb bytes.Buffer
	code := Execute(ctx, []string{"import", "agenda", agenda, "--db", db}, &out, &errb)
	t.Logf("stderr: %s", errb.String())
	if code != 1 || !strings.Contains(errb.String(), "Waiting for another convene window or import") ||
		!strings.Contains(errb.String(), "nothing was changed") || strings.Contains(errb.String(), "locked") {
		t.Errorf("a write behind another writer: code %d, %q %q", code, out.String(), errb.String())
	}
}
