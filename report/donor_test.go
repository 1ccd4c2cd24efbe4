package report

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"convene/i18n"
	"convene/model"
)

func testDonor(lang string) Donor {
	rows := people(60)
	now := time.Date(2026, 11, 28, 18, 0, 0, 0, time.UTC)
	items := agendaItems()
	act := func(sel int, a model.AgendaAction, d time.Duration, at time.Time) {
		if _, err := model.ApplyAgenda(items, sel, a, d, at); err != nil {
			panic(err)
		}
	}
	act(0, model.ActToggle, 0, at(27, 9, 0, 0))
	act(-1, model.ActNext, 0, at(27, 9, 34, 0))
	act(-1, model.ActNext, 0, at(27, 10, 40, 0))
	act(-1, model.ActFinish, 0, at(27, 11, 20, 0))
	return Donor{
		Event: testEvent, Sessions: testSessions, Sectors: model.DefaultSectorMap(), Each: each(rows, -1), Now: now,
		Agendas: []AgendaReportData{AgendaReport(testSessions[0], items, now), AgendaReport(testSessions[1], agendaItems(), now)},
		Topics: model.TopicSet{Topics: []model.Topic{
			{ID: "t1", Title: "Жалобы в комитеты ООН", Status: model.TopicDone, Votes: 9, RaisedBy: model.RaisedByAnonymous, Outcome: "Подготовить памятку", CreatedAt: now},
			{ID: "t2", Title: "Access to a lawyer", Status: model.TopicDone, Votes: 4, RaisedBy: model.RaisedByParticipant, ParticipantName: "Абаев Ерлан", CreatedAt: now},
			{ID: "t3", Title: "Parked one", Status: model.TopicParked, CreatedAt: now},
		}, Actions: map[string][]model.ActionItem{"t1": {{What: "Памятка на казахском", Who: "ОФ «Әділдік»", Due: "2026-12-15"}}}},
		P: i18n.New(lang), H: i18n.New(lang),
	}
}

// figures are the per-session sector × gender numbers: title → sector →
// registered, checked in, female, male, not stated.
type figures map[string]map[string][5]string

func (f figures) set(title string, cells []string) {
	if len(cells) != 6 {
		return
	}
	if f[title] == nil {
		f[title] = map[string][5]string{}
	}
	f[title][cells[0]] = [5]string{cells[1], cells[2], cells[3], cells[4], cells[5]}
}

func summaryFigures(t *testing.T, a Attendance) figures {
	t.Helper()
	var b bytes.Buffer
	tb, _ := NewTables(CSV, &b, Doc{}, ',')
	if err := a.WriteSummary(tb, nil); err != nil {
		t.Fatal(err)
	}
	if err := tb.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\xEF\xBB\xBF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := figures{}
	for _, r := range recs[1:] {
		out.set(strings.TrimPrefix(r[0], "'"), r[1:])
	}
	return out
}

