package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"convene/model"
	"convene/sheet"
)

// checkinKeys is the Check-in screen's key map. Typing goes to the search,
// so the actions use keys that are not text.
type checkinKeys struct {
	navKeys
	Clear                                        key.Binding
	CheckIn, Undo, Uncheck, Filter, WalkIn, Edit key.Binding
	Import                                       key.Binding
	Confirm, Pick, SaveNew, Back                 key.Binding
}

func newCheckinKeys() checkinKeys {
	return checkinKeys{
		navKeys: newNavKeys(false), // letters are search text here
		Clear:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),
		CheckIn: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "check in")),
		Undo:    key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "undo last check-in")),
		Uncheck: key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "un-check highlighted")),
		Filter:  key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("ctrl+f", "all/here/not yet")),
		WalkIn:  key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "walk-in")),
		Edit:    key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "edit person")),
		Import:  key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "import roster")),
		Confirm: key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y/enter", "confirm")),
		Pick:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "check in this person instead")),
		SaveNew: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save as a new person")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// filter modes
type presence int

const (
	showAll presence = iota
	showHere
	showNotYet
)

var presenceNames = [...]string{"everyone", "checked in", "not yet here"}

// checkin screen modes
type checkinMode int

const (
	ciSearch checkinMode = iota
	ciConfirmUncheck
	ciForm
	ciDuplicates
	ciImportPath
	ciImportConfirm
)

// Messages of the Check-in screen.
type (
	rosterLoadedMsg struct {
		eventID, sessionID string
		index              *model.Index
		here               map[string]time.Time
		categories         []string
	}
	checkedInMsg struct {
		sessionID, pid string
		res            model.CheckedIn
	}
	uncheckedMsg struct {
		sessionID, pid, name string
		last                 bool // undo of the desk's last check-in
	}
	participantSavedMsg struct {
		p      model.Participant
		at     time.Time // check-in time for a walk-in
		walkIn bool
	}
	importPreviewMsg struct {
		path   string
		roster *sheet.Roster
		report model.ImportReport
	}
	importDoneMsg struct {
		roster *sheet.Roster
		report model.ImportReport
	}
)

// counts are the attendance figures shown at the top, recomputed only when
// the roster or a check-in changes.
type counts struct {
	here, total      int
	female, male, ns int
	cats             []catCount
}

type catCount struct {
	name        string
	here, total int
}

// checkin is the Check-in screen: type to find, one key to check in.
type checkin struct {
	c          *Common
	keys       checkinKeys
	search     textinput.Model
	index      *model.Index
	hereAt     []time.Time // by index position; zero = not here
	categories []string
	results    []int
	list       cursorList
	filter     presence
	counts     counts
	mode       checkinMode
	form       *form
	editing    *model.Participant // the person being edited (nil: walk-in)
	dups       []int              // possible duplicates (index positions)
	dupList    cursorList
	pending    *model.Participant // the walk-in awaiting the duplicate decision
	confirmPID string
	preview    *importPreviewMsg
	loaded     bool // the first roster has arrived
	width      int
	height     int
}

func newCheckIn(c *Common) *checkin {
	ci := &checkin{c: c, keys: newCheckinKeys(), index: model.NewIndex(nil)}
	ci.search = newInput(c.Styles, c.T("type a name, organisation, e-mail or phone — any script"), 40)
	ci.search.Focus()
	return ci
}

// Load implements screen.
func (s *checkin) Load() tea.Cmd {
	st, eid, sid := s.c.Store, s.c.Cur.Event.ID, s.c.Cur.Session.ID
	return func() tea.Msg {
		ctx := context.Background()
		people, err := st.Participants(ctx, eid)
		if err != nil {
			return errMsg{err}
		}
		here, err := st.Attendance(ctx, sid)
		if err != nil {
			return errMsg{err}
		}
		cats, err := st.Categories(ctx, eid)
		if err != nil {
			return errMsg{err}
		}
		return rosterLoadedMsg{eventID: eid, sessionID: sid, index: model.NewIndex(people), here: here, categories: cats}
	}
}

// Ready implements screen: its data has arrived.
func (s *checkin) Ready() bool { return s.loaded }

