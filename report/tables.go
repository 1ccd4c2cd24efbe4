package report

import (
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"convene/model"
)

// Every tabular export (attendance, its summary, the matrix, the
// certificates list) is written through one Tables writer, in CSV, Excel
// (.xlsx), Markdown or HTML, row by row as the rows are read: nothing is
// built whole in memory (the .xlsx goes straight into its zip file, see
// xlsx.go).

// Format is an export's file format.
type Format string

// The formats.
const (
	CSV      Format = "csv"
	XLSX     Format = "xlsx"
	Markdown Format = "md"
	HTML     Format = "html"
)

// Kind is what a column holds, which says how a cell is written: in CSV,
// Markdown and HTML as text, in Excel as a typed cell.
type Kind int

// Column kinds.
const (
	Text   Kind = iota // text, never a formula: phones and IDs stay text
	Number             // a whole number
	Stamp              // a date and time (2026-11-27 09:14)
	Clock              // a time of day (09:14)
	Signed             // a whole number shown with its sign (+4, -5)
)

// Column is a table's column: its title (already translated) and, for
// Excel, its width in characters and kind.
type Column struct {
	Title string
	Width float64
	Kind  Kind
}

// Cell is one value of a row; the zero Cell is empty.
type Cell struct {
	s    string
	n    int
	t    time.Time
	kind Kind
	set  bool
}

// Str is a text cell.
func Str(s string) Cell { return Cell{s: s, kind: Text, set: s != ""} }

// Int is a number cell.
func Int(n int) Cell { return Cell{n: n, kind: Number, set: true} }

// Plus is a number cell shown with its sign: +4, -5, 0.
func Plus(n int) Cell { return Cell{n: n, kind: Signed, set: true} }

// When is a date-and-time cell (empty for the zero time).
func When(t time.Time) Cell { return Cell{t: t, kind: Stamp, set: !t.IsZero()} }

// HourMin is a time-of-day cell (empty for the zero time).
func HourMin(t time.Time) Cell { return Cell{t: t, kind: Clock, set: !t.IsZero()} }

// text is the cell as text, times in the local time zone.
func (c Cell) text() string {
	if !c.set {
		return ""
	}
	switch c.kind {
	case Number:
		return strconv.Itoa(c.n)
	case Signed:
		return fmt.Sprintf("%+d", c.n)
	case Stamp:
		return c.t.Local().Format("2006-01-02 15:04")
	case Clock:
		return c.t.Local().Format("15:04")
	default: // Text
		return c.s
	}
}

// Tables writes one or more tables to a document.
type Tables interface {
	// Start begins a table (in Excel a sheet named name; in Markdown and
	// HTML a section headed name; CSV holds one table, and a second Start
	// is an error).
	Start(name string, cols []Column) error
	// Row writes a row of the current table.
	Row(cells ...Cell) error
	// Close ends the document and writes what is still held (the .xlsx
	// itself).
	Close() error
}

// Doc is what a document says above its tables (Markdown and HTML): a
// title and lines under it. CSV and Excel leave it out (an Excel workbook
// keeps the title in its properties), so that the first row is the header.
type Doc struct {
	Title string
	Lines []string
	Lang  string // the document's language (HTML)
}

// NewTables returns a writer of format f to w. delim is CSV's delimiter
// (0: a comma).
func NewTables(f Format, w io.Writer, doc Doc, delim rune) (Tables, error) {
	switch f {
	case CSV:
		return newCSVTables(w, delim)
	case XLSX:
		return newXLSXTables(w, doc), nil
	case Markdown:
		return &mdTables{w: w, doc: doc}, nil
	case HTML:
		return &htmlTables{w: w, doc: doc}, nil
	}
	return nil, fmt.Errorf("unknown format %q", f)
}

// ---- CSV

type csvTables struct {
	cw      *csv.Writer
	started bool
}

func newCSVTables(w io.Writer, delim rune) (*csvTables, error) {
	if _, err := w.Write([]byte{0xEF, 0xBB, 0xBF}); err != nil { // so that Excel reads UTF-8
		return nil, err
	}
	cw := csv.NewWriter(w)
	if delim != 0 {
		cw.Comma = delim
	}
	cw.UseCRLF = true
	return &csvTables{cw: cw}, nil
}

