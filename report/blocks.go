package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"convene/i18n"
	"convene/model"
)

// Writing a report's blocks (see donor.go) as Markdown, HTML or Excel.

// ---- Markdown

func writeMarkdown(w io.Writer, blocks []block) error {
	var b strings.Builder
	flush := func() error {
		_, err := io.WriteString(w, b.String())
		b.Reset()
		return err
	}
	for _, bl := range blocks {
		switch bl.kind {
		case bHeading:
			fmt.Fprintf(&b, "%s %s\n\n", strings.Repeat("#", bl.level), MDText(bl.text))
		case bPara:
			fmt.Fprintf(&b, "%s\n\n", mdParagraphs(bl.text, ""))
		case bTable:
			b.WriteString("|")
			for _, c := range bl.cols {
				b.WriteString(" " + MDText(c.Title) + " |")
			}
			b.WriteString("\n|")
			for _, c := range bl.cols {
				if c.Kind == Number {
					b.WriteString("---:|")
				} else {
					b.WriteString("---|")
				}
			}
			b.WriteString("\n")
			row := func(cells ...Cell) error {
				b.WriteString("|")
				for _, c := range cells {
					b.WriteString(" " + MDText(strings.ReplaceAll(c.text(), "\n", " ")) + " |")
				}
				b.WriteString("\n")
				if b.Len() > 64<<10 {
					return flush()
				}
				return nil
			}
			if err := tableRows(bl, row); err != nil {
				return err
			}
			b.WriteString("\n")
		}
		if err := flush(); err != nil {
			return err
		}
	}
	return nil
}

// tableRows calls row with a table block's rows, held or streamed.
func tableRows(bl block, row func(cells ...Cell) error) error {
	for _, r := range bl.rows {
		if err := row(r...); err != nil {
			return err
		}
	}
	if bl.stream != nil {
		return bl.stream(row)
	}
	return nil
}

// ---- HTML

func writeHTML(w io.Writer, blocks []block, lang string) error {
	title := ""
	if len(blocks) > 0 && blocks[0].kind == bHeading {
		title = blocks[0].text
	}
	if err := htmlHead(w, Doc{Title: title, Lang: lang}, reportCSS, false); err != nil {
		return err
	}
	var b strings.Builder
	flush := func() error {
		_, err := io.WriteString(w, b.String())
		b.Reset()
		return err
	}
	for _, bl := range blocks {
		switch bl.kind {
		case bHeading:
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", bl.level, H(bl.text), bl.level)
		case bPara:
			fmt.Fprintf(&b, "<p>%s</p>\n", HLines(bl.text))
		case bTable:
			b.WriteString("<table>\n<thead><tr>")
			for _, c := range bl.cols {
				fmt.Fprintf(&b, "<th>%s</th>", H(c.Title))
			}
			b.WriteString("</tr></thead>\n<tbody>\n")
			row := func(cells ...Cell) error {
				b.WriteString("<tr>")
				for _, c := range cells {
					if c.kind == Number || c.kind == Signed {
						fmt.Fprintf(&b, "<td class=\"n\">%s</td>", H(c.text()))
					} else {
						fmt.Fprintf(&b, "<td>%s</td>", HLines(c.text()))
					}
				}
				b.WriteString("</tr>\n")
				if b.Len() > 64<<10 {
					return flush()
				}
				return nil
			}
			if err := tableRows(bl, row); err != nil {
				return err
			}
			b.WriteString("</tbody>\n</table>\n")
		case bChart:
			b.WriteString(svgChart(bl.chart))
		}
		if err := flush(); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "</body>\n</html>\n")
	return err
}

const reportCSS = `h2{border-bottom:1px solid #bbb;padding-bottom:2px;margin-top:1.6em}
figure{margin:.6em 0 1.2em;break-inside:avoid}figcaption{font-weight:bold;margin-bottom:.3em}
`

