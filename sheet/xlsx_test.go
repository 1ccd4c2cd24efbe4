package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"convene/model"
)

// book builds a small workbook in memory; fill writes its cells.
func book(t testing.TB, fill func(f *excelize.File), opts ...excelize.Options) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	fill(f)
	var buf bytes.Buffer
	if err := f.Write(&buf, opts...); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// set writes a value into a cell with an optional number format: a
// built-in id, or a custom format code.
func set(t testing.TB, f *excelize.File, sheet, cell string, v any, format any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
	var st *excelize.Style
	switch x := format.(type) {
	case int:
		st = &excelize.Style{NumFmt: x}
	case string:
		st = &excelize.Style{CustomNumFmt: &x}
	default:
		return
	}
	id, err := f.NewStyle(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(sheet, cell, cell, id); err != nil {
		t.Fatal(err)
	}
}

func row(t testing.TB, f *excelize.File, sheet, cell string, values ...any) {
	t.Helper()
	if err := f.SetSheetRow(sheet, cell, &values); err != nil {
		t.Fatal(err)
	}
}

func merge(t testing.TB, f *excelize.File, sheet, from, to string) {
	t.Helper()
	if err := f.MergeCell(sheet, from, to); err != nil {
		t.Fatal(err)
	}
}

// rosterBook is a roster as they arrive: a merged title above the header,
// phones as numbers, as a masked number and as guarded text, an
// organisation merged down over two people, a date column that is not used.
func rosterBook(t testing.TB) []byte {
	return book(t, func(f *excelize.File) {
		s := "Участники"
		if err := f.SetSheetName("Sheet1", s); err != nil {
			t.Fatal(err)
		}
		row(t, f, s, "A1", "Список участников семинара, 1–2 декабря 2026")
		merge(t, f, s, "A1", "F1")
		row(t, f, s, "A3", "№", "ФИО", "Организация", "Телефон", "Пол", "Дата рождения")
		row(t, f, s, "A4", 1, "Нурланов Ерлан", "Прокуратура", nil, "М")
		set(t, f, s, "D4", 77051234567, nil)
		set(t, f, s, "F4", 30000, 14) // 18.02.1982
		row(t, f, s, "A5", 2, "Сейтказиева Ұлжан", nil, nil, "Ж")
		set(t, f, s, "D5", 77011112233, `+# (###) ###-##-##`)
		merge(t, f, s, "C4", "C5")
		row(t, f, s, "A6", 3, "'-Дефис Айгерим", "'=Акимат", "'+7 702 000 00 00", "ж")
		row(t, f, s, "A7", 4, "Без Телефона", "НПО", 1.5e15, "м") // a long number keeps its digits
	})
}

func TestExcelRoster(t *testing.T) {
	r, err := ParseRoster(rosterBook(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Participant{
		{FullName: "Нурланов Ерлан", Organisation: "Прокуратура", Phone: "77051234567", Gender: model.GenderMale},
		{FullName: "Сейтказиева Ұлжан", Organisation: "Прокуратура", Phone: "+7 (701) 111-22-33", Gender: model.GenderFemale},
		{FullName: "-Дефис Айгерим", Organisation: "=Акимат", Phone: "+7 702 000 00 00", Gender: model.GenderFemale},
		{FullName: "Без Телефона", Organisation: "НПО", Phone: "1500000000000000", Gender: model.GenderMale},
	}
	if len(r.People) != len(want) {
		t.Fatalf("people %+v rejected %+v", r.People, r.Rejected)
	}
	for i, w := range want {
		w.Source = model.SourceImported
		w.Surname, w.GivenName, w.Patronymic = model.SplitName(w.FullName, model.SurnameFirst)
		if r.People[i] != w {
			t.Errorf("person %d = %+v\nwant %+v", i, r.People[i], w)
		}
	}
	if r.Format != FormatExcel || r.Sheet != "Участники" || r.HeaderLine != 3 || r.Lines[0] != 4 {
		t.Errorf("source %+v lines %v", r.Source, r.Lines)
	}
	rep := r.Report(testPrinter, testImport(4), 10)
	for _, frag := range []string{"Read 4 rows (Excel, sheet “Участники”).", "The header is on row 3; 1 row above it", "Columns not used: №, Дата рождения"} {
		if !strings.Contains(rep, frag) {
			t.Errorf("report lacks %q:\n%s", frag, rep)
		}
	}
}

func TestExcelRejectsByRow(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		row(t, f, "Sheet1", "A1", "Name", "Gender")
		row(t, f, "Sheet1", "A2", "Ann", "F")
		row(t, f, "Sheet1", "A4", "Bob", "banana") // row 3 is empty
	})
	r, err := ParseRoster(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rejected) != 1 || r.Rejected[0].Line != 4 {
		t.Fatalf("rejected %+v", r.Rejected)
	}
	if rep := r.Report(testPrinter, testImport(1), 10); !strings.Contains(rep, "  row 4: gender") {
		t.Errorf("report:\n%s", rep)
	}
}

func TestExcelAgendaTimes(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		s := "Sheet1"
		row(t, f, s, "A1", "Программа", nil, nil, nil)
		row(t, f, s, "A2", "Название", "Начало", "Конец", "Докладчик")
		row(t, f, s, "A3", "Регистрация участников")
		set(t, f, s, "B3", 0.375, "h:mm")   // 9:00
		set(t, f, s, "C3", 0.395833333, 20) // 09:30 (built-in h:mm)
		row(t, f, s, "A4", "Доклад", nil, nil, "Аким")
		set(t, f, s, "B4", 0.395833333, "h:mm AM/PM") // 9:30 AM
		set(t, f, s, "C4", 0.4375, 21)                // 10:30:00
		row(t, f, s, "A5", "Обед")
		set(t, f, s, "B5", 46357.5, 22)                          // 01.12.2026 12:00 (date and time)
		set(t, f, s, "C5", 46357.5+1.0/24, 22)                   // 13:00
		row(t, f, s, "A7", "Работа в группах", "13:00", "14:30") // times typed as text
	})
	a, err := ParseAgenda(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	type item struct {
		title string
		kind  model.ItemKind
		min   int
		pin   string
	}
	want := []item{
		{"Регистрация участников", model.KindBreak, 30, ""},
		{"Доклад", model.KindTalk, 60, ""},
		{"Обед", model.KindMeal, 60, "12:00"},
		{"Работа в группах", model.KindGroupWork, 90, ""},
	}
	if len(a.Items) != len(want) {
		t.Fatalf("items %+v rejected %+v", a.Items, a.Rejected)
	}
	for i, w := range want {
		it := a.Items[i]
		if got := (item{it.Title, it.Kind, it.PlannedMinutes, it.PinnedStart}); got != w {
			t.Errorf("item %d = %+v, want %+v", i, got, w)
		}
	}
	if a.Lines[3] != 7 {
		t.Errorf("lines %v", a.Lines)
	}
}