func (t *csvTables) Start(_ string, cols []Column) error {
	if t.started {
		return fmt.Errorf("a CSV file holds one table")
	}
	t.started = true
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = CSVCell(c.Title) // a session's title in a header is guarded like any cell
	}
	return t.cw.Write(head)
}

func (t *csvTables) Row(cells ...Cell) error {
	rec := make([]string, len(cells))
	for i, c := range cells {
		switch {
		case c.kind == Text && strings.Contains(c.s, "\n"):
			rec[i] = CSVText(c.text())
		case c.kind == Text:
			rec[i] = CSVCell(c.text())
		default:
			rec[i] = c.text()
		}
	}
	return t.cw.Write(rec)
}

func (t *csvTables) Close() error {
	t.cw.Flush()
	return t.cw.Error()
}

// ---- Excel

type xlsxTables struct {
	x     *xlsxWriter
	cols  int
	names map[string]bool
}

func newXLSXTables(w io.Writer, doc Doc) *xlsxTables {
	return &xlsxTables{x: newXLSX(w, model.SanitizeLine(doc.Title), doc.Lang), names: map[string]bool{}}
}

// sheetName makes name a valid, unused sheet name: at most 31 characters,
// none of : \ / ? * [ ].
func (t *xlsxTables) sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, model.SanitizeLine(name))
	name = strings.Trim(name, "' ")
	if name == "" {
		name = "Sheet"
	}
	base := truncRunes(name, 31)
	name = base
	for i := 2; t.names[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = truncRunes(base, 31-len(suffix)) + suffix
	}
	t.names[strings.ToLower(name)] = true
	return name
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// endSheet finishes the current sheet, with an autofilter over the header
// and every row.
func (t *xlsxTables) endSheet() error {
	if !t.x.open {
		return nil
	}
	tail := sheetTail{}
	if t.cols > 0 {
		tail.filter = [4]int{1, 1, t.cols, max(t.x.row, 2)}
	}
	return t.x.endSheet(tail)
}

func (t *xlsxTables) Start(name string, cols []Column) error {
	if err := t.endSheet(); err != nil {
		return err
	}
	widths := make([]float64, len(cols))
	head := make([]xcell, len(cols))
	for i, c := range cols {
		widths[i] = c.Width
		head[i] = xstr(xmlText(c.Title), sHeader)
	}
	if err := t.x.startSheet(t.sheetName(name), sheetSetup{freeze: 1, widths: widths}); err != nil {
		return err
	}
	t.cols = len(cols)
	return t.x.addRow(30, head)
}

// excelEpoch is day 0 of Excel's 1900 date system.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serial is t's local wall-clock time as an Excel date-time number (Excel
// has no time zones).
func serial(t time.Time) float64 {
	l := t.Local()
	wall := time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
	return wall.Sub(excelEpoch).Hours() / 24
}

// xmlText is text an Excel cell can hold: no control characters, at most
// 32,767 characters.
func xmlText(s string) string {
	return truncRunes(model.SanitizeText(s), 32767)
}

func (t *xlsxTables) Row(cells ...Cell) error {
	if !t.x.open {
		return fmt.Errorf("a row before the table started")
	}
	return t.x.addRow(0, xlsxRow(cells))
}

func (t *xlsxTables) Close() error {
	if err := t.endSheet(); err != nil {
		return err
	}
	return t.x.close()
}

// ---- Markdown

type mdTables struct {
	w       io.Writer
	doc     Doc
	started bool
}

func (t *mdTables) head() string {
	var b strings.Builder
	if t.doc.Title != "" {
		b.WriteString("# " + MDText(t.doc.Title) + "\n\n")
	}
	for _, l := range t.doc.Lines {
		b.WriteString(MDText(l) + "  \n")
	}
	if len(t.doc.Lines) > 0 {
		b.WriteString("\n")
	}
	return b.String()
}

