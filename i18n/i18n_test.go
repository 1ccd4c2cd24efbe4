package i18n

import (
	"errors"
	"reflect"
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

// Real messages of the app with a count before a noun, in Russian (one,
// few, many) and Kazakh (no change after a number), for 1, 2, 5, 11, 21,
// 22 and 25.
func TestPluralsOfRealMessages(t *testing.T) {
	ns := []int{1, 2, 5, 11, 21, 22, 25}
	tests := []struct {
		key  string
		args func(n int) []any
		ru   []string // the part that changes, for each n
		kk   []string
	}{
		{"Read %d rows (%s).", func(n int) []any { return []any{n, "UTF-8"} },
			[]string{"Прочитана 1 строка", "Прочитаны 2 строки", "Прочитано 5 строк", "Прочитано 11 строк", "Прочитана 21 строка", "Прочитаны 22 строки", "Прочитано 25 строк"},
			[]string{"1 жол оқылды", "2 жол оқылды", "5 жол оқылды", "11 жол оқылды", "21 жол оқылды", "22 жол оқылды", "25 жол оқылды"}},
		{"%d added, %d already present, %d rejected.", func(n int) []any { return []any{n, 0, 0} },
			[]string{"Добавлен 1 участник,", "Добавлено 2 участника,", "Добавлено 5 участников,", "Добавлено 11 участников,", "Добавлен 21 участник,", "Добавлено 22 участника,", "Добавлено 25 участников,"},
			[]string{"Қосылды: 1 қатысушы,", "Қосылды: 2 қатысушы,", "Қосылды: 5 қатысушы,", "Қосылды: 11 қатысушы,", "Қосылды: 21 қатысушы,", "Қосылды: 22 қатысушы,", "Қосылды: 25 қатысушы,"}},
		{"Check-ins added: %d; already checked in: %d; rejected: %d.", func(n int) []any { return []any{n, 0, 0} },
			[]string{"Добавлена 1 отметка;", "Добавлено 2 отметки;", "Добавлено 5 отметок;", "Добавлено 11 отметок;", "Добавлена 21 отметка;", "Добавлено 22 отметки;", "Добавлено 25 отметок;"},
			[]string{"Қосылған тіркеулер: 1;", "Қосылған тіркеулер: 2;", "Қосылған тіркеулер: 5;", "Қосылған тіркеулер: 11;", "Қосылған тіркеулер: 21;", "Қосылған тіркеулер: 22;", "Қосылған тіркеулер: 25;"}},
		{"%s: %d votes", func(n int) []any { return []any{"Тема", n} },
			[]string{"Тема: 1 голос", "Тема: 2 голоса", "Тема: 5 голосов", "Тема: 11 голосов", "Тема: 21 голос", "Тема: 22 голоса", "Тема: 25 голосов"},
			[]string{"Тема: 1 дауыс", "Тема: 2 дауыс", "Тема: 5 дауыс", "Тема: 11 дауыс", "Тема: 21 дауыс", "Тема: 22 дауыс", "Тема: 25 дауыс"}},
		{"%d items before it will be marked as passed.", func(n int) []any { return []any{n} },
			[]string{"1 пункт перед ним будет отмечен", "2 пункта перед ним будут отмечены", "5 пунктов перед ним будут отмечены", "11 пунктов", "21 пункт перед ним будет отмечен", "22 пункта", "25 пунктов"},
			[]string{"Алдындағы 1 тармақ", "Алдындағы 2 тармақ", "Алдындағы 5 тармақ", "Алдындағы 11 тармақ", "Алдындағы 21 тармақ", "Алдындағы 22 тармақ", "Алдындағы 25 тармақ"}},
		{"Unlocked %s with %d snapshots.", func(n int) []any { return []any{"s.db", n} },
			[]string{"с 1 автокопией", "с 2 автокопиями", "с 5 автокопиями", "с 11 автокопиями", "с 21 автокопией", "с 22 автокопиями", "с 25 автокопиями"},
			[]string{"1 автокөшірмесімен", "2 автокөшірмесімен", "5 автокөшірмесімен", "11 автокөшірмесімен", "21 автокөшірмесімен", "22 автокөшірмесімен", "25 автокөшірмесімен"}},
		{"%d minutes", func(n int) []any { return []any{n} },
			[]string{"1 минута", "2 минуты", "5 минут", "11 минут", "21 минута", "22 минуты", "25 минут"},
			[]string{"1 минут", "2 минут", "5 минут", "11 минут", "21 минут", "22 минут", "25 минут"}},
	}
	for _, tt := range tests {
		for lang, want := range map[string][]string{"ru": tt.ru, "kk": tt.kk} {
			p := New(lang)
			for i, n := range ns {
				if got := p.T(tt.key, tt.args(n)...); !strings.Contains(got, want[i]) {
					t.Errorf("%s %q with %d: %q, want it to contain %q", lang, tt.key, n, got, want[i])
				}
			}
		}
	}
	// two counts in one message, each with its own forms
	for _, c := range []struct {
		people, snaps int
		want          string
	}{
		{1, 1, "контакты 1 участника (1 автокопия)"},
		{2, 2, "контакты 2 участников (2 автокопии)"},
		{21, 5, "контакты 21 участника (5 автокопий)"},
		{25, 22, "контакты 25 участников (22 автокопии)"},
	} {
		if got := New("ru").T("purged %s: contacts of %d participants (%d snapshots)", "2026-11-28", c.people, c.snaps); !strings.Contains(got, c.want) {
			t.Errorf("%d, %d: %q, want %q", c.people, c.snaps, got, c.want)
		}
	}
	// English has one and other where the number comes before a noun
	for _, c := range []struct {
		key  string
		args []any
		want string
	}{
		{"Read %d rows (%s).", []any{1, "UTF-8"}, "Read 1 row (UTF-8)."},
		{"Read %d rows (%s).", []any{21, "UTF-8"}, "Read 21 rows (UTF-8)."},
		{"%s: %d votes", []any{"T", 1}, "T: 1 vote"},
		{"%d items added, %d rejected.", []any{1, 0}, "1 item added, 0 rejected."},
	} {
		if got := New("en").T(c.key, c.args...); got != c.want {
			t.Errorf("en %q: %q, want %q", c.key, got, c.want)
		}
	}
}

// TestScanLocaleAgreesWithJSON: the fast reading of a locale file gives
// what encoding/json gives, for every file and for escapes, plural objects
// and mistakes (which it leaves to the precise reader).
func TestScanLocaleAgreesWithJSON(t *testing.T) {
	files, _ := locales.ReadDir("locales")
	samples := [][]byte{
		[]byte(`{}`),
		[]byte(`{"a \"quoted\" key": "line\nbreak \u00e9 \\ back", "b": {"plural": 1, "one": "%d \"x\"", "other": "%d {y}"}}`),
		[]byte("{\"a\": \"b\",\n  \"c\": \"d\"\n}\n"),
	}
	for _, f := range files {
		data, err := locales.ReadFile("locales/" + f.Name())
		if err != nil {
			t.Fatal(err)
		}
		samples = append(samples, data)
	}
	for _, data := range samples {
		fast, ok := scanLocale(data)
		slow, err := parseLocaleJSON(data)
		if !ok || err != nil {
			t.Fatalf("%.60s…: fast %v, json %v", data, ok, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("%.60s…: the fast reading differs", data)
		}
	}
	for _, bad := range []string{`{"a": "b", "a": "c"}`, `["a"]`, `{"a": "b"} x`, `{"a": 1}`, `{"a": "b",}`, "{\"a\": \"b\tc\"}", `{"a": "b`} {
		if _, ok := scanLocale([]byte(bad)); ok {
			t.Errorf("%s: the fast reading took it", bad)
		}
		if _, err := parseLocale([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}

// TestLangFromArgs: --lang is read from a command line before the commands
// are built, as pflag would read it.
func TestLangFromArgs(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, ""},
		{[]string{"--db", "x.db"}, ""},
		{[]string{"--lang", "ru"}, "ru"},
		{[]string{"export", "--lang=kk", "attendance"}, "kk"},
		{[]string{"--lang", "ru", "--lang=kk"}, "kk"}, // the last one wins
		{[]string{"--", "--lang", "ru"}, ""},          // after "--" it is an argument
		{[]string{"import", "--lang"}, ""},            // no value
		{[]string{"--db", "--lang=ru.db", "--lang", "en"}, "en"},
	} {
		if got := LangFromArgs(tc.args); got != tc.want {
			t.Errorf("LangFromArgs(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}
