//go:build !race

package store

// raceEnabled: timing assertions are skipped under the race detector.
const raceEnabled = false