func TestDonorReportNumbersAgreeInEveryFormat(t *testing.T) {
	d := testDonor("en")
	want := summaryFigures(t, Attendance{Event: d.Event, Sessions: d.Sessions, Sectors: d.Sectors, Each: d.Each, P: d.P, H: d.H})
	// by hand: 60 registered; part 1: every third (20), part 2: every fourth (15)
	s1, s2, all := want["Часть 1 — Тараз"]["Total"], want["=Часть 2 — село"]["Total"], want["All sessions (people counted once)"]["Total"]
	if s1[0] != "60" || s1[1] != "20" || s2[1] != "15" || all[1] != "30" {
		t.Fatalf("summary: %v %v %v", s1, s2, all)
	}
	if want["Часть 1 — Тараз"]["law enforcement"][1] != "5" { // i%12 == 0 among the police (i%4 == 0)
		t.Errorf("police at part 1: %v", want["Часть 1 — Тараз"]["law enforcement"])
	}

	outputs := map[Format][]byte{}
	for _, f := range []Format{Markdown, HTML, XLSX} {
		var b bytes.Buffer
		if err := d.Write(f, &b); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		outputs[f] = b.Bytes()
		keep(t, "report."+string(f), b.Bytes())
	}

	// Markdown: the tables under each ### heading
	md := figures{}
	title := ""
	for _, l := range strings.Split(string(outputs[Markdown]), "\n") {
		if h, ok := strings.CutPrefix(l, "### "); ok {
			title = strings.ReplaceAll(h, `\`, "")
			continue
		}
		if strings.HasPrefix(l, "| ") {
			cells := strings.Split(strings.Trim(l, "| "), " | ")
			md.set(title, cells)
		}
	}
	// HTML: the same, from <h3> and <tr>
	hf := figures{}
	cell := regexp.MustCompile(`<t[dh][^>]*>(.*?)</t[dh]>`)
	title = ""
	for _, l := range strings.Split(string(outputs[HTML]), "\n") {
		if h, ok := strings.CutPrefix(l, "<h3>"); ok {
			title = strings.TrimSuffix(h, "</h3>")
			continue
		}
		if strings.HasPrefix(l, "<tr>") {
			var cells []string
			for _, m := range cell.FindAllStringSubmatch(l, -1) {
				cells = append(cells, m[1])
			}
			hf.set(title, cells)
		}
	}
	// Excel: the sheet of the sector tables
	xf := figures{}
	f, err := excelize.OpenReader(bytes.NewReader(outputs[XLSX]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("By sector")
	if err != nil {
		t.Fatalf("%v (sheets %q)", err, f.GetSheetList())
	}
	title = ""
	for _, r := range rows {
		if len(r) == 1 {
			title = r[0]
		}
		xf.set(title, r)
	}
	for _, sess := range []string{"Часть 1 — Тараз", "=Часть 2 — село", "All sessions (people counted once)"} {
		for sector, w := range want[sess] {
			for name, got := range map[string]figures{"markdown": md, "html": hf, "xlsx": xf} {
				if got[sess][sector] != w {
					t.Errorf("%s, %s, %s: %v, the summary says %v", name, sess, sector, got[sess][sector], w)
				}
			}
		}
	}

	// the rest of the report
	text := string(outputs[Markdown])
	for _, w := range []string{"Unique participants (checked in to at least one session): 30", "Attended every session: 5",
		"raised by: anonymous", "raised by: Абаев Ерлан", "Parking lot: Parked one", "Памятка на казахском", "Ended 11:20 (planned 11:35); drift -15 min."} {
		if !strings.Contains(strings.ReplaceAll(text, `\`, ""), w) {
			t.Errorf("markdown lacks %q", w)
		}
	}
	if strings.Count(string(outputs[HTML]), "<svg") != 1 || !strings.Contains(string(outputs[HTML]), "<title>Female: ") {
		t.Error("no chart in the HTML")
	}
	if sheets := f.GetSheetList(); len(sheets) < 5 {
		t.Errorf("sheets %q", sheets)
	}
	charts := 0
	for _, sh := range f.GetSheetList() {
		if strings.HasPrefix(sh, "Chart") {
			charts++
		}
	}
	if charts != 1 {
		t.Errorf("%d chart sheets in %q", charts, f.GetSheetList())
	}
	// the annex lists the 30 who came, numbered
	annex, _ := f.GetRows("Participants")
	if len(annex) != 2+30+3 || annex[31][0] != "30" || annex[2][8] != "1, 2" || !strings.Contains(annex[34][0], "left out for 30 participants") {
		t.Errorf("annex: %d rows: %q", len(annex), annex)
	}
}

func TestDonorReportInRussian(t *testing.T) {
	d := testDonor("ru")
	var b bytes.Buffer
	if err := d.Write(HTML, &b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<html lang="ru">`) || !strings.Contains(b.String(), "27 ноября 2026 г.") {
		t.Errorf("not in Russian:\n%.600s", b.String())
	}
}

// TestAnonymisedDonorReport: with Anonymise no participant's name,
// organisation, position or phone is in the report — the annex lists
// pseudonyms in their order, a topic raised by a participant and an action
// item owned by one show the pseudonym — and the figures are those of the
// named report.
func TestAnonymisedDonorReport(t *testing.T) {
	rows := people(60)
	for i := range rows {
		rows[i].P.Pseudonym = 100 - i // name order is not pseudonym order
	}
	rows[0].P.Consent = model.ConsentYes
	named, anon := testDonor("en"), testDonor("en")
	for _, d := range []*Donor{&named, &anon} {
		d.Each = each(rows, -1)
		d.Topics.Topics[1].ParticipantID = rows[0].P.ID
		d.Topics.Actions["t2"] = []model.ActionItem{{What: "Write it up", Who: rows[4].P.FullName}}
		// a presenter who is a participant, named the other way round
		d.Agendas[0].Rows[0].Presenter = "Prosecutor " + rows[6].P.GivenName + " " + rows[6].P.Surname
		d.Agendas[0].Rows[1].Presenter = "Prof. Outside Expert"
	}
	anon.Anonymise = true
	write := func(d Donor) string {
		var b bytes.Buffer
		if err := d.Write(Markdown, &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	plain, shared := write(named), write(anon)
	if !strings.Contains(plain, rows[4].P.FullName) {
		t.Fatal("the named report should name people (the test's premise)")
	}
	// the named annex: contacts only with consent, and it says so
	if !strings.Contains(plain, rows[0].P.Phone) || strings.Contains(plain, rows[3].P.Phone) {
		t.Error("the named annex shows a phone without consent, or hides one with it")
	}
	if !strings.Contains(plain, "left out for 29 participants") {
		t.Error("the named annex does not say whose contacts were left out")
	}
	for _, r := range rows {
		for _, s := range []string{r.P.FullName, r.P.Surname + " ", r.P.Phone, r.P.Position, "Департамент полиции"} {
			if strings.Contains(shared, s) {
				t.Fatalf("the anonymised report holds %q", s)
			}
		}
	}
	if !strings.Contains(shared, "raised by: P-0100") {
		t.Error("the topic's participant is not shown as their pseudonym")
	}
	if !strings.Contains(shared, "| P-0096 |") {
		t.Error("the action item's owner is not shown as their pseudonym")
	}
	if !strings.Contains(shared, "| P-0094 |") || !strings.Contains(shared, "Prof. Outside Expert") {
		t.Error("a presenter who is a participant is not their pseudonym, or another presenter was changed")
	}
	first, last := strings.Index(shared, "| P-0043 |"), strings.Index(shared, "| P-0100 |")
	if first < 0 || last < 0 || first > last {
		t.Errorf("the annex is not in pseudonym order (P-0043 at %d, P-0100 at %d)", first, last)
	}
	line := func(s string) string {
		i := strings.Index(s, "Unique participants")
		return s[i : i+strings.Index(s[i:], "\n")]
	}
	if line(plain) != line(shared) {
		t.Errorf("figures differ: %q vs %q", line(plain), line(shared))
	}
}
