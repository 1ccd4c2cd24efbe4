package sheet

import (
	"strings"
	"testing"

	"convene/model"
)

func TestParseAgenda(t *testing.T) {
	data := "Название;Начало;Конец;Докладчик;Тип;Фикс\r\n" +
		"Открытие;09:00;09:15;Аким;;\r\n" + // 2: kind from the title
		"Кофе-брейк;09:15;09:30;;;\r\n" + // 3: kind from the title
		"Обед;13:00;14:00;;обед;да\r\n" + // 4: pinned to its start
		"Bad;11:15;11:00;;;\r\n" + // 5: ends before start
		";09:00;10:00;;;\r\n" + // 6: no title
		"Weird;09:00;10:00;;karaoke;\r\n" // 7: unknown kind
	a, err := ParseAgenda(cp1251(t, data))
	if err != nil {
		t.Fatal(err)
	}
	want := []model.AgendaItem{
		{Title: "Открытие", Presenter: "Аким", Kind: model.KindOther, PlannedMinutes: 15}, // "opening" is known: other
		{Title: "Кофе-брейк", Kind: model.KindBreak, PlannedMinutes: 15},
		{Title: "Обед", Kind: model.KindMeal, PlannedMinutes: 60, PinnedStart: "13:00"},
	}
	if len(a.Items) != len(want) {
		t.Fatalf("items = %+v", a.Items)
	}
	for i := range want {
		if a.Items[i] != want[i] {
			t.Errorf("item %d = %+v, want %+v", i, a.Items[i], want[i])
		}
	}
	lines := []int{5, 6, 7}
	for i, r := range a.Rejected {
		if r.Line != lines[i] {
			t.Errorf("rejected %d on line %d, want %d (%s)", i, r.Line, lines[i], r.Reason)
		}
	}
}

func TestParseAgendaMinutesAndRanges(t *testing.T) {
	a, err := ParseAgenda([]byte("Title,Minutes,Time\nA,45,\nB,1:30,\nC,20 min,\nD,,10:00-10:40\nE,lots,\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := []int{}
	for _, it := range a.Items {
		got = append(got, it.PlannedMinutes)
	}
	if len(got) != 4 || got[0] != 45 || got[1] != 90 || got[2] != 20 || got[3] != 40 {
		t.Errorf("minutes = %v", got)
	}
	if len(a.Rejected) != 1 || !strings.Contains(a.Rejected[0].Reason, "lots") {
		t.Errorf("rejected = %+v", a.Rejected)
	}
	for _, bad := range []string{"Presenter\nX\n", "Title\nX\n", ""} {
		if _, err := ParseAgenda([]byte(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func FuzzParseAgenda(f *testing.F) {
	f.Add([]byte("Title,Minutes\nOpening,15\n"))
	f.Add([]byte("Название;Начало;Конец\nОбед;13:00;14:00\n"))
	f.Add([]byte("Title\tTime\nA\t09:00-09:45\n"))
	f.Add([]byte("Title,Minutes,Fixed\nLunch,60,yes\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseAgenda(data)
		if err != nil {
			return
		}
		for _, it := range a.Items {
			if it.Title == "" || it.PlannedMinutes < 0 || it.PlannedMinutes > 1440 {
				t.Fatalf("bad item %+v", it)
			}
			if strings.ContainsAny(it.Title, "\x1b\x00\n") {
				t.Fatalf("unsafe title %q", it.Title)
			}
		}
	})
}
