package model

import (
	"fmt"
	"strings"
	"testing"
)

func testPeople() []Participant {
	return []Participant{
		{ID: "1", FullName: "Нурланов Ерлан", Organisation: "Zhambyl Regional Court", Phone: "+7 701 234 56 78"},
		{ID: "2", FullName: "Ұлжан Сейтказиева", Organisation: "Akimat", Email: "ulzhan@example.kz"},
		{ID: "3", FullName: "Manzhuov Serik", Organisation: "Police"},
		{ID: "4", FullName: "Omarov Daniyar", Organisation: "Nurlan Foundation"},
		{ID: "5", FullName: "Нурланова Айгерим", Organisation: "Прокуратура"},
		{ID: "6", FullName: "Иванов Нурлан", Organisation: "Court"},
	}
}

func ids(ix *Index, res []int) string {
	s := ""
	for _, i := range res {
		s += ix.Person(i).ID
	}
	return s
}

func TestSearch(t *testing.T) {
	ix := NewIndex(testPeople())
	tests := []struct{ q, want string }{
		{"nurlan", "6154"},      // full-word name (6) first, then name prefixes by name, org last
		{"нурлан", "6154"},      // same in Cyrillic
		{"ulzhan", "2"},         // «Ұлжан»
		{"uljan", "2"},          //
		{"Манжуов", "3"},        // Cyrillic finds Latin
		{"nurl court", "61"},    // every word must match
		{"court", "61"},         // org matches, then name order
		{"234", "1"},            // run of phone digits
		{"2345678", "1"},        // the digits from a group on
		{"012", "1"},            // a run of digits inside a group
		{"77012", "1"},          // the whole number
		{"56", "1"},             // a whole digit group
		{"xyz", ""},             //
		{"", "631542"},          // everyone, by folded name
		{"ser", "3"},            // «Сейтказиева» folds to "seitkazieva": not a match
		{"example", "2"},        // e-mail words
		{"  ", "631542"},        // blank is everyone
		{"ерлан нурланов", "1"}, // order of words does not matter
		{"Nurlanova Aigerim", "5"},
	}
	for _, tt := range tests {
		got := ids(ix, ix.Search(nil, tt.q, nil))
		if got != tt.want {
			t.Errorf("Search(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestSearchKeep(t *testing.T) {
	ix := NewIndex(testPeople())
	here := map[string]bool{"1": true, "5": true}
	keep := func(i int) bool { return here[ix.Person(i).ID] }
	if got := ids(ix, ix.Search(nil, "nurlan", keep)); got != "15" {
		t.Errorf("kept = %q, want 15", got)
	}
	if got := ids(ix, ix.Search(nil, "", keep)); got != "15" {
		t.Errorf("kept all = %q, want 15", got)
	}
}

func makePeople(n int) []Participant {
	first := []string{"Айгерим", "Ерлан", "Ұлжан", "Nurlan", "Sergey", "Асель", "Қанат", "Дамир"}
	last := []string{"Нурланов", "Омаров", "Manzhuov", "Сейтказиев", "Ivanov", "Жумабеков", "Касымов", "Ахметов"}
	orgs := []string{"Zhambyl Regional Court", "Прокуратура Жамбылской области", "Taraz State University", "UNDP Kazakhstan"}
	out := make([]Participant, n)
	for i := range out {
		out[i] = Participant{
			ID:           fmt.Sprint(i),
			FullName:     fmt.Sprintf("%s %s", last[(i/8)%8], first[i%8]),
			Organisation: orgs[i%4], Phone: fmt.Sprintf("+7 7%02d %03d %02d %02d", i%100, i%1000, i%97, i%89),
			Email: fmt.Sprintf("p%d@example.kz", i),
		}
	}
	return out
}

func TestSearchLarge(t *testing.T) {
	ix := NewIndex(makePeople(10000))
	res := ix.Search(nil, "nurlanov ulzh", nil)
	if len(res) == 0 {
		t.Fatal("no results")
	}
	for _, i := range res {
		p := ix.Person(i)
		if Fold(p.FullName) != "nurlanov ulzhan" {
			t.Fatalf("unexpected match %q", p.FullName)
		}
	}
}

func BenchmarkNewIndex10k(b *testing.B) {
	people := makePeople(10000)
	for b.Loop() {
		NewIndex(people)
	}
}

func TestSearchLongQueriesAndMarkedCyrillic(t *testing.T) {
	long := strings.Repeat("word ", 300) + "Нурланов"
	ix := NewIndex([]Participant{{ID: "1", FullName: long}, {ID: "2", FullName: "Гӳлнара"}})
	if got := ids(ix, ix.Search(nil, long, nil)); got != "1" {
		t.Errorf("a 301-word name does not find itself: %q", got)
	}
	if got := ids(ix, ix.Search(nil, "gulnara", nil)); got != "2" {
		t.Errorf("Cyrillic letter with a mark: %q (fold %q)", got, Fold("Гӳлнара"))
	}
}
