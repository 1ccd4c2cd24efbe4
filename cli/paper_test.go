package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"convene/model"
	"convene/store"
)

// seminar is a real-looking event: two sessions, 120 people from an .xlsx
// roster (surname, given name, patronymic in their own columns), some at
// both parts, three walk-ins, and part 2's latecomers typed in from paper.
// It returns the database and, by hand, who came to which part.
func seminar(t *testing.T) (db string, dir string, part1, part2 map[string]bool) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "s.db")
	if code, _, errs := runCLI(t, "event", "add", "--db", db, "--name", "Права человека: семинар", "--venue", "Тараз", "--start", "2026-11-27", "--end", "2026-11-28", "--session", "Часть 1"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runCLI(t, "session", "add", "--db", db, "--title", "Часть 2", "--venue", "Аса", "--date", "2026-11-28", "--start", "10:00"); code != 0 {
		t.Fatal(errs)
	}
	surnames := []string{"Абаев", "Әлиева", "Бекова", "Жақсыбеков", "Иванова", "Қасымов", "Ли", "Нұрланов", "Оспанова", "Смагулов", "Ұлжанова", "Шевченко"}
	given := []string{"Айгерим", "Ерлан", "Дана", "Нурлан", "Мария", "Асель", "Бекзат", "Алия", "Тимур", "Жанна"}
	cats := []string{"Полиция", "НПО", "Суд", "Акимат", "Прокуратура", "Университет", "СМИ", "ООН", "Адвокатура", ""}
	f := excelize.NewFile()
	sh := "Участники"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		t.Fatal(err)
	}
	setRow(t, f, sh, "A1", "Список участников семинара")
	setRow(t, f, sh, "A3", "Фамилия", "Имя", "Отчество", "Организация", "Категория", "Пол", "Телефон")
	for i := range 120 {
		cell, _ := excelize.CoordinatesToCellName(1, 4+i)
		setRow(t, f, sh, cell, surnames[i%len(surnames)], given[(i/len(surnames))%len(given)], fmt.Sprintf("Отчество%d", i),
			"Организация "+fmt.Sprint(i%7), cats[i%len(cats)], []string{"Ж", "М", ""}[i%3], fmt.Sprintf("+7 705 %03d 00 %02d", i, i%100))
	}
	roster := filepath.Join(dir, "roster.xlsx")
	if err := f.SaveAs(roster); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCLI(t, "import", "roster", roster, "--db", db); code != 0 || !strings.Contains(out, "120 added") {
		t.Fatalf("import: %q %q", out, errs)
	}

	// the desk: part 1 every second person, part 2 every third; three walk-ins at part 2
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := st.Current(ctx, "", "")
	people, _ := st.Participants(ctx, cur.Event.ID)
	part1, part2 = map[string]bool{}, map[string]bool{}
	var paper strings.Builder
	paper.WriteString("ФИО;Часть;Время\n")
	for _, p := range people {
		var i int
		if _, err := fmt.Sscanf(p.Patronymic, "Отчество%d", &i); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			if _, err := st.CheckIn(ctx, p.ID, cur.Sessions[0].ID, "door"); err != nil {
				t.Fatal(err)
			}
			part1[p.ID] = true
		}
		switch {
		case i%3 == 0:
			if _, err := st.CheckIn(ctx, p.ID, cur.Sessions[1].ID, "door"); err != nil {
				t.Fatal(err)
			}
			part2[p.ID] = true
		case i%5 == 0: // signed the paper sheet at part 2
			fmt.Fprintf(&paper, "%s;2;%s\n", p.GivenName+" "+p.Surname+" "+p.Patronymic, map[bool]string{true: "10:20", false: ""}[i%10 == 0])
			part2[p.ID] = true
		}
	}
	for k, name := range []string{"Walk In Один", "Walk In Два", "Walk In Три"} {
		ch, err := st.AddWalkIn(ctx, model.Participant{EventID: cur.Event.ID, FullName: name, Category: "НПО", Gender: []model.Gender{"female", "male", ""}[k]}, cur.Sessions[1].ID, "door")
		if err != nil {
			t.Fatal(err)
		}
		part2[ch.Participant.ID] = true
	}
	st.Close()
	paperFile := filepath.Join(dir, "paper.csv")
	if err := os.WriteFile(paperFile, []byte(paper.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "import", "checkins", paperFile, "--db", db, "--dry-run")
	if code != 0 || !strings.Contains(out, "Dry run") {
		t.Fatalf("dry run: %q %q", out, errs)
	}
	code, out, errs = runCLI(t, "import", "checkins", paperFile, "--db", db)
	added := 0
	for i := range 120 {
		if i%3 != 0 && i%5 == 0 {
			added++
		}
	}
	if code != 0 || !strings.Contains(out, fmt.Sprintf("Check-ins added: %d; already checked in: 0; rejected: 0.", added)) {
		t.Fatalf("paper import: %q %q", out, errs)
	}
	if _, out, _ = runCLI(t, "import", "checkins", paperFile, "--db", db); !strings.Contains(out, fmt.Sprintf("Check-ins added: 0; already checked in: %d;", added)) {
		t.Errorf("imported twice: %q", out)
	}
	return db, dir, part1, part2
}

