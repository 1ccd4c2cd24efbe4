package store

import (
	"context"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchFallback is how often WaitChange looks anyway when the file system
// notifies it of nothing (some network or virtual file systems never do).
const watchFallback = 30 * time.Second

// WaitChange blocks until another connection — another convene window, a
// command — has committed a change (DataVersion differs from last), and
// returns the new version. It sleeps until the file system says the
// database or its journal was written (no polling; every 30 s it looks
// anyway), so a quiet app costs nothing. Where notifications cannot be had
// it checks once a second. It ends with ctx.
func (s *Store) WaitChange(ctx context.Context, last int64) (int64, error) {
	w, err := fsnotify.NewWatcher()
	if err == nil {
		defer w.Close()
		err = w.Add(filepath.Dir(s.path))
	}
	events, every := (<-chan fsnotify.Event)(nil), watchFallback
	if err == nil {
		events = w.Events
	} else {
		every = time.Second // no notifications: poll
	}
	base := filepath.Base(s.path)
	tick := time.NewTicker(every)
	defer tick.Stop()
	// a notification can come while the other commit is still being
	// written: look again a moment later too
	recheck := time.NewTimer(time.Hour)
	recheck.Stop()
	defer recheck.Stop()
	for {
		v, err := s.DataVersion(ctx)
		if err != nil {
			return 0, err
		}
		if v != last {
			return v, nil
		}
		for waiting := true; waiting; {
			select {
			case <-ctx.Done():
				return 0, ctx.Err()
			case <-tick.C:
				waiting = false
			case <-recheck.C:
				waiting = false
			case ev, ok := <-events:
				if !ok {
					events = nil
					continue
				}
				if n := filepath.Base(ev.Name); n == base || n == base+"-wal" {
					waiting = false
					recheck.Reset(100 * time.Millisecond)
				}
			}
		}
	}
}
