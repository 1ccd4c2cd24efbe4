package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

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
// portrait fitted to the page's width, the column headings repeated on
// every page, 25 rows a page (manual page breaks), the event and session
// in the page header and the page number in the footer.
func (s SignIn) XLSX(w io.Writer) error {
	_, blank, _, err := s.count()
	if err != nil {
		return err
	}
	p := s.P
	t := newXLSXTables(w, Doc{Title: model.SanitizeLine(s.Event.Name) + " — " + s.title(), Lang: p.Lang()})
	x := t.x
	// widths that add up to A4 portrait's width at 100%
	widths := []float64{4, 15, 12, 13, 21, 13, 18}
	sheet := t.sheetName(s.Session.Title)
	if err := x.startSheet(sheet, sheetSetup{widths: widths, fitToPage: true}); err != nil {
		return err
	}
	var merges []string
	top := func(text string, style int, h float64) error {
		if err := x.addRow(h, []xcell{xstr(xmlText(text), style)}); err != nil {
			return err
		}
		merges = append(merges, cellRef(1, x.row)+":"+cellRef(len(widths), x.row))
		return nil
	}
	if err := top(model.SanitizeLine(s.Event.Name), sEvent, 20); err != nil {
		return err
	}
	if err := top(s.title(), sTitle, 17); err != nil {
		return err
	}
	for _, l := range s.details() {
		if err := top(l, sMeta, 14); err != nil {
			return err
		}
	}
	head := make([]xcell, 0, len(widths))
	for _, h := range s.headers() {
		head = append(head, xstr(xmlText(h), sGridHead))
	}
	if err := x.addRow(24, head); err != nil {
		return err
	}
	headRow := x.row
	var breaks []int
	n := 0
	line := func(cells ...string) error {
		if n > 0 && n%RowsPerPage == 0 {
			breaks = append(breaks, x.row) // a new page after this row
		}
		n++
		row := []xcell{xnum(float64(n), sGridNo)}
		for _, c := range cells {
			row = append(row, xstr(xmlText(c), sGrid))
		}
		row = append(row, xcell{style: sGrid}) // the signature
		return x.addRow(25, row)
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
	amp := func(t string) string { return strings.ReplaceAll(t, "&", "&&") }
	if err := x.endSheet(sheetTail{
		merges: merges, print: true, breaks: breaks, printTitles: headRow,
		header: "&L" + amp(truncRunes(model.SanitizeLine(s.Event.Name), 60)) + "&R" + amp(truncRunes(model.SanitizeLine(s.Session.Title), 40)),
		footer: "&C" + s.P.T("Page %[1]s of %[2]s", "&P", "&N"),
	}); err != nil {
		return err
	}
	return x.close()
}
