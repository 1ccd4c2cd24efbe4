package i18n

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPrinterFormatsAndFallsBack(t *testing.T) {
	tests := []struct{ lang, key, want string }{
		{"en", "Checked in %d / %d (%d%%)", "Checked in 3 / 10 (30%)"},
		{"xx-invalid", "Checked in %d / %d (%d%%)", "Checked in 3 / 10 (30%)"},
		{"ru", "Checked in %d / %d (%d%%)", "На месте: 3 из 10 (30%)"},
		{"ru", "a key nobody translated: %d / %d / %d", "a key nobody translated: 3 / 10 / 30"},
		{"kk", "Checked in %d / %d (%d%%)", "Келгендер: 3 / 10 (30%)"},
	}
	for _, tt := range tests {
		if got := New(tt.lang).T(tt.key, 3, 10, 30); got != tt.want {
			t.Errorf("New(%q).T(%q) = %q, want %q", tt.lang, tt.key, got, tt.want)
		}
	}
	var zero Printer
	if got := zero.T("a %s", "b"); got != "a b" {
		t.Errorf("zero printer: %q", got)
	}
	if zero.Lang() != "en" || zero.Word("Title") != "Title" {
		t.Errorf("zero printer: %q %q", zero.Lang(), zero.Word("Title"))
	}
	if got := New("ru").Word("Title"); got != "Название" {
		t.Errorf("Word(Title) in ru = %q", got)
	}
	if got := New("ru").T("%[2]s %[1]s", "a", "b"); got != "b a" {
		t.Errorf("explicit indexes: %q", got)
	}
}

// The plural forms follow CLDR: Russian one/few/many, Kazakh and English
// one/other.
func TestPlurals(t *testing.T) {
	ns := []int{0, 1, 2, 5, 11, 21, 22, 25, 111, 1001}
	want := map[string][]string{
		"en": {"0 participants", "1 participant", "2 participants", "5 participants", "11 participants", "21 participants", "22 participants", "25 participants", "111 participants", "1,001 participants"},
		"ru": {"0 участников", "1 участник", "2 участника", "5 участников", "11 участников", "21 участник", "22 участника", "25 участников", "111 участников", "1\u00a0001 участник"},
		"kk": {"0 қатысушы", "1 қатысушы", "2 қатысушы", "5 қатысушы", "11 қатысушы", "21 қатысушы", "22 қатысушы", "25 қатысушы", "111 қатысушы", "1\u00a0001 қатысушы"},
	}
	for lang, forms := range want {
		p := New(lang)
		for i, n := range ns {
			if got := p.T("%d participants", n); got != forms[i] {
				t.Errorf("%s: %d participants = %q, want %q", lang, n, got, forms[i])
			}
		}
	}
	minutes := map[string][]string{
		"en": {"0 minutes", "1 minute", "2 minutes", "5 minutes", "11 minutes", "21 minutes", "22 minutes", "25 minutes"},
		"ru": {"0 минут", "1 минута", "2 минуты", "5 минут", "11 минут", "21 минута", "22 минуты", "25 минут"},
		"kk": {"0 минут", "1 минут", "2 минут", "5 минут", "11 минут", "21 минут", "22 минут", "25 минут"},
	}
	for lang, forms := range minutes {
		p := New(lang)
		for i, n := range ns[:8] {
			if got := p.T("%d minutes", n); got != forms[i] {
				t.Errorf("%s: %d minutes = %q, want %q", lang, n, got, forms[i])
			}
		}
	}
	// the selecting argument need not be the first
	if got := New("ru").T("Closed %s with %d actions", "«Лобби»", 22); got != "Тема закрыта: «Лобби», 22 поручения" {
		t.Errorf("plural by the second argument: %q", got)
	}
	if got := New("en").T("Closed %s with %d actions", "Topic", 1); got != "Closed Topic with 1 action" {
		t.Errorf("English singular: %q", got)
	}
}

