//go:build !race

package ui

// raceEnabled: timing assertions never run under the race detector.
const raceEnabled = false
