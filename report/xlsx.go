package report

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// A small Excel (.xlsx, Office Open XML) writer for convene's exports. It
// writes each sheet's rows straight into the zip file as they come, so a
// sheet of 100,000 rows is never held in memory nor in a temporary file
// (where personal data would sit unencrypted). It knows what the exports
// need and no more: text cells (always text, never formulas), numbers,
// dates and times with their formats, a few styles, column widths, a frozen
// header, an autofilter, merged cells, page setup (A4, margins, fit to
// width, repeated title rows, header and footer, page breaks) and a bar
// chart. (excelize, which convene uses to read workbooks, would do it too,
// but its writing path makes the linker keep every exported method in the
// program, which adds 5 MiB to the binary.)

// Cell styles (indices into styles.xml's cellXfs).
const (
	sNone = iota
	sHeader
	sStamp
	sClock
	sWrap
	sSigned
	sH1
	sH2
	sH3
	sEvent
	sTitle
	sMeta
	sGridHead
	sGrid
	sGridNo
)

// xcell is one cell as written: text, a number, or nothing.
type xcell struct {
	s     string
	n     float64
	num   bool
	set   bool
	style int
}

func xstr(s string, style int) xcell  { return xcell{s: s, set: true, style: style} }
func xnum(n float64, style int) xcell { return xcell{n: n, num: true, set: true, style: style} }
func cellRef(col, row int) string     { return colLetters(col) + strconv.Itoa(row) }
func quoteSheet(name string) string   { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }
func fmtFloat(f float64) string       { return strconv.FormatFloat(f, 'f', -1, 64) }

func escText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) //nolint:errcheck // a strings.Builder does not fail
	return b.String()
}

func escAttr(s string) string { return strings.ReplaceAll(escText(s), `"`, "&quot;") }

