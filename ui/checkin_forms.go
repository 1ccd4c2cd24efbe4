package ui

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"convene/i18n"
	"convene/model"
	"convene/sheet"
)

// The Check-in screen's forms: a walk-in or an edit of a person (with the
// possible-duplicates picker over it), and the roster import.

// Messages of the import.
type (
	importPreviewMsg struct {
		path   string
		roster *sheet.Roster
		report model.ImportReport
	}
)

var genderOptions = []string{string(model.GenderFemale), string(model.GenderMale), string(model.GenderNotStated)}

var consentOptions = []string{string(model.ConsentUnknown), string(model.ConsentYes), string(model.ConsentNo)}

// openPersonForm opens the participant form: a walk-in (p nil) or an edit.
// Every field is bound to the person it saves.
func (s *checkin) openPersonForm(edit *model.Participant) {
	c := s.c
	title := c.T("Register a walk-in (saved and checked in to %s)", safe(c.Cur.Session.Title))
	p := &model.Participant{EventID: c.Cur.Event.ID, Gender: model.GenderNotStated}
	if edit != nil {
		p, title = edit, c.T("Edit participant")
		p.Surname, p.GivenName, p.Patronymic = p.NameParts()
	} else if q := strings.TrimSpace(s.search.Value()); q != "" {
		if s.paper {
			q, _ = splitTime(q)
		}
		p.FullName = q // what the volunteer typed is usually the name
	}
	gender, consent := string(p.Gender), string(p.Consent)
	f := s.newForm(title, func(f *form) tea.Cmd {
		p.Gender, p.Email, p.Consent = model.Gender(gender), strings.ToLower(p.Email), model.Consent(consent)
		if edit != nil {
			return s.saveCmd(*p, false)
		}
		if dups := s.similarTo(*p, 8); len(dups) > 0 {
			f.stay()
			s.offerDuplicates(f, *p, dups)
			return nil
		}
		s.resetSearch()
		s.lastCheckIn = s.c.keyNow() // an Enter right after does nothing more, as after a check-in
		return s.saveCmd(*p, true)
	})
	f.text(c.T("Full name"), &p.FullName, required(), placeholder(c.T("as the person says it"))).
		text(c.T("Surname"), &p.Surname, placeholder(c.T("which word(s) of the name; empty: the first")),
			check(func(v string) error {
				if !model.SurnameIn(f.current(&p.FullName), v) {
					return i18n.Errorf("“%s” is not a word of the full name", v)
				}
				return nil
			})).
		text(c.T("Organisation"), &p.Organisation).
		text(c.T("Position"), &p.Position).
		text(c.T("Category"), &p.Category, placeholder(c.T("type or → to complete")), suggest(s.categories)).
		choice(c.T("Gender"), &gender, genderOptions, []string{c.W("female"), c.W("male"), c.W("not stated")})
	c.contactFields(f, p, edit != nil).
		choice(c.T("Consent"), &consent, consentOptions,
			[]string{c.W("unknown: contacts not shared"), c.W("yes: contacts may be shared"), c.W("no: contacts not shared")})
	s.open(f)
}

// similarTo lists the people p may already be (possible duplicates): a
// name close to p's, or the same phone (in any of its spellings) or e-mail;
// never p's own record.
func (s *checkin) similarTo(p model.Participant, limit int) []int {
	var out []int
	for i := range s.index.Len() {
		x := s.index.Person(i)
		if p.ID != "" && x.ID == p.ID {
			continue
		}
		if model.SimilarNames(p.FullName, x.FullName) || model.SamePhone(p.Phone, x.Phone) ||
			p.Email != "" && strings.EqualFold(strings.TrimSpace(p.Email), strings.TrimSpace(x.Email)) {
			out = append(out, i)
			if len(out) == limit {
				break
			}
		}
	}
	return out
}

