package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

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
		case bChart:
			// Markdown draws no chart: the tables hold its numbers
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
	x := t.x
	hStyle := map[int]int{1: sH1, 2: sH2, 3: sH3}
	var charts []*barChart
	for _, sh := range sheetsOf(blocks, p.T("Report")) {
		// the widths: the widest of each column among the sheet's tables;
		// a sheet holding one long (streamed) table freezes its header and
		// filters it
		var widths []float64
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
					for len(widths) <= i {
						widths = append(widths, 0)
					}
					widths[i] = max(widths[i], c.Width)
				}
			case bHeading, bPara:
				row++
			case bChart:
				charts = append(charts, bl.chart)
			}
		}
		setup := sheetSetup{widths: widths}
		if tables == 1 {
			setup.freeze = headRow
		}
		if err := x.startSheet(t.sheetName(sh.name), setup); err != nil {
			return err
		}
		tableEnd := 0
		for _, bl := range sh.blocks {
			var err error
			switch bl.kind {
			case bHeading:
				err = x.addRow(20, []xcell{xstr(xmlText(bl.text), hStyle[bl.level])})
			case bPara:
				err = x.addRow(0, []xcell{xstr(xmlText(bl.text), sNone)})
			case bTable:
				head := make([]xcell, len(bl.cols))
				for i, c := range bl.cols {
					head[i] = xstr(xmlText(c.Title), sHeader)
				}
				if err = x.addRow(30, head); err != nil {
					return err
				}
				if err = tableRows(bl, func(cells ...Cell) error { return x.addRow(0, xlsxRow(cells)) }); err != nil {
					return err
				}
				tableEnd = x.row
				err = x.addRow(0, nil)
			case bChart:
				// drawn on a sheet of its own after the others (xlsxChart)
			}
			if err != nil {
				return err
			}
		}
		tail := sheetTail{}
		if tables == 1 && cols > 0 {
			tail.filter = [4]int{1, headRow, cols, max(tableEnd, headRow+1)}
		}
		if err := x.endSheet(tail); err != nil {
			return err
		}
	}
	for i, c := range charts {
		if err := xlsxChart(t, c, p, i+1); err != nil {
			return err
		}
	}
	return x.close()
}

// xlsxChart adds a sheet with the chart's numbers and an Excel bar chart
// of them beside.
func xlsxChart(t *xlsxTables, c *barChart, p i18n.Printer, n int) error {
	if c == nil || len(c.Categories) == 0 {
		return nil
	}
	name := p.T("Chart")
	if n > 1 {
		name += " " + strconv.Itoa(n)
	}
	x := t.x
	if err := x.startSheet(t.sheetName(name), sheetSetup{widths: []float64{28, 12, 12, 12}}); err != nil {
		return err
	}
	head := []xcell{xstr(xmlText(p.T("Sector")), sHeader)}
	for _, s := range c.Series {
		head = append(head, xstr(xmlText(s.Name), sHeader))
	}
	if err := x.addRow(0, head); err != nil {
		return err
	}
	for i, cat := range c.Categories {
		row := []xcell{xstr(xmlText(cat), sNone)}
		for _, s := range c.Series {
			row = append(row, xnum(float64(s.Values[i]), sNone))
		}
		if err := x.addRow(0, row); err != nil {
			return err
		}
	}
	return x.endSheet(sheetTail{chart: &barChart{Title: model.SanitizeLine(c.Title), Categories: c.Categories, Series: c.Series}, chartAnchorC: len(c.Series) + 2, chartAnchorR: 1})
}