// Editing implements screen: a text field always has focus here.
func (s *checkin) Editing() bool {
	return s.mode != ciConfirmUncheck && s.mode != ciDuplicates && s.mode != ciImportConfirm
}

// SetSize implements screen.
func (s *checkin) SetSize(w, h int) {
	s.width, s.height = w, h
	s.search.SetWidth(max(10, w-8))
	s.list.setHeight(h - 5)
	s.dupList.setHeight(max(1, h-8))
	if s.form != nil {
		s.form.SetWidth(min(90, w))
	}
}

// ShortHelp implements help.KeyMap.
func (s *checkin) ShortHelp() []key.Binding {
	k := s.keys
	switch s.mode {
	case ciConfirmUncheck, ciImportConfirm:
		return []key.Binding{k.Confirm, k.Back}
	case ciForm, ciImportPath:
		return s.form.keys.ShortHelp()
	case ciDuplicates:
		return []key.Binding{k.Up, k.Down, k.Pick, k.SaveNew, k.Back}
	}
	return []key.Binding{k.CheckIn, k.Undo, k.WalkIn, k.Filter, k.Clear}
}

// FullHelp implements help.KeyMap.
func (s *checkin) FullHelp() [][]key.Binding {
	k := s.keys
	if s.mode != ciSearch {
		return [][]key.Binding{s.ShortHelp()}
	}
	return [][]key.Binding{
		{k.CheckIn, k.Undo, k.Uncheck, k.Filter},
		{k.WalkIn, k.Edit, k.Import, k.Clear},
		k.navKeys.bindings(),
	}
}

func (s *checkin) keep() func(int) bool {
	switch s.filter {
	case showHere:
		return func(i int) bool { return !s.hereAt[i].IsZero() }
	case showNotYet:
		return func(i int) bool { return s.hereAt[i].IsZero() }
	}
	return nil
}

func (s *checkin) refilter() {
	s.results = s.index.Search(s.results, s.search.Value(), s.keep())
	s.list.setLen(len(s.results))
}

// positionOf finds a person's index position by ID.
func (s *checkin) positionOf(pid string) int {
	for i := range s.index.Len() {
		if s.index.Person(i).ID == pid {
			return i
		}
	}
	return -1
}

func (s *checkin) recount() {
	c := counts{total: s.index.Len()}
	byCat := map[string]*catCount{}
	for i := range s.index.Len() {
		p := s.index.Person(i)
		cat := p.Category
		if cat == "" {
			cat = "—"
		}
		cc := byCat[cat]
		if cc == nil {
			cc = &catCount{name: cat}
			byCat[cat] = cc
		}
		cc.total++
		if s.hereAt[i].IsZero() {
			continue
		}
		c.here++
		cc.here++
		switch p.Gender {
		case model.GenderFemale:
			c.female++
		case model.GenderMale:
			c.male++
		default:
			c.ns++
		}
	}
	for _, cc := range byCat {
		c.cats = append(c.cats, *cc)
	}
	sort.Slice(c.cats, func(i, j int) bool { return c.cats[i].name < c.cats[j].name })
	s.counts = c
}

func (s *checkin) highlighted() (int, bool) {
	if s.list.pos < 0 || s.list.pos >= len(s.results) {
		return -1, false
	}
	return s.results[s.list.pos], true
}

func (s *checkin) resetSearch() {
	s.search.SetValue("")
	s.refilter()
	s.list.home()
}

