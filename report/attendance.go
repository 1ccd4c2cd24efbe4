package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"

	"convene/model"
)

// WriteAttendance writes the attendance table as CSV with a UTF-8 BOM.
func WriteAttendance(w io.Writer, delim rune, sessions []model.Session, rows []model.AttendanceRow) error {
	if _, err := w.Write([]byte{0xEF, 0xBB, 0xBF}); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = delim
	cw.UseCRLF = true
	head := []string{"Name", "Organisation", "Position", "Category", "Gender", "Phone", "Email"}
	for _, s := range sessions {
		t := model.SanitizeLine(s.Title)
		head = append(head, t+": checked in", t+": time")
	}
	cw.Write(head) // checked by Flush/Error
	for _, r := range rows {
		p := r.P
		rec := []string{CSVCell(p.FullName), CSVCell(p.Organisation), CSVCell(p.Position), CSVCell(p.Category), p.Gender.Label(), CSVCell(p.Phone), CSVCell(p.Email)}
		for _, at := range r.At {
			if at.IsZero() {
				rec = append(rec, "no", "")
			} else {
				rec = append(rec, "yes", at.Local().Format("2006-01-02 15:04"))
			}
		}
		cw.Write(rec) // checked by Flush/Error
	}
	cw.Flush()
	return cw.Error()
}

// WriteAttendanceSummary writes, per session, the registered and checked-in
// counts by category and by gender.
func WriteAttendanceSummary(w io.Writer, delim rune, sessions []model.Session, rows []model.AttendanceRow) error {
	if _, err := w.Write([]byte{0xEF, 0xBB, 0xBF}); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = delim
	cw.UseCRLF = true
	cw.Write([]string{"Session", "Group", "Value", "Registered", "Checked in", "Female", "Male", "Not stated"})
	for si, s := range sessions {
		type count struct{ reg, here, f, m, n int }
		byCat := map[string]*count{}
		total := &count{}
		for _, r := range rows {
			cat := r.P.Category
			if cat == "" {
				cat = "(none)"
			}
			c := byCat[cat]
			if c == nil {
				c = &count{}
				byCat[cat] = c
			}
			for _, x := range []*count{c, total} {
				x.reg++
				if !r.At[si].IsZero() {
					x.here++
					switch r.P.Gender {
					case model.GenderFemale:
						x.f++
					case model.GenderMale:
						x.m++
					default:
						x.n++
					}
				}
			}
		}
		title := model.SanitizeLine(s.Title)
		row := func(group, value string, c *count) {
			cw.Write([]string{title, group, CSVCell(value), fmt.Sprint(c.reg), fmt.Sprint(c.here), fmt.Sprint(c.f), fmt.Sprint(c.m), fmt.Sprint(c.n)})
		}
		cats := make([]string, 0, len(byCat))
		for c := range byCat {
			cats = append(cats, c)
		}
		sort.Strings(cats)
		for _, c := range cats {
			row("category", c, byCat[c])
		}
		row("total", "all", total)
	}
	cw.Flush()
	return cw.Error()
}
