package sheet

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"

	"convene/model"
)

// The signatures that tell a workbook from text: an .xlsx is a zip file;
// an encrypted (password-protected) .xlsx and an old .xls are OLE compound
// files.
var (
	zipMagic      = []byte("PK\x03\x04")
	zipEmptyMagic = []byte("PK\x05\x06")
	oleMagic      = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// workbookKind says whether data is a zip ("zip") or an OLE compound file
// ("ole"), or neither ("").
func workbookKind(data []byte) string {
	switch {
	case bytes.HasPrefix(data, zipMagic), bytes.HasPrefix(data, zipEmptyMagic):
		return "zip"
	case bytes.HasPrefix(data, oleMagic):
		return "ole"
	}
	return ""
}

// Bounds on a workbook, so that a zip bomb or a sheet of millions of cells
// is refused before it eats the laptop's memory: what it may unpack to, and
// how many cells a sheet may have (a 50,000-person roster with ten columns
// is half a million).
const xlsxLimit = 256 << 20

var maxCells = 2_000_000 // a variable for the test

// vmerge is a cell merged down a column: the value of its top cell shows in
// every row it spans.
type vmerge struct {
	col, top, bottom int // column index (0-based), first and last row (1-based)
	value            string
}

// readWorkbook reads every non-empty row of one sheet of an Excel workbook.
func readWorkbook(data []byte, kind string, o Options) (t *Table, err error) {
	if kind == "ole" {
		if bytes.Contains(data, oleName("EncryptedPackage")) || bytes.Contains(data, oleName("EncryptionInfo")) {
			return nil, failf("the Excel workbook is protected with a password: open it in Excel, remove the password (File → Info → Protect Workbook → Encrypt with Password, empty) and save it again, or save it as CSV")
		}
		return nil, failf("this is an old Excel 97–2003 workbook (.xls) or another Office document: open it in Excel or LibreOffice and save it as .xlsx or as CSV")
	}
	if bytes.Contains(data[:min(len(data), 128)], []byte("application/vnd.oasis.opendocument")) {
		return nil, failf("this is an OpenDocument file (.ods): open it in LibreOffice and save it as .xlsx or as CSV")
	}
	defer func() {
		// excelize is well kept, but a damaged file must not take the app down
		if r := recover(); r != nil {
			t, err = nil, failf("the Excel workbook is damaged and cannot be read")
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: xlsxLimit, UnzipXMLSizeLimit: xlsxLimit,
		ShortDatePattern: "dd.mm.yyyy", LongTimePattern: "hh:mm:ss",
	})
	if err != nil {
		return nil, failf("the file is not a readable Excel workbook (.xlsx): %s", model.SanitizeLine(err.Error()))
	}
	defer f.Close()
	name, err := pickSheet(f, o.Sheet)
	if err != nil {
		return nil, err
	}
	t = &Table{Format: FormatExcel, Sheet: name}
	shown, err := sheetRows(f, name)
	if err != nil {
		return nil, err
	}
	// Reading the merged cells reads the whole sheet at once, which also
	// catches malformed XML where the stream above may have stopped short.
	merges, err := f.GetMergeCells(name)
	if err != nil {
		return nil, failf("sheet “%s” is damaged: %s", model.SanitizeLine(name), model.SanitizeLine(err.Error()))
	}
	for i, row := range shown {
		for j, v := range row {
			switch {
			case v == "":
				// a formula whose result was never saved (files written by
				// scripts): excelize does not calculate, so the cell would
				// read as empty
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if fx, err := f.GetCellFormula(name, cell); err == nil && fx != "" {
					return nil, failf("cell %s: a formula (=%s) whose result is not saved in the file: open it in Excel or LibreOffice and save it again", cell, model.Truncate(model.SanitizeLine(fx), 40))
				}
			case shownTime.MatchString(strings.TrimSpace(v)):
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				raw, err := f.GetCellValue(name, cell, excelize.Options{RawCellValue: true})
				if err == nil {
					row[j] = cellText(v, raw)
				}
			}
		}
		if !emptyRecord(row) {
			t.Rows = append(t.Rows, Row{Line: i + 1, Fields: row})
		}
	}
	if len(t.Rows) == 0 {
		others := otherSheets(f, name)
		if others == "" {
			return nil, failf("sheet “%s” is empty", model.SanitizeLine(name))
		}
		return nil, failf("sheet “%s” is empty; choose another with --sheet: %s", model.SanitizeLine(name), others)
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		_, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 == nil && err2 == nil && r2 > r1 {
			t.merges = append(t.merges, vmerge{col: c1 - 1, top: r1, bottom: r2, value: cellText(m.GetCellValue(), "")})
		}
	}
	return t, nil
}

// sheetRows reads a sheet's rows as shown (index i is row i+1); unlike
// excelize's GetRows it does not stop quietly at a bad cell.
func sheetRows(f *excelize.File, name string) ([][]string, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, failf("sheet “%s” cannot be read: %s", model.SanitizeLine(name), model.SanitizeLine(err.Error()))
	}
	var out [][]string
	cells := 0
	for n := 1; rows.Next(); n++ {
		row, err := rows.Columns()
		if err != nil {
			rows.Close()
			return nil, failf("row %d: %s", num(n), model.SanitizeLine(err.Error()))
		}
		if cells += len(row); cells > maxCells {
			rows.Close()
			return nil, failf("sheet “%s” has more than %d cells, far more than a roster or an agenda: is it the right sheet?", model.SanitizeLine(name), maxCells)
		}
		if len(row) > 0 {
			for len(out) < n-1 {
				out = append(out, nil)
			}
			out = append(out, row)
		}
	}
	if err := rows.Close(); err != nil {
		return nil, failf("sheet “%s” cannot be read: %s", model.SanitizeLine(name), model.SanitizeLine(err.Error()))
	}
	return out, nil
}

