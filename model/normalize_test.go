package model

import "testing"

func TestFoldAgreesAcrossScripts(t *testing.T) {
	// Each pair must fold to the same form.
	pairs := []struct{ a, b string }{
		{"Нурланов", "Nurlanov"},
		{"Ұлжан", "Ulzhan"},
		{"Ұлжан", "Uljan"},
		{"Манжуов", "Manzhuov"},
		{"Айгерим", "Aigerim"},
		{"Айгерим", "Aygerim"},
		{"Жұлдыз", "Zhuldyz"},
		{"Жұлдыз", "Juldiz"},
		{"Қанат", "Qanat"},
		{"Қанат", "Kanat"},
		{"Ғалым", "Ghalym"},
		{"Хасанов", "Khasanov"},
		{"Хасанов", "Hasanov"},
		{"Щербаков", "Shcherbakov"},
		{"Щербаков", "Scherbakov"},
		{"Цой", "Tsoy"},
		{"Цой", "Tsoi"},
		{"Чингиз", "Chingiz"},
		{"Юлия", "Yulia"},
		{"Юлия", "Iuliia"},
		{"Наталья", "Natalia"},
		{"Наталья", "Natalya"},
		{"Сергей", "Sergey"},
		{"Сергей", "Sergei"},
		{"Алексей", "Alexey"},
		{"Ерлан", "Yerlan"},
		{"Асель", "Assel"},
		{"Дмитриев", "Dmitriyev"},
		{"Пётр", "Petr"},
		{"Әсел", "Asel"},
		{"Өмірзақ", "Omirzak"},
		{"Үміт", "Umit"},
		{"Нұрсұлу", "Nursulu"},
		{"Іңкәр", "Inkar"},
		{"Һ", "H"},
		{"José", "Jose"},
		{"NURLANOV", "nurlanov"},
		{"Ахмет-Оглы", "Akhmet Ogly"},
	}
	for _, p := range pairs {
		fa, fb := Fold(p.a), Fold(p.b)
		if fa != fb {
			t.Errorf("Fold(%q) = %q but Fold(%q) = %q", p.a, fa, p.b, fb)
		}
	}
}

func TestFoldWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Нурланов Ерлан", []string{"nurlanov", "erlan"}},
		{"  O'Brien,  Ann ", []string{"obren", "an"}},
		{"p1@example.kz", []string{"p1", "eksample", "kz"}},
		{"", nil},
		{"!!!", nil},
	}
	for _, tt := range tests {
		got := FoldWords(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("FoldWords(%q) = %q, want %q", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("FoldWords(%q) = %q, want %q", tt.in, got, tt.want)
			}
		}
	}
}

func TestSimilarNames(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Нурланов Ерлан", "Erlan Nurlanov", true},
		{"Нурланова Айгерим", "Nurlanova Aigerim", true},
		{"Нурланова Айгерим", "Nurlanova Aygerym", true},
		{"Нурланов Ерлан", "Нурланов Ерлан", true},
		{"Нурланов Ерлан", "Omarov Serik", false},
		{"Ann", "", false},
	}
	for _, tt := range tests {
		if got := SimilarNames(tt.a, tt.b); got != tt.want {
			t.Errorf("SimilarNames(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestParseGender(t *testing.T) {
	tests := []struct {
		in   string
		want Gender
		ok   bool
	}{
		{"F", GenderFemale, true}, {"ж", GenderFemale, true}, {"Ж", GenderFemale, true}, {"жен.", GenderFemale, true},
		{"Female", GenderFemale, true}, {"женский", GenderFemale, true},
		{"M", GenderMale, true}, {"М", GenderMale, true}, {"male", GenderMale, true}, {"Мужской", GenderMale, true},
		{"", GenderNotStated, true}, {"n/a", GenderNotStated, true},
		{"banana", GenderNotStated, false},
	}
	for _, tt := range tests {
		g, ok := ParseGender(tt.in)
		if g != tt.want || ok != tt.ok {
			t.Errorf("ParseGender(%q) = %q,%v want %q,%v", tt.in, g, ok, tt.want, tt.ok)
		}
	}
}

func TestFolderAgreesWithFold(t *testing.T) {
	var f Folder
	for _, s := range []string{"", "  Нурланов   Ерлан ", "O'Brien-Smith, John", "Ұлжан Сейтказиева", "Ұлжан  Сейтказиева", "word\tТаб\u00a0nbsp", "Гӳлнара", "Иван ИВАНОВ иван"} {
		for range 2 { // the second time from the cache
			if got, want := f.Fold(s), Fold(s); got != want {
				t.Errorf("Folder.Fold(%q) = %q, want %q", s, got, want)
			}
			if got, want := f.NameKey(s), NameKey(s); got != want {
				t.Errorf("Folder.NameKey(%q) = %q, want %q", s, got, want)
			}
		}
	}
}
