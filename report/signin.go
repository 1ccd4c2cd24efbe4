package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"convene/i18n"
	"convene/model"
)

// The sign-in sheet: a printable A4 page per 25 people of a session, the
// proof of attendance an auditor asks for. The event, session, date and
// venue at the top; people sorted by surname with surname, given name and
// patronymic apart, organisation, position and a wide column to sign;
// numbered rows and blank rows for walk-ins; the column headings repeated
// on every page, and page numbers.

// RowsPerPage is how many people a printed sign-in page holds.
const RowsPerPage = 25

// SignIn is what a sign-in sheet is made from.
type SignIn struct {
	Event   model.Event
	Session model.Session
	// NotYet: only the people not checked in yet (a sheet for late
	// arrivals); otherwise everyone.
	NotYet bool
	// Blank is the least number of blank rows for walk-ins; the last page
	// is filled up with blank rows too.
	Blank int
	// Each calls fn with every person of the event, sorted by surname,
	// with their check-in to Session (At[0]); it is called twice (to count
	// the pages, then to write them).
	Each func(fn func(model.AttendanceRow) error) error
	P    i18n.Printer
}

func (s SignIn) keep(r model.AttendanceRow) bool {
	return !s.NotYet || len(r.At) == 0 || r.At[0].IsZero()
}

// count is how many people the sheet lists, the blank rows after them and
// the pages it takes.
func (s SignIn) count() (people, blank, pages int, err error) {
	err = s.Each(func(r model.AttendanceRow) error {
		if s.keep(r) {
			people++
		}
		return nil
	})
	blank = max(0, s.Blank)
	if rest := (people + blank) % RowsPerPage; rest != 0 {
		blank += RowsPerPage - rest
	}
	if people+blank == 0 {
		blank = RowsPerPage
	}
	return people, blank, (people + blank) / RowsPerPage, err
}

// title is the sheet's heading.
func (s SignIn) title() string {
	if s.NotYet {
		return s.P.T("Sign-in sheet: late arrivals (not yet checked in)")
	}
	return s.P.T("Sign-in sheet")
}

// details are the lines under the event's name: the session, its date and
// venue.
func (s SignIn) details() []string {
	p := s.P
	lines := []string{p.T("Session: %s", model.SanitizeLine(s.Session.Title))}
	var when []string
	if d, err := time.Parse("2006-01-02", s.Session.Date); err == nil {
		when = append(when, p.Date(d, i18n.DateFull))
	}
	if s.Session.StartTime != "" {
		when = append(when, s.Session.StartTime)
	}
	if len(when) > 0 {
		lines = append(lines, p.T("Date: %s", strings.Join(when, ", ")))
	}
	venue := s.Session.Venue
	if venue == "" {
		venue = s.Event.Venue
	}
	if venue != "" {
		lines = append(lines, p.T("Venue: %s", model.SanitizeLine(venue)))
	}
	return lines
}

func (s SignIn) headers() []string {
	p := s.P
	return []string{p.T("No."), p.T("Surname"), p.T("Given name"), p.T("Patronymic"), p.T("Organisation"), p.T("Position"), p.T("Signature")}
}

