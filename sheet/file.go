package sheet

import (
	"fmt"
	"io"
	"os"
	"strings"

	"convene/model"
)

// ReadRosterFile reads and parses a roster file (at most MaxSize bytes).
func ReadRosterFile(path string) (*Roster, error) {
	data, err := ReadLimited(path)
	if err != nil {
		return nil, err
	}
	r, err := ParseRoster(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// ReadLimited reads a whole file, refusing folders and files over MaxSize.
func ReadLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a file", path)
	}
	return io.ReadAll(io.LimitReader(f, MaxSize+1))
}

// Report describes the roster and what importing it does (or did), in the
// words the command line and the app both show, listing at most
// maxRejected rejected rows.
func (r *Roster) Report(rep model.ImportReport, maxRejected int) string {
	var b strings.Builder
	delim := map[rune]string{',': "comma", ';': "semicolon", '\t': "tab"}[r.Delimiter]
	fmt.Fprintf(&b, "Read %d rows (%s, %s-separated).\n", len(r.People)+len(r.Rejected), r.Encoding, delim)
	verb := "added"
	if rep.DryRun {
		verb = "to add"
	}
	fmt.Fprintf(&b, "%d %s, %d already present, %d rejected.\n", rep.Added, verb, rep.Present, len(r.Rejected))
	for i, rj := range r.Rejected {
		if i == maxRejected {
			fmt.Fprintf(&b, "  … and %d more rejected rows\n", len(r.Rejected)-maxRejected)
			break
		}
		fmt.Fprintf(&b, "  line %d: %s\n", rj.Line, rj.Reason)
	}
	if len(r.Ignored) > 0 {
		fmt.Fprintf(&b, "Columns not used: %s\n", strings.Join(r.Ignored, ", "))
	}
	return b.String()
}

// ReadAgendaFile reads and parses an agenda file (at most MaxSize bytes).
func ReadAgendaFile(path string) (*AgendaFile, error) {
	data, err := ReadLimited(path)
	if err != nil {
		return nil, err
	}
	a, err := ParseAgenda(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return a, nil
}