// svgChart draws a bar chart as inline SVG: one horizontal bar per
// category, split into the series (stacked), with each part's number in
// it when it fits and the bar's total after it.
func svgChart(c *barChart) string {
	if c == nil || len(c.Categories) == 0 {
		return ""
	}
	const (
		labelW = 210
		barW   = 400
		rowH   = 26
		top    = 34
		width  = labelW + barW + 60
	)
	most := 1
	for i := range c.Categories {
		sum := 0
		for _, s := range c.Series {
			sum += s.Values[i]
		}
		most = max(most, sum)
	}
	height := top + rowH*len(c.Categories) + 10
	var b strings.Builder
	fmt.Fprintf(&b, "<figure>\n<figcaption>%s</figcaption>\n", H(c.Title))
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s" font-family="sans-serif" font-size="12">`+"\n",
		width, height, width, height, H(c.Title))
	x := labelW
	for _, s := range c.Series { // the legend
		fmt.Fprintf(&b, `<rect x="%d" y="6" width="12" height="12" fill="#%s"/><text x="%d" y="16">%s</text>`+"\n", x, s.Color, x+16, H(s.Name))
		x += 24 + 8*len([]rune(s.Name))
	}
	for i, cat := range c.Categories {
		y := top + i*rowH
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", labelW-8, y+15, H(truncRunes(cat, 32)))
		x, sum := float64(labelW), 0
		for _, s := range c.Series {
			v := s.Values[i]
			sum += v
			if v == 0 {
				continue
			}
			wd := float64(v) * barW / float64(most)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="#%s"><title>%s: %d</title></rect>`+"\n", x, y+2, wd, rowH-6, s.Color, H(s.Name), v)
			if wd >= 18 {
				fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#fff">%d</text>`+"\n", x+wd/2, y+15, v)
			}
			x += wd
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d">%d</text>`+"\n", x+6, y+15, sum)
	}
	b.WriteString("</svg>\n</figure>\n")
	return b.String()
}

// ---- Excel

// xsheet is the blocks that go on one sheet.
type xsheet struct {
	name   string
	blocks []block
}

// sheetsOf puts the blocks on sheets: a level-2 heading starts a new sheet
// (named by it) once the current one holds a table.
func sheetsOf(blocks []block, first string) []xsheet {
	var out []xsheet
	hasTable := false
	for _, bl := range blocks {
		if len(out) == 0 || bl.kind == bHeading && bl.level == 2 && hasTable {
			name := first
			if len(out) > 0 {
				name = bl.sheet
				if name == "" {
					name = bl.text
				}
			}
			out = append(out, xsheet{name: name})
			hasTable = false
		}
		if bl.kind == bTable || bl.kind == bChart {
			hasTable = true
		}
		out[len(out)-1].blocks = append(out[len(out)-1].blocks, bl)
	}
	return out
}

