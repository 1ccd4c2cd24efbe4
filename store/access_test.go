package store

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openChild opens the database with the holder given in the environment,
// says "open" and keeps it open until its standard input closes (or it is
// killed).
func openChild() error {
	st, err := Open(context.Background(), os.Getenv("CONVENE_CRASH_DB"),
		WithHolder(Holder{Kind: HolderApp, Detail: os.Getenv("CONVENE_CRASH_DESK")}))
	if err != nil {
		return err
	}
	defer st.Close()
	acker()("open")
	io.Copy(io.Discard, os.Stdin) //nolint:errcheck // until the parent closes it
	return nil
}

func TestClaimsInOneProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	a, err := ClaimShared(path, Holder{Kind: HolderApp, Detail: "door"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := ClaimShared(path, Holder{Kind: HolderCommand, Detail: "export attendance"})
	if err != nil {
		t.Fatalf("a second shared claim: %v", err)
	}
	_, err = ClaimExclusive(path, Holder{Detail: "purge"})
	var iu *InUseError
	if !errors.As(err, &iu) || !errors.Is(err, ErrInUse) {
		t.Fatalf("exclusive while two hold it: %v", err)
	}
	if iu.Exclusive || len(iu.Holders) != 2 || iu.Holders[0].Detail != "door" || iu.Holders[1].Detail != "export attendance" ||
		iu.Holders[0].PID != os.Getpid() {
		t.Fatalf("holders = %+v", iu.Holders)
	}
	a.Release()
	if _, err := ClaimExclusive(path, Holder{Detail: "purge"}); !errors.Is(err, ErrInUse) {
		t.Fatalf("exclusive while one holds it: %v", err)
	}
	b.Release()
	x, err := ClaimExclusive(path, Holder{Detail: "purge"})
	if err != nil {
		t.Fatalf("exclusive once released: %v", err)
	}
	_, err = ClaimShared(path, Holder{Kind: HolderApp})
	if !errors.As(err, &iu) || !iu.Exclusive || len(iu.Holders) != 1 || iu.Holders[0].Kind != HolderExclusive || iu.Holders[0].Detail != "purge" {
		t.Fatalf("shared while exclusive: %v %+v", err, iu)
	}
	// the store refuses to open too, and creates nothing
	if _, err := Open(context.Background(), path); !errors.Is(err, ErrInUse) {
		t.Fatalf("Open during an exclusive claim: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Open refused but created the file: %v", err)
	}
	x.Release()
	if entries, _ := os.ReadDir(OpenDir(path)); len(entries) != 0 {
		t.Fatalf("registrations left after release: %v", entries)
	}
}

func TestStaleRegistrationIsRemoved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	if err := os.MkdirAll(OpenDir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(OpenDir(path), "99999-1.json")
	if err := os.WriteFile(stale, []byte(`{"kind":"app","detail":"gone","pid":99999}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if hs := Holders(path); len(hs) != 0 {
		t.Fatalf("a registration nobody holds counts: %+v", hs)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the stale registration was not removed")
	}
}

// Another process that has the database open is named, and once it is
// killed (its locks go with it) the exclusive claim succeeds.
func TestClaimAcrossProcesses(t *testing.T) {
	path := seedCrashDB(t)
	c := startChild(t, "open", "CONVENE_CRASH_DB="+path, "CONVENE_CRASH_DESK=door")
	for line := range c.lines {
		if line == "open" {
			break
		}
		t.Fatalf("child: %s", line)
	}
	_, err := ClaimExclusive(path, Holder{Detail: "lock"})
	var iu *InUseError
	if !errors.As(err, &iu) || len(iu.Holders) != 1 {
		t.Fatalf("exclusive while a child has it open: %v", err)
	}
	h := iu.Holders[0]
	if h.Kind != HolderApp || h.Detail != "door" || h.PID != c.cmd.Process.Pid || time.Since(h.Since) > time.Minute {
		t.Fatalf("holder = %+v, want the app at desk door, pid %d", h, c.cmd.Process.Pid)
	}
	if msg := err.Error(); !strings.Contains(msg, "door") {
		t.Fatalf("message does not name the holder: %s", msg)
	}
	_ = c.cmd.Process.Kill() // it may have exited already
	_ = c.cmd.Wait()         // killed: the exit status says so, nothing more
	x, err := ClaimExclusive(path, Holder{Detail: "lock"})
	if err != nil {
		t.Fatalf("exclusive after the holder died: %v", err)
	}
	defer x.Release()
	if hs := Holders(path); len(hs) != 1 || hs[0].Kind != HolderExclusive {
		t.Fatalf("holders after the child died: %+v", hs)
	}
}
