// Package sheet reads the spreadsheets that rosters and agendas arrive as:
// Excel workbooks (.xlsx) and CSV saved by Excel or Google Sheets in UTF-8
// (with or without a BOM), UTF-16 (with or without a BOM) or Windows-1251,
// with comma, semicolon or tab delimiters, quoted fields with embedded
// newlines and CRLF line ends. The format is chosen by content, not by the
// file's name. Parsing works on bytes (only ReadRosterFile, ReadAgendaFile
// and ReadLimited touch the disk), and every problem is an error that says
// what is wrong and where; a file is never read silently wrong.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	uni "golang.org/x/text/encoding/unicode"
)

// ErrNotATable is wrapped by every error for input that cannot be read as a
// table.
//
//i18n:key
var ErrNotATable = errors.New("not a spreadsheet (CSV or Excel) file")

// Formats of a Table.
const (
	FormatCSV   = "CSV"
	FormatExcel = "Excel"
)

// Options choose what to read from a file.
type Options struct {
	// Sheet names the worksheet of an Excel workbook to read; empty means
	// the first visible sheet. Giving it for a CSV file is an error.
	Sheet string
}

// Table is a decoded sheet: a header row and data rows.
type Table struct {
	Format     string // FormatCSV or FormatExcel
	Encoding   string // CSV: "UTF-8", "UTF-8 with BOM", "UTF-16", "UTF-16LE (no BOM)", "UTF-16BE (no BOM)", "Windows-1251"
	Delimiter  rune   // CSV only
	Sheet      string // Excel only: the worksheet read
	Header     []string
	HeaderLine int // the line (CSV) or row (Excel) of the header
	Above      int // non-empty rows above the header (a title), skipped
	Rows       []Row
	merges     []vmerge // Excel: cells merged down a column, filled below the header
}

// Row is a data row with the line (CSV) or row (Excel) it starts on in the
// file (1-based).
type Row struct {
	Line   int
	Fields []string
}

// MaxSize is the largest file Read accepts (64 MiB).
const MaxSize = 64 << 20

// headerSearch is how many non-empty rows at the top may be a title above
// the header.
const headerSearch = 10

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode turns a text file's bytes into UTF-8 text and names the encoding.
// A file whose lines disagree on the encoding (some UTF-8, some
// Windows-1251) is refused, naming the first line that does not fit.
func Decode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		rest := data[len(bomUTF8):]
		if !utf8.Valid(rest) {
			n := firstInvalidUTF8Line(data)
			return "", "", failf("line %d is not UTF-8 although the file starts with the UTF-8 mark (BOM); it looks like Windows-1251: the file mixes two text encodings. Save it again as “CSV UTF-8”", num(n))
		}
		return string(rest), "UTF-8 with BOM", nil
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		dec := uni.UTF16(uni.LittleEndian, uni.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", "", failf("bad UTF-16 text")
		}
		return string(out), "UTF-16", nil
	}
	if text, enc, ok := sniffUTF16(data); ok {
		return text, enc, nil
	}
	if looksBinary(data) {
		return "", "", failf("the file is binary, not text")
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	if err := sameEncodingEverywhere(data); err != nil {
		return "", "", err
	}
	out, err := charmap.Windows1251.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", failf("unknown text encoding")
	}
	return string(out), "Windows-1251", nil
}

// sameEncodingEverywhere checks a file that is not valid UTF-8 as a whole:
// each line with non-ASCII bytes is either valid UTF-8 or (then) read as
// Windows-1251, and all such lines must agree with the first one.
func sameEncodingEverywhere(data []byte) error {
	firstUTF8, firstCP := 0, 0
	for n, line := range bytes.Split(data, []byte{'\n'}) {
		if isASCII(line) {
			continue
		}
		if utf8.Valid(line) {
			if firstUTF8 == 0 {
				firstUTF8 = n + 1
			}
		} else if firstCP == 0 {
			firstCP = n + 1
		}
		if firstUTF8 != 0 && firstCP != 0 {
			break
		}
	}
	switch {
	case firstUTF8 == 0 || firstCP == 0:
		return nil
	case firstUTF8 < firstCP:
		return failf("line %d is not UTF-8 like line %d before it (it looks like Windows-1251): the file mixes two text encodings. Save it again as “CSV UTF-8”", num(firstCP), num(firstUTF8))
	default:
		return failf("line %d is UTF-8 but line %d before it is Windows-1251: the file mixes two text encodings. Save it again as “CSV UTF-8”", num(firstUTF8), num(firstCP))
	}
}

