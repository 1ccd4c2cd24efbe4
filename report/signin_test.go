package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"convene/i18n"
	"convene/model"
)

// keep writes an output to $CONVENE_REPORT_DIR when it is set, to look at
// by eye (print the HTML with a browser, open the .xlsx).
func keep(t *testing.T, name string, data []byte) {
	t.Helper()
	if dir := os.Getenv("CONVENE_REPORT_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// people is a roster of n people (Kazakh, Russian and Latin names), sorted
// as the store would sort them; every third is checked in to the first
// session, every fourth to the second (from paper).
func people(n int) []model.AttendanceRow {
	surnames := []string{"Абаев", "Әлиева", "Бекова", "Жақсыбеков", "Иванова", "Қасымов", "Ли", "Нұрланов", "Оспанова", "Смагулов", "Ұлжанова", "Шевченко"}
	given := []string{"Айгерим", "Ерлан", "Дана", "Нурлан", "Мария", "Асель", "Бекзат"}
	var out []model.AttendanceRow
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	for i := range n {
		p := model.Participant{ID: fmt.Sprint(i), Surname: surnames[i%len(surnames)], GivenName: given[i%len(given)], Patronymic: "Болатұлы",
			Organisation: []string{"Департамент полиции Жамбылской области", "ОФ «Әділдік»", "Taraz State University", "Районный суд №2 г. Тараз"}[i%4],
			Position:     "специалист", Category: []string{"Полиция", "НПО", "University", "Суд"}[i%4], Gender: []model.Gender{model.GenderFemale, model.GenderMale, model.GenderNotStated}[i%3],
			Phone: "+7 705 111 22 " + fmt.Sprintf("%02d", i%100)}
		if i == 5 {
			p.Surname, p.GivenName, p.Patronymic = "Smith", "John", ""
		}
		p.FullName = model.JoinName(p.Surname, p.GivenName, p.Patronymic)
		r := model.AttendanceRow{P: p, At: make([]time.Time, 2), Source: make([]model.CheckInSource, 2)}
		if i%3 == 0 {
			r.At[0], r.Source[0] = t0.Add(time.Duration(i)*time.Minute), model.FromDesk
		}
		if i%4 == 0 {
			r.At[1], r.Source[1] = t0.Add(24*time.Hour+time.Hour), model.FromPaper
		}
		out = append(out, r)
	}
	return out
}

func each(rows []model.AttendanceRow, session int) func(fn func(model.AttendanceRow) error) error {
	return func(fn func(model.AttendanceRow) error) error {
		for _, r := range rows {
			if session >= 0 {
				r.At, r.Source = r.At[session:session+1], r.Source[session:session+1]
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
}

var (
	testEvent    = model.Event{Name: "Права человека & полиция: семинар", Venue: "Тараз", StartDate: "2026-11-27", EndDate: "2026-11-28"}
	testSessions = []model.Session{
		{ID: "s1", Title: "Часть 1 — Тараз", Venue: "Гостиница «Жамбыл»", Date: "2026-11-27", StartTime: "09:00"},
		{ID: "s2", Title: "=Часть 2 — село", Venue: "Аса", Date: "2026-11-28", StartTime: "10:00"},
	}
)

func TestSignInHTMLPages(t *testing.T) {
	rows := people(60)
	s := SignIn{Event: testEvent, Session: testSessions[0], Blank: 10, Each: each(rows, 0), P: i18n.New("ru")}
	var b bytes.Buffer
	if err := s.HTML(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	keep(t, "signin.html", b.Bytes())
	// 60 people + 10 blank rows = 70, filled up to 75: three pages
	if n := strings.Count(out, `<section class="page">`); n != 3 {
		t.Errorf("%d pages", n)
	}
	if n := strings.Count(out, "<thead>"); n != 3 {
		t.Errorf("%d column headings (one per page)", n)
	}
	if n := strings.Count(out, "<tr><td class=\"no\">"); n != 75 {
		t.Errorf("%d numbered rows", n)
	}
	for _, want := range []string{"Страница 3 из 3", "Права человека &amp; полиция: семинар", "Часть 1 — Тараз", "Гостиница «Жамбыл»", ">75</td>", "<td><div>Smith</div></td><td><div>John</div></td>"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q", want)
		}
	}
	// sorted as given; the first page starts with the first person
	if i, j := strings.Index(out, "Абаев"), strings.Index(out, "Смагулов"); i < 0 || j < i {
		t.Errorf("order: %d %d", i, j)
	}

	late := SignIn{Event: testEvent, Session: testSessions[0], NotYet: true, Blank: 5, Each: each(rows, 0), P: i18n.New("en")}
	b.Reset()
	if err := late.HTML(&b); err != nil {
		t.Fatal(err)
	}
	keep(t, "signin-late.html", b.Bytes())
	// 40 not checked in + 5 blank = 45 → two pages of 25
	if n := strings.Count(b.String(), "<tr><td class=\"no\">"); n != 50 || !strings.Contains(b.String(), "late arrivals") {
		t.Errorf("late arrivals: %d rows", n)
	}
	if strings.Contains(b.String(), ">"+rows[0].P.Surname+"<") {
		t.Error("someone checked in is on the late arrivals' sheet")
	}
}

// sheetXML is the first worksheet's XML in a workbook.
func sheetXML(t *testing.T, data []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	r, err := z.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, _ := io.ReadAll(r)
	return string(b)
}

func TestSignInXLSXPrintSetup(t *testing.T) {
	rows := people(60)
	s := SignIn{Event: testEvent, Session: testSessions[1], Blank: 10, Each: each(rows, 1), P: i18n.New("kk")}
	var b bytes.Buffer
	if err := s.XLSX(&b); err != nil {
		t.Fatal(err)
	}
	keep(t, "signin.xlsx", b.Bytes())
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet != "=Часть 2 — село" {
		t.Errorf("sheet %q", sheet)
	}
	got, _ := f.GetRows(sheet)
	// event, title, session, date, venue, header, then 75 rows
	if len(got) != 5+1+75 {
		t.Fatalf("%d rows", len(got))
	}
	if got[5][1] == "" || got[6][0] != "1" || got[6][1] != "Абаев" || got[80][0] != "75" {
		t.Errorf("rows: %q %q %q", got[5], got[6], got[80])
	}
	if formula, _ := f.GetCellFormula(sheet, "A3"); formula != "" || strings.Contains(sheetXML(t, b.Bytes()), "<f>") {
		t.Errorf("a formula: %q", formula) // the session's title starts with =
	}
	dn := f.GetDefinedName()
	if len(dn) != 1 || dn[0].Name != "_xlnm.Print_Titles" || !strings.HasSuffix(dn[0].RefersTo, "!$6:$6") {
		t.Errorf("print titles: %+v", dn)
	}
	lay, _ := f.GetPageLayout(sheet)
	if *lay.Size != 9 || *lay.Orientation != "portrait" {
		t.Errorf("layout: size %d %s", *lay.Size, *lay.Orientation)
	}
	// 25 people a page: breaks after the 25th and the 50th
	xml := sheetXML(t, b.Bytes())
	if !strings.Contains(xml, `<rowBreaks count="2" manualBreakCount="2"><brk id="31"`) || !strings.Contains(xml, `<brk id="56"`) {
		t.Errorf("page breaks: %s", xml[strings.Index(xml, "</sheetData>"):])
	}
	hf, _ := f.GetHeaderFooter(sheet)
	if !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") || !strings.Contains(hf.OddHeader, "&&") {
		t.Errorf("header/footer: %+v", hf)
	}
}
