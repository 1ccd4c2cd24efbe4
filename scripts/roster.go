//go:build ignore

// Roster writes a CSV roster of N distinct people (model/rostergen, the
// rosters the performance figures are measured on) to standard output:
//
//	go run scripts/roster.go 100000 > r.csv
package main

import (
	"fmt"
	"os"
	"strconv"

	"convene/model/rostergen"
)

func main() {
	n, err := strconv.Atoi(firstArg())
	if err != nil || n < 1 {
		fmt.Fprintln(os.Stderr, "usage: go run scripts/roster.go N > roster.csv")
		os.Exit(2)
	}
	os.Stdout.Write(rostergen.CSV(n, 1))
}

func firstArg() string {
	if len(os.Args) < 2 {
		return ""
	}
	return os.Args[1]
}