func firstInvalidUTF8Line(data []byte) int {
	for n, line := range bytes.Split(data, []byte{'\n'}) {
		if !utf8.Valid(line) {
			return n + 1
		}
	}
	return 0
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// sniffUTF16 recognises UTF-16 text without a byte-order mark (Excel's
// "Unicode text" always has one; other tools may not): in Latin, Cyrillic
// and common punctuation every other byte is 0x00, 0x04, 0x20 or 0x21, and
// the whole file must then decode to printable text.
func sniffUTF16(data []byte) (string, string, bool) {
	if len(data) < 4 || len(data)%2 != 0 {
		return "", "", false
	}
	head := data[:min(len(data), 8192)]
	pairs := len(head) / 2
	score := func(hi, lo int) bool {
		inRange, zeroHigh, zeroLow := 0, 0, 0
		for i := 0; i+1 < len(head); i += 2 {
			switch head[i+hi] {
			case 0x00:
				zeroHigh++
				inRange++
			case 0x04, 0x20, 0x21:
				inRange++
			}
			if head[i+lo] == 0 {
				zeroLow++
			}
		}
		return inRange*20 >= pairs*19 && zeroHigh > 0 && zeroLow*100 <= pairs
	}
	var order uni.Endianness
	var name string
	switch {
	case score(1, 0):
		order, name = uni.LittleEndian, "UTF-16LE (no BOM)"
	case score(0, 1):
		order, name = uni.BigEndian, "UTF-16BE (no BOM)"
	default:
		return "", "", false
	}
	out, err := uni.UTF16(order, uni.IgnoreBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", "", false
	}
	for _, r := range string(out) {
		switch {
		case r == '\t', r == '\n', r == '\r', r == '\f':
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cs, r), unicode.Is(unicode.Co, r):
			return "", "", false
		}
	}
	return string(out), name, true
}

// looksBinary spots images, archives and other non-text files: NUL bytes or
// many control bytes near the start.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	ctl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x0c:
			ctl++
		}
	}
	return ctl > 16 && ctl*10 > len(head)
}

// detectDelimiter picks the delimiter that appears most often outside
// quotes in the first non-empty line (comma on a tie). A title line above
// the header, as Excel saves it, carries the delimiters of the empty cells
// beside it ("Список участников;;;").
func detectDelimiter(text string) rune {
	counts := map[rune]int{}
	inQ := false
	text = strings.TrimLeft(text, "\r\n")
	for _, r := range text {
		if r == '"' {
			inQ = !inQ
			continue
		}
		if inQ {
			continue
		}
		if r == '\n' {
			break
		}
		if r == ',' || r == ';' || r == '\t' {
			counts[r]++
		}
	}
	best, n := ',', counts[',']
	for _, r := range []rune{';', '\t'} {
		if counts[r] > n {
			best, n = r, counts[r]
		}
	}
	return best
}

