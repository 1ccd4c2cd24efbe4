package model

import "strings"

// ImportReport says what an import did (or, in a dry run, would do).
type ImportReport struct {
	Added   int
	Present int // already in the event (same name and organisation, same e-mail, or same phone and name), or repeated in the file
	DryRun  bool
	// Duplicates says, for each row that was already present, whom it
	// matched; Filled, what a row already present added to that person (a
	// phone or an e-mail they did not have).
	Duplicates []Duplicate
	Filled     []Filled
}

// Duplicate is an incoming row that is already present: it matched an
// existing person (ExistingID, ExistingName) or an earlier row of the same
// file (EarlierRow ≥ 0).
type Duplicate struct {
	Row          int // index in the incoming rows
	ExistingID   string
	ExistingName string
	EarlierRow   int // index of the earlier incoming row it repeats, or -1
	By           string
}

// How a duplicate matched.
//
//i18n:key
const (
	ByName  = "same name and organisation"
	ByEmail = "same e-mail"
	ByPhone = "same phone and name"
)

// Filled is a phone or e-mail that an incoming row gave an existing person
// who had none.
type Filled struct {
	Row   int // index in the incoming rows
	ID    string
	Name  string
	Phone string // filled in ("" if not)
	Email string // filled in ("" if not)
}

// duplicateKeys are the keys under which a participant counts as already
// registered: the same name (in any script and word order) and
// organisation, the same e-mail, or the same phone number (in any of its
// spellings) with the same name.
func duplicateKeys(f *Folder, p Participant) []struct{ key, by string } {
	name := f.NameKey(p.FullName)
	keys := []struct{ key, by string }{{"n:" + name + "|" + f.Fold(p.Organisation), ByName}}
	if e := strings.ToLower(strings.TrimSpace(p.Email)); e != "" {
		keys = append(keys, struct{ key, by string }{"e:" + e, ByEmail})
	}
	if ph := PhoneKey(p.Phone); len(ph) >= 5 && name != "" {
		keys = append(keys, struct{ key, by string }{"p:" + ph + "|" + name, ByPhone})
	}
	return keys
}

// PlanImport decides which incoming people are new: those whose name and
// organisation, e-mail, or phone and name match neither an existing
// participant nor an earlier incoming row. It returns the new ones and a
// report of the rest: whom each matched, and the phones and e-mails they
// give existing people who had none (to be filled in). existing needs ID,
// FullName, Organisation, Phone and Email.
func PlanImport(existing, incoming []Participant) (add []Participant, rep ImportReport) {
	type who struct {
		existing int // index in existing, or -1
		row      int // index in incoming, or -1
	}
	var f Folder // folds each distinct word once
	seen := make(map[string]who, 3*len(existing)+3*len(incoming))
	phone := make([]string, len(existing)) // as filled so far
	email := make([]string, len(existing))
	for i, p := range existing {
		phone[i], email[i] = p.Phone, p.Email
		for _, k := range duplicateKeys(&f, p) {
			if _, ok := seen[k.key]; !ok {
				seen[k.key] = who{i, -1}
			}
		}
	}
	for r, p := range incoming {
		keys := duplicateKeys(&f, p)
		found, by := who{-1, -1}, ""
		for _, k := range keys {
			if w, ok := seen[k.key]; ok {
				found, by = w, k.by
				break
			}
		}
		if by == "" {
			for _, k := range keys {
				seen[k.key] = who{-1, r}
			}
			add = append(add, p)
			continue
		}
		rep.Present++
		d := Duplicate{Row: r, EarlierRow: found.row, By: by}
		if e := found.existing; e >= 0 {
			d.ExistingID, d.ExistingName = existing[e].ID, existing[e].FullName
			f := Filled{Row: r, ID: existing[e].ID, Name: existing[e].FullName}
			if strings.TrimSpace(phone[e]) == "" && strings.TrimSpace(p.Phone) != "" {
				f.Phone, phone[e] = p.Phone, p.Phone
			}
			if strings.TrimSpace(email[e]) == "" && strings.TrimSpace(p.Email) != "" {
				if w, taken := seen["e:"+strings.ToLower(strings.TrimSpace(p.Email))]; !taken || w.existing == e {
					f.Email, email[e] = p.Email, p.Email
				}
			}
			if f.Phone != "" || f.Email != "" {
				rep.Filled = append(rep.Filled, f)
			}
		}
		rep.Duplicates = append(rep.Duplicates, d)
	}
	rep.Added = len(add)
	return add, rep
}