// A locale with plural forms nested for two counts, checked on a locale
// built here (the shipped catalogs need none yet).
func TestNestedPlurals(t *testing.T) {
	e, err := parseEntry([]byte(`{"plural": 1, "one": {"plural": 2, "one": "%d day, %d hour", "other": "%d day, %d hours"},
		"other": {"plural": 2, "one": "%d days, %d hour", "other": "%d days, %d hours"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if e.arg != 1 || len(e.forms) != 2 || e.forms[0].sel != "one" || e.forms[1].msg.arg != 2 {
		t.Fatalf("parsed %+v", e)
	}
	for _, bad := range []string{
		`{"one": "x", "other": "y"}`,                 // no "plural"
		`{"plural": 0, "other": "y"}`,                // argument numbers start at 1
		`{"plural": 1, "one": "x"}`,                  // no "other"
		`{"plural": 1, "single": "x", "other": "y"}`, // not a CLDR form
		`{"plural": 1, "=x": "x", "other": "y"}`,     // not a number
		`42`,
	} {
		if _, err := parseEntry([]byte(bad)); err == nil {
			t.Errorf("parseEntry(%s) accepted", bad)
		}
	}
	if _, err := parseLocale([]byte(`{"a": "b", "a": "c"}`)); err == nil {
		t.Error("a key given twice was accepted")
	}
	if _, err := parseLocale([]byte(`["a"]`)); err == nil {
		t.Error("an array was accepted")
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"ru", "ru", true}, {"RU", "ru", true}, {"ru_RU.UTF-8", "ru", true}, {"ru-KZ", "ru", true},
		{"kk_KZ", "kk", true}, {"kk-KZ", "kk", true}, {"kk-Cyrl-KZ", "kk", true}, {"kk_KZ.UTF-8@cyrillic", "kk", true},
		{"en", "en", true}, {"en_US.UTF-8", "en", true}, {"en_GB@euro", "en", true},
		{"de_DE.UTF-8", "", false}, {"C", "", false}, {"POSIX", "", false}, {"C.UTF-8", "", false},
		{"", "", false}, {"xx-bogus", "", false}, {"Russian", "", false}, {"uk_UA", "", false},
	}
	for _, tt := range tests {
		got, ok := Match(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Match(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if got := Available(); !slices.Equal(got, []string{"en", "ru", "kk"}) {
		t.Errorf("Available() = %q", got)
	}
	if Native("kk") != "Қазақша" || Native("ru") != "Русский" || Native("zz") != "zz" {
		t.Error("Native names")
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name                          string
		flag, convene, all, msgs, lng string
		want                          string
		err                           bool
	}{
		{"flag wins", "kk", "ru", "", "", "en_US.UTF-8", "kk", false},
		{"flag as a locale", "ru_RU.UTF-8", "", "", "", "", "ru", false},
		{"unknown flag", "xx-bogus", "ru", "", "", "", "", true},
		{"unknown flag, known system", "de", "", "", "", "ru_RU.UTF-8", "", true},
		{"CONVENE_LANG", "", "ru", "", "", "kk_KZ.UTF-8", "ru", false},
		{"unknown CONVENE_LANG", "", "fr", "", "", "ru_RU.UTF-8", "", true},
		{"LANG", "", "", "", "", "ru_RU.UTF-8", "ru", false},
		{"LC_MESSAGES before LANG", "", "", "", "kk_KZ.UTF-8", "ru_RU.UTF-8", "kk", false},
		{"LC_ALL before all", "", "", "ru_KZ.UTF-8", "kk_KZ.UTF-8", "en_US.UTF-8", "ru", false},
		{"LC_ALL=C means English", "", "", "C", "", "ru_RU.UTF-8", "en", false},
		{"system German: English quietly", "", "", "", "", "de_DE.UTF-8", "en", false},
		{"nothing set", "", "", "", "", "", "en", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CONVENE_LANG", tt.convene)
			t.Setenv("LC_ALL", tt.all)
			t.Setenv("LC_MESSAGES", tt.msgs)
			t.Setenv("LANG", tt.lng)
			p, err := Resolve(tt.flag)
			if tt.err {
				if err == nil || !errors.Is(err, ErrUnknownLanguage) {
					t.Fatalf("err = %v, want ErrUnknownLanguage", err)
				}
				for _, code := range []string{"en", "ru", "kk"} {
					if !strings.Contains(err.Error(), code) {
						t.Errorf("the error does not list %s: %v", code, err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Lang() != tt.want {
				t.Errorf("Lang = %q, want %q", p.Lang(), tt.want)
			}
		})
	}
	t.Run("New is quiet", func(t *testing.T) {
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", "kk_KZ.UTF-8")
		if New("").Lang() != "kk" || New("xx").Lang() != "en" || New("ru").Lang() != "ru" {
			t.Errorf("New: %q %q %q", New("").Lang(), New("xx").Lang(), New("ru").Lang())
		}
	})
}

func TestDates(t *testing.T) {
	fri := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	may := time.Date(2027, 5, 3, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		lang  string
		t     time.Time
		style DateStyle
		want  string
	}{
		{"en", fri, DateShort, "Fri 27 Nov"},
		{"en", fri, DateDay, "27 Nov"},
		{"en", fri, DateLong, "27 November 2026"},
		{"en", fri, DateFull, "Friday, 27 November 2026"},
		{"ru", fri, DateShort, "пт, 27 нояб."},
		{"ru", fri, DateDay, "27 нояб."},
		{"ru", fri, DateLong, "27 ноября 2026 г."},
		{"ru", fri, DateFull, "пятница, 27 ноября 2026 г."},
		{"ru", may, DateShort, "пн, 3 мая"},
		{"kk", fri, DateShort, "жм, 27 қараша"},
		{"kk", fri, DateDay, "27 қараша"},
		{"kk", fri, DateLong, "2026 жылғы 27 қараша"},
		{"kk", fri, DateFull, "2026 жылғы 27 қараша, жұма"},
		{"kk", may, DateShort, "дс, 3 мамыр"},
	}
	for _, tt := range tests {
		if got := New(tt.lang).Date(tt.t, tt.style); got != tt.want {
			t.Errorf("%s Date(%s, %d) = %q, want %q", tt.lang, tt.t.Format("2006-01-02"), tt.style, got, tt.want)
		}
	}
	// the English short date is what time.Format gave before
	var zero Printer
	for d := 0; d < 400; d += 13 {
		day := fri.AddDate(0, 0, d)
		if got, want := zero.Date(day, DateShort), day.Format("Mon 2 Jan"); got != want {
			t.Errorf("en %s = %q, want %q", day, got, want)
		}
	}
	if New("ru").Month(time.November) != "ноябрь" || New("kk").Month(time.March) != "наурыз" || New("en").Weekday(time.Sunday, false) != "Sunday" {
		t.Error("month or weekday names")
	}
	if New("kk").Weekday(time.Monday, true) != "дс" || New("ru").Weekday(time.Wednesday, false) != "среда" {
		t.Error("weekday names")
	}
}

func TestLatinRuns(t *testing.T) {
	screen := strings.Join([]string{
		"Программа  Регистрация  Темы                     convene  пт, 27 нояб. 09:14",
		"Прибыли 3 из 120 · Elena Morozova, OHCHR · ID 42, CSV, HH:MM",
		"enter отметить · ctrl+z отменить · shift+tab · f1 справка · a добавить · pgup/pgdn",
		"Next: Lunch — space or n starts it",
		"Prosecutor's Office · Жаңа тақырып · check in",
	}, "\n")
	got := LatinRuns(screen, "Elena Morozova", "Prosecutor's")
	want := []string{"line 4: Next Lunch", "line 4: or", "line 4: starts it", "line 5: Office", "line 5: check in"}
	if !slices.Equal(got, want) {
		t.Errorf("LatinRuns =\n%q\nwant\n%q", got, want)
	}
	if got := LatinRuns("Всё на русском · esc · ctrl+s · 1/2/3"); len(got) != 0 {
		t.Errorf("clean screen: %q", got)
	}
}

// Screens translate in tea.Cmds too, so one Printer is used from several
// goroutines at once (run with -race).
func TestPrinterConcurrentUse(t *testing.T) {
	p := New("ru")
	done := make(chan string)
	for i := range 8 {
		go func() {
			s := ""
			for j := range 200 {
				s = p.T("Closed %s with %d actions", "x", i+j) + p.Word("Title") + p.Date(time.Now(), DateShort)
			}
			done <- s
		}()
	}
	for range 8 {
		if s := <-done; !strings.Contains(s, "Название") {
			t.Errorf("got %q", s)
		}
	}
}
