// Package sheet reads the spreadsheets that rosters and agendas arrive as:
// CSV saved by Excel or Google Sheets in UTF-8 (with or without a BOM),
// UTF-16 or Windows-1251, with comma, semicolon or tab delimiters, quoted
// fields with embedded newlines and CRLF line ends. Parsing works on bytes
// (only ReadRosterFile and ReadLimited touch the disk), and every problem is
// an error that says what is wrong.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// ErrNotATable is returned for input that cannot be read as a table.
var ErrNotATable = errors.New("not a spreadsheet (CSV) file")

// Table is a decoded sheet: a header row and data rows.
type Table struct {
	Encoding  string // "UTF-8", "UTF-8 with BOM", "UTF-16", "Windows-1251"
	Delimiter rune
	Header    []string
	Rows      []Row
}

// Row is a data row with the line it starts on in the file (1-based).
type Row struct {
	Line   int
	Fields []string
}

// MaxSize is the largest file Read accepts (64 MiB).
const MaxSize = 64 << 20

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode turns the file's bytes into UTF-8 text and names the encoding.
func Decode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		data = data[len(bomUTF8):]
		if !utf8.Valid(data) {
			return "", "", fmt.Errorf("the file says it is UTF-8 but is not: %w", ErrNotATable)
		}
		return string(data), "UTF-8 with BOM", nil
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", "", fmt.Errorf("bad UTF-16 text: %w", ErrNotATable)
		}
		return string(out), "UTF-16", nil
	}
	if looksBinary(data) {
		return "", "", fmt.Errorf("the file is binary, not text: %w", ErrNotATable)
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	out, err := charmap.Windows1251.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("unknown text encoding: %w", ErrNotATable)
	}
	return string(out), "Windows-1251", nil
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
// quotes in the first line (comma on a tie).
func detectDelimiter(text string) rune {
	counts := map[rune]int{}
	inQ := false
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

// Read decodes and parses a CSV file. The first non-empty row is the header;
// empty rows are skipped.
func Read(data []byte) (*Table, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("the file is larger than %d MiB: %w", MaxSize>>20, ErrNotATable)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bomUTF8))) == 0 {
		return nil, fmt.Errorf("the file is empty: %w", ErrNotATable)
	}
	text, enc, err := Decode(data)
	if err != nil {
		return nil, err
	}
	trimmed := strings.TrimLeft(text, "\r\n")
	lineOffset := strings.Count(text[:len(text)-len(trimmed)], "\n") // blank lines before the header
	text = trimmed
	t := &Table{Encoding: enc, Delimiter: detectDelimiter(text)}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = t.Delimiter
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d: %v: %w", pe.Line+lineOffset, pe.Err, ErrNotATable)
			}
			return nil, fmt.Errorf("%v: %w", err, ErrNotATable)
		}
		line, _ := r.FieldPos(0)
		empty := true
		for _, f := range rec {
			if strings.TrimSpace(f) != "" {
				empty = false
				break
			}
		}
		if empty {
			continue
		}
		if t.Header == nil {
			t.Header = rec
			continue
		}
		t.Rows = append(t.Rows, Row{Line: line + lineOffset, Fields: rec})
	}
	if t.Header == nil {
		return nil, fmt.Errorf("no header row: %w", ErrNotATable)
	}
	return t, nil
}

// Field returns the row's value in column i, trimmed ("" if missing).
func (r Row) Field(i int) string {
	if i < 0 || i >= len(r.Fields) {
		return ""
	}
	return strings.TrimSpace(r.Fields[i])
}
