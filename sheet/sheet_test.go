package sheet

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"convene/i18n"
	"convene/model"
)

func cp1251(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16le(t *testing.T, s string) []byte {
	t.Helper()
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseRosterVariants(t *testing.T) {
	const ru = "ФИО;Организация;Должность;Категория;Пол;Телефон;Почта\r\n" +
		"Нурланов Ерлан;Прокуратура;Прокурор;prosecution;М;+7 701 111 22 33;erlan@example.kz\r\n" +
		"Сейтказиева Улжан;\"ОО «Правовая инициатива»; Тараз\";Юрист;civil society;Ж;;\r\n"
	tests := []struct {
		name      string
		data      []byte
		encoding  string
		delim     rune
		wantNames []string
	}{
		{"utf8 bom comma", []byte("\xEF\xBB\xBFFull name,Organization,Gender\nНурланов Ерлан,Court,M\nҰлжан Сейтказиева,Akimat,F\n"),
			"UTF-8 with BOM", ',', []string{"Нурланов Ерлан", "Ұлжан Сейтказиева"}},
		{"utf8 no bom", []byte("Name,Email\nAnn Lee,ANN@example.org\n"), "UTF-8", ',', []string{"Ann Lee"}},
		{"cp1251 semicolon crlf", cp1251(t, ru), "Windows-1251", ';', []string{"Нурланов Ерлан", "Сейтказиева Улжан"}},
		{"utf16 tab", utf16le(t, "Name\tOrganisation\r\nNurlanov Erlan\tCourt\r\n"), "UTF-16", '\t', []string{"Nurlanov Erlan"}},
		{"quoted newline", []byte("Name,Notes\n\"Ann\nLee\",\"line one\nline two\"\nBob,x\n"), "UTF-8", ',', []string{"Ann Lee", "Bob"}},
		{"first and last", []byte("Фамилия;Имя;Отчество;Пол\nИванов;Сергей;Петрович;м\n"), "UTF-8", ';', []string{"Иванов Сергей Петрович"}},
		{"header names any case", []byte("FULL NAME,E-MAIL,SEX\nAnn,a@b.c,female\n"), "UTF-8", ',', []string{"Ann"}},
		{"blank lines skipped", []byte("\n\nName\n\nAnn\n\n\nBob\n"), "UTF-8", ',', []string{"Ann", "Bob"}},
		{"header only", []byte("Name,Organization\r\n"), "UTF-8", ',', nil},
		{"escapes stripped", []byte("Name\n\"\x1b]0;pwn\x07Ann \x1b[31mLee\"\n"), "UTF-8", ',', []string{"Ann Lee"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseRoster(tt.data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Encoding != tt.encoding || r.Delimiter != tt.delim {
				t.Errorf("encoding %q delim %q, want %q %q", r.Encoding, r.Delimiter, tt.encoding, tt.delim)
			}
			var names []string
			for _, p := range r.People {
				names = append(names, p.FullName)
			}
			if strings.Join(names, "|") != strings.Join(tt.wantNames, "|") {
				t.Errorf("names = %q, want %q (rejected %v)", names, tt.wantNames, r.Rejected)
			}
		})
	}
}

func TestParseRosterFields(t *testing.T) {
	r, err := ParseRoster(cp1251(t, "ФИО;Организация;Должность;Категория;Пол;Телефон;Почта\r\nНурланов Ерлан;Прокуратура;Прокурор;Prosecution;М;+7 701 111 22 33;Erlan@Example.kz\r\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := r.People[0]
	want := model.Participant{FullName: "Нурланов Ерлан", Surname: "Нурланов", GivenName: "Ерлан", Organisation: "Прокуратура", Position: "Прокурор", Category: "prosecution",
		Gender: model.GenderMale, Phone: "+7 701 111 22 33", Email: "erlan@example.kz", Source: model.SourceImported}
	if p != want {
		t.Errorf("got %+v\nwant %+v", p, want)
	}
}

func TestParseRosterNameParts(t *testing.T) {
	data := "Фамилия;Имя;Отчество;Организация\n" +
		"Иванова;Анна Мария;Петровна;Суд\n" +
		"Smith;John;;OSCE\n"
	r, err := ParseRoster([]byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := func(p model.Participant) [4]string {
		return [4]string{p.FullName, p.Surname, p.GivenName, p.Patronymic}
	}
	if g := got(r.People[0]); g != [4]string{"Иванова Анна Мария Петровна", "Иванова", "Анна Мария", "Петровна"} {
		t.Errorf("split columns: %q", g)
	}
	if g := got(r.People[1]); g != [4]string{"Smith John", "Smith", "John", ""} {
		t.Errorf("split columns, Latin: %q", g)
	}
	// one full-name column: surname first unless the row's order says otherwise
	data = "ФИО,Name order\nНурланов Ерлан Болатович,\nErlan Nurlanov,First Last\nMaria de SOUZA,\nX Y,sideways\n"
	r, err = ParseRoster([]byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][4]string{{"Нурланов Ерлан Болатович", "Нурланов", "Ерлан", "Болатович"}, {"Erlan Nurlanov", "Nurlanov", "Erlan", ""}, {"Maria de SOUZA", "SOUZA", "Maria", "de"}}
	for i, w := range want {
		if g := got(r.People[i]); g != w {
			t.Errorf("row %d: %q, want %q", i, g, w)
		}
	}
	if len(r.Rejected) != 1 || r.Rejected[0].Line != 5 || !strings.Contains(r.Rejected[0].Reason.String(), "sideways") {
		t.Errorf("rejected %+v", r.Rejected)
	}
}

func TestParseRosterRejectsRowsWithLineNumbers(t *testing.T) {
	data := "Name,Gender,Email\n" + // line 1
		"Ann,F,\n" + // 2
		",F,\n" + // 3: no name
		"\"Bob\nBrown\",banana,\n" + // 4-5: bad gender
		"Cat,,not-an-email\n" + // 6
		strings.Repeat("x", 201) + ",,\n" // 7
	r, err := ParseRoster([]byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.People) != 1 || r.People[0].FullName != "Ann" {
		t.Errorf("people = %+v", r.People)
	}
	want := []struct {
		line int
		frag string
	}{{3, "no name"}, {4, "gender"}, {6, "e-mail"}, {7, "longer"}}
	if len(r.Rejected) != len(want) {
		t.Fatalf("rejected = %+v", r.Rejected)
	}
	for i, w := range want {
		if r.Rejected[i].Line != w.line || !strings.Contains(r.Rejected[i].Reason.String(), w.frag) {
			t.Errorf("rejected[%d] = %+v, want line %d %q", i, r.Rejected[i], w.line, w.frag)
		}
	}
}

func TestParseRosterRefusesNonRosters(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		frag string
	}{
		{"empty", nil, "empty"},
		{"whitespace", []byte("  \n\r\n"), "empty"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), "binary"},
		{"no name column", []byte("Organisation,Phone\nCourt,123\n"), "no name column"},
		{"duplicate header", []byte("Name,Email,ФИО\nA,a@b.c,B\n"), "both give the name"},
		{"bad bom utf8", []byte("\xEF\xBB\xBFName\n\xff\xfe\n"), "not"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRoster(tt.data, Options{})
			if err == nil || !errors.Is(err, ErrNotATable) || !strings.Contains(err.Error(), tt.frag) {
				t.Errorf("err = %v, want %q", err, tt.frag)
			}
		})
	}
}

func TestReport(t *testing.T) {
	r, _ := ParseRoster([]byte("Name;Gender\nAnn;F\n;F\nBob;banana\n"), Options{})
	got := r.Report(i18n.Printer{}, model.ImportReport{Added: 1, DryRun: true}, 1)
	for _, frag := range []string{"Read 3 rows (UTF-8, semicolon-separated)", "1 to add, 0 already present, 2 rejected", "line 3: no name", "and 1 more"} {
		if !strings.Contains(got, frag) {
			t.Errorf("report lacks %q:\n%s", frag, got)
		}
	}
}

func FuzzParseRoster(f *testing.F) {
	f.Add([]byte("Full name,Organization,Gender\nНурланов Ерлан,Court,M\n"))
	f.Add([]byte("ФИО;Пол\r\n\"A;\nB\";Ж\r\n"))
	f.Add([]byte("\xEF\xBB\xBFName\tEmail\nAnn\ta@b.c\n"))
	f.Add([]byte("\xFF\xFEN\x00a\x00m\x00e\x00\n\x00"))
	f.Add([]byte("Name\n\"unterminated\n"))
	f.Add([]byte("Name\n\x1b]0;x\x07Ann\n"))
	for _, h := range hostileSeeds() {
		f.Add(h)
	}
	for _, x := range xlsxSeeds(f) {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRoster(data, Options{})
		if err != nil {
			if !errors.Is(err, ErrNotATable) {
				t.Fatalf("error not wrapped: %v", err)
			}
			return
		}
		if len(r.People) != len(r.Lines) {
			t.Fatal("lines out of step")
		}
		for _, p := range r.People {
			if p.FullName == "" || strings.ContainsAny(p.FullName, "\x1b\x00\n\r\u009b") {
				t.Fatalf("bad name %q", p.FullName)
			}
		}
	})
}

func TestParseRosterConsent(t *testing.T) {
	data := "ФИО;Телефон;Согласие\r\n" +
		"Ann;1;да\r\n" + // 2
		"Bob;2;нет\r\n" + // 3
		"Cat;3;\r\n" + // 4: unknown
		"Dan;4;Yes\r\n" + // 5
		"Eve;5;perhaps\r\n" // 6: not understood
	r, err := ParseRoster([]byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]model.Consent{"Ann": model.ConsentYes, "Bob": model.ConsentNo, "Cat": model.ConsentUnknown, "Dan": model.ConsentYes}
	if len(r.People) != len(want) {
		t.Fatalf("people = %+v", r.People)
	}
	for _, p := range r.People {
		if p.Consent != want[p.FullName] {
			t.Errorf("%s: consent %q, want %q", p.FullName, p.Consent, want[p.FullName])
		}
	}
	if len(r.Rejected) != 1 || r.Rejected[0].Line != 6 || !strings.Contains(r.Rejected[0].Reason.String(), "consent") {
		t.Errorf("rejected = %+v", r.Rejected)
	}
	en, err := ParseRoster([]byte("Name,Consent\nAnn,no\n"), Options{})
	if err != nil || len(en.People) != 1 || en.People[0].Consent != model.ConsentNo || len(en.Ignored) != 0 {
		t.Fatalf("English header: %+v %v", en, err)
	}
}

func TestRosterReportNamesDuplicates(t *testing.T) {
	r, err := ParseRoster([]byte("Name,Phone\nAnn,\nBob,+7 705 000 00 00\nAnn,\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := model.ImportReport{Present: 3, Duplicates: []model.Duplicate{
		{Row: 0, ExistingID: "1", ExistingName: "Ann Lee", EarlierRow: -1, By: model.ByName},
		{Row: 1, ExistingID: "2", ExistingName: "Bob B", EarlierRow: -1, By: model.ByPhone},
		{Row: 2, EarlierRow: 0, By: model.ByName},
	}, Filled: []model.Filled{{Row: 1, ID: "2", Name: "Bob B", Phone: "+7 705 000 00 00"}}}
	out := r.Report(testPrinter, rep, 10)
	for _, w := range []string{"line 2: is “Ann Lee” (same name and organisation)", "line 3: is “Bob B” (same phone and name)",
		"line 4: repeats line 2 (same name and organisation)", "line 3 gave “Bob B” the missing phone +7 705 000 00 00"} {
		if !strings.Contains(out, w) {
			t.Errorf("no %q in\n%s", w, out)
		}
	}
}
