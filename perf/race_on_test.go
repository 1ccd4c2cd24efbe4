//go:build race

package perf

// raceEnabled: timing assertions never run under the race detector.
const raceEnabled = true