func writeXLSX(w io.Writer, blocks []block, p i18n.Printer, title string) error {
	t := newXLSXTables(w, Doc{Title: title, Lang: p.Lang()})
	defer t.f.Close()
	if t.err != nil {
		return t.err
	}
	f := t.f
	style := func(st *excelize.Style) int {
		id, err := f.NewStyle(st)
		if err != nil && t.err == nil {
			t.err = err
		}
		return id
	}
	hStyle := map[int]int{
		1: style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 15}}),
		2: style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}),
		3: style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 11}}),
	}
	if t.err != nil {
		return t.err
	}
	charts := 0
	for si, sh := range sheetsOf(blocks, p.T("Report")) {
		name := t.sheetName(sh.name)
		if si == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		// the widths: the widest of each column among the sheet's tables;
		// a sheet holding one long (streamed) table freezes its header and
		// filters it
		widths := map[int]float64{}
		tables, headRow, cols, row := 0, 0, 0, 0
		for _, bl := range sh.blocks {
			switch bl.kind {
			case bTable:
				tables++
				if bl.stream == nil {
					tables++ // a short table: no frozen header
				}
				row++
				headRow, cols = row, len(bl.cols)
				row += len(bl.rows) + 1
				for i, c := range bl.cols {
					widths[i] = max(widths[i], c.Width)
				}
			case bHeading, bPara:
				row++
			}
		}
		for i := range max(len(widths), 1) {
			wd := widths[i]
			if wd == 0 {
				wd = 14
			}
			if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
				return err
			}
		}
		if tables == 1 {
			cell, _ := excelize.CoordinatesToCellName(1, headRow+1)
			if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: cell, ActivePane: "bottomLeft"}); err != nil {
				return err
			}
		}
		r := 0
		put := func(vals []any, opts ...excelize.RowOpts) error {
			r++
			return sw.SetRow("A"+strconv.Itoa(r), vals, opts...)
		}
		tableEnd := 0
		for _, bl := range sh.blocks {
			switch bl.kind {
			case bHeading:
				err = put([]any{excelize.Cell{StyleID: hStyle[bl.level], Value: xmlText(bl.text)}}, excelize.RowOpts{Height: 20})
			case bPara:
				err = put([]any{xmlText(bl.text)})
			case bTable:
				head := make([]any, len(bl.cols))
				for i, c := range bl.cols {
					head[i] = excelize.Cell{StyleID: t.styles.header, Value: xmlText(c.Title)}
				}
				if err = put(head, excelize.RowOpts{Height: 30}); err != nil {
					return err
				}
				if err = tableRows(bl, func(cells ...Cell) error { return put(xlsxValues(cells, t.styles)) }); err != nil {
					return err
				}
				tableEnd = r
				err = put(nil)
			case bChart:
				charts++
				err = xlsxChart(f, t, bl.chart, p, charts)
			}
			if err != nil {
				return err
			}
		}
		if tables == 1 && cols > 0 {
			last, _ := excelize.CoordinatesToCellName(cols, max(tableEnd, headRow+1))
			first, _ := excelize.CoordinatesToCellName(1, headRow)
			if err := f.AutoFilter(name, first+":"+last, nil); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// xlsxChart adds a sheet with the chart's numbers and an Excel bar chart
// of them.
func xlsxChart(f *excelize.File, t *xlsxTables, c *barChart, p i18n.Printer, n int) error {
	if c == nil || len(c.Categories) == 0 {
		return nil
	}
	name := p.T("Chart")
	if n > 1 {
		name += " " + strconv.Itoa(n)
	}
	name = t.sheetName(name)
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	set := func(col, row int, v any) error {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		return f.SetCellValue(name, cell, v)
	}
	if err := set(1, 1, xmlText(p.T("Sector"))); err != nil {
		return err
	}
	for j, s := range c.Series {
		if err := set(j+2, 1, xmlText(s.Name)); err != nil {
			return err
		}
	}
	for i, cat := range c.Categories {
		if err := set(1, i+2, xmlText(cat)); err != nil {
			return err
		}
		for j, s := range c.Series {
			if err := set(j+2, i+2, s.Values[i]); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(name, "A", "A", 28); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A1", "D1", t.styles.header); err != nil {
		return err
	}
	q := "'" + strings.ReplaceAll(name, "'", "''") + "'!"
	last := strconv.Itoa(len(c.Categories) + 1)
	var ss []excelize.ChartSeries
	for j, s := range c.Series {
		col, _ := excelize.ColumnNumberToName(j + 2)
		ss = append(ss, excelize.ChartSeries{
			Name: q + "$" + col + "$1", Categories: q + "$A$2:$A$" + last, Values: q + "$" + col + "$2:$" + col + "$" + last,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.Color}},
		})
	}
	return f.AddChart(name, "F2", &excelize.Chart{
		Type: excelize.BarStacked, Series: ss,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: model.SanitizeLine(c.Title)}}},
		Legend:    excelize.ChartLegend{Position: "top"},
		Dimension: excelize.ChartDimension{Width: 640, Height: uint(120 + 28*len(c.Categories))},
		YAxis:     excelize.ChartAxis{MajorGridLines: true},
		XAxis:     excelize.ChartAxis{ReverseOrder: true},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
	})
}
