package model

import (
	"reflect"
	"sort"
	"testing"
)

func TestSplitName(t *testing.T) {
	tests := []struct {
		full    string
		order   NameOrder
		s, g, p string
	}{
		{"Нурланов Ерлан Болатович", SurnameFirst, "Нурланов", "Ерлан", "Болатович"},
		{"  Ахметова   Айгерим  ", SurnameFirst, "Ахметова", "Айгерим", ""},
		{"Erlan Nurlanov", GivenFirst, "Nurlanov", "Erlan", ""},
		{"Mary Ann Smith", GivenFirst, "Smith", "Mary", "Ann"},
		{"Erlan NURLANOV", SurnameFirst, "NURLANOV", "Erlan", ""},                  // the word in capitals
		{"НУРЛАНОВ Ерлан Болатович", GivenFirst, "НУРЛАНОВ", "Ерлан", "Болатович"}, // capitals win over the order
		{"Smith, John Paul", GivenFirst, "Smith", "John", "Paul"},                  // a comma too
		{"ИВАНОВ ИВАН", SurnameFirst, "ИВАНОВ", "ИВАН", ""},                        // all in capitals: the order
		{"Cher", GivenFirst, "Cher", "", ""},
		// plainly given name first in a surname-first list: the form decides
		{"Кайрат Касымов", SurnameFirst, "Касымов", "Кайрат", ""},
		{"Елена Сулейманова", SurnameFirst, "Сулейманова", "Елена", ""},
		{"Serik Tulegenov", SurnameFirst, "Tulegenov", "Serik", ""},
		{"Иван Иванович Петров", SurnameFirst, "Петров", "Иван", "Иванович"},
		{"Ерлан Болатұлы Нурланов", SurnameFirst, "Нурланов", "Ерлан", "Болатұлы"},
		// not plain: the list's order stays
		{"Касымов Кайрат", SurnameFirst, "Касымов", "Кайрат", ""},
		{"Марина Петрова", SurnameFirst, "Марина", "Петрова", ""}, // both could be a surname
		{"Ли Бекзат", SurnameFirst, "Ли", "Бекзат", ""},
		{"Нурланов Ерлан Болатович", SurnameFirst, "Нурланов", "Ерлан", "Болатович"},
		{"", SurnameFirst, "", "", ""},
	}
	for _, tt := range tests {
		s, g, p := SplitName(tt.full, tt.order)
		if s != tt.s || g != tt.g || p != tt.p {
			t.Errorf("SplitName(%q, %v) = %q %q %q, want %q %q %q", tt.full, tt.order, s, g, p, tt.s, tt.g, tt.p)
		}
	}
}

func TestParseNameOrder(t *testing.T) {
	for in, want := range map[string]NameOrder{"": SurnameFirst, "First Last": GivenFirst, "имя фамилия": GivenFirst, "ФИО": SurnameFirst, "Surname first": SurnameFirst, "latin": GivenFirst} {
		if got, ok := ParseNameOrder(in); !ok || got != want {
			t.Errorf("ParseNameOrder(%q) = %v %v", in, got, ok)
		}
	}
	if _, ok := ParseNameOrder("sideways"); ok {
		t.Error("sideways understood")
	}
}

