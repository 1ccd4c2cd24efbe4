package sheet

import (
	"strings"

	"convene/model"
)

// columnKey is how a header is compared: folded (any script, any case) with
// spaces and punctuation removed, so "E-mail", "Email" and "EMAIL" agree and
// «ФИО» matches "fio".
func columnKey(h string) string { return strings.ReplaceAll(model.Fold(h), " ", "") }

// Columns maps the header of a table to named fields using aliases (English
// and Russian). Unknown columns are listed in Ignored; a field named twice
// is an error.
type Columns struct {
	Index   map[string]int // field -> column
	Ignored []string
}

// MatchColumns finds each field's column. aliases maps a field name to the
// headers that mean it.
func MatchColumns(header []string, aliases map[string][]string) (Columns, error) {
	byKey := map[string]string{}
	for field, names := range aliases {
		for _, n := range names {
			byKey[columnKey(n)] = field
		}
	}
	c := Columns{Index: map[string]int{}}
	for i, h := range header {
		h = Unguard(strings.TrimSpace(h))
		field, ok := byKey[columnKey(h)]
		if !ok {
			if h != "" {
				c.Ignored = append(c.Ignored, model.SanitizeLine(h))
			}
			continue
		}
		if j, dup := c.Index[field]; dup {
			return c, failf("columns %d (%q) and %d (%q) both give the %s",
				num(j+1), model.SanitizeLine(header[j]), num(i+1), model.SanitizeLine(h), field)
		}
		c.Index[field] = i
	}
	return c, nil
}

// Get returns the row's value for a field ("" if the column is absent).
func (c Columns) Get(r Row, field string) string {
	i, ok := c.Index[field]
	if !ok {
		return ""
	}
	return r.Field(i)
}

// Has reports whether the field has a column.
func (c Columns) Has(field string) bool {
	_, ok := c.Index[field]
	return ok
}
