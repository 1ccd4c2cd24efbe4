package cli

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"convene/i18n"
	"convene/report"
)

// Where every export goes: writeOut (crypt.go) is the one place that gives
// an export its io.Writer (a file written atomically, or standard output),
// encrypted when the export's --encrypt/--recipient flags say so.

// outputFlags are the flags every export shares: where (-o), in what
// format (--format, else the file's extension), and the language of the
// column headers (--headers en keeps English column names for scripts).
type outputFlags struct {
	path, format, headers string
}

func (o *outputFlags) add(p i18n.Printer, cmd *cobra.Command, formats []report.Format, def report.Format) {
	var names []string
	for _, f := range formats {
		names = append(names, string(f))
	}
	cmd.Flags().StringVarP(&o.path, "output", "o", "", p.T("write to FILE (default: standard output); its extension (%s) chooses the format", strings.Join(dotted(names), ", ")))
	cmd.Flags().StringVar(&o.format, "format", "", p.T("format: %s (default: from the -o file's extension, else %s)", strings.Join(names, ", "), string(def)))
	cmd.Flags().StringVar(&o.headers, "headers", "", p.T("en: English column headers whatever --lang says (for scripts)"))
}

func dotted(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "." + n
	}
	return out
}

// extFormats maps file extensions to formats.
var extFormats = map[string]report.Format{
	".csv": report.CSV, ".xlsx": report.XLSX, ".md": report.Markdown, ".markdown": report.Markdown,
	".html": report.HTML, ".htm": report.HTML,
}

// formatOf chooses the format: --format, else the -o file's extension
// (.csv, .xlsx, .md, .html; another extension is refused), else def; it
// must be one of allowed. A --format that disagrees with the
// file's extension is an error (a .csv file holding a workbook would
// confuse everyone).
func (o *outputFlags) formatOf(cmd *cobra.Command, allowed []report.Format, def report.Format) (report.Format, error) {
	var names []string
	for _, f := range allowed {
		names = append(names, string(f))
	}
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(o.path, ageExt)))
	byExt, known := extFormats[ext]
	f := def
	switch {
	case ext != "" && !known && o.format == "":
		// «-o list.pdf» would get a CSV file named .pdf
		return "", i18n.Errorf("%s: this export is written as %s; name the file with one of these extensions, or give --format", o.path, strings.Join(names, ", "))
	case o.format != "":
		f = report.Format(strings.ToLower(strings.TrimPrefix(o.format, ".")))
		if f == "markdown" {
			f = report.Markdown
		}
		if known && byExt != f {
			return "", i18n.Errorf("--format %s does not match the file %s: use a .%s file, or leave --format out", f, o.path, f)
		}
	case known:
		f = byExt
	}
	if !slices.Contains(allowed, f) {
		return "", i18n.Errorf("this export is written as %s, not %s", strings.Join(names, ", "), f)
	}
	if f == report.XLSX && (o.path == "" || o.path == "-") && isTerminal(cmd.OutOrStdout()) {
		return "", i18n.Errorf("an Excel workbook is not text: give a file with -o FILE.xlsx")
	}
	return f, nil
}

// isTerminal reports whether w is a terminal (a workbook would garble it).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// headerPrinter is the language of the column headers: English with
// --headers en, else the language of the run.
func (o *outputFlags) headerPrinter(cmd *cobra.Command) (i18n.Printer, error) {
	switch strings.ToLower(o.headers) {
	case "":
		return printer(cmd), nil
	case "en", "english":
		return i18n.New("en"), nil
	}
	code, ok := i18n.Match(o.headers)
	if !ok {
		return i18n.Printer{}, i18n.Errorf("--headers: unknown language %q (en, or leave it out for the language of the run)", o.headers)
	}
	return i18n.New(code), nil
}

// printer is the language of this run (--lang, $CONVENE_LANG, the
// system's; checked before any command runs).
func printer(cmd *cobra.Command) i18n.Printer {
	lang := ""
	if fl := cmd.Flag("lang"); fl != nil {
		lang = fl.Value.String()
	}
	p, err := i18n.Resolve(lang)
	if err != nil {
		return i18n.New("en")
	}
	return p
}
