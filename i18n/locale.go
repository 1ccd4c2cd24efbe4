package i18n

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

// entry is one translation in a locale file: a plain string, or plural
// forms selected by argument arg (1-based).
type entry struct {
	text  string
	arg   int
	forms []form // in selection order: "=N" first, then zero…many, other last
}

// form is one plural case: its selector ("one", "=0", …) and its message.
type form struct {
	sel string
	msg entry
}

// pluralForms are the CLDR plural categories, in the order they are tried.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// empty reports a translation not written yet.
func (e entry) empty() bool { return e.arg == 0 && e.text == "" }

// catalogMessage turns the entry into what the catalog builder takes.
func (e entry) catalogMessage() catalog.Message {
	if e.arg == 0 {
		return catalog.String(e.text)
	}
	cases := make([]any, 0, 2*len(e.forms))
	for _, f := range e.forms {
		var m any = f.msg.text
		if f.msg.arg != 0 {
			m = f.msg.catalogMessage()
		}
		cases = append(cases, f.sel, m)
	}
	return plural.Selectf(e.arg, "%d", cases...)
}

// texts lists every text of the entry (one, or one per plural form).
func (e entry) texts() []string {
	if e.arg == 0 {
		return []string{e.text}
	}
	var out []string
	for _, f := range e.forms {
		out = append(out, f.msg.texts()...)
	}
	return out
}

// parseLocale reads a locale file: one JSON object from keys to entries. A
// key given twice is an error (encoding/json would keep the last quietly).
//
// It scans the file itself (a key and a string are found by their quotes,
// an object of plural forms by its braces), which is several times faster
// than encoding/json's tokens and counts at every start in Russian or
// Kazakh; anything it does not expect is read again by parseLocaleJSON,
// which says what is wrong.
func parseLocale(data []byte) (map[string]entry, error) {
	if out, ok := scanLocale(data); ok {
		return out, nil
	}
	return parseLocaleJSON(data)
}

// scanLocale is parseLocale's fast path; ok is false for anything but a
// well-formed file without duplicate keys.
func scanLocale(data []byte) (map[string]entry, bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, false
	}
	out := make(map[string]entry, bytes.Count(data, []byte("\n")))
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return out, skipSpace(data, i+1) == len(data)
	}
	for {
		k, next, ok := scanString(data, i)
		if !ok {
			return nil, false
		}
		i = skipSpace(data, next)
		if i >= len(data) || data[i] != ':' {
			return nil, false
		}
		i = skipSpace(data, i+1)
		if i >= len(data) {
			return nil, false
		}
		var e entry
		switch data[i] {
		case '"':
			s, next, ok := scanString(data, i)
			if !ok {
				return nil, false
			}
			e, i = entry{text: s}, next
		case '{':
			end, ok := objectEnd(data, i)
			if !ok {
				return nil, false
			}
			var err error
			if e, err = parseEntry(data[i:end]); err != nil {
				return nil, false
			}
			i = end
		default:
			return nil, false
		}
		if _, dup := out[k]; dup {
			return nil, false
		}
		out[k] = e
		i = skipSpace(data, i)
		if i >= len(data) {
			return nil, false
		}
		if data[i] == '}' {
			return out, skipSpace(data, i+1) == len(data)
		}
		if data[i] != ',' {
			return nil, false
		}
		i = skipSpace(data, i+1)
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t') {
		i++
	}
	return i
}

// scanString reads the JSON string that starts at data[i] (a quote) and
// returns it and the index after its closing quote.
func scanString(data []byte, i int) (string, int, bool) {
	if i >= len(data) || data[i] != '"' {
		return "", i, false
	}
	escaped := false
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			escaped = true
			j++ // the escaped character is never the closing quote
		case '"':
			if !escaped {
				return string(data[i+1 : j]), j + 1, true
			}
			var s string
			if err := json.Unmarshal(data[i:j+1], &s); err != nil {
				return "", i, false
			}
			return s, j + 1, true
		default:
			if data[j] < 0x20 {
				return "", i, false // a control character must be escaped
			}
		}
	}
	return "", i, false
}

// objectEnd finds the index after the object that starts at data[i],
// skipping what is inside its strings.
func objectEnd(data []byte, i int) (int, bool) {
	depth := 0
	for i < len(data) {
		switch data[i] {
		case '"':
			_, next, ok := scanString(data, i)
			if !ok {
				return 0, false
			}
			i = next
			continue
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
		i++
	}
	return 0, false
}

// parseLocaleJSON is parseLocale by encoding/json's tokens: slower, and
// precise about what is wrong.
func parseLocaleJSON(data []byte) (map[string]entry, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("a locale file is one JSON object of key: translation")
	}
	out := map[string]entry{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("%q: %w", k, err)
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("%q appears twice", k)
		}
		e, err := parseEntry(raw)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", k, err)
		}
		out[k] = e
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("text after the JSON object")
	}
	return out, nil
}

func parseEntry(raw json.RawMessage) (entry, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return entry{text: s}, err
	}
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return entry{}, errors.New("a translation is a string or an object of plural forms")
	}
	argRaw, ok := obj["plural"]
	if !ok {
		return entry{}, errors.New(`plural forms need "plural": the number of the argument that selects the form`)
	}
	arg, err := strconv.Atoi(string(argRaw))
	if err != nil || arg < 1 {
		return entry{}, fmt.Errorf(`"plural" is %s; want the 1-based number of an argument`, argRaw)
	}
	e := entry{arg: arg}
	var exact []string
	for sel := range obj {
		if sel == "plural" {
			continue
		}
		if strings.HasPrefix(sel, "=") {
			if _, err := strconv.Atoi(sel[1:]); err != nil {
				return entry{}, fmt.Errorf("%q is not a plural form (zero, one, two, few, many, other or =N)", sel)
			}
			exact = append(exact, sel)
			continue
		}
		if !isPluralForm(sel) {
			return entry{}, fmt.Errorf("%q is not a plural form (zero, one, two, few, many, other or =N)", sel)
		}
	}
	if _, ok := obj["other"]; !ok {
		return entry{}, errors.New(`plural forms need "other"`)
	}
	sort.Slice(exact, func(i, j int) bool {
		a, _ := strconv.Atoi(exact[i][1:])
		b, _ := strconv.Atoi(exact[j][1:])
		return a < b
	})
	for _, sel := range append(exact, pluralForms...) {
		raw, ok := obj[sel]
		if !ok {
			continue
		}
		m, err := parseEntry(raw)
		if err != nil {
			return entry{}, fmt.Errorf("%s: %w", sel, err)
		}
		e.forms = append(e.forms, form{sel, m})
	}
	return e, nil
}

func isPluralForm(s string) bool {
	for _, f := range pluralForms {
		if s == f {
			return true
		}
	}
	return false
}