// pickSheet finds the sheet to read: the one named (exactly, else in any
// case), or the first visible one.
func pickSheet(f *excelize.File, want string) (string, error) {
	list := f.GetSheetList()
	if len(list) == 0 {
		return "", failf("the Excel workbook has no sheets")
	}
	if want == "" {
		for _, s := range list {
			if v, err := f.GetSheetVisible(s); err == nil && v {
				return s, nil
			}
		}
		return list[0], nil
	}
	for _, s := range list {
		if s == want {
			return s, nil
		}
	}
	for _, s := range list {
		if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(want)) {
			return s, nil
		}
	}
	return "", failf("the workbook has no sheet “%s”; its sheets: %s", model.SanitizeLine(want), quoteList(list))
}

func otherSheets(f *excelize.File, name string) string {
	var others []string
	for _, s := range f.GetSheetList() {
		if s != name {
			others = append(others, s)
		}
	}
	return quoteList(others)
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "“" + model.SanitizeLine(n) + "”"
	}
	return strings.Join(q, ", ")
}

// shownTime is how excelize shows a time of day: 9:00, 09:00:00, 9:00 AM.
var shownTime = regexp.MustCompile(`^\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp]\.?\s*[Mm]\.?)?$`)

// cellText is a cell as the user sees it in Excel (excelize applies the
// number format: dates, thousands separators, phone masks; numbers in the
// General format keep all their digits), except that a time of day is
// always written HH:MM (24-hour), whatever its format.
func cellText(shown, raw string) string {
	if shown == raw || !shownTime.MatchString(strings.TrimSpace(shown)) {
		return shown
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || v < 0 || v >= 1 {
		return shown
	}
	m := min(int(math.Round(v*24*60)), 23*60+59)
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

func oleName(s string) []byte {
	b, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	return b
}

// fillMerges writes the value of a cell merged down a column into each data
// row it spans (an organisation merged over the rows of its five people
// belongs to each of them). Merges in or above the header are left alone.
func (t *Table) fillMerges() {
	for _, m := range t.merges {
		if m.top <= t.HeaderLine || m.value == "" {
			continue
		}
		for i := range t.Rows {
			r := &t.Rows[i]
			if r.Line <= m.top || r.Line > m.bottom {
				continue
			}
			for len(r.Fields) <= m.col {
				r.Fields = append(r.Fields, "")
			}
			if strings.TrimSpace(r.Fields[m.col]) == "" {
				r.Fields[m.col] = m.value
			}
		}
	}
}
