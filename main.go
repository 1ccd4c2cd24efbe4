// Command convene holds a live seminar from one laptop: the agenda and its
// clock, the check-in desk and the discussion topics, in one SQLite file.
package main

import (
	"context"
	"os"
	"os/signal"

	"convene/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Execute(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
