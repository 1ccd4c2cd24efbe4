//go:build !race

package cli

// raceEnabled: timing assertions are skipped under the race detector.
const raceEnabled = false
