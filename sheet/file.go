package sheet

import (
	"fmt"
	"io"
	"os"
	"strings"

	"convene/i18n"
	"convene/model"
)

// ReadRosterFile reads and parses a roster file (CSV or .xlsx, by content;
// at most MaxSize bytes).
func ReadRosterFile(path string, o Options) (*Roster, error) {
	data, err := ReadLimited(path)
	if err != nil {
		return nil, err
	}
	r, err := ParseRoster(data, o)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// ReadAgendaFile reads and parses an agenda file (CSV or .xlsx, by
// content; at most MaxSize bytes).
func ReadAgendaFile(path string, o Options) (*AgendaFile, error) {
	data, err := ReadLimited(path)
	if err != nil {
		return nil, err
	}
	a, err := ParseAgenda(data, o)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return a, nil
}

// ReadLimited reads a whole file, refusing folders and files over MaxSize.
func ReadLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, i18n.Errorf("%s is a folder, not a file", path)
	}
	return io.ReadAll(io.LimitReader(f, MaxSize+1))
}

// describe says how the file was read: "Read 12 rows (UTF-8,
// semicolon-separated)." or "Read 12 rows (Excel, sheet “Лист1”).", and
// where the header was when a title stood above it.
func (s Source) describe(p i18n.Printer, b *strings.Builder, rows int) {
	var how string
	switch {
	case s.Format == FormatExcel:
		how = p.T("Excel, sheet “%s”", model.SanitizeLine(s.Sheet))
	case s.Delimiter == ';':
		how = p.T("%s, semicolon-separated", s.Encoding)
	case s.Delimiter == '\t':
		how = p.T("%s, tab-separated", s.Encoding)
	default:
		how = p.T("%s, comma-separated", s.Encoding)
	}
	b.WriteString(p.T("Read %d rows (%s).", rows, how) + "\n")
	if s.Above > 0 {
		if s.Format == FormatExcel {
			b.WriteString(p.T("The header is on row %d; %d rows above it (a title) were skipped.", num(s.HeaderLine), s.Above) + "\n")
		} else {
			b.WriteString(p.T("The header is on line %d; %d lines above it (a title) were skipped.", num(s.HeaderLine), s.Above) + "\n")
		}
	}
}

// rejected lists at most max rejected rows.
func (s Source) rejected(p i18n.Printer, b *strings.Builder, rj []Rejected, max int) {
	for i, r := range rj {
		if i == max {
			b.WriteString(p.T("  … and %d more rejected rows", len(rj)-max) + "\n")
			break
		}
		if s.Format == FormatExcel {
			b.WriteString(p.T("  row %d: %s", num(r.Line), r.Reason.In(p)) + "\n")
		} else {
			b.WriteString(p.T("  line %d: %s", num(r.Line), r.Reason.In(p)) + "\n")
		}
	}
}

func ignored(p i18n.Printer, b *strings.Builder, cols []string) {
	if len(cols) > 0 {
		b.WriteString(p.T("Columns not used: %s", strings.Join(cols, ", ")) + "\n")
	}
}

// Report describes the roster and what importing it does (or did), in the
// words the command line and the app both show, in p's language, listing at
// most maxRejected rejected rows.
func (r *Roster) Report(p i18n.Printer, rep model.ImportReport, maxRejected int) string {
	var b strings.Builder
	r.describe(p, &b, len(r.People)+len(r.Rejected))
	if rep.DryRun {
		b.WriteString(p.T("%d to add, %d already present, %d rejected.", rep.Added, rep.Present, len(r.Rejected)) + "\n")
	} else {
		b.WriteString(p.T("%d added, %d already present, %d rejected.", rep.Added, rep.Present, len(r.Rejected)) + "\n")
	}
	r.rejected(p, &b, r.Rejected, maxRejected)
	r.duplicates(p, &b, rep, maxRejected)
	ignored(p, &b, r.Ignored)
	return b.String()
}

// line is the file's line (CSV) or row (Excel) of the i-th person read.
func (r *Roster) line(i int) num {
	if i >= 0 && i < len(r.Lines) {
		return num(r.Lines[i])
	}
	return num(i + 1)
}

// where says "line 4" (CSV) or "row 4" (Excel).
func (r *Roster) where(p i18n.Printer, i int) string { return r.Where(p, int(r.line(i))) }

// duplicates lists, for at most max rows already present, the person each
// matched, and what a row filled in on an existing person.
func (r *Roster) duplicates(p i18n.Printer, b *strings.Builder, rep model.ImportReport, max int) {
	if len(rep.Duplicates) > 0 {
		b.WriteString(p.T("Already present:") + "\n")
	}
	for i, d := range rep.Duplicates {
		if i == max {
			b.WriteString(p.T("  … and %d more already present", len(rep.Duplicates)-max) + "\n")
			break
		}
		if d.EarlierRow >= 0 {
			b.WriteString(p.T("  %s: repeats %s (%s)", r.where(p, d.Row), r.where(p, d.EarlierRow), p.Word(d.By)) + "\n")
		} else {
			b.WriteString(p.T("  %s: is “%s” (%s)", r.where(p, d.Row), model.SanitizeLine(d.ExistingName), p.Word(d.By)) + "\n")
		}
	}
	for i, f := range rep.Filled {
		if i == max {
			b.WriteString(p.T("  … and %d more people given a phone or an e-mail", len(rep.Filled)-max) + "\n")
			break
		}
		var what []string
		if f.Phone != "" {
			what = append(what, p.T("phone %s", model.SanitizeLine(f.Phone)))
		}
		if f.Email != "" {
			what = append(what, p.T("e-mail %s", model.SanitizeLine(f.Email)))
		}
		verb := p.T("%s gives “%s” the missing %s", r.where(p, f.Row), model.SanitizeLine(f.Name), strings.Join(what, ", "))
		if !rep.DryRun {
			verb = p.T("%s gave “%s” the missing %s", r.where(p, f.Row), model.SanitizeLine(f.Name), strings.Join(what, ", "))
		}
		b.WriteString("  " + verb + "\n")
	}
}

// Report describes the agenda file and what importing it does (or did):
// added items (to add, when dry), rejected rows (at most maxRejected), the
// items pinned to a fixed start, and the columns not used.
func (a *AgendaFile) Report(p i18n.Printer, added int, dry bool, maxRejected int) string {
	var b strings.Builder
	a.describe(p, &b, len(a.Items)+len(a.Rejected))
	if dry {
		b.WriteString(p.T("%d items to add, %d rejected.", added, len(a.Rejected)) + "\n")
	} else {
		b.WriteString(p.T("%d items added, %d rejected.", added, len(a.Rejected)) + "\n")
	}
	a.rejected(p, &b, a.Rejected, maxRejected)
	var pins []string
	for _, it := range a.Items {
		if it.PinnedStart != "" {
			pins = append(pins, it.PinnedStart+" "+model.Truncate(it.Title, 40))
		}
	}
	if len(pins) > 0 {
		b.WriteString(p.T("Pinned to a fixed start: %s", strings.Join(pins, ", ")) + "\n")
	}
	ignored(p, &b, a.Ignored)
	return b.String()
}