// checkQuotes finds what would make a CSV reader swallow the rest of the
// file into one cell: a quoted field that is never closed, or a quote inside
// a quoted field that is neither doubled nor the closing one. It follows
// encoding/csv's rules for quoted fields (a field is quoted when it starts
// with "); a quote inside an unquoted field (ОО "Рога") is plain text.
func checkQuotes(text string, comma byte) error {
	line := 1
	start := true // at the start of a field
	for i := 0; i < len(text); {
		c := text[i]
		if !start || c != '"' {
			start = c == comma || c == '\n'
			if c == '\n' {
				line++
			}
			i++
			continue
		}
		open := line
		i++
		for {
			if i >= len(text) {
				return failf("line %d: a quoted field starts here and is never closed (a \" is missing), so the rest of the file would be read as one cell", num(open))
			}
			switch text[i] {
			case '\n':
				line++
				i++
				continue
			case '"':
			default:
				i++
				continue
			}
			if i+1 < len(text) && text[i+1] == '"' {
				i += 2
				continue
			}
			j := i + 1
			switch {
			case j == len(text), text[j] == comma:
				i, start = j+1, true
			case text[j] == '\n':
				i, start = j+1, true
				line++
			case text[j] == '\r' && (j+1 == len(text) || text[j+1] == '\n'):
				i, start = j+2, true
				line++
			default:
				if open == line {
					return failf("line %d: a \" inside a quoted field must be written twice (\"\"), or the quotes do not match", num(line))
				}
				return failf("line %d: a \" inside the quoted field that starts on line %d must be written twice (\"\"), or the quotes do not match", num(line), num(open))
			}
			break
		}
	}
	return nil
}

// readRows reads every non-empty row of the file, the header among them.
func readRows(data []byte, o Options) (*Table, error) {
	if len(data) > MaxSize {
		return nil, failf("the file is larger than %d MiB", MaxSize>>20)
	}
	if kind := workbookKind(data); kind != "" {
		return readWorkbook(data, kind, o)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bomUTF8))) == 0 {
		return nil, failf("the file is empty")
	}
	text, enc, err := Decode(data)
	if err != nil {
		return nil, err
	}
	if o.Sheet != "" {
		return nil, failf("this is a CSV file (%s), not an Excel workbook: it has no sheets to choose from", enc)
	}
	t := &Table{Format: FormatCSV, Encoding: enc, Delimiter: detectDelimiter(text)}
	if err := checkQuotes(text, byte(t.Delimiter)); err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = t.Delimiter
	r.FieldsPerRecord = -1
	r.LazyQuotes = true // checkQuotes has refused what it would swallow; bare quotes in unquoted fields stay text
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, failf("line %d: %v", num(pe.Line), pe.Err)
			}
			return nil, failf("%v", err)
		}
		line, _ := r.FieldPos(0)
		if !emptyRecord(rec) {
			t.Rows = append(t.Rows, Row{Line: line, Fields: rec})
		}
	}
	if len(t.Rows) == 0 {
		return nil, failf("no header row")
	}
	return t, nil
}

func emptyRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// findHeader takes as the header the first of the top rows whose columns
// satisfy ok (a title above the header is skipped); the rows after it are
// the data. When no row fits, the error is about the first row: a column
// named twice, or missing.
func (t *Table) findHeader(aliases map[string][]string, ok func(Columns) bool, missing error) (Columns, error) {
	var firstErr error
	for i := 0; i < len(t.Rows) && i < headerSearch; i++ {
		cols, err := MatchColumns(t.Rows[i].Fields, aliases)
		if err == nil && ok(cols) {
			t.Header, t.HeaderLine, t.Above = t.Rows[i].Fields, t.Rows[i].Line, i
			t.Rows = t.Rows[i+1:]
			t.fillMerges()
			return cols, nil
		}
		if i == 0 {
			firstErr = err
		}
	}
	if firstErr != nil {
		return Columns{}, firstErr
	}
	return Columns{}, missing
}

// Field returns the row's value in column i, trimmed and without a formula
// guard ("" if missing).
func (r Row) Field(i int) string {
	if i < 0 || i >= len(r.Fields) {
		return ""
	}
	return Unguard(strings.TrimSpace(r.Fields[i]))
}

// Unguard removes the apostrophe that spreadsheet exports (convene's own
// among them) put before a cell starting with =, +, - or @ so that it is
// not run as a formula: "'+7 705 111 22 33" reads as "+7 705 111 22 33".
func Unguard(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte("=+-@", s[1]) >= 0 {
		return s[1:]
	}
	return s
}