// colLetters is a column's letters: 1 is A, 27 is AA.
func colLetters(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// xlsxRow converts a row's cells: numbers as numbers, times as Excel
// date-times with their format, text as text.
func xlsxRow(cells []Cell) []xcell {
	out := make([]xcell, len(cells))
	for i, c := range cells {
		if !c.set {
			continue
		}
		switch c.kind {
		case Number:
			out[i] = xnum(float64(c.n), sNone)
		case Signed:
			out[i] = xnum(float64(c.n), sSigned)
		case Stamp:
			out[i] = xnum(serial(c.t), sStamp)
		case Clock:
			l := c.t.Local()
			out[i] = xnum(float64(l.Hour()*60+l.Minute())/(24*60), sClock)
		default:
			s := xmlText(c.s)
			st := sNone
			if strings.Contains(s, "\n") {
				st = sWrap
			}
			out[i] = xstr(s, st)
		}
	}
	return out
}

// sheetSetup is what precedes a sheet's rows.
type sheetSetup struct {
	freeze    int       // rows frozen at the top (0: none)
	widths    []float64 // column widths in characters (0: the default)
	fitToPage bool      // print fitted to the page's width
}

// sheetTail is what follows a sheet's rows.
type sheetTail struct {
	filter       [4]int   // the autofilter's range: first column, first row, last column, last row (zeros: none)
	merges       []string // ranges
	print        bool     // A4 portrait page setup with the margins below
	header       string   // the page header (Excel's codes: &L, &C, &R, &P, &N)
	footer       string
	breaks       []int // rows after which a new page starts
	printTitles  int   // the row repeated at the top of every printed page (0: none)
	chart        *barChart
	chartAnchorC int // the chart's top-left cell (0-based column, row); its data is in this sheet's A1
	chartAnchorR int
}

type xsheetInfo struct {
	name        string
	definedName []string // <definedName …>…</definedName>
	drawing     int      // its drawing's number (0: none)
}

type xlsxWriter struct {
	zw     *zip.Writer
	out    *bufio.Writer
	sheets []xsheetInfo
	row    int // the last row written in the open sheet
	open   bool
	title  string
	lang   string
	charts []*barChart
}

func newXLSX(w io.Writer, title, lang string) *xlsxWriter {
	return &xlsxWriter{zw: zip.NewWriter(w), title: title, lang: lang}
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
const nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

func (x *xlsxWriter) file(name string) (io.Writer, error) {
	return x.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
}

func (x *xlsxWriter) put(name, content string) error {
	w, err := x.file(name)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, content)
	return err
}

// startSheet begins a sheet (its name must be valid and unused).
func (x *xlsxWriter) startSheet(name string, setup sheetSetup) error {
	if x.open {
		return fmt.Errorf("a sheet is still open")
	}
	x.sheets = append(x.sheets, xsheetInfo{name: name})
	w, err := x.file(fmt.Sprintf("xl/worksheets/sheet%d.xml", len(x.sheets)))
	if err != nil {
		return err
	}
	x.out = bufio.NewWriterSize(w, 64<<10)
	x.open, x.row = true, 0
	var b strings.Builder
	b.WriteString(xmlHead + "<worksheet " + nsMain + ">")
	if setup.fitToPage {
		b.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	}
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"`)
	if len(x.sheets) == 1 {
		b.WriteString(` tabSelected="1"`)
	}
	b.WriteString(">")
	if setup.freeze > 0 {
		top := cellRef(1, setup.freeze+1)
		fmt.Fprintf(&b, `<pane ySplit="%d" topLeftCell="%s" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="%s" sqref="%s"/>`, setup.freeze, top, top, top)
	}
	b.WriteString(`</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	if len(setup.widths) > 0 {
		b.WriteString("<cols>")
		for i, w := range setup.widths {
			if w <= 0 {
				w = 14
			}
			fmt.Fprintf(&b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, fmtFloat(w))
		}
		b.WriteString("</cols>")
	}
	b.WriteString("<sheetData>")
	_, err = x.out.WriteString(b.String())
	return err
}

// addRow writes the next row (height 0: the default).
func (x *xlsxWriter) addRow(height float64, cells []xcell) error {
	if !x.open {
		return fmt.Errorf("a row outside a sheet")
	}
	x.row++
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d"`, x.row)
	if height > 0 {
		fmt.Fprintf(&b, ` ht="%s" customHeight="1"`, fmtFloat(height))
	}
	b.WriteString(">")
	for i, c := range cells {
		if !c.set && c.style == 0 {
			continue
		}
		fmt.Fprintf(&b, `<c r="%s"`, cellRef(i+1, x.row))
		if c.style != 0 {
			fmt.Fprintf(&b, ` s="%d"`, c.style)
		}
		switch {
		case !c.set:
			b.WriteString("/>")
		case c.num:
			fmt.Fprintf(&b, "><v>%s</v></c>", fmtFloat(c.n))
		default:
			fmt.Fprintf(&b, ` t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, escText(c.s))
		}
	}
	b.WriteString("</row>")
	_, err := x.out.WriteString(b.String())
	return err
}

// endSheet finishes the current sheet.
func (x *xlsxWriter) endSheet(t sheetTail) error {
	if !x.open {
		return nil
	}
	x.open = false
	cur := &x.sheets[len(x.sheets)-1]
	idx := len(x.sheets) - 1
	var b strings.Builder
	b.WriteString("</sheetData>")
	if f := t.filter; f[0] > 0 {
		fmt.Fprintf(&b, `<autoFilter ref="%s:%s"/>`, cellRef(f[0], f[1]), cellRef(f[2], f[3]))
		cur.definedName = append(cur.definedName, fmt.Sprintf(`<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">%s!$%s$%d:$%s$%d</definedName>`,
			idx, escText(quoteSheet(cur.name)), colLetters(f[0]), f[1], colLetters(f[2]), f[3]))
	}
	if len(t.merges) > 0 {
		fmt.Fprintf(&b, `<mergeCells count="%d">`, len(t.merges))
		for _, m := range t.merges {
			fmt.Fprintf(&b, `<mergeCell ref="%s"/>`, m)
		}
		b.WriteString("</mergeCells>")
	}
	if t.print {
		b.WriteString(`<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>`)
		b.WriteString(`<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>`)
	} else {
		b.WriteString(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`)
	}
	if t.header != "" || t.footer != "" {
		b.WriteString("<headerFooter>")
		if t.header != "" {
			b.WriteString("<oddHeader>" + escText(t.header) + "</oddHeader>")
		}
		if t.footer != "" {
			b.WriteString("<oddFooter>" + escText(t.footer) + "</oddFooter>")
		}
		b.WriteString("</headerFooter>")
	}
	if len(t.breaks) > 0 {
		fmt.Fprintf(&b, `<rowBreaks count="%d" manualBreakCount="%d">`, len(t.breaks), len(t.breaks))
		for _, r := range t.breaks {
			fmt.Fprintf(&b, `<brk id="%d" max="16383" man="1"/>`, r)
		}
		b.WriteString("</rowBreaks>")
	}
	if t.printTitles > 0 {
		cur.definedName = append(cur.definedName, fmt.Sprintf(`<definedName name="_xlnm.Print_Titles" localSheetId="%d">%s!$%d:$%d</definedName>`,
			idx, escText(quoteSheet(cur.name)), t.printTitles, t.printTitles))
	}
	if t.chart != nil {
		x.charts = append(x.charts, t.chart)
		cur.drawing = len(x.charts)
		b.WriteString(`<drawing r:id="rId1"/>`)
	}
	b.WriteString("</worksheet>")
	if _, err := x.out.WriteString(b.String()); err != nil {
		return err
	}
	if err := x.out.Flush(); err != nil {
		return err
	}
	if t.chart != nil { // its parts after the sheet's (a zip file is written one part at a time)
		return x.drawing(cur.drawing, t)
	}
	return nil
}

// close writes the workbook's other parts and ends the zip file.
func (x *xlsxWriter) close() error {
	if x.open {
		if err := x.endSheet(sheetTail{}); err != nil {
			return err
		}
	}
	if len(x.sheets) == 0 {
		if err := x.startSheet("Sheet1", sheetSetup{}); err != nil {
			return err
		}
		if err := x.endSheet(sheetTail{}); err != nil {
			return err
		}
	}
	var ct, wb, wbRels strings.Builder
	ct.WriteString(xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	wb.WriteString(xmlHead + "<workbook " + nsMain + `><bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	wbRels.WriteString(xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	var names []string
	for i, s := range x.sheets {
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escAttr(s.name), i+1, i+1)
		fmt.Fprintf(&wbRels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		names = append(names, s.definedName...)
	}
	for i := range x.charts {
		fmt.Fprintf(&ct, `<Override PartName="/xl/drawings/drawing%d.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`, i+1)
		fmt.Fprintf(&ct, `<Override PartName="/xl/charts/chart%d.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`, i+1)
	}
	ct.WriteString("</Types>")
	wb.WriteString("</sheets>")
	if len(names) > 0 {
		wb.WriteString("<definedNames>" + strings.Join(names, "") + "</definedNames>")
	}
	wb.WriteString("</workbook>")
	fmt.Fprintf(&wbRels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`, len(x.sheets)+1)
	core := xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		"<dc:title>" + escText(x.title) + "</dc:title><dc:creator>convene</dc:creator>"
	if x.lang != "" {
		core += "<dc:language>" + escText(x.lang) + "</dc:language>"
	}
	core += "</cp:coreProperties>"
	for _, p := range []struct{ name, content string }{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`},
		{"docProps/core.xml", core},
		{"docProps/app.xml", xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>convene</Application></Properties>`},
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", wbRels.String()},
		{"xl/styles.xml", stylesXML},
	} {
		if err := x.put(p.name, p.content); err != nil {
			return err
		}
	}
	return x.zw.Close()
}

// stylesXML holds the styles of the cell style constants above.
const stylesXML = xmlHead + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd\ hh:mm"/><numFmt numFmtId="165" formatCode="hh:mm"/><numFmt numFmtId="166" formatCode="+0;\-0;0"/></numFmts>` +
	`<fonts count="8">` +
	`<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="15"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="12"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><sz val="10"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="10"/><name val="Calibri"/><family val="2"/></font>` +
	`</fonts>` +
	`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFE7ECF3"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="3"><border><left/><right/><top/><bottom/><diagonal/></border>` +
	`<border><left/><right/><top/><bottom style="thin"><color rgb="FF7F8C9D"/></bottom><diagonal/></border>` +
	`<border><left style="thin"><color rgb="FF333333"/></left><right style="thin"><color rgb="FF333333"/></right><top style="thin"><color rgb="FF333333"/></top><bottom style="thin"><color rgb="FF333333"/></bottom><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="15">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` + // sNone
	`<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>` + // sHeader
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` + // sStamp
	`<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` + // sClock
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` + // sWrap
	`<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` + // sSigned
	`<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>` + // sH1
	`<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>` + // sH2
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` + // sH3
	`<xf numFmtId="0" fontId="4" fillId="0" borderId="0" xfId="0" applyFont="1"/>` + // sEvent
	`<xf numFmtId="0" fontId="5" fillId="0" borderId="0" xfId="0" applyFont="1"/>` + // sTitle
	`<xf numFmtId="0" fontId="6" fillId="0" borderId="0" xfId="0" applyFont="1"/>` + // sMeta
	`<xf numFmtId="0" fontId="7" fillId="2" borderId="2" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>` + // sGridHead
	`<xf numFmtId="0" fontId="6" fillId="0" borderId="2" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>` + // sGrid
	`<xf numFmtId="0" fontId="6" fillId="0" borderId="2" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="center"/></xf>` + // sGridNo
	`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// drawing writes a sheet's drawing (the chart's frame) and its chart.
func (x *xlsxWriter) drawing(n int, t sheetTail) error {
	c := t.chart
	sheetRels := fmt.Sprintf("xl/worksheets/_rels/sheet%d.xml.rels", len(x.sheets))
	if err := x.put(sheetRels, xmlHead+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		fmt.Sprintf(`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing%d.xml"/>`, n)+
		`</Relationships>`); err != nil {
		return err
	}
	rows := 6 + 2*len(c.Categories)
	if err := x.put(fmt.Sprintf("xl/drawings/drawing%d.xml", n), xmlHead+
		`<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">`+
		`<xdr:twoCellAnchor>`+
		fmt.Sprintf(`<xdr:from><xdr:col>%d</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>%d</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`, t.chartAnchorC, t.chartAnchorR)+
		fmt.Sprintf(`<xdr:to><xdr:col>%d</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>%d</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`, t.chartAnchorC+9, t.chartAnchorR+rows)+
		`<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>`+
		`<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">`+
		`<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>`+
		`</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`); err != nil {
		return err
	}
	if err := x.put(fmt.Sprintf("xl/drawings/_rels/drawing%d.xml.rels", n), xmlHead+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		fmt.Sprintf(`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart%d.xml"/>`, n)+
		`</Relationships>`); err != nil {
		return err
	}
	return x.put(fmt.Sprintf("xl/charts/chart%d.xml", n), chartXML(c, quoteSheet(x.sheets[len(x.sheets)-1].name)))
}

// chartXML is a stacked horizontal bar chart of the series, its numbers in
// columns B, C… of the data sheet (categories in A, names in row 1), with
// the values cached so the chart shows before Excel recalculates.
func chartXML(c *barChart, sheet string) string {
	n := len(c.Categories)
	var b strings.Builder
	b.WriteString(xmlHead + `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	b.WriteString(`<c:roundedCorners val="0"/><c:chart>`)
	b.WriteString(`<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr b="1" sz="1200"/></a:pPr><a:r><a:rPr lang="en-US" b="1" sz="1200"/><a:t>` + escText(c.Title) + `</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`)
	b.WriteString(`<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>`)
	cats := func() string {
		var s strings.Builder
		fmt.Fprintf(&s, `<c:cat><c:strRef><c:f>%s!$A$2:$A$%d</c:f><c:strCache><c:ptCount val="%d"/>`, escText(sheet), n+1, n)
		for i, cat := range c.Categories {
			fmt.Fprintf(&s, `<c:pt idx="%d"><c:v>%s</c:v></c:pt>`, i, escText(cat))
		}
		s.WriteString(`</c:strCache></c:strRef></c:cat>`)
		return s.String()
	}()
	for j, s := range c.Series {
		col := colLetters(j + 2)
		fmt.Fprintf(&b, `<c:ser><c:idx val="%d"/><c:order val="%d"/>`, j, j)
		fmt.Fprintf(&b, `<c:tx><c:strRef><c:f>%s!$%s$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>%s</c:v></c:pt></c:strCache></c:strRef></c:tx>`, escText(sheet), col, escText(s.Name))
		fmt.Fprintf(&b, `<c:spPr><a:solidFill><a:srgbClr val="%s"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`, s.Color)
		b.WriteString(`<c:dLbls><c:numFmt formatCode="0;-0;;" sourceLinked="0"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`)
		b.WriteString(cats)
		fmt.Fprintf(&b, `<c:val><c:numRef><c:f>%s!$%s$2:$%s$%d</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="%d"/>`, escText(sheet), col, col, n+1, n)
		for i, v := range s.Values {
			fmt.Fprintf(&b, `<c:pt idx="%d"><c:v>%d</c:v></c:pt>`, i, v)
		}
		b.WriteString(`</c:numCache></c:numRef></c:val></c:ser>`)
	}
	b.WriteString(`<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>`)
	b.WriteString(`<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`)
	b.WriteString(`<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>`)
	b.WriteString(`</c:plotArea><c:legend><c:legendPos val="t"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`)
	return b.String()
}
