package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"convene/i18n"
	"convene/model"
)

func testAttendance(lang string) Attendance {
	return Attendance{Event: testEvent, Sessions: testSessions, Sectors: model.DefaultSectorMap(), Each: each(people(5), -1), P: i18n.New(lang), H: i18n.New(lang)}
}

// The attendance CSV guards every cell a spreadsheet would run, the
// session titles in the header among them; the workbook needs no guard:
// its cells are typed.
func TestAttendanceCSVAndXLSX(t *testing.T) {
	a := testAttendance("en")
	a.Each = func(fn func(model.AttendanceRow) error) error {
		return each(people(5), -1)(func(r model.AttendanceRow) error {
			r.P.Organisation = "=HYPERLINK(\"http://x\")"
			return fn(r)
		})
	}
	var b bytes.Buffer
	tb, _ := NewTables(CSV, &b, Doc{}, ';')
	if err := a.WriteList(tb, nil); err != nil {
		t.Fatal(err)
	}
	tb.Close()
	if _, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\xEF\xBB\xBF"))).ReadAll(); err == nil {
		t.Fatal("read with the wrong delimiter") // it is ;
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\xEF\xBB\xBF")))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(recs[0], "|")
	if !strings.Contains(head, "'=Часть 2 — село: checked in") || !strings.Contains(head, "|Часть 1 — Тараз: source|") {
		t.Errorf("header: %q", head)
	}
	if recs[1][4] != `'=HYPERLINK("http://x")` || recs[1][8] != "'+7 705 111 22 00" || recs[1][10] != "yes" || recs[1][12] != "desk" || recs[1][15] != "paper" {
		t.Errorf("row: %q", recs[1])
	}

	b.Reset()
	tb, _ = NewTables(XLSX, &b, Doc{Title: "x"}, 0)
	tally := NewTally(a.Sessions, a.Sectors)
	if err := a.WriteList(tb, tally); err != nil {
		t.Fatal(err)
	}
	if err := a.WriteSummary(tb, tally); err != nil {
		t.Fatal(err)
	}
	if err := tb.Close(); err != nil {
		t.Fatal(err)
	}
	keep(t, "attendance.xlsx", b.Bytes())
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 2 || sheets[0] != "Attendance" || sheets[1] != "Summary" {
		t.Errorf("sheets %q", sheets)
	}
	for cell, want := range map[string]excelize.CellType{"I2": excelize.CellTypeInlineString, "L2": excelize.CellTypeUnset, "E2": excelize.CellTypeInlineString} {
		if got, _ := f.GetCellType("Attendance", cell); got != want {
			t.Errorf("%s: type %v, want %v", cell, got, want)
		}
	}
	if v, _ := f.GetCellValue("Attendance", "I2"); v != "+7 705 111 22 00" {
		t.Errorf("phone %q", v)
	}
	if v, _ := f.GetCellValue("Attendance", "E2"); v != `=HYPERLINK("http://x")` {
		t.Errorf("organisation %q", v)
	}
	if formula, _ := f.GetCellFormula("Attendance", "E2"); formula != "" {
		t.Errorf("a formula: %q", formula)
	}
	// the time is an Excel date-time shown as one
	if v, _ := f.GetCellValue("Attendance", "L2"); v != "2026-11-27 09:00" {
		t.Errorf("time %q", v)
	}
	raw, _ := f.GetCellValue("Attendance", "L2", excelize.Options{RawCellValue: true})
	if !strings.HasPrefix(raw, "46353.375") {
		t.Errorf("time stored as %q, want the serial 46353.375", raw)
	}
	panes, _ := f.GetPanes("Attendance")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v", panes)
	}
	if dn := f.GetDefinedName(); len(dn) != 2 || dn[0].Name != "_xlnm._FilterDatabase" {
		t.Errorf("filters: %+v", dn)
	}
	rows, _ := f.GetRows("Summary")
	if len(rows) < 3 || rows[len(rows)-1][1] != "Total" || rows[len(rows)-1][2] != "5" {
		t.Errorf("summary %q", rows)
	}
}

func TestMatrixAndCertificates(t *testing.T) {
	a := testAttendance("en")
	a.Each = each(people(13), -1) // part 1: 0,3,6,9,12; part 2: 0,4,8,12
	var b bytes.Buffer
	tb, _ := NewTables(Markdown, &b, Doc{Title: "Certificates"}, 0)
	if err := a.WriteCertificates(tb, 0, true); err != nil {
		t.Fatal(err)
	}
	tb.Close()
	if n := strings.Count(b.String(), "\n| ") - 1; n != 2 { // 0 and 12 came to both
		t.Errorf("%d certificates:\n%s", n, b.String())
	}
	b.Reset()
	tb, _ = NewTables(HTML, &b, Doc{Title: "Matrix"}, 0)
	if err := a.WriteMatrix(tb); err != nil {
		t.Fatal(err)
	}
	tb.Close()
	if n := strings.Count(b.String(), "<tr><td class=\"n\">"); n != 13 || !strings.Contains(b.String(), `<td class="n">1</td><td class="n">1</td><td class="n">2</td></tr>`) {
		t.Errorf("matrix rows %d:\n%s", n, b.String())
	}
	for _, tt := range []struct {
		n, of, least int
		all, want    bool
	}{{2, 2, 1, true, true}, {1, 2, 1, true, false}, {1, 2, 1, false, true}, {1, 3, 2, false, false}, {0, 2, 0, false, false}} {
		if got := Qualifies(tt.n, tt.of, tt.least, tt.all); got != tt.want {
			t.Errorf("Qualifies(%d of %d, least %d, all %v) = %v", tt.n, tt.of, tt.least, tt.all, got)
		}
	}
}
