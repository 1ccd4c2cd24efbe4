package cli

import (
	"fmt"
	"os"
	"testing"
)

// TestMain runs the tests in English whatever the machine's language: they
// check English output unless they choose a language themselves.
func TestMain(m *testing.M) {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "CONVENE_LANG"} {
		if err := os.Unsetenv(v); err != nil {
			fmt.Fprintln(os.Stderr, "cli tests: unset", v+":", err)
			os.Exit(1)
		}
	}
	if err := os.Setenv("LANG", "C.UTF-8"); err != nil {
		fmt.Fprintln(os.Stderr, "cli tests: set LANG:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
