package sheet

import (
	"strings"
	"testing"
	"time"

	"convene/model"
)

func TestParseCheckIns(t *testing.T) {
	data := "Список с листа регистрации;;;\n" +
		"ФИО;Часть;Время;Телефон\n" + // line 2
		"Нурланов Ерлан;1;09:12;\n" + // 3
		"Ахметова Айгерим;2;;\n" + // 4: no time, session 2
		";;;8 705 111 22 33\n" + // 5: by phone
		"Смит;;27.11.2026 9.05;\n" + // 6: a date and a time
		"Кто-то;;в обед;\n" + // 7: bad time
		";1;;\n" // 8: nobody
	l, err := ParseCheckIns([]byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Lines) != 4 || len(l.Rejected) != 2 || l.Rejected[0].Line != 7 || l.Rejected[1].Line != 8 {
		t.Fatalf("lines %+v rejected %+v", l.Lines, l.Rejected)
	}
	want := []CheckInLine{
		{Line: 3, Person: model.PersonRef{Name: "Нурланов Ерлан"}, Session: "1", Clock: 9*time.Hour + 12*time.Minute, HasTime: true},
		{Line: 4, Person: model.PersonRef{Name: "Ахметова Айгерим"}, Session: "2"},
		{Line: 5, Person: model.PersonRef{Phone: "8 705 111 22 33"}},
		{Line: 6, Person: model.PersonRef{Name: "Смит"}, Date: "2026-11-27", Clock: 9*time.Hour + 5*time.Minute, HasTime: true},
	}
	for i, w := range want {
		if l.Lines[i] != w {
			t.Errorf("line %d: %+v\nwant %+v", i, l.Lines[i], w)
		}
	}
	rep := l.Report(testPrinter, 10)
	if !strings.Contains(rep, "line 7: time \"в обед\" not understood") || !strings.Contains(rep, "The header is on line 2") {
		t.Errorf("report:\n%s", rep)
	}
	if _, err := ParseCheckIns([]byte("Session,Time\n1,09:00\n"), Options{}); err == nil {
		t.Error("a list that names nobody was read")
	}
}