func (s *checkin) saveCmd(p model.Participant, walkIn bool) tea.Cmd {
	st, sid, desk, c := s.c.Store, s.c.Cur.Session.ID, s.c.Desk, s.c
	var at time.Time
	source := model.FromDesk
	if s.paper {
		at, source = s.paperTime(), model.FromPaper
	}
	return commit(s.c, func(ctx context.Context) (model.ParticipantSaved, error) {
		if walkIn {
			return st.AddWalkInAt(ctx, p, sid, desk, at, source)
		}
		return st.UpdateParticipant(ctx, p)
	}, func(ch model.ParticipantSaved) string {
		if walkIn {
			return c.T("✓ %s registered and checked in — %s", safe(ch.Participant.FullName), localClock(ch.CheckedInAt))
		}
		return c.T("Saved %s", safe(ch.Participant.FullName))
	})
}

// offerDuplicates shows the people a walk-in may already be, over the
// form: enter checks the highlighted one in instead, ctrl+s saves the new
// person, esc returns to the form.
func (s *checkin) offerDuplicates(f *form, p model.Participant, dups []int) {
	c := s.c
	k := newPickKeys()
	pk := newPicker(c, c.T("Possible duplicate: is “%s” one of these people?", safe(p.FullName)), len(dups),
		func(i int, selected bool, _ int) string { return s.row(dups[i], selected) },
		func(i int) tea.Cmd {
			f.closed = true
			var at time.Time
			if s.paper {
				at = s.paperTime()
			}
			s.resetSearch()
			who := s.index.Person(dups[i])
			if (p.Phone == "" || who.Phone != "") && (p.Email == "" || who.Email != "") {
				return s.checkInCmd(who.ID, at)
			}
			// the phone or e-mail typed in the form is not lost: the
			// person checked in instead takes it if they had none
			return s.checkInFilling(who.ID, at, p.Phone, p.Email)
		}).withExtra(k.SaveNew, func() tea.Cmd {
		f.closed = true
		s.resetSearch()
		return s.saveCmd(p, true)
	})
	pk.hint = c.T("enter: check in the highlighted person instead · ctrl+s: save as a new person · esc: back to the form")
	s.open(pk)
}

// openImport asks for a roster file, shows what importing it would do,
// and imports it when confirmed (all or nothing).
func (s *checkin) openImport() {
	c := s.c
	var path string
	f := s.newForm(c.T("Import a roster (an Excel workbook, or CSV from Excel or Google Sheets)"), func(*form) tea.Cmd {
		return s.previewCmd(path)
	})
	f.text(c.T("File"), &path, required(), placeholder(c.T("path to the .xlsx or .csv file")))
	s.open(f)
}

func (s *checkin) previewCmd(path string) tea.Cmd {
	st, eid := s.c.Store, s.c.Cur.Event.ID
	return func() tea.Msg {
		r, err := sheet.ReadRosterFile(path, sheet.Options{})
		if err != nil {
			return errMsg{err}
		}
		rep, err := st.ImportParticipants(context.Background(), eid, r.People, true)
		if err != nil {
			return errMsg{err}
		}
		return importPreviewMsg{path: path, roster: r, report: rep.ImportReport}
	}
}

// askImport shows the preview and imports on y.
func (s *checkin) askImport(pv importPreviewMsg) {
	c := s.c
	st, eid := c.Store, c.Cur.Event.ID
	q := c.T("Import %s into %s?", safe(pv.path), safe(c.Cur.Event.Name)) + "\n\n" +
		safeText(pv.roster.Report(c.I18n, pv.report, max(3, s.height-12))) + "\n" + c.T("(all or nothing)")
	s.open(newConfirm(c, q, func() tea.Cmd {
		return commit(s.c, func(ctx context.Context) (model.RosterImported, error) {
			return st.ImportParticipants(ctx, eid, pv.roster.People, false)
		}, func(ch model.RosterImported) string {
			return c.T("Imported: %d added, %d already present, %d rejected", ch.Added, ch.Present, len(pv.roster.Rejected))
		})
	}).onNo(func() tea.Cmd { return statusCmd(c.T("Import cancelled; nothing changed")) }))
}

// safeText sanitises multi-line text for display.
func safeText(s string) string { return model.SanitizeText(s) }