func TestExcelCellText(t *testing.T) {
	// the text of a time cell is HH:MM whatever its format; durations over
	// a day and other numbers stay as shown
	data := book(t, func(f *excelize.File) {
		s := "Sheet1"
		row(t, f, s, "A1", "Title", "Minutes")
		row(t, f, s, "A2", "Long")
		set(t, f, s, "B2", 0.03125, "[h]:mm") // 0:45
		row(t, f, s, "A3", "Longer")
		set(t, f, s, "B3", 45, "0")
	})
	a, err := ParseAgenda(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Items) != 2 || a.Items[0].PlannedMinutes != 45 || a.Items[1].PlannedMinutes != 45 {
		t.Errorf("items %+v rejected %+v", a.Items, a.Rejected)
	}
	for _, tt := range []struct{ shown, raw, want string }{
		{"9:00", "0.375", "09:00"},
		{"9:00 AM", "0.375", "09:00"},
		{"1:30 PM", "0.5625", "13:30"},
		{"23:59:59", "0.99999", "23:59"},
		{"25:30", "1.0625", "25:30"},
		{"12:00", "12:00", "12:00"},
		{"1,234.50", "1234.5", "1,234.50"},
	} {
		if got := cellText(tt.shown, tt.raw); got != tt.want {
			t.Errorf("cellText(%q, %q) = %q, want %q", tt.shown, tt.raw, got, tt.want)
		}
	}
}

