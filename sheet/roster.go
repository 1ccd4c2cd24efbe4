package sheet

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"convene/model"
)

// rosterAliases are the headers understood in a roster, English and Russian.
var rosterAliases = map[string][]string{
	"name":         {"Full name", "Name", "Participant", "ФИО", "Ф.И.О.", "Ф И О", "Полное имя", "Участник", "Аты-жөні", "Аты жөні"},
	"first":        {"First name", "Given name", "Firstname", "Имя", "Аты"},
	"last":         {"Last name", "Surname", "Family name", "Lastname", "Фамилия", "Тегі"},
	"middle":       {"Middle name", "Patronymic", "Отчество", "Әкесінің аты"},
	"organisation": {"Organization", "Organisation", "Org", "Affiliation", "Employer", "Организация", "Место работы", "Учреждение", "Ұйым"},
	"position":     {"Position", "Job title", "Role", "Должность", "Лауазымы"},
	"category":     {"Category", "Sector", "Group", "Категория", "Сектор", "Санат"},
	"gender":       {"Gender", "Sex", "Пол", "Жынысы"},
	"phone":        {"Phone", "Telephone", "Tel", "Mobile", "Phone number", "Телефон", "Тел", "Мобильный"},
	"email":        {"Email", "E-mail", "Mail", "Почта", "Эл. почта", "Электронная почта", "Email address", "Эл. пошта", "Электрондық пошта"},
	"notes":        {"Notes", "Note", "Comment", "Comments", "Примечание", "Комментарий", "Заметки", "Ескертпе", "Жазбалар"},
	"consent": {"Consent", "Consent to share contacts", "Contacts may be shared", "Согласие", "Согласие на передачу контактов",
		"Согласие на передачу данных", "Келісім"},
	"order": {"Name order", "Order of names", "Порядок имени", "Порядок ФИО", "Порядок слов", "Аты-жөні реті"},
}

// Limits on roster fields.
const (
	MaxNameLen  = 200
	MaxFieldLen = 1000
)

// Rejected is a row that could not be imported, with why.
type Rejected struct {
	Line   int // the file's line (CSV) or row (Excel)
	Reason Message
}

// Source describes the file a roster or an agenda was read from.
type Source struct {
	Format     string // FormatCSV or FormatExcel
	Encoding   string // CSV only
	Delimiter  rune   // CSV only
	Sheet      string // Excel only
	HeaderLine int    // the header's line (CSV) or row (Excel)
	Above      int    // non-empty rows above the header (a title), skipped
}

func (t *Table) source() Source {
	return Source{Format: t.Format, Encoding: t.Encoding, Delimiter: t.Delimiter, Sheet: t.Sheet, HeaderLine: t.HeaderLine, Above: t.Above}
}

// Roster is a parsed roster file.
type Roster struct {
	Source
	People   []model.Participant
	Lines    []int // the file line of each person
	Rejected []Rejected
	Ignored  []string // columns not understood
}

// ParseRoster reads a roster file: CSV or an Excel workbook (by content).
// A file without a name column (nor first and last name columns) in its
// first rows is an error; bad rows are listed in Rejected.
func ParseRoster(data []byte, o Options) (*Roster, error) {
	t, err := readRows(data, o)
	if err != nil {
		return nil, err
	}
	hasName := func(c Columns) bool { return c.Has("name") || c.Has("first") || c.Has("last") }
	cols, err := t.findHeader(rosterAliases, hasName,
		failf("no name column: the header needs “Full name”, “Name” or «ФИО» (or first and last name columns)"))
	if err != nil {
		return nil, err
	}
	r := &Roster{Source: t.source(), Ignored: cols.Ignored}
	for _, row := range t.Rows {
		p, why := rosterRow(cols, row)
		if why.Format != "" {
			r.Rejected = append(r.Rejected, Rejected{Line: row.Line, Reason: why})
			continue
		}
		r.People = append(r.People, p)
		r.Lines = append(r.Lines, row.Line)
	}
	return r, nil
}

// consentNotUnderstood is the reason a row with an unreadable consent is
// rejected.
//
//i18n:key
const consentNotUnderstood = "consent %q not understood (use yes/no, да/нет or leave empty for unknown)"

// sciPhone is a phone that Excel saved in scientific notation (7.70512E+10):
// its last digits are gone.
var sciPhone = regexp.MustCompile(`^[+-]?\d([.,]\d+)?[eE][+-]?\d+$`)

func rosterRow(c Columns, row Row) (model.Participant, Message) {
	get := func(f string) string { return model.SanitizeLine(c.Get(row, f)) }
	name := get("name")
	last, first, middle := get("last"), get("first"), get("middle")
	if name == "" {
		name = model.JoinName(last, first, middle)
	}
	// the name's parts: from their own columns, else from the full name in
	// the order the row says (surname first by default)
	if last == "" {
		order, ok := model.ParseNameOrder(get("order"))
		if !ok {
			return model.Participant{FullName: name}, reason("name order %q not understood (use «Фамилия Имя» or “First Last”)", model.Truncate(get("order"), 20))
		}
		last, first, middle = model.SplitName(name, order)
	}
	p := model.Participant{
		FullName: strings.Join(strings.Fields(name), " "), Surname: last, GivenName: first, Patronymic: middle,
		Organisation: get("organisation"), Position: get("position"),
		Category: canonicalCategory(get("category")), Phone: get("phone"), Email: strings.ToLower(get("email")),
		Notes: model.SanitizeText(c.Get(row, "notes")), Source: model.SourceImported,
	}
	if p.FullName == "" {
		return p, reason("no name")
	}
	if utf8.RuneCountInString(p.FullName) > MaxNameLen {
		return p, reason("name longer than %d characters", MaxNameLen)
	}
	for _, f := range []string{p.Organisation, p.Position, p.Category, p.Phone, p.Email, p.Notes} {
		if utf8.RuneCountInString(f) > MaxFieldLen {
			return p, reason("a field is longer than %d characters", MaxFieldLen)
		}
	}
	g, ok := model.ParseGender(get("gender"))
	if !ok {
		return p, reason("gender %q not understood (use F/M, Ж/М, female/male or leave empty)", model.Truncate(get("gender"), 20))
	}
	p.Gender = g
	consent, ok := model.ParseConsent(get("consent"))
	if !ok {
		return p, reason(consentNotUnderstood, model.Truncate(get("consent"), 20))
	}
	p.Consent = consent
	if p.Email != "" && (!strings.Contains(p.Email, "@") || strings.ContainsAny(p.Email, " ,;")) {
		return p, reason("e-mail %q is not an address", model.Truncate(p.Email, 40))
	}
	if sciPhone.MatchString(p.Phone) {
		return p, reason("phone %q was saved in scientific notation and its last digits are lost: format the column as text in Excel and save again", model.Truncate(p.Phone, 20))
	}
	return p, Message{}
}

// canonicalCategory maps a category to the vocabulary's spelling when it
// is one of them (in any case or script), else keeps it as written.
func canonicalCategory(s string) string {
	f := model.Fold(s)
	for _, c := range model.Categories {
		if model.Fold(c) == f {
			return c
		}
	}
	return s
}
