package model

import "strings"

// ImportReport says what an import did (or, in a dry run, would do).
type ImportReport struct {
	Added   int
	Present int // already in the event (same name and organisation, or same e-mail), or repeated in the file
	DryRun  bool
}

// duplicateKeys are the keys under which a participant counts as already
// registered: the same name (in any script and word order) and
// organisation, or the same e-mail.
func duplicateKeys(f *Folder, p Participant) []string {
	keys := []string{"n:" + f.NameKey(p.FullName) + "|" + f.Fold(p.Organisation)}
	if e := strings.ToLower(strings.TrimSpace(p.Email)); e != "" {
		keys = append(keys, "e:"+e)
	}
	return keys
}

// PlanImport decides which incoming people are new: those whose name and
// organisation, or e-mail, match neither an existing participant nor an
// earlier incoming row. It returns the new ones and how many were already
// present.
func PlanImport(existing, incoming []Participant) (add []Participant, present int) {
	var f Folder
	seen := make(map[string]bool, 2*len(existing)+2*len(incoming))
	for _, p := range existing {
		for _, k := range duplicateKeys(&f, p) {
			seen[k] = true
		}
	}
	for _, p := range incoming {
		keys := duplicateKeys(&f, p)
		dup := false
		for _, k := range keys {
			if seen[k] {
				dup = true
			}
		}
		if dup {
			present++
			continue
		}
		for _, k := range keys {
			seen[k] = true
		}
		add = append(add, p)
	}
	return add, present
}