// Update implements screen.
func (s *checkin) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case rosterLoadedMsg:
		if msg.sessionID != s.c.Cur.Session.ID || msg.eventID != s.c.Cur.Event.ID {
			return nil
		}
		s.index, s.categories = msg.index, msg.categories
		s.hereAt = make([]time.Time, s.index.Len())
		for i := range s.index.Len() {
			s.hereAt[i] = msg.here[s.index.Person(i).ID]
		}
		s.recount()
		s.refilter()
		s.loaded = true
		return nil
	case checkedInMsg:
		if msg.sessionID != s.c.Cur.Session.ID {
			return nil
		}
		if i := s.positionOf(msg.pid); i >= 0 {
			s.hereAt[i] = msg.res.At
		}
		s.recount()
		s.refilter()
		name := safe(msg.res.Name)
		if msg.res.Already {
			return statusCmd(s.c.T("%s is already checked in (arrived %s); nothing changed", name, localClock(msg.res.At)))
		}
		return statusCmd(s.c.T("✓ %s — %s", name, localClock(msg.res.At)))
	case uncheckedMsg:
		if msg.sessionID != s.c.Cur.Session.ID {
			return nil
		}
		if i := s.positionOf(msg.pid); i >= 0 {
			s.hereAt[i] = time.Time{}
		}
		s.recount()
		s.refilter()
		return statusCmd(s.c.T("Check-in of %s undone", safe(msg.name)))
	case participantSavedMsg:
		reload := s.Load()
		if msg.walkIn {
			return tea.Batch(reload, statusCmd(s.c.T("✓ %s registered and checked in — %s", safe(msg.p.FullName), localClock(msg.at))))
		}
		return tea.Batch(reload, statusCmd(s.c.T("Saved %s", safe(msg.p.FullName))))
	case importPreviewMsg:
		s.preview = &msg
		s.mode = ciImportConfirm
		return nil
	case importDoneMsg:
		return tea.Batch(s.Load(), statusCmd(s.c.T("Imported: %d added, %d already present, %d rejected", msg.report.Added, msg.report.Present, len(msg.roster.Rejected))))
	case tea.MouseWheelMsg:
		if s.mode == ciSearch {
			switch msg.Mouse().Button {
			case tea.MouseWheelUp:
				s.list.move(-3)
			case tea.MouseWheelDown:
				s.list.move(3)
			}
		}
		return nil
	}
	switch s.mode {
	case ciConfirmUncheck:
		return s.updateConfirm(msg)
	case ciForm:
		return s.updateForm(msg)
	case ciDuplicates:
		return s.updateDuplicates(msg)
	case ciImportPath:
		return s.updateImportPath(msg)
	case ciImportConfirm:
		return s.updateImportConfirm(msg)
	}
	return s.updateSearch(msg)
}

func (s *checkin) updateSearch(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyPressMsg); ok {
		k := s.keys
		switch {
		case s.list.navigate(km, k.navKeys):
			return nil
		case key.Matches(km, k.Clear):
			s.resetSearch()
			return nil
		case key.Matches(km, k.Filter):
			s.filter = (s.filter + 1) % 3
			s.refilter()
			s.list.home()
			return statusCmd(s.c.T("Showing: %s", s.c.W(presenceNames[s.filter])))
		case key.Matches(km, k.CheckIn):
			i, ok := s.highlighted()
			if !ok {
				return statusCmd(s.c.T("Nobody to check in: type a name, or ctrl+n for a walk-in"))
			}
			s.resetSearch()
			return s.checkInCmd(s.index.Person(i).ID)
		case key.Matches(km, k.Undo):
			return s.undoLastCmd()
		case key.Matches(km, k.Uncheck):
			i, ok := s.highlighted()
			if !ok {
				return nil
			}
			if s.hereAt[i].IsZero() {
				return statusCmd(s.c.T("%s is not checked in", safe(s.index.Person(i).FullName)))
			}
			s.confirmPID = s.index.Person(i).ID
			s.mode = ciConfirmUncheck
			return nil
		case key.Matches(km, k.WalkIn):
			s.openForm(nil)
			return nil
		case key.Matches(km, k.Edit):
			if i, ok := s.highlighted(); ok {
				p := *s.index.Person(i)
				s.openForm(&p)
			}
			return nil
		case key.Matches(km, k.Import):
			s.form = newForm(&s.c.Styles, s.c.T("Import a roster (CSV from Excel or Google Sheets)")).
				text(s.c.T("File"), "", s.c.T("path to the .csv file"), true, nil)
			s.SetSize(s.width, s.height)
			s.mode = ciImportPath
			return nil
		}
	}
	before := s.search.Value()
	var cmd tea.Cmd
	s.search, cmd = s.search.Update(msg)
	if s.search.Value() != before {
		s.refilter()
		s.list.home()
	}
	return cmd
}

