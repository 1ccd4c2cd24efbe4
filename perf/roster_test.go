package perf

import "convene/model/rostergen"

// rosterCSV is a roster of n distinct people as a CSV file, the same for
// the same seed (see model/rostergen).
func rosterCSV(n int, seed uint64) []byte { return rostergen.CSV(n, seed) }
