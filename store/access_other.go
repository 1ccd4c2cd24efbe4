//go:build !unix && !windows

package store

import "os"

// lockFile is a no-op where the system has no file locks convene uses:
// exclusive access is then not enforced.
func lockFile(*os.File, bool) (bool, error) { return true, nil }
