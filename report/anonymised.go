package report

import (
	"encoding/csv"
	"io"

	"convene/model"
)

// WriteAttendanceAnonymised writes attendance for sharing figures (rows
// from model.Anonymised): the pseudonym, category and gender of each person
// and their check-ins — no name, organisation, position or contacts. CSV
// with a UTF-8 BOM, like WriteAttendance.
func WriteAttendanceAnonymised(w io.Writer, delim rune, sessions []model.Session, rows []model.AttendanceRow) error {
	if _, err := w.Write([]byte{0xEF, 0xBB, 0xBF}); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = delim
	cw.UseCRLF = true
	head := []string{"Pseudonym", "Category", "Gender"}
	for _, s := range sessions {
		t := model.SanitizeLine(s.Title)
		head = append(head, t+": checked in", t+": time")
	}
	cw.Write(head) // its error is kept for cw.Error after Flush
	for _, r := range rows {
		rec := []string{model.PseudonymLabel(r.P.Pseudonym), CSVCell(r.P.Category), r.P.Gender.Label()}
		for _, at := range r.At {
			if at.IsZero() {
				rec = append(rec, "no", "")
			} else {
				rec = append(rec, "yes", at.Local().Format("2006-01-02 15:04"))
			}
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}
