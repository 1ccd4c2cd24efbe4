package cli

import (
	"os"
	"testing"
)

// TestMain runs the tests in English whatever the machine's language: they
// check English output unless they choose a language themselves.
func TestMain(m *testing.M) {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "CONVENE_LANG"} {
		os.Unsetenv(v)
	}
	os.Setenv("LANG", "C.UTF-8")
	os.Exit(m.Run())
}
