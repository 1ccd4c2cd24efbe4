// Command convene holds a live seminar from one laptop: the agenda and its
// clock, the check-in desk and the discussion topics, in one SQLite file.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // the time-zone database inside the binary: Kazakhstan's 2024 change is right on old laptops and Windows

	"convene/cli"
)

func main() {
	// Interrupt, kill and a closed terminal window (SIGHUP; on Windows the
	// console's close event arrives as SIGTERM) end the app through its
	// normal path: the database is closed and a --demo folder deleted.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := cli.Execute(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