func (s *checkin) checkInCmd(pid string) tea.Cmd {
	st, sid, desk := s.c.Store, s.c.Cur.Session.ID, s.c.Desk
	return func() tea.Msg {
		res, err := st.CheckIn(context.Background(), pid, sid, desk)
		if err != nil {
			return errMsg{err}
		}
		return checkedInMsg{sessionID: sid, pid: pid, res: res}
	}
}

func (s *checkin) undoLastCmd() tea.Cmd {
	st, sid, desk := s.c.Store, s.c.Cur.Session.ID, s.c.Desk
	return func() tea.Msg {
		undone, err := st.UndoLastCheckIn(context.Background(), sid, desk)
		if err != nil {
			return errMsg{err}
		}
		return uncheckedMsg{sessionID: sid, pid: undone.ParticipantID, name: undone.Name, last: true}
	}
}

func (s *checkin) updateConfirm(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	s.mode = ciSearch
	pid := s.confirmPID
	s.confirmPID = ""
	if !key.Matches(km, s.keys.Confirm) {
		return statusCmd(s.c.T("Nothing changed"))
	}
	st, sid, desk := s.c.Store, s.c.Cur.Session.ID, s.c.Desk
	return func() tea.Msg {
		undone, err := st.UndoCheckIn(context.Background(), pid, sid, desk)
		if err != nil {
			return errMsg{err}
		}
		return uncheckedMsg{sessionID: sid, pid: pid, name: undone.Name}
	}
}

var genderOptions = []string{string(model.GenderFemale), string(model.GenderMale), string(model.GenderNotStated)}

// openForm opens the participant form: a walk-in (p nil) or an edit.
func (s *checkin) openForm(p *model.Participant) {
	c := s.c
	title := c.T("Register a walk-in (saved and checked in to %s)", safe(c.Cur.Session.Title))
	v := model.Participant{Gender: model.GenderNotStated}
	if p != nil {
		title = c.T("Edit participant")
		v = *p
	} else if q := strings.TrimSpace(s.search.Value()); q != "" {
		v.FullName = q // what the volunteer typed is usually the name
	}
	labels := []string{c.W("female"), c.W("male"), c.W("not stated")}
	s.form = newForm(&c.Styles, title).
		text(c.T("Full name"), v.FullName, c.T("as the person says it"), true, nil).
		text(c.T("Organisation"), v.Organisation, "", false, nil).
		text(c.T("Position"), v.Position, "", false, nil).
		combo(c.T("Category"), v.Category, s.categories).
		choice(c.T("Gender"), genderOptions, labels, string(v.Gender)).
		text(c.T("Phone"), v.Phone, "", false, nil).
		text(c.T("E-mail"), v.Email, "", false, validEmail)
	s.editing = p
	s.mode = ciForm
	s.search.Blur()
	s.SetSize(s.width, s.height)
}

func validEmail(v string) error {
	if !strings.Contains(v, "@") || strings.ContainsAny(v, " ,;") {
		return fmt.Errorf("not an e-mail address")
	}
	return nil
}

func (s *checkin) closeForm() {
	s.form, s.editing, s.pending, s.dups = nil, nil, nil, nil
	s.mode = ciSearch
	s.search.Focus()
}

func (s *checkin) formParticipant() model.Participant {
	f := s.form
	p := model.Participant{}
	if s.editing != nil {
		p = *s.editing
	}
	p.FullName, p.Organisation, p.Position = f.value(0), f.value(1), f.value(2)
	p.Category, p.Gender, p.Phone, p.Email = f.value(3), model.Gender(f.value(4)), f.value(5), strings.ToLower(f.value(6))
	p.EventID = s.c.Cur.Event.ID
	return p
}

func (s *checkin) updateForm(msg tea.Msg) tea.Cmd {
	res, cmd := s.form.Update(msg)
	switch res {
	case formCancelled:
		s.closeForm()
		return statusCmd(s.c.T("Nothing saved"))
	case formSubmitted:
		p := s.formParticipant()
		if s.editing != nil {
			s.closeForm()
			return s.saveCmd(p, false)
		}
		s.dups = s.similar(p.FullName, 8)
		if len(s.dups) > 0 {
			s.pending = &p
			s.dupList = cursorList{}
			s.dupList.setLen(len(s.dups))
			s.SetSize(s.width, s.height)
			s.mode = ciDuplicates
			return nil
		}
		s.closeForm()
		s.resetSearch()
		return s.saveCmd(p, true)
	}
	return cmd
}