func TestExcelSheets(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		row(t, f, "Sheet1", "A1", "Справочник")
		for _, name := range []string{"Пустой", "День 2"} {
			if _, err := f.NewSheet(name); err != nil {
				t.Fatal(err)
			}
		}
		row(t, f, "День 2", "A1", "ФИО")
		row(t, f, "День 2", "A2", "Алия")
		f.SetActiveSheet(2)
		if err := f.SetSheetVisible("Sheet1", false); err != nil {
			t.Fatal(err)
		}
	})
	tests := []struct {
		sheet, want, err string
	}{
		{"", "", "sheet “Пустой” is empty; choose another with --sheet: “Sheet1”, “День 2”"}, // the first visible sheet
		{"День 2", "Алия", ""},
		{"день 2", "Алия", ""},
		{"Day 2", "", "no sheet “Day 2”; its sheets: “Sheet1”, “Пустой”, “День 2”"},
		{"Sheet1", "", "no name column"},
	}
	for _, tt := range tests {
		r, err := ParseRoster(data, Options{Sheet: tt.sheet})
		switch {
		case tt.err != "":
			if err == nil || !errors.Is(err, ErrNotATable) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("sheet %q: err = %v, want %q", tt.sheet, err, tt.err)
			}
		case err != nil:
			t.Errorf("sheet %q: %v", tt.sheet, err)
		case len(r.People) != 1 || r.People[0].FullName != tt.want:
			t.Errorf("sheet %q: %+v", tt.sheet, r.People)
		}
	}
}

