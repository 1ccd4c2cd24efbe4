package rostergen

import (
	"bytes"
	"testing"

	"convene/model"
)

func TestNamesAreDistinct(t *testing.T) {
	// Every person's name key (the import's duplicate check) is their own,
	// in Cyrillic and in Latin.
	owner := map[string]int{}
	var latins []string
	for _, female := range []bool{false, true} {
		for i := range PerGender {
			s, f, p := Name(female, i)
			name := s + " " + f + " " + p
			key := model.NameKey(name)
			if _, dup := owner[key]; dup {
				t.Fatalf("%q: its name key %q was seen before", name, key)
			}
			owner[key] = len(latins)
			latins = append(latins, Latin(name))
		}
	}
	for i, name := range latins {
		if o, ok := owner[model.NameKey(name)]; ok && o != i {
			t.Fatalf("%q has the name key of person %d", name, o)
		}
	}
	if len(owner) < 100_000 {
		t.Fatalf("%d distinct names, want at least 100,000", len(owner))
	}
	got := Latin("Жумабекова Ұлжан Ерланқызы")
	if want := "Zhumabekova Ulzhan Erlanqyzy"; got != want {
		t.Errorf("Latin = %q, want %q", got, want)
	}
}

func TestPeopleAreRepeatableAndDistinct(t *testing.T) {
	a, b := People(2000, 7), People(2000, 7)
	seen := map[string]bool{}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("person %d differs between two runs with one seed: %+v vs %+v", i, a[i], b[i])
		}
		k := model.NameKey(a[i].FullName)
		if seen[k] {
			t.Fatalf("%q twice", a[i].FullName)
		}
		seen[k] = true
	}
	if c := People(2000, 8); c[0] == a[0] && c[1] == a[1] {
		t.Error("another seed gives the same people")
	}
	if !bytes.HasPrefix(CSV(3, 1), []byte("Full name,Organization")) {
		t.Error("the CSV has no header")
	}
}