func TestFixNameParts(t *testing.T) {
	tests := []struct {
		in   Participant
		want [3]string
	}{
		{Participant{FullName: "John Smith", Surname: "smith"}, [3]string{"Smith", "John", ""}},
		{Participant{FullName: "Иванова Анна Мария", Surname: "Иванова", GivenName: "Анна Мария"}, [3]string{"Иванова", "Анна Мария", ""}},
		{Participant{FullName: "Jane Doe", Surname: "Smith", GivenName: "John"}, [3]string{"Jane", "Doe", ""}}, // renamed: worked out again
		{Participant{FullName: "Мария де ла Крус", Surname: "де ла Крус"}, [3]string{"де ла Крус", "Мария", ""}},
		{Participant{FullName: "Ким Ли"}, [3]string{"Ким", "Ли", ""}},
	}
	for _, tt := range tests {
		p := tt.in
		FixNameParts(&p)
		if got := [3]string{p.Surname, p.GivenName, p.Patronymic}; got != tt.want {
			t.Errorf("FixNameParts(%+v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCollationSortsBySurname(t *testing.T) {
	people := []Participant{
		{FullName: "Лим Борис"}, {FullName: "Ли Анна"}, {FullName: "Әлиев Асан"}, {FullName: "Абаев Бек"},
		{FullName: "Ёлкин Иван"}, {FullName: "Ельцов Пётр"}, {FullName: "Іліясов Нұр"}, {FullName: "Ыбыраев Олжас"},
	}
	sorted := func(lang string) []string {
		ps := append([]Participant(nil), people...)
		sort.Slice(ps, func(i, j int) bool { return CompareNames(lang, ps[i].SortName(), ps[j].SortName()) < 0 })
		var out []string
		for _, p := range ps {
			out = append(out, p.FullName)
		}
		return out
	}
	// Kazakh: Ә after А, Ё after Е, І after Ы
	if got, want := sorted("kk"), []string{"Абаев Бек", "Әлиев Асан", "Ельцов Пётр", "Ёлкин Иван", "Ли Анна", "Лим Борис", "Ыбыраев Олжас", "Іліясов Нұр"}; !reflect.DeepEqual(got, want) {
		t.Errorf("kk:\n got %q\nwant %q", got, want)
	}
	// Russian: Ё sorts with Е
	if got := sorted("ru"); got[2] != "Ёлкин Иван" || got[3] != "Ельцов Пётр" {
		t.Errorf("ru: %q", got)
	}
	if CollationLang("en") != "ru" || CollationLang("kk") != "kk" {
		t.Error("CollationLang")
	}
}

func TestPhoneKey(t *testing.T) {
	for _, s := range []string{"8 705 111 22 33", "+7 (705) 111-22-33", "77051112233", "705 111 22 33", "8-705-111-22-33"} {
		if k := PhoneKey(s); k != "77051112233" {
			t.Errorf("PhoneKey(%q) = %q", s, k)
		}
	}
	if PhoneKey("+44 20 7946 0958") != "442079460958" {
		t.Error("a foreign number keeps its digits")
	}
	if SamePhone("", "") || !SamePhone("8 705 111 22 33", "+77051112233") {
		t.Error("SamePhone")
	}
}

func TestSearchFindsPhonesInAnySpelling(t *testing.T) {
	ix := NewIndex([]Participant{{ID: "a", FullName: "Aaa", Phone: "+7 705 111 22 33"}, {ID: "b", FullName: "Bbb", Phone: "8 (701) 999-88-77"}})
	for q, want := range map[string]string{
		"8 705 111": "a", "87051112233": "a", "+7 705 111 22 33": "a", "7705111": "a", "111 22 33": "a",
		"+7 701 999": "b", "8701": "b", "77019998877": "b",
	} {
		got := ix.Search(nil, q, nil)
		if len(got) != 1 || ix.Person(got[0]).ID != want {
			var ids []string
			for _, i := range got {
				ids = append(ids, ix.Person(i).ID)
			}
			t.Errorf("Search(%q) = %v, want %s", q, ids, want)
		}
	}
}

func TestGuessSector(t *testing.T) {
	tests := map[string]string{
		"Полиция": SectorLaw, "Police": SectorLaw, "law enforcement": SectorLaw, "МВД": SectorLaw, "Департамент полиции Жамбылской области": SectorLaw,
		"Құқық қорғау органдары": SectorLaw, "Суд": SectorJudiciary, "Judge": SectorJudiciary, "Районный суд": SectorJudiciary,
		"Прокуратура": SectorProsecution, "Prosecutor's office": SectorProsecution, "Государственный университет": SectorAcademia,
		"НПО": SectorCivilSociety, "Общественный фонд «Әділдік»": SectorCivilSociety, "ҮЕҰ": SectorCivilSociety, "NGO": SectorCivilSociety,
		"СМИ": SectorMedia, "Journalist": SectorMedia, "ООН": SectorInternational, "OSCE": SectorInternational,
		"International organization": SectorInternational, "Международная организация": SectorInternational,
		"Акимат": SectorGovernment, "Министерство юстиции": SectorGovernment, "Мемлекеттік орган": SectorGovernment,
		"government": SectorGovernment, "": SectorNoneStated, "гражданское общество": SectorCivilSociety, "наука и образование": SectorAcademia,
		"Министерство науки и высшего образования": SectorGovernment, "госорганы": SectorGovernment, "Аппарат акима г. Тараз": SectorGovernment,
		"международные организации": SectorInternational, "правоохранительные органы": SectorLaw, "суды": SectorJudiciary,
	}
	for in, want := range tests {
		if got, _ := GuessSector(in); got != want {
			t.Errorf("GuessSector(%q) = %q, want %q", in, got, want)
		}
	}
	if s, ok := GuessSector("Адвокат"); ok || s != SectorOther {
		t.Errorf("an unknown category: %q %v", s, ok)
	}
	if s, _ := GuessSector("on the UN side"); s != SectorInternational {
		t.Errorf("an acronym inside: %q", s)
	}
	if s, _ := GuessSector("un"); s == SectorInternational {
		t.Error("a lower-case “un” is not the UN")
	}
}

func TestSectorMap(t *testing.T) {
	m := DefaultSectorMap()
	m.Set[Fold("Адвокатура")] = "Bar"
	m.Sectors = append(m.Sectors, "Bar")
	if s, set := m.Of("АДВОКАТУРА"); s != "Bar" || !set {
		t.Errorf("set: %q %v", s, set)
	}
	if s, set := m.Of("Police"); s != SectorLaw || set {
		t.Errorf("guessed: %q %v", s, set)
	}
	m.Sectors = m.Sectors[1:] // no government any more
	if s := m.Sector("Акимат"); s != SectorOther {
		t.Errorf("a guess of a removed sector: %q", s)
	}
	if o := m.Order(); o[len(o)-2] != SectorOther || o[len(o)-1] != SectorNoneStated {
		t.Errorf("order: %q", o)
	}
}

func TestPlanImportReportsDuplicatesAndFills(t *testing.T) {
	existing := []Participant{{ID: "1", FullName: "Нурланов Ерлан", Organisation: "Police"}, {ID: "2", FullName: "Dana", Email: "d@x.kz"}}
	incoming := []Participant{
		{FullName: "Yerlan Nurlanov", Organisation: "police", Phone: "+7 705 111 22 33", Email: "e@x.kz"}, // 1, fills phone and e-mail
		{FullName: "Someone", Email: "D@x.kz"},           // 2 by e-mail
		{FullName: "New One", Phone: "8 700 000 00 00"},  // new
		{FullName: "new one", Phone: "+7 700 000 00 00"}, // repeats row 2
	}
	add, rep := PlanImport(existing, incoming)
	if len(add) != 1 || rep.Added != 1 || rep.Present != 3 {
		t.Fatalf("add %v rep %+v", add, rep)
	}
	want := []Duplicate{{0, "1", "Нурланов Ерлан", -1, ByName}, {1, "2", "Dana", -1, ByEmail}, {3, "", "", 2, ByName}}
	if !reflect.DeepEqual(rep.Duplicates, want) {
		t.Errorf("duplicates %+v", rep.Duplicates)
	}
	if len(rep.Filled) != 1 || rep.Filled[0] != (Filled{0, "1", "Нурланов Ерлан", "+7 705 111 22 33", "e@x.kz"}) {
		t.Errorf("filled %+v", rep.Filled)
	}
}

func TestMatchPerson(t *testing.T) {
	people := []Participant{
		{ID: "abcd-1", FullName: "Нурланов Ерлан", Phone: "+7 705 111 22 33"},
		{ID: "abcd-9", FullName: "Сейтова Дана Болатовна"},
		{ID: "abce-2", FullName: "Ахметова Айгерим", Email: "a@x.kz"},
		{ID: "ffff-3", FullName: "Ахметова Айгерим"},
	}
	tests := []struct {
		ref  PersonRef
		want PersonMatch
	}{
		{PersonRef{ID: "ABCD-1"}, PersonMatch{0, 1, false}},
		{PersonRef{ID: "abcd"}, PersonMatch{0, 2, false}},
		{PersonRef{Name: "Dana Seitova"}, PersonMatch{1, 1, false}}, // without the patronymic
		{PersonRef{ID: "abc"}, PersonMatch{-1, 0, false}},           // too short
		{PersonRef{Name: "Yerlan Nurlanov"}, PersonMatch{0, 1, false}},
		{PersonRef{Name: "Нурланв Ерлан"}, PersonMatch{0, 1, true}}, // a slip
		{PersonRef{Name: "Ахметова Айгерим"}, PersonMatch{2, 2, false}},
		{PersonRef{Name: "Ахметова Айгерим", Email: "A@x.kz"}, PersonMatch{2, 1, false}},
		{PersonRef{Phone: "87051112233"}, PersonMatch{0, 1, false}},
		{PersonRef{Name: "Nobody"}, PersonMatch{-1, 0, false}},
		{PersonRef{Name: "Ахметова"}, PersonMatch{-1, 0, false}}, // one word is not enough
		{PersonRef{Name: "Erlan Bolatovich Nurlanov"}, PersonMatch{-1, 0, false}},
	}
	for _, tt := range tests {
		if got := MatchPerson(people, tt.ref); got != tt.want {
			t.Errorf("MatchPerson(%+v) = %+v, want %+v", tt.ref, got, tt.want)
		}
	}
}

func TestMergeFill(t *testing.T) {
	keep := Participant{FullName: "A", Organisation: "X", Gender: GenderNotStated}
	dup := Participant{FullName: "A", Organisation: "Y", Phone: "1", Gender: GenderFemale}
	got, filled := MergeFill(keep, dup)
	if got.Organisation != "X" || got.Phone != "1" || got.Gender != GenderFemale || !reflect.DeepEqual(filled, []string{FieldGender, FieldPhone}) {
		t.Errorf("MergeFill: %+v %v", got, filled)
	}
}
