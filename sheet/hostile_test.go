package sheet

import (
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"convene/i18n"
	"convene/model"
)

var testPrinter = i18n.New("en")

func testImport(added int) model.ImportReport { return model.ImportReport{Added: added} }

func utf16NoBOM(t *testing.T, order unicode.Endianness, s string) []byte {
	t.Helper()
	b, err := unicode.UTF16(order, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mixedEncodings is a roster whose first data line is UTF-8 and whose later
// lines are Windows-1251 (a file assembled from two sources).
func mixedEncodings(t *testing.T) []byte {
	return append([]byte("ФИО;Организация\nАлия Нурланова;Суд\n"), cp1251(t, "Ерлан Сейтказиев;Прокуратура\nБолат Ахметов;Акимат\n")...)
}

// hostile holds inputs that once were read silently wrong (or refused with
// the wrong reason). Each must now be an error that names the line and the
// cause, wrapping ErrNotATable.
func hostile(t *testing.T) []struct {
	name string
	data []byte
	frag []string
} {
	return []struct {
		name string
		data []byte
		frag []string
	}{
		{"unclosed quote", []byte("Full name,Organization\n\"Unclosed quote,org\nBob,org\n"), []string{"line 2:", "never closed"}},
		{"unclosed quote after CRLF rows", []byte("Name;Org\r\nAnn;A\r\nBob;\"B\r\nCat;C\r\n"), []string{"line 3:", "never closed"}},
		{"stray quote in a quoted field", []byte("Name,Org\n\"Ann \"the boss\" Lee\",x\nBob,y\n"), []string{"line 2:", "written twice"}},
		{"stray quote in a multi-line field", []byte("Name,Notes\nAnn,\"one\ntwo \"x\" three\"\nBob,y\n"), []string{"line 3:", "starts on line 2"}},
		{"UTF-8 then Windows-1251", mixedEncodings(t), []string{"line 3 is not UTF-8 like line 1", "mixes two text encodings"}},
		{"Windows-1251 then UTF-8", append(cp1251(t, "ФИО;Пол\nЕрлан Сейтказиев;М\n"), "Алия Нурланова;Ж\n"...), []string{"line 3 is UTF-8 but line 1", "mixes two text encodings"}},
		{"UTF-8 BOM then Windows-1251", append([]byte("\xEF\xBB\xBFФИО\nАлия\n"), cp1251(t, "Ерлан\n")...), []string{"line 3 is not UTF-8", "BOM"}},
	}
}

func TestHostileInputsAreClearErrors(t *testing.T) {
	for _, tt := range hostile(t) {
		t.Run(tt.name, func(t *testing.T) {
			for _, parse := range []func([]byte) error{
				func(b []byte) error { _, err := ParseRoster(b, Options{}); return err },
				func(b []byte) error { _, err := ParseAgenda(b, Options{}); return err },
			} {
				err := parse(tt.data)
				if err == nil || !errors.Is(err, ErrNotATable) {
					t.Fatalf("err = %v, want an ErrNotATable", err)
				}
				for _, f := range tt.frag {
					if !strings.Contains(err.Error(), f) {
						t.Errorf("err = %q, want %q in it", err, f)
					}
				}
			}
		})
	}
	if _, err := ParseRoster([]byte("Name\nAnn\n"), Options{Sheet: "Лист1"}); err == nil || !strings.Contains(err.Error(), "no sheets") {
		t.Errorf("--sheet on a CSV: %v", err)
	}
}

func TestQuotesThatAreFine(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string // name|organisation per person
	}{
		{"quote inside an unquoted field", "ФИО;Организация\nАлия;ОО \"Рога и копыта\"\nБолат;Суд\n", []string{"Алия|ОО \"Рога и копыта\"", "Болат|Суд"}},
		{"doubled quotes", "Name,Org\n\"Ann \"\"the boss\"\" Lee\",x\n", []string{"Ann \"the boss\" Lee|x"}},
		{"quoted delimiter and newline", "Name,Org\n\"Lee, Ann\",\"A\nB\"\r\nBob,\"\"\r\n", []string{"Lee, Ann|A B", "Bob|"}},
		{"quoted last field without newline", "Name,Org\nAnn,\"x\"", []string{"Ann|x"}},
		{"quoted field before CRLF", "Name,Org\r\n\"Ann\",\"x\"\r\n", []string{"Ann|x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseRoster([]byte(tt.data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range r.People {
				got = append(got, p.FullName+"|"+p.Organisation)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEncodings(t *testing.T) {
	const text = "ФИО;Организация;Телефон\r\nҰлжан Сейтказиева;Суд;+7 701 111 22 33\r\nErlan Nurlanov;«Әділет» – НПО;8 702\r\n"
	be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	tests := []struct {
		name string
		data []byte
		enc  string
	}{
		{"UTF-16LE without BOM", utf16NoBOM(t, unicode.LittleEndian, text), "UTF-16LE (no BOM)"},
		{"UTF-16BE without BOM", utf16NoBOM(t, unicode.BigEndian, text), "UTF-16BE (no BOM)"},
		{"UTF-16BE with BOM", be, "UTF-16"},
		{"UTF-16LE with BOM", utf16le(t, text), "UTF-16"},
		{"Cyrillic only UTF-16LE without BOM", utf16NoBOM(t, unicode.LittleEndian, "ФИО\nҰлжан Сейтказиева\nЕрлан Нурланов\n"), "UTF-16LE (no BOM)"},
		{"Windows-1251 with ASCII lines", cp1251(t, "Name;Org\nAnn Lee;Court\nЕрлан Нурланов;Суд\n"), "Windows-1251"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseRoster(tt.data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Encoding != tt.enc {
				t.Errorf("encoding %q, want %q", r.Encoding, tt.enc)
			}
			if len(r.People) != 2 || (!strings.Contains(r.People[0].FullName, "Ұлжан") && !strings.Contains(r.People[0].FullName, "Ann")) {
				t.Errorf("people = %+v", r.People)
			}
		})
	}
	// binary files with NUL bytes are still binary, not UTF-16
	for _, bin := range [][]byte{
		[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"),
		{0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00},
		[]byte("A\x00B\x00C\x00\x00\x00"), // a NUL character inside
	} {
		if _, err := ParseRoster(bin, Options{}); err == nil || !strings.Contains(err.Error(), "binary") {
			t.Errorf("%q: err = %v, want binary", bin, err)
		}
	}
}

func TestFormulaGuardRemoved(t *testing.T) {
	// convene's own export writes these cells with a leading '
	r, err := ParseRoster([]byte("\xEF\xBB\xBFName,Organisation,Phone,Notes\r\n'-Dash,'=HYPERLINK(x),'+7 705 111 22 33,'@home\r\nO'Brien,'plain,8 705,x\r\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := r.People[0]
	if p.FullName != "-Dash" || p.Organisation != "=HYPERLINK(x)" || p.Phone != "+7 705 111 22 33" || p.Notes != "@home" {
		t.Errorf("guard kept: %+v", p)
	}
	if q := r.People[1]; q.FullName != "O'Brien" || q.Organisation != "'plain" {
		t.Errorf("an apostrophe that is not a guard was removed: %+v", q)
	}
}

func TestTitleAboveHeader(t *testing.T) {
	data := "Список участников семинара;;\r\n1–2 декабря 2026, Тараз;;\r\n;;\r\n№;ФИО;Организация\r\n1;Алия Нурланова;Суд\r\n"
	r, err := ParseRoster([]byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.HeaderLine != 4 || r.Above != 2 || len(r.People) != 1 || r.People[0].FullName != "Алия Нурланова" || r.Lines[0] != 5 {
		t.Errorf("header line %d, above %d, people %+v lines %v", r.HeaderLine, r.Above, r.People, r.Lines)
	}
	if rep := r.Report(testPrinter, testImport(1), 5); !strings.Contains(rep, "The header is on line 4; 2 lines above it (a title) were skipped.") {
		t.Errorf("report:\n%s", rep)
	}
}

func TestExcelScientificPhoneRejected(t *testing.T) {
	r, err := ParseRoster([]byte("Name,Phone\nAnn,7.70512E+10\nBob,+7 705 111 22 33\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.People) != 1 || len(r.Rejected) != 1 || r.Rejected[0].Line != 2 || !strings.Contains(r.Rejected[0].Reason.String(), "scientific notation") {
		t.Errorf("people %+v rejected %+v", r.People, r.Rejected)
	}
}

// hostileSeeds are the repros of the table above as fuzz seeds (also kept in
// testdata/fuzz as files).
func hostileSeeds() [][]byte {
	win := func(s string) []byte { b, _ := charmap.Windows1251.NewEncoder().Bytes([]byte(s)); return b }
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte("ФИО;Организация\r\nҰлжан;Суд\r\n"))
	be, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte("Name,Org\nAnn,Court\n"))
	return [][]byte{
		[]byte("Full name,Organization\n\"Unclosed quote,org\nBob,org\n"),
		[]byte("Name,Org\n\"Ann \"the boss\" Lee\",x\nBob,y\n"),
		append([]byte("ФИО;Организация\nАлия Нурланова;Суд\n"), win("Ерлан Сейтказиев;Прокуратура\n")...),
		append(win("ФИО;Пол\nЕрлан;М\n"), "Алия;Ж\n"...),
		le, be,
		[]byte("\xEF\xBB\xBFName,Phone\r\n'-Dash,'+7 705 111 22 33\r\n"),
		[]byte("Список участников;;\n№;ФИО;Организация\n1;Алия;Суд\n"),
	}
}

func TestErrorTextKeepsWhatWrapsIt(t *testing.T) {
	_, err := ReadRosterFile(writeTemp(t, "Name\n\"open\n"), Options{})
	if err == nil {
		t.Fatal("accepted")
	}
	got := ErrorText(testPrinter, err)
	if got != err.Error() || !strings.HasSuffix(got, ": line 2: a quoted field starts here and is never closed (a \" is missing), so the rest of the file would be read as one cell") {
		t.Errorf("ErrorText = %q", got)
	}
	if plain := errors.New("x"); ErrorText(testPrinter, plain) != "x" {
		t.Error("a foreign error changed")
	}
}

func writeTemp(t *testing.T, data string) string {
	t.Helper()
	p := t.TempDir() + "/r.csv"
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