// HTML writes the sheet as an HTML page to print from a browser: one
// A4 page per 25 rows, each with the heading, the column headings and its
// page number.
func (s SignIn) HTML(w io.Writer) error {
	_, blank, pages, err := s.count()
	if err != nil {
		return err
	}
	p := s.P
	if err := htmlHead(w, Doc{Title: model.SanitizeLine(s.Event.Name) + " — " + s.title(), Lang: p.Lang()}, signinCSS, false); err != nil {
		return err
	}
	head := s.headers()
	page, row := 0, 0
	var b strings.Builder
	flush := func() error {
		_, err := io.WriteString(w, b.String())
		b.Reset()
		return err
	}
	openPage := func() {
		page++
		fmt.Fprintf(&b, "<section class=\"page\">\n<div class=\"head\"><div class=\"event\">%s</div><div class=\"title\">%s</div>", H(s.Event.Name), H(s.title()))
		for _, l := range s.details() {
			fmt.Fprintf(&b, "<div class=\"meta\">%s</div>", H(l))
		}
		b.WriteString("</div>\n<table>\n<colgroup><col class=\"no\"><col class=\"sn\"><col class=\"gn\"><col class=\"pn\"><col class=\"org\"><col class=\"pos\"><col class=\"sig\"></colgroup>\n<thead><tr>")
		for _, h := range head {
			fmt.Fprintf(&b, "<th>%s</th>", H(h))
		}
		b.WriteString("</tr></thead>\n<tbody>\n")
	}
	closePage := func() error {
		fmt.Fprintf(&b, "</tbody>\n</table>\n<div class=\"foot\">%s</div>\n</section>\n", H(p.T("Page %[1]s of %[2]s", strconv.Itoa(page), strconv.Itoa(pages))))
		return flush()
	}
	line := func(cells ...string) error {
		if row%RowsPerPage == 0 {
			if row > 0 {
				if err := closePage(); err != nil {
					return err
				}
			}
			openPage()
		}
		row++
		fmt.Fprintf(&b, "<tr><td class=\"no\">%d</td>", row)
		for _, c := range cells {
			fmt.Fprintf(&b, "<td><div>%s</div></td>", H(c))
		}
		b.WriteString("<td></td></tr>\n")
		return nil
	}
	err = s.Each(func(r model.AttendanceRow) error {
		if !s.keep(r) {
			return nil
		}
		sn, gn, pn := r.P.NameParts()
		return line(sn, gn, pn, r.P.Organisation, r.P.Position)
	})
	if err != nil {
		return err
	}
	for range blank {
		if err := line("", "", "", "", ""); err != nil {
			return err
		}
	}
	if err := closePage(); err != nil {
		return err
	}
	_, err = io.WriteString(w, "</body>\n</html>\n")
	return err
}

// signinCSS lays the sheet out on A4 portrait: 25 rows of 9 mm under the
// heading, the column headings on every page, the page number below.
const signinCSS = `@page{size:A4 portrait;margin:10mm 10mm 8mm}
body{margin:0;font-size:9.5pt}
.page{break-after:page;page-break-after:always;height:277mm;position:relative;box-sizing:border-box}
.page:last-child{break-after:auto;page-break-after:auto}
.head{height:25mm;overflow:hidden}.event{font-size:13pt;font-weight:bold}.title{font-size:11pt;font-weight:bold;margin:.5mm 0 1mm}
.head .meta{font-size:9.5pt;margin:0;line-height:1.3}
table{width:100%;table-layout:fixed;margin:0;border-collapse:collapse}th,td{border:1px solid #333;padding:0 1.5mm}
th{height:8mm;font-size:9pt;background:#e7ecf3;text-align:left}td{height:9mm;font-size:8.5pt;line-height:1.12;vertical-align:middle}
td div{max-height:7.6mm;overflow:hidden}
td.no{text-align:right;color:#333}
col.no{width:8mm}col.sn{width:30mm}col.gn{width:22mm}col.pn{width:25mm}col.org{width:40mm}col.pos{width:27mm}col.sig{width:38mm}
.foot{position:absolute;bottom:0;left:0;right:0;text-align:center;font-size:9pt;color:#333}
@media screen{body{margin:1em auto;width:190mm}.page{border-bottom:1px dashed #aaa;margin-bottom:6mm}}
`

