// Command convene holds a live seminar from one laptop: the agenda and its
// clock, the check-in desk and the discussion topics, in one SQLite file.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	_ "time/tzdata" // the time-zone database inside the binary: Kazakhstan's 2024 change is right on old laptops and Windows

	"convene/cli"
)

func main() {
	// The heap may grow by half since the last collection before the next,
	// not double (Go's default): at 10,000 participants the app then holds
	// 38-39 MB instead of 41-42, at 100,000 109-114 MB instead of 140-142
	// (README, Performance). GOGC set in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	// Interrupt, kill and a closed terminal window (SIGHUP; on Windows the
	// console's close event arrives as SIGTERM) end the app through its
	// normal path: the database is closed and a --demo folder deleted.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := cli.Execute(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
