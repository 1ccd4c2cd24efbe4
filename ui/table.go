package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// column describes one column of a table: a fixed width, or a share of
// what the fixed columns leave (flex), aligned left or right; a column
// with minWidth is shown only when the table is at least that wide.
type column struct {
	title    string
	width    int // fixed width (0 with flex > 0: a share of the rest)
	flex     int // share of the remaining width
	right    bool
	minWidth int // hide below this table width
}

// table is the one table renderer: every list (agenda, check-in, topics,
// duplicates, sessions) lays out its columns with it and draws its header
// and rows through it. Rows are drawn cell by cell with fit (a fast path
// for Latin and Cyrillic text) and painted with pre-rendered escape codes,
// because the check-in list is redrawn on every keystroke.
type table struct {
	cols   []column
	widths []int // laid-out width of each column (0: hidden)
	width  int
}

func newTable(cols ...column) *table { return &table{cols: cols} }

// layout fits the columns into width cells (one space between columns).
func (t *table) layout(width int) {
	if width == t.width && t.widths != nil {
		return
	}
	t.width = width
	t.widths = make([]int, len(t.cols))
	fixed, flex, shown := 0, 0, 0
	for _, c := range t.cols {
		if c.minWidth > width {
			continue
		}
		shown++
		fixed += c.width
		flex += c.flex
	}
	rest := max(10, width-fixed-max(0, shown-1))
	left := rest
	last := -1
	for i, c := range t.cols {
		if c.minWidth > width {
			continue
		}
		t.widths[i] = c.width
		if c.flex > 0 {
			t.widths[i] = rest * c.flex / flex
			left -= t.widths[i]
			last = i
		}
	}
	if last >= 0 {
		t.widths[last] += left // rounding goes to the last flexible column
	}
}

// fitWords sets column i's width to its longest word in the window's
// language (a kind, a state), between lo and hi cells, and lays the table
// out again at width.
func (t *table) fitWords(c *Common, i, lo, hi int, words []string) {
	w := lipgloss.Width(c.W(t.cols[i].title))
	for _, s := range words {
		w = max(w, lipgloss.Width(c.W(s)))
	}
	t.cols[i].width = min(hi, max(lo, w))
	t.widths = nil
}

// header is the header row, translated by tr.
func (t *table) header(tr func(string) string) string {
	cells := make([]string, len(t.cols))
	for i, c := range t.cols {
		cells[i] = tr(c.title)
	}
	return t.row(cells)
}

// row draws one row of cells (one per column; hidden columns' cells are
// ignored), exactly the table's width.
func (t *table) row(cells []string) string {
	var b strings.Builder
	b.Grow(t.width + 16)
	t.writeRow(&b, cells, Paint{})
	return b.String()
}

// writeRow writes a row (as row draws it) painted with p into b, without
// building it apart first: the check-in list draws up to a hundred on every
// keystroke.
func (t *table) writeRow(b *strings.Builder, cells []string, p Paint) {
	b.WriteString(p.pre)
	if t.overflows() { // columns at their least are wider than the table: cut the row
		var r strings.Builder
		t.writeCells(&r, cells)
		b.WriteString(fit(r.String(), t.width))
	} else {
		t.writeCells(b, cells)
	}
	b.WriteString(p.post)
}

// overflows reports whether the laid-out columns are wider than the table.
func (t *table) overflows() bool {
	n, shown := 0, 0
	for _, w := range t.widths {
		if w > 0 {
			n += w
			shown++
		}
	}
	return n+max(0, shown-1) > t.width
}

// writeCells writes the cells, each fitted to its column, padded to the
// table's width.
func (t *table) writeCells(b *strings.Builder, cells []string) {
	first, n := true, 0
	for i, c := range t.cols {
		w := t.widths[i]
		if w == 0 {
			continue
		}
		if !first {
			b.WriteByte(' ')
			n++
		}
		first = false
		if c.right {
			b.WriteString(fitRight(cells[i], w))
		} else {
			b.WriteString(fit(cells[i], w))
		}
		n += w
	}
	if n < t.width {
		b.WriteString(strings.Repeat(" ", t.width-n))
	}
}
