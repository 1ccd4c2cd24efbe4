package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"convene/model"
	"convene/store"
)

func participants(t *testing.T, db string) map[string]model.Participant {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cur, err := st.Current(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := st.Participants(ctx, cur.Event.ID)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]model.Participant{}
	for _, p := range ps {
		m[p.FullName] = p
	}
	return m
}

// TestAttendanceExportReadsBackAsImported: the attendance CSV guards cells
// that a spreadsheet would run as formulas with a leading '; importing that
// file gives back the values as they were, not with the apostrophe.
func TestAttendanceExportReadsBackAsImported(t *testing.T) {
	dir := t.TempDir()
	db1, db2 := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, db := range []string{db1, db2} {
		if code, _, errs := runCLI(t, "event", "add", "--db", db, "--name", "S", "--start", "2026-12-01"); code != 0 {
			t.Fatal(errs)
		}
	}
	roster := filepath.Join(dir, "roster.csv")
	if err := os.WriteFile(roster, []byte("Name;Organisation;Position;Phone;Email;Gender\n"+
		"-Дефис Айгерим;=Акимат;@lead;+7 705 111 22 33;a@example.kz;F\n"+
		"Нурланов Ерлан;Суд;+судья;8 701 000 00 00;;M\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCLI(t, "import", "roster", roster, "--db", db1); code != 0 || !strings.Contains(out, "2 added") {
		t.Fatalf("import: %q %q", out, errs)
	}
	export := filepath.Join(dir, "attendance.csv")
	if code, _, errs := runCLI(t, "export", "attendance", "--db", db1, "-o", export, "--delimiter", ";"); code != 0 {
		t.Fatal(errs)
	}
	data, _ := os.ReadFile(export)
	if !strings.Contains(string(data), "'+7 705 111 22 33") || !strings.Contains(string(data), "'=Акимат") {
		t.Fatalf("the export lost its guard: %q", data)
	}
	if code, out, errs := runCLI(t, "import", "roster", export, "--db", db2); code != 0 || !strings.Contains(out, "2 added") {
		t.Fatalf("import of the export: %q %q", out, errs)
	}
	want, got := participants(t, db1), participants(t, db2)
	if len(got) != 2 {
		t.Fatalf("got %+v", got)
	}
	for name, w := range want {
		g := got[name]
		if g.FullName != w.FullName || g.Organisation != w.Organisation || g.Position != w.Position || g.Phone != w.Phone || g.Email != w.Email || g.Gender != w.Gender {
			t.Errorf("read back %+v\nwant      %+v", g, w)
		}
	}
	if got["-Дефис Айгерим"].Phone != "+7 705 111 22 33" {
		t.Errorf("phone = %q", got["-Дефис Айгерим"].Phone)
	}
	// an export in Russian or Kazakh (its headers and gender words in that
	// language) reads back the same
	for _, lang := range []string{"ru", "kk"} {
		db3 := filepath.Join(dir, lang+".db")
		if code, _, errs := runCLI(t, "event", "add", "--db", db3, "--name", "S", "--start", "2026-12-01"); code != 0 {
			t.Fatal(errs)
		}
		ex := filepath.Join(dir, "attendance-"+lang+".xlsx")
		if code, _, errs := runCLI(t, "export", "attendance", "--db", db1, "-o", ex, "--lang", lang); code != 0 {
			t.Fatal(errs)
		}
		if code, out, errs := runCLI(t, "import", "roster", ex, "--db", db3); code != 0 || !strings.Contains(out, "2 added") {
			t.Fatalf("%s: import of the export: %q %q", lang, out, errs)
		}
		for name, w := range want {
			g := participants(t, db3)[name]
			if g.FullName != w.FullName || g.Organisation != w.Organisation || g.Position != w.Position || g.Phone != w.Phone || g.Email != w.Email || g.Gender != w.Gender {
				t.Errorf("%s: read back %+v\nwant      %+v", lang, g, w)
			}
		}
	}
}

func xlsxFile(t *testing.T, path string, fill func(f *excelize.File)) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	fill(f)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// setRow writes row into sheet from cell on, rightwards.
func setRow(t *testing.T, f *excelize.File, sheet, cell string, row ...any) {
	t.Helper()
	if err := f.SetSheetRow(sheet, cell, &row); err != nil {
		t.Fatal(err)
	}
}

func TestImportExcel(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	runCLI(t, "event", "add", "--db", db, "--name", "S", "--start", "2026-12-01")
	roster := filepath.Join(dir, "roster.xlsx")
	xlsxFile(t, roster, func(f *excelize.File) {
		setRow(t, f, "Sheet1", "A1", "Notes for the organiser")
		if _, err := f.NewSheet("Участники"); err != nil {
			t.Fatal(err)
		}
		setRow(t, f, "Участники", "A1", "ФИО", "Организация", "Телефон", "Пол")
		setRow(t, f, "Участники", "A2", "Нурланов Ерлан", "Прокуратура", 77051234567, "М")
		setRow(t, f, "Участники", "A3", "Сейтказиева Ұлжан", "Суд", "'+7 701 111 22 33", "Ж")
	})
	code, out, errs := runCLI(t, "import", "roster", roster, "--db", db, "--sheet", "Участники", "--dry-run")
	if code != 0 || !strings.Contains(out, "Read 2 rows (Excel, sheet “Участники”).") || !strings.Contains(out, "2 to add") {
		t.Fatalf("dry run: %d %q %q", code, out, errs)
	}
	if code, out, errs := runCLI(t, "import", "roster", roster, "--db", db); code != 1 || !strings.Contains(errs, "no name column") {
		t.Errorf("first sheet: %d %q %q", code, out, errs)
	}
	if code, out, errs := runCLI(t, "import", "roster", roster, "--db", db, "--sheet", "Day 2"); code != 1 || !strings.Contains(errs, "no sheet “Day 2”") || !strings.Contains(errs, "“Участники”") {
		t.Errorf("missing sheet: %d %q %q", code, out, errs)
	}
	if code, out, _ := runCLI(t, "import", "roster", roster, "--db", db, "--sheet", "Участники"); code != 0 || !strings.Contains(out, "2 added") {
		t.Fatalf("import: %q", out)
	}
	ps := participants(t, db)
	if ps["Нурланов Ерлан"].Phone != "77051234567" || ps["Сейтказиева Ұлжан"].Phone != "+7 701 111 22 33" {
		t.Errorf("phones: %+v", ps)
	}

	agenda := filepath.Join(dir, "agenda.bin") // chosen by content, not by name
	xlsxFile(t, agenda, func(f *excelize.File) {
		setRow(t, f, "Sheet1", "A1", "Время", "Название", "Длительность", "Зал")
		setRow(t, f, "Sheet1", "A2", nil, "Открытие", 15, "A")
		setRow(t, f, "Sheet1", "A3", nil, "Обед", 60)
		if err := f.SetCellValue("Sheet1", "A3", 0.5); err != nil { // 12:00
			t.Fatal(err)
		}
		style, err := f.NewStyle(&excelize.Style{NumFmt: 20})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle("Sheet1", "A3", "A3", style); err != nil {
			t.Fatal(err)
		}
	})
	code, out, errs = runCLI(t, "import", "agenda", agenda, "--db", db)
	for _, frag := range []string{"2 items added", "Pinned to a fixed start: 12:00 Обед", "Columns not used: Зал"} {
		if code != 0 || !strings.Contains(out, frag) {
			t.Errorf("agenda import lacks %q: %d %q %q", frag, code, out, errs)
		}
	}
}

func TestImportRefusesLockedWorkbook(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	runCLI(t, "event", "add", "--db", db, "--name", "S", "--start", "2026-12-01")
	f := excelize.NewFile()
	setRow(t, f, "Sheet1", "A1", "Name")
	var buf bytes.Buffer
	if err := f.Write(&buf, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "locked.xlsx")
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "import", "roster", p, "--db", db); code != 1 || !strings.Contains(errs, "protected with a password") {
		t.Errorf("code %d %q", code, errs)
	}
}