// similar lists people whose name is close to name (possible duplicates).
func (s *checkin) similar(name string, limit int) []int {
	var out []int
	for i := range s.index.Len() {
		if model.SimilarNames(name, s.index.Person(i).FullName) {
			out = append(out, i)
			if len(out) == limit {
				break
			}
		}
	}
	return out
}

func (s *checkin) saveCmd(p model.Participant, walkIn bool) tea.Cmd {
	st, sid, desk := s.c.Store, s.c.Cur.Session.ID, s.c.Desk
	return func() tea.Msg {
		ctx := context.Background()
		if !walkIn {
			if _, err := st.UpdateParticipant(ctx, p); err != nil {
				return errMsg{err}
			}
			return participantSavedMsg{p: p}
		}
		saved, err := st.AddWalkIn(ctx, p, sid, desk)
		if err != nil {
			return errMsg{err}
		}
		return participantSavedMsg{p: saved.Participant, at: saved.CheckedInAt, walkIn: true}
	}
}

func (s *checkin) updateDuplicates(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := s.keys
	switch {
	case s.dupList.navigate(km, k.navKeys):
	case key.Matches(km, k.Back):
		s.mode = ciForm
	case key.Matches(km, k.SaveNew):
		p := *s.pending
		s.closeForm()
		s.resetSearch()
		return s.saveCmd(p, true)
	case key.Matches(km, k.Pick):
		pid := s.index.Person(s.dups[s.dupList.pos]).ID
		s.closeForm()
		s.resetSearch()
		return s.checkInCmd(pid)
	}
	return nil
}

