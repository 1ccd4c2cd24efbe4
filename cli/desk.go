package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// deskName is this window's name at the desk: --desk, else $CONVENE_DESK,
// else the host name and the terminal it runs in ("laptop/pts-3"), so two
// windows on one laptop are two desks (each undoes only its own check-ins)
// and a window reopened in the same terminal is the same desk. Where the
// terminal cannot be named, the process ID stands in for it.
func deskName(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv("CONVENE_DESK"); env != "" {
		return env
	}
	host, _ := os.Hostname()
	if host == "" {
		host = "desk"
	}
	if tty, err := os.Readlink("/proc/self/fd/0"); err == nil && strings.HasPrefix(tty, "/dev/") {
		return host + "/" + strings.ReplaceAll(strings.TrimPrefix(tty, "/dev/"), string(filepath.Separator), "-")
	}
	return host + "/" + strconv.Itoa(os.Getpid())
}
