//go:build race

package tea

// raceEnabled: timing assertions are skipped under the race detector.
const raceEnabled = true