func TestExcelRefusedClearly(t *testing.T) {
	good := rosterBook(t)
	locked := book(t, func(f *excelize.File) { row(t, f, "Sheet1", "A1", "Name") }, excelize.Options{Password: "secret"})
	var notBook bytes.Buffer
	zw := zip.NewWriter(&notBook)
	w, _ := zw.Create("hello.txt")
	if _, err := w.Write([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	var ods bytes.Buffer
	zw = zip.NewWriter(&ods)
	w, _ = zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if _, err := w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet")); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	xls := append(append([]byte{}, oleMagic...), make([]byte, 600)...)
	copy(xls[300:], oleName("Workbook"))
	unsaved := book(t, func(f *excelize.File) {
		row(t, f, "Sheet1", "A1", "Name", "Organisation")
		row(t, f, "Sheet1", "A2", "Ann")
		if err := f.SetCellFormula("Sheet1", "B2", `UPPER("court")`); err != nil { // excelize, like scripts, saves no result
			t.Fatal(err)
		}
	})
	tests := []struct {
		name string
		data []byte
		frag string
	}{
		{"formula without a saved result", unsaved, `cell B2: a formula (=UPPER("court")) whose result is not saved`},
		{"password-protected", locked, "protected with a password"},
		{"old .xls", xls, "Excel 97–2003"},
		{"truncated", good[:len(good)/2], "not a readable Excel workbook"},
		{"a zip that is not a workbook", notBook.Bytes(), "not a readable Excel workbook"},
		{"OpenDocument", ods.Bytes(), "OpenDocument"},
		{"zip signature only", []byte("PK\x03\x04garbage"), "not a readable Excel workbook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRoster(tt.data, Options{})
			if err == nil || !errors.Is(err, ErrNotATable) || !strings.Contains(err.Error(), tt.frag) {
				t.Errorf("err = %v, want %q", err, tt.frag)
			}
			if _, err := ParseAgenda(tt.data, Options{}); err == nil || !errors.Is(err, ErrNotATable) {
				t.Errorf("agenda: err = %v", err)
			}
		})
	}
}

func TestExcelTooManyCells(t *testing.T) {
	defer func(n int) { maxCells = n }(maxCells)
	maxCells = 5
	data := book(t, func(f *excelize.File) {
		row(t, f, "Sheet1", "A1", "Name", "Org")
		row(t, f, "Sheet1", "A2", "Ann", "A")
		row(t, f, "Sheet1", "A3", "Bob", "B")
	})
	if _, err := ParseRoster(data, Options{}); err == nil || !strings.Contains(err.Error(), "more than 5 cells") {
		t.Errorf("err = %v", err)
	}
}

// TestExcelByContent: the in-app import passes whatever path the user
// typed; a workbook is read as one whatever its name says.
func TestExcelByContent(t *testing.T) {
	p := filepath.Join(t.TempDir(), "roster.csv")
	if err := os.WriteFile(p, rosterBook(t), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := ReadRosterFile(p, Options{})
	if err != nil || r.Format != FormatExcel || len(r.People) != 4 {
		t.Fatalf("r = %+v, err = %v", r, err)
	}
}

// xlsxSeeds are small workbooks for the fuzz targets.
func xlsxSeeds(t testing.TB) [][]byte {
	agenda := book(t, func(f *excelize.File) {
		row(t, f, "Sheet1", "A1", "Title", "Start", "End")
		row(t, f, "Sheet1", "A2", "Lunch")
		set(t, f, "Sheet1", "B2", 0.5, "h:mm")
		set(t, f, "Sheet1", "C2", 0.5625, "h:mm")
	})
	return [][]byte{rosterBook(t), agenda}
}

// bigRoster is a 50,000-row roster, as a workbook and as CSV.
func bigRoster(b *testing.B) (xlsx, csv []byte) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	var c strings.Builder
	c.WriteString("ФИО,Организация,Должность,Телефон,Пол\n")
	if err := sw.SetRow("A1", []any{"ФИО", "Организация", "Должность", "Телефон", "Пол"}); err != nil {
		b.Fatal(err)
	}
	for i := range 50000 {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		name, org := "Участник "+strconv.Itoa(i), "Организация "+strconv.Itoa(i%50)
		if err := sw.SetRow(cell, []any{name, org, "юрист", 77050000000 + i, "Ж"}); err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(&c, "%s,%s,юрист,%d,Ж\n", name, org, 77050000000+i)
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes(), []byte(c.String())
}

func BenchmarkParseRoster50k(b *testing.B) {
	x, c := bigRoster(b)
	for _, tt := range []struct {
		name string
		data []byte
	}{{"xlsx", x}, {"csv", c}} {
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(tt.data)))
			for b.Loop() {
				r, err := ParseRoster(tt.data, Options{})
				if err != nil || len(r.People) != 50000 {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzParseRosterXLSX feeds arbitrary cell text through a real workbook:
// what a cell holds comes back as the person's name (sanitised, without a
// formula guard), and nothing unsafe gets through.
func FuzzParseRosterXLSX(f *testing.F) {
	f.Add("ФИО", "Нурланов Ерлан", "'+7 705 111 22 33")
	f.Add("Name", "'=cmd|' /C calc'!A0", "9:00")
	f.Add("Full name", "\x1b]0;pwned\x07Ann", "7.70512E+10")
	f.Add("Список участников", "ФИО", "Ann")
	f.Fuzz(func(t *testing.T, head, name, other string) {
		data := book(t, func(x *excelize.File) {
			for _, c := range [][2]string{{"A1", head}, {"B1", "Phone"}, {"A2", name}, {"B2", other}} {
				if err := x.SetCellStr("Sheet1", c[0], c[1]); err != nil {
					t.Fatal(err)
				}
			}
		})
		r, err := ParseRoster(data, Options{})
		if err != nil {
			if !errors.Is(err, ErrNotATable) {
				t.Fatalf("error not wrapped: %v", err)
			}
			return
		}
		for _, p := range r.People {
			if p.FullName == "" || strings.ContainsAny(p.FullName+p.Phone, "\x1b\x00\n\r\u009b") {
				t.Fatalf("unsafe person %+v", p)
			}
		}
		plain := strings.Join(strings.Fields(model.SanitizeLine(Unguard(strings.TrimSpace(name)))), " ")
		if r.HeaderLine == 1 && r.Format == FormatExcel && utf8.ValidString(name) && plain != "" && plain == name && len(r.People) == 1 && r.People[0].FullName != plain {
			t.Fatalf("name %q read back as %q", name, r.People[0].FullName)
		}
	})
}