func (t *mdTables) Start(name string, cols []Column) error {
	var b strings.Builder
	if !t.started {
		b.WriteString(t.head())
	} else {
		b.WriteString("\n")
	}
	t.started = true
	if name != "" {
		b.WriteString("## " + MDText(name) + "\n\n")
	}
	b.WriteString("|")
	for _, c := range cols {
		b.WriteString(" " + MDText(c.Title) + " |")
	}
	b.WriteString("\n|")
	for _, c := range cols {
		if c.Kind == Number || c.Kind == Signed {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	_, err := io.WriteString(t.w, b.String())
	return err
}

func (t *mdTables) Row(cells ...Cell) error {
	var b strings.Builder
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + MDText(strings.ReplaceAll(c.text(), "\n", " ")) + " |")
	}
	b.WriteString("\n")
	_, err := io.WriteString(t.w, b.String())
	return err
}

func (t *mdTables) Close() error {
	if !t.started {
		_, err := io.WriteString(t.w, t.head())
		return err
	}
	return nil
}

// ---- HTML

type htmlTables struct {
	w       io.Writer
	doc     Doc
	started bool
	open    bool
}

// H escapes a line of text for HTML (sanitised first: no control
// characters).
func H(s string) string { return html.EscapeString(model.SanitizeLine(s)) }

// HLines escapes text of several lines for HTML, keeping its line breaks.
func HLines(s string) string {
	lines := strings.Split(model.SanitizeText(s), "\n")
	for i, l := range lines {
		lines[i] = H(l)
	}
	return strings.Join(lines, "<br>")
}

// htmlStyle is the style of convene's HTML documents: readable on screen,
// printable on A4.
const htmlStyle = `body{font-family:"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",Arial,sans-serif;font-size:11pt;color:#111;margin:1.5em}
h1{font-size:16pt;margin:0 0 .3em}h2{font-size:13pt;margin:1.2em 0 .4em}h3{font-size:11.5pt;margin:1em 0 .3em}
.meta{color:#444;margin:.1em 0}
table{border-collapse:collapse;margin:.4em 0 1em;max-width:100%}th,td{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:#e7ecf3}td.n{text-align:right}thead{display:table-header-group}tr{break-inside:avoid}
@page{size:A4;margin:14mm 12mm}@media print{body{margin:0;font-size:9.5pt}th,td{padding:2px 4px}}
`

// htmlHead starts an HTML document: its head (title, style) and, with
// heading, the title and lines as its first heading.
func htmlHead(w io.Writer, doc Doc, extraStyle string, heading bool) error {
	lang := doc.Lang
	if lang == "" {
		lang = "en"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>\n%s%s</style>\n</head>\n<body>\n",
		H(lang), H(doc.Title), htmlStyle, extraStyle)
	if heading && doc.Title != "" {
		fmt.Fprintf(&b, "<h1>%s</h1>\n", H(doc.Title))
	}
	for _, l := range doc.Lines {
		if heading {
			fmt.Fprintf(&b, "<p class=\"meta\">%s</p>\n", H(l))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (t *htmlTables) Start(name string, cols []Column) error {
	var b strings.Builder
	if !t.started {
		if err := htmlHead(t.w, t.doc, "", true); err != nil {
			return err
		}
		t.started = true
	}
	if t.open {
		b.WriteString("</tbody></table>\n")
	}
	if name != "" {
		fmt.Fprintf(&b, "<h2>%s</h2>\n", H(name))
	}
	b.WriteString("<table>\n<thead><tr>")
	for _, c := range cols {
		fmt.Fprintf(&b, "<th>%s</th>", H(c.Title))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	t.open = true
	_, err := io.WriteString(t.w, b.String())
	return err
}

func (t *htmlTables) Row(cells ...Cell) error {
	var b strings.Builder
	b.WriteString("<tr>")
	for _, c := range cells {
		if c.kind == Number || c.kind == Signed {
			fmt.Fprintf(&b, "<td class=\"n\">%s</td>", H(c.text()))
		} else {
			fmt.Fprintf(&b, "<td>%s</td>", HLines(c.text()))
		}
	}
	b.WriteString("</tr>\n")
	_, err := io.WriteString(t.w, b.String())
	return err
}

func (t *htmlTables) Close() error {
	if !t.started {
		if err := htmlHead(t.w, t.doc, "", true); err != nil {
			return err
		}
	}
	end := "</body>\n</html>\n"
	if t.open {
		end = "</tbody></table>\n" + end
	}
	_, err := io.WriteString(t.w, end)
	return err
}