// XLSX writes the sheet as an Excel workbook set up to print: A4
// portrait, the column headings repeated on every page, 25 rows a page
// (manual page breaks), the page number in the footer.
func (s SignIn) XLSX(w io.Writer) (err error) {
	_, blank, _, err := s.count()
	if err != nil {
		return err
	}
	p := s.P
	f := excelize.NewFile()
	defer f.Close()
	sheet := truncRunes(strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, model.SanitizeLine(s.Session.Title)), 31)
	if strings.Trim(sheet, "' ") == "" {
		sheet = "Sheet"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: model.SanitizeLine(s.Event.Name) + " — " + s.title(), Creator: "convene", Language: p.Lang()}); err != nil {
		return err
	}
	style := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	thin := []excelize.Border{{Type: "left", Color: "333333", Style: 1}, {Type: "right", Color: "333333", Style: 1},
		{Type: "top", Color: "333333", Style: 1}, {Type: "bottom", Color: "333333", Style: 1}}
	eventStyle := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	titleStyle := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	metaStyle := style(&excelize.Style{Font: &excelize.Font{Size: 10}})
	headStyle := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 10}, Border: thin, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7ECF3"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	cellStyle := style(&excelize.Style{Font: &excelize.Font{Size: 10}, Border: thin, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	noStyle := style(&excelize.Style{Font: &excelize.Font{Size: 10}, Border: thin, Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "right"}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	// the widths add up to what fits across A4 portrait at 100% (a sheet
	// written as a stream cannot ask Excel to fit it to the page)
	widths := []float64{4, 15, 12, 13, 21, 13, 18}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	last, _ := excelize.ColumnNumberToName(len(widths))
	r := 0
	put := func(vals []any, opts excelize.RowOpts) error {
		r++
		return sw.SetRow("A"+strconv.Itoa(r), vals, opts)
	}
	top := []struct {
		text  string
		style int
		h     float64
	}{{model.SanitizeLine(s.Event.Name), eventStyle, 20}, {s.title(), titleStyle, 17}}
	for _, l := range s.details() {
		top = append(top, struct {
			text  string
			style int
			h     float64
		}{l, metaStyle, 14})
	}
	for _, t := range top {
		if err := put([]any{excelize.Cell{StyleID: t.style, Value: xmlText(t.text)}}, excelize.RowOpts{Height: t.h}); err != nil {
			return err
		}
		if err := sw.MergeCell("A"+strconv.Itoa(r), last+strconv.Itoa(r)); err != nil {
			return err
		}
	}
	head := make([]any, 0, len(widths))
	for _, h := range s.headers() {
		head = append(head, excelize.Cell{StyleID: headStyle, Value: h})
	}
	if err := put(head, excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	headRow := r
	n := 0
	line := func(cells ...string) error {
		if n > 0 && n%RowsPerPage == 0 {
			if err := sw.InsertPageBreak("A" + strconv.Itoa(r+1)); err != nil {
				return err
			}
		}
		n++
		vals := []any{excelize.Cell{StyleID: noStyle, Value: n}}
		for _, c := range cells {
			vals = append(vals, excelize.Cell{StyleID: cellStyle, Value: xmlText(c)})
		}
		vals = append(vals, excelize.Cell{StyleID: cellStyle})
		return put(vals, excelize.RowOpts{Height: 25})
	}
	err = s.Each(func(ar model.AttendanceRow) error {
		if !s.keep(ar) {
			return nil
		}
		sn, gn, pn := ar.P.NameParts()
		return line(sn, gn, pn, ar.P.Organisation, ar.P.Position)
	})
	if err != nil {
		return err
	}
	for range blank {
		if err := line("", "", "", "", ""); err != nil {
			return err
		}
	}
	if err := s.pageSetup(f, sheet, headRow); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// pageSetup prints the sheet on A4 portrait with the heading row repeated
// and the page number in the footer.
func (s SignIn) pageSetup(f *excelize.File, sheet string, headRow int) error {
	a4, portrait := 9, "portrait"
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &portrait}); err != nil {
		return err
	}
	side, tb, hf := 0.4, 0.6, 0.3
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	amp := func(t string) string { return strings.ReplaceAll(t, "&", "&&") }
	page := s.P.T("Page %[1]s of %[2]s", "&P", "&N")
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + amp(truncRunes(model.SanitizeLine(s.Event.Name), 60)) + "&R" + amp(truncRunes(model.SanitizeLine(s.Session.Title), 40)),
		OddFooter: "&C" + page,
	}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), headRow, headRow),
	})
}