// summaryOf reads export attendance --summary: session → sector → the
// five numbers.
func summaryOf(t *testing.T, db string, args ...string) map[string]map[string][5]string {
	t.Helper()
	code, out, errs := runCLI(t, append([]string{"export", "attendance", "--summary", "--db", db}, args...)...)
	if code != 0 {
		t.Fatal(errs)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\xEF\xBB\xBF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]map[string][5]string{}
	for _, r := range recs[1:] {
		if m[r[0]] == nil {
			m[r[0]] = map[string][5]string{}
		}
		m[r[0]][r[1]] = [5]string{r[2], r[3], r[4], r[5], r[6]}
	}
	return m
}

func TestSeminarPaperwork(t *testing.T) {
	db, dir, part1, part2 := seminar(t)
	both := 0
	for id := range part1 {
		if part2[id] {
			both++
		}
	}

	// the summary: by hand
	sum := summaryOf(t, db)
	if got := sum["Часть 1"]["Total"]; got[0] != "123" || got[1] != fmt.Sprint(len(part1)) {
		t.Errorf("part 1 total %v, want 123 registered, %d here", got, len(part1))
	}
	if got := sum["Часть 2"]["Total"]; got[1] != fmt.Sprint(len(part2)) {
		t.Errorf("part 2 total %v, want %d", got, len(part2))
	}
	if got := sum["Часть 2"]["law enforcement"]; got[0] != "12" {
		t.Errorf("police registered: %v", got)
	}

	// certificates: who came to both parts, by hand
	code, out, errs := runCLI(t, "export", "certificates", "--db", db, "--all-sessions")
	if rows := strings.Count(out, "\r\n") - 1; code != 0 || rows != both {
		t.Errorf("certificates: %d rows, %d came to both (%q)", rows, both, errs)
	}
	code, out, _ = runCLI(t, "export", "certificates", "--db", db, "--min-sessions", "1")
	if rows := strings.Count(out, "\r\n") - 1; code != 0 || rows != len(part1)+len(part2)-both {
		t.Errorf("certificates, 1 session: %d rows", rows)
	}

	// the attendance shows the source of each check-in
	_, out, _ = runCLI(t, "export", "attendance", "--db", db)
	paper := 0
	for i := range 120 {
		if i%3 != 0 && i%5 == 0 {
			paper++
		}
	}
	if n := strings.Count(out, ",paper"); n != paper {
		t.Errorf("%d check-ins from paper in the export, want %d", n, paper)
	}
	if !strings.Contains(out, "2026-11-28 10:00,paper") || !strings.Contains(out, "2026-11-28 10:20,paper") {
		t.Errorf("paper check-ins are dated at the session's start (10:00) or their time (10:20)")
	}

	// the donor report, in three formats, agrees with the summary
	for _, ext := range []string{"md", "html", "xlsx"} {
		path := filepath.Join(dir, "report."+ext)
		if code, _, errs := runCLI(t, "report", "--db", db, "-o", path); code != 0 {
			t.Fatalf("report %s: %s", ext, errs)
		}
		got := reportFigures(t, path)
		for _, sess := range []string{"Часть 1", "Часть 2", "All sessions (people counted once)"} {
			for sector, want := range sum[sess] {
				if got[sess][sector] != want {
					t.Errorf("report.%s, %s, %s: %v; the summary says %v", ext, sess, sector, got[sess][sector], want)
				}
			}
			if len(got[sess]) != len(sum[sess]) {
				t.Errorf("report.%s, %s: %d rows, the summary has %d", ext, sess, len(got[sess]), len(sum[sess]))
			}
		}
	}

	// the sign-in sheet of part 2: 123 people + 10 blank, filled to 150: 6 pages
	html := filepath.Join(dir, "signin.html")
	if code, _, errs := runCLI(t, "print", "signin", "--db", db, "--session", "2", "-o", html); code != 0 {
		t.Fatal(errs)
	}
	data, _ := os.ReadFile(html)
	if n := strings.Count(string(data), `<section class="page">`); n != 6 || !strings.Contains(string(data), "Page 6 of 6") {
		t.Errorf("%d pages", n)
	}
	late := filepath.Join(dir, "late.xlsx")
	if code, _, errs := runCLI(t, "print", "signin", "--db", db, "--session", "2", "--not-yet", "-o", late); code != 0 {
		t.Fatal(errs)
	}
	f, err := excelize.OpenFile(late)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	f.Close()
	notYet := 123 - len(part2)
	if want := 6 + ((notYet+10+24)/25)*25; len(rows) != want {
		t.Errorf("late arrivals' sheet: %d rows, want %d", len(rows), want)
	}

	// format mistakes are refused
	if code, _, errs := runCLI(t, "export", "attendance", "--db", db, "--format", "xlsx", "-o", filepath.Join(dir, "x.csv")); code != 1 || !strings.Contains(errs, "does not match") {
		t.Errorf("xlsx into a .csv: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "report", "--db", db, "--format", "csv"); code != 1 {
		t.Error("a CSV report was accepted")
	}
}

// reportFigures reads the sector × gender tables of a donor report file.
func reportFigures(t *testing.T, path string) map[string]map[string][5]string {
	t.Helper()
	m := map[string]map[string][5]string{}
	set := func(title string, cells []string) {
		if len(cells) != 6 || title == "" || cells[0] == "Sector" {
			return
		}
		if m[title] == nil {
			m[title] = map[string][5]string{}
		}
		m[title][cells[0]] = [5]string{cells[1], cells[2], cells[3], cells[4], cells[5]}
	}
	title := ""
	switch filepath.Ext(path) {
	case ".md":
		data, _ := os.ReadFile(path)
		for _, l := range strings.Split(string(data), "\n") {
			if h, ok := strings.CutPrefix(l, "### "); ok {
				title = strings.ReplaceAll(h, `\`, "")
			} else if strings.HasPrefix(l, "## ") {
				title = ""
			} else if strings.HasPrefix(l, "| ") && title != "" {
				set(title, strings.Split(strings.Trim(l, "| "), " | "))
			}
		}
	case ".html":
		data, _ := os.ReadFile(path)
		cell := regexp.MustCompile(`<td[^>]*>(.*?)</td>`)
		for _, l := range strings.Split(string(data), "\n") {
			if h, ok := strings.CutPrefix(l, "<h3>"); ok {
				title = strings.TrimSuffix(h, "</h3>")
			} else if strings.HasPrefix(l, "<h2>") {
				title = ""
			} else if strings.HasPrefix(l, "<tr>") {
				var cells []string
				for _, x := range cell.FindAllStringSubmatch(l, -1) {
					cells = append(cells, x[1])
				}
				set(title, cells)
			}
		}
	case ".xlsx":
		data, _ := os.ReadFile(path)
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("By sector")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if len(r) == 1 {
				title = r[0]
			}
			set(title, r)
		}
	}
	return m
}

func TestPeopleMergeAndSectors(t *testing.T) {
	db, _, _, _ := seminar(t)
	before := summaryOf(t, db)
	// two records of one person: the walk-in "Walk In Один" is Абаев Айгерим
	code, out, errs := runCLI(t, "people", "merge", "Walk In Один", "Абаев Айгерим", "--db", db)
	if code != 0 || !strings.Contains(out, "Merged Walk In Один into Абаев Айгерим Отчество0; check-ins moved: 1.") {
		t.Fatalf("merge: %q %q", out, errs)
	}
	after := summaryOf(t, db)
	if after["Часть 2"]["Total"][0] != "122" {
		t.Errorf("after the merge, registered: %v", after["Часть 2"]["Total"])
	}
	if code, out, _ := runCLI(t, "people", "merges", "--db", db); code != 0 || !strings.Contains(out, "Walk In Один") {
		t.Errorf("merges: %q", out)
	}
	if code, out, errs := runCLI(t, "people", "unmerge", "--db", db); code != 0 || !strings.Contains(out, "Undid the merge") {
		t.Fatalf("unmerge: %q %q", out, errs)
	}
	if again := summaryOf(t, db); fmt.Sprint(again) != fmt.Sprint(before) {
		t.Errorf("after the undo:\n%v\nbefore:\n%v", again, before)
	}
	if code, _, errs := runCLI(t, "people", "merge", "Абаев", "Бекова", "--db", db); code != 1 || !strings.Contains(errs, "matches several people") {
		t.Errorf("an ambiguous name: %q", errs)
	}

	// the organiser moves «Адвокатура» (guessed: other) to a sector of their own
	if got := before["Часть 1"]["other"]; got[0] != "12" {
		t.Errorf("other before: %v", got)
	}
	if code, _, errs := runCLI(t, "sectors", "add", "Legal profession", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	if code, out, errs := runCLI(t, "sectors", "map", "адвокатура", "legal profession", "--db", db); code != 0 || !strings.Contains(out, "now counts in Legal profession") {
		t.Fatalf("map: %q %q", out, errs)
	}
	moved := summaryOf(t, db)
	if _, ok := moved["Часть 1"]["other"]; ok || moved["Часть 1"]["Legal profession"][0] != "12" {
		t.Errorf("after the map: %v", moved["Часть 1"])
	}
	if code, out, _ := runCLI(t, "sectors", "list", "--db", db); code != 0 || !strings.Contains(out, "Адвокатура → Legal profession (set)") || !strings.Contains(out, "Полиция → law enforcement (guessed)") {
		t.Errorf("sectors list: %q", out)
	}
}