func (s *checkin) updateImportPath(msg tea.Msg) tea.Cmd {
	res, cmd := s.form.Update(msg)
	switch res {
	case formCancelled:
		s.closeForm()
	case formSubmitted:
		path := s.form.value(0)
		s.closeForm()
		st, eid := s.c.Store, s.c.Cur.Event.ID
		return func() tea.Msg {
			r, err := sheet.ReadRosterFile(path)
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
	return cmd
}

func (s *checkin) updateImportConfirm(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	pv := s.preview
	s.preview = nil
	s.mode = ciSearch
	if !key.Matches(km, s.keys.Confirm) || pv == nil {
		return statusCmd(s.c.T("Import cancelled; nothing changed"))
	}
	st, eid := s.c.Store, s.c.Cur.Event.ID
	return func() tea.Msg {
		rep, err := st.ImportParticipants(context.Background(), eid, pv.roster.People, false)
		if err != nil {
			return errMsg{err}
		}
		return importDoneMsg{roster: pv.roster, report: rep.ImportReport}
	}
}

// View implements screen.
func (s *checkin) View() string {
	st := s.c.Styles
	switch s.mode {
	case ciForm, ciImportPath:
		return st.Box.Render(s.form.View())
	case ciDuplicates:
		return s.duplicatesView()
	case ciImportConfirm:
		return s.importConfirmView()
	}
	var b strings.Builder
	b.WriteString(st.Label.Render(s.c.T("Find")+" ") + s.search.View() + "\n")
	b.WriteString(s.countsLine() + "\n")
	if s.mode == ciConfirmUncheck {
		name := ""
		if i := s.positionOf(s.confirmPID); i >= 0 {
			name = safe(s.index.Person(i).FullName)
		}
		b.WriteString(st.Warning.Render(s.c.T("Un-check %s from %s? y = yes, any other key = no", name, safe(s.c.Cur.Session.Title))) + "\n")
	} else {
		b.WriteString(s.categoryLine() + "\n")
	}
	if !s.loaded {
		b.WriteString("\n" + st.Muted.Render(s.c.T("Loading the participants…")))
		return b.String()
	}
	if s.index.Len() == 0 {
		b.WriteString("\n" + st.Muted.Render(s.c.T("No participants yet: ctrl+n registers a walk-in, ctrl+o imports a roster.")))
		return b.String()
	}
	nameW, orgW, catW := s.columns()
	header := fit("", 2) + fit(s.c.T("Time"), 6) + fit(s.c.T("Name"), nameW) + " " + fit(s.c.T("Organisation"), orgW) + " " + fit(s.c.T("Category"), catW)
	b.WriteString(st.TableHeader.Render(fit(header, s.width)) + "\n")
	if len(s.results) == 0 {
		msg := s.c.T("Nobody matches “%s” (%s). ctrl+n registers a walk-in.", safe(s.search.Value()), s.c.W(presenceNames[s.filter]))
		b.WriteString(st.Muted.Render(msg))
		return b.String()
	}
	lo, hi := s.list.visible()
	for i := lo; i < hi; i++ {
		b.WriteString(s.row(s.results[i], i == s.list.pos, nameW, orgW, catW) + "\n")
	}
	info := s.list.scrollInfo()
	if s.filter != showAll {
		info += " · " + s.c.W(presenceNames[s.filter])
	}
	b.WriteString(st.Muted.Render(info))
	return b.String()
}

func (s *checkin) columns() (nameW, orgW, catW int) {
	catW = 14
	if s.width >= 120 {
		catW = 26
	}
	flex := max(10, s.width-8-1-catW)
	nameW = flex * 45 / 100
	orgW = flex - nameW - 1
	return nameW, orgW, catW
}

func (s *checkin) row(idx int, selected bool, nameW, orgW, catW int) string {
	st := s.c.Styles
	p := s.index.Person(idx)
	mark, at := "  ", ""
	here := !s.hereAt[idx].IsZero()
	if here {
		mark, at = "✓ ", localClock(s.hereAt[idx])
	}
	row := fit(mark, 2) + fit(at, 6) + fit(safe(p.FullName), nameW) + " " + fit(safe(p.Organisation), orgW) + " " + fit(safe(p.Category), catW)
	row = fit(row, s.width)
	switch {
	case selected:
		return st.SelectedRow.Apply(row)
	case here:
		return st.GoodRow.Apply(row)
	}
	return row
}

func (s *checkin) countsLine() string {
	st := s.c.Styles
	c := s.counts
	pct := 0
	if c.total > 0 {
		pct = c.here * 100 / c.total
	}
	return st.Bold.Render(s.c.T("Checked in %d / %d (%d%%)", c.here, c.total, pct)) +
		st.Muted.Render(" · "+s.c.T("female %d · male %d · not stated %d", c.female, c.male, c.ns))
}

func (s *checkin) categoryLine() string {
	parts := make([]string, 0, len(s.counts.cats))
	for _, cc := range s.counts.cats {
		parts = append(parts, fmt.Sprintf("%s %d/%d", safe(cc.name), cc.here, cc.total))
	}
	return s.c.Styles.Muted.Render(fit(strings.Join(parts, " · "), s.width))
}

func (s *checkin) duplicatesView() string {
	st := s.c.Styles
	var b strings.Builder
	b.WriteString(st.Warning.Render(s.c.T("Possible duplicate: is “%s” one of these people?", safe(s.pending.FullName))) + "\n\n")
	nameW, orgW, catW := s.columns()
	lo, hi := s.dupList.visible()
	for i := lo; i < hi; i++ {
		b.WriteString(s.row(s.dups[i], i == s.dupList.pos, nameW, orgW, catW) + "\n")
	}
	b.WriteString("\n" + st.Muted.Render(s.c.T("enter: check in the highlighted person instead · ctrl+s: save as a new person · esc: back to the form")))
	return b.String()
}

func (s *checkin) importConfirmView() string {
	st := s.c.Styles
	pv := s.preview
	var b strings.Builder
	b.WriteString(st.Title.Render(s.c.T("Import %s into %s?", safe(pv.path), safe(s.c.Cur.Event.Name))) + "\n\n")
	b.WriteString(safeText(pv.roster.Report(pv.report, max(3, s.height-10))))
	b.WriteString("\n" + st.Warning.Render(s.c.T("y = import (all or nothing), any other key = cancel")))
	return b.String()
}

// safeText sanitises multi-line text for display.
func safeText(s string) string { return model.SanitizeText(s) }
