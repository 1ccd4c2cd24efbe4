// Package report renders what leaves the laptop: the minutes of the
// discussion topics (Markdown or CSV), the agenda planned against actual,
// and attendance. Renderers are pure: data in, bytes out.
package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"convene/i18n"
	"convene/model"
)

// MDText escapes text so that it cannot change a Markdown document's
// structure: no headings, lists, tables, links, HTML or emphasis from data.
func MDText(s string) string {
	s = model.SanitizeLine(s)
	r := strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;",
		"[", `\[`, "]", `\]`, "#", `\#`, "~", `\~`)
	return r.Replace(s)
}

// mdParagraphs escapes multi-line text, keeping its line breaks, and
// makes sure no line starts something (a list, a quote, a heading, a rule).
func mdParagraphs(s, indent string) string {
	lines := strings.Split(model.SanitizeText(s), "\n")
	for i, l := range lines {
		l = MDText(l)
		if l != "" && strings.ContainsRune("-+=>0123456789", rune(l[0])) {
			l = `\` + l
		}
		if l == "" {
			lines[i] = ""
			continue
		}
		lines[i] = indent + l + "  " // a hard line break
	}
	return strings.TrimRight(strings.Join(lines, "\n"), " ")
}

// Minutes is what the minutes are made from.
type Minutes struct {
	Event    model.Event
	Sessions []model.Session // to say in which session a topic was raised
	Topics   []model.Topic
	Actions  map[string][]model.ActionItem
	Now      time.Time
	// P is the language of the minutes, H of the column headers of its
	// tables (--headers); the zero Printer is English.
	P, H i18n.Printer
}

func spent(p i18n.Printer, t model.Topic, now time.Time) string {
	if t.Clock.StartedAt.IsZero() {
		return p.T("not discussed")
	}
	return p.T("%s of %d min", model.FormatDuration(t.Clock.Elapsed(now)), int(t.Clock.Budget()/time.Minute))
}

//i18n:key
var sections = []struct {
	status model.TopicStatus
	title  string
}{
	{model.TopicDone, "Discussed"},
	{model.TopicDiscussing, "Being discussed"},
	{model.TopicProposed, "Not yet discussed"},
	{model.TopicParked, "Parking lot"},
}

func (m Minutes) sessionTitle(id string) string {
	for _, s := range m.Sessions {
		if s.ID == id {
			return s.Title
		}
	}
	return ""
}

// Markdown writes the minutes: topics grouped by status (most votes first),
// each with votes, time spent, who raised it, notes, outcome and actions.
func (m Minutes) Markdown(w io.Writer) error {
	p := m.P
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", p.T("Minutes: %s", MDText(m.Event.Name)))
	meta := []string{}
	if m.Event.Venue != "" {
		meta = append(meta, MDText(m.Event.Venue))
	}
	if m.Event.StartDate != "" {
		d := MDText(dayText(p, m.Event.StartDate))
		if m.Event.EndDate != "" && m.Event.EndDate != m.Event.StartDate {
			d += " – " + MDText(dayText(p, m.Event.EndDate))
		}
		meta = append(meta, d)
	}
	now := m.Now.Local()
	meta = append(meta, p.T("written %s", p.Date(now, i18n.DateLong)+" "+now.Format("15:04")))
	b.WriteString(strings.Join(meta, " · ") + "\n")
	topics := append([]model.Topic(nil), m.Topics...)
	model.SortTopics(topics, true)
	for _, sec := range sections {
		var in []model.Topic
		for _, t := range topics {
			if t.Status == sec.status {
				in = append(in, t)
			}
		}
		if len(in) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s (%d)\n", p.Word(sec.title), len(in))
		for _, t := range in {
			fmt.Fprintf(&b, "\n### %s\n\n", MDText(t.Title))
			fmt.Fprintf(&b, "- %s\n- %s\n- %s\n", p.T("Votes: %d", t.Votes), p.T("Time: %s", spent(p, t, m.Now)), p.T("Raised by: %s", MDText(raisedByText(p, t))))
			if s := m.sessionTitle(t.SessionID); s != "" {
				fmt.Fprintf(&b, "- %s\n", p.T("Raised in: %s", MDText(s)))
			}
			if t.Details != "" {
				fmt.Fprintf(&b, "\n**%s**\n\n%s\n", p.T("Details"), mdParagraphs(t.Details, ""))
			}
			if t.Notes != "" {
				fmt.Fprintf(&b, "\n**%s**\n\n%s\n", p.T("Notes"), mdParagraphs(t.Notes, ""))
			}
			if t.Outcome != "" {
				fmt.Fprintf(&b, "\n**%s**\n\n%s\n", p.T("Outcome / recommendation"), mdParagraphs(t.Outcome, ""))
			}
			if acts := m.Actions[t.ID]; len(acts) > 0 {
				fmt.Fprintf(&b, "\n**%s**\n\n| %s | %s | %s |\n|---|---|---|\n", p.T("Actions"), m.H.T("What"), m.H.T("Who"), m.H.T("By when"))
				for _, a := range acts {
					fmt.Fprintf(&b, "| %s | %s | %s |\n", MDText(a.What), MDText(a.Who), MDText(a.Due))
				}
			}
		}
	}
	if len(topics) == 0 {
		b.WriteString("\n" + p.T("No topics were raised.") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// CSV writes one row per topic (UTF-8 with BOM), actions joined in one
// cell, in English.
func (m Minutes) CSV(w io.Writer) error {
	t, err := NewTables(CSV, w, Doc{}, ',')
	if err != nil {
		return err
	}
	if err := m.Table(t, i18n.Printer{}); err != nil {
		return err
	}
	return t.Close()
}

// Table writes one row per topic (most votes first), actions joined in one
// cell, headers and words in h's language.
func (m Minutes) Table(t Tables, h i18n.Printer) error {
	cols := []Column{
		{Title: h.T("Status"), Width: 12}, {Title: h.T("Topic"), Width: 40}, {Title: h.T("Votes"), Width: 8, Kind: Number},
		{Title: h.T("Minutes spent"), Width: 10}, {Title: h.T("Timebox"), Width: 9, Kind: Number}, {Title: h.T("Raised by"), Width: 22},
		{Title: h.T("Details"), Width: 40}, {Title: h.T("Notes"), Width: 40}, {Title: h.T("Outcome"), Width: 40}, {Title: h.T("Actions"), Width: 40},
	}
	if err := t.Start(h.T("Topics"), cols); err != nil {
		return err
	}
	topics := append([]model.Topic(nil), m.Topics...)
	model.SortTopics(topics, true)
	for _, tp := range topics {
		mins := ""
		if !tp.Clock.StartedAt.IsZero() {
			mins = fmt.Sprintf("%.1f", tp.Clock.Elapsed(m.Now).Minutes())
		}
		var acts []string
		for _, a := range m.Actions[tp.ID] {
			acts = append(acts, strings.Join([]string{a.What, a.Who, a.Due}, " / "))
		}
		if err := t.Row(Str(h.Word(string(tp.Status))), Str(tp.Title), Int(tp.Votes), Str(mins), Int(tp.TimeboxMinutes), Str(raisedByText(h, tp)),
			Str(model.SanitizeText(tp.Details)), Str(model.SanitizeText(tp.Notes)), Str(model.SanitizeText(tp.Outcome)), Str(strings.Join(acts, "\n"))); err != nil {
			return err
		}
	}
	return nil
}

// CSVCell keeps a one-line cell from being read as a formula by a spreadsheet.
func CSVCell(s string) string { return formulaSafe(model.SanitizeLine(s)) }

// CSVText is CSVCell for multi-line text.
func CSVText(s string) string { return formulaSafe(model.SanitizeText(s)) }

func formulaSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
