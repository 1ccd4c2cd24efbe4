package sheet

import (
	"fmt"
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
	"email":        {"Email", "E-mail", "Mail", "Почта", "Эл. почта", "Электронная почта", "Email address"},
	"notes":        {"Notes", "Note", "Comment", "Comments", "Примечание", "Комментарий"},
}

// Limits on roster fields.
const (
	MaxNameLen  = 200
	MaxFieldLen = 1000
)

// Rejected is a row that could not be imported, with why.
type Rejected struct {
	Line   int
	Reason string
}

// Roster is a parsed roster file.
type Roster struct {
	Encoding  string
	Delimiter rune
	People    []model.Participant
	Lines     []int // the file line of each person
	Rejected  []Rejected
	Ignored   []string // columns not understood
}

// ParseRoster reads a roster file. A file without a name column (nor first
// and last name columns) is an error; bad rows are listed in Rejected.
func ParseRoster(data []byte) (*Roster, error) {
	t, err := Read(data)
	if err != nil {
		return nil, err
	}
	cols, err := MatchColumns(t.Header, rosterAliases)
	if err != nil {
		return nil, err
	}
	if !cols.Has("name") && !cols.Has("first") && !cols.Has("last") {
		return nil, fmt.Errorf("no name column: the header needs “Full name”, “Name” or «ФИО» (or first and last name columns): %w", ErrNotATable)
	}
	r := &Roster{Encoding: t.Encoding, Delimiter: t.Delimiter, Ignored: cols.Ignored}
	for _, row := range t.Rows {
		p, reason := rosterRow(cols, row)
		if reason != "" {
			r.Rejected = append(r.Rejected, Rejected{Line: row.Line, Reason: reason})
			continue
		}
		r.People = append(r.People, p)
		r.Lines = append(r.Lines, row.Line)
	}
	return r, nil
}

func rosterRow(c Columns, row Row) (model.Participant, string) {
	get := func(f string) string { return model.SanitizeLine(c.Get(row, f)) }
	name := get("name")
	if name == "" {
		name = strings.Join(strings.Fields(get("last")+" "+get("first")+" "+get("middle")), " ")
	}
	p := model.Participant{
		FullName: strings.Join(strings.Fields(name), " "), Organisation: get("organisation"), Position: get("position"),
		Category: canonicalCategory(get("category")), Phone: get("phone"), Email: strings.ToLower(get("email")),
		Notes: model.SanitizeText(c.Get(row, "notes")), Source: model.SourceImported,
	}
	if p.FullName == "" {
		return p, "no name"
	}
	if utf8.RuneCountInString(p.FullName) > MaxNameLen {
		return p, fmt.Sprintf("name longer than %d characters", MaxNameLen)
	}
	for _, f := range []string{p.Organisation, p.Position, p.Category, p.Phone, p.Email, p.Notes} {
		if utf8.RuneCountInString(f) > MaxFieldLen {
			return p, fmt.Sprintf("a field is longer than %d characters", MaxFieldLen)
		}
	}
	g, ok := model.ParseGender(get("gender"))
	if !ok {
		return p, fmt.Sprintf("gender %q not understood (use F/M, Ж/М, female/male or leave empty)", model.Truncate(get("gender"), 20))
	}
	p.Gender = g
	if p.Email != "" && (!strings.Contains(p.Email, "@") || strings.ContainsAny(p.Email, " ,;")) {
		return p, fmt.Sprintf("e-mail %q is not an address", model.Truncate(p.Email, 40))
	}
	return p, ""
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
